"""What the documents of a matter say, read from the database alone (no request objects): the issuing
unit, place and date, labels of the law's items and forms, and every field of the decision record
(Law Art 20(2) (a)–(g)), in the words printed on it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from grassroots.core.official.text import BLANK, nfc, place_date, vn_date, vn_datetime, vn_percent
from grassroots.people.models import HouseholdLocation, Representation
from grassroots.territory.models import Unit, UnitKind

from .. import rules
from ..models import Attendance, Ballot, Choice, Form, Matter, Meeting, Participation, Scope

# TODO(law): the exact title of Form 03 in the annex of Decree 59/2023/NĐ-CP must be checked against
# the official text; until then a neutral title that covers every form Art 20(1) allows (resolution,
# minutes, memorandum or agreement) is used.
RECORD_TITLE = "VĂN BẢN QUYẾT ĐỊNH CỦA CỘNG ĐỒNG DÂN CƯ"
SLIP_TITLE = "PHIẾU LẤY Ý KIẾN HỘ GIA ĐÌNH"
LAW = "Luật Thực hiện dân chủ ở cơ sở"

# Law Art 15(1)–(6), the matters residents discuss and decide.
ITEM_LABELS = {
    1: "Chủ trương và mức đóng góp xây dựng, sửa chữa, cải tạo, nâng cấp công trình công cộng, cơ sở hạ tầng "
    "do Nhân dân đóng góp toàn bộ hoặc một phần kinh phí, tài sản, công sức",
    2: "Việc thu, chi, quản lý các khoản đóng góp của Nhân dân; việc quản lý, sử dụng các khoản kinh phí, tài sản "
    "do cộng đồng dân cư được giao quản lý hoặc được tài trợ, ủng hộ hợp pháp",
    3: "Nội dung hương ước, quy ước của cộng đồng dân cư",
    4: "Bầu, cho thôi làm Trưởng thôn, Tổ trưởng tổ dân phố",
    5: "Bầu, cho thôi làm thành viên Ban Thanh tra nhân dân, Ban Giám sát đầu tư của cộng đồng",
    6: "Các công việc tự quản khác trong nội bộ cộng đồng dân cư",
}
# Law Art 17(1)(a)–(c).
FORM_LABELS = {
    Form.MEETING: "Họp cộng đồng dân cư (điểm a khoản 1 Điều 17)",
    Form.BALLOT: "Phát phiếu lấy ý kiến của từng hộ gia đình (điểm b khoản 1 Điều 17)",
    Form.ONLINE: "Biểu quyết trực tuyến (điểm c khoản 1 Điều 17)",
}
METHOD_LABELS: dict[str, str] = {
    Meeting.Method.HANDS: "biểu quyết bằng hình thức giơ tay",
    Meeting.Method.SECRET: "bỏ phiếu kín",
}
CHOICE_LABELS = {
    Choice.AGREE: "Tán thành",
    Choice.DISAGREE: "Không tán thành",
    Choice.OTHER: "Ý kiến khác",
}
SIGNATORY_KEYS = ("village_head", "front_head", "representative_1", "representative_2")
MAX_OTHER_OPINIONS = 100
VILLAGE_TABLE_HEADER = ("Thôn, tổ dân phố", "Số hộ", "Tán thành", "Không tán thành", "Ý kiến khác", "Kết quả")
# Prefixes of commune-level names dropped in the place line ("Xã Quảng Phú" -> "Quảng Phú, ngày …").
PLACE_PREFIXES = ("Đặc khu ", "Thị trấn ", "Phường ", "Xã ")


# --- Facts shared by every document -----------------------------------------------------------
def commune_of(matter: Matter) -> Unit:
    return matter.unit if matter.scope == Scope.COMMUNE or matter.unit.parent is None else matter.unit.parent


def unit_lines(matter: Matter) -> tuple[str, str]:
    """The issuing unit, top left: the commune above the village, or the People's Committee of the commune."""
    if matter.scope == Scope.COMMUNE:
        return "ỦY BAN NHÂN DÂN", nfc(matter.unit.name).upper()
    parent = matter.unit.parent
    return (nfc(parent.name).upper() if parent else ""), nfc(matter.unit.name).upper()


def place_name(matter: Matter) -> str:
    name = nfc(commune_of(matter).name)
    for prefix in PLACE_PREFIXES:
        if name.startswith(prefix) and len(name) > len(prefix):
            return name[len(prefix) :]
    return name


def village_head_title(matter: Matter) -> str:
    if matter.scope == Scope.COMMUNE:
        return "Trưởng thôn/Tổ trưởng tổ dân phố"
    return "Tổ trưởng tổ dân phố" if matter.unit.kind == UnitKind.RESIDENTIAL_GROUP else "Trưởng thôn"


# The kind words a village's own name may start with ("Thôn 2", "Tổ dân phố 2", "Ấp 3", "Bản Nà").
_KIND_WORDS = ("tổ dân phố", "thôn", "làng", "xóm", "ấp", "bản", "buôn", "plei", "phum", "sóc", "khu phố", "khóm")


def head_of_community(matter: Matter) -> str:
    """The village head's title with the village's name, without saying the kind twice: "Tổ trưởng Tổ
    dân phố 2" (not "Tổ trưởng tổ dân phố Tổ dân phố 2"), "Trưởng Thôn 2", "Trưởng thôn Đông Hòa"."""
    name = community_name(matter)
    if matter.scope == Scope.COMMUNE:
        return f"{village_head_title(matter)} {name}"
    residential = matter.unit.kind == UnitKind.RESIDENTIAL_GROUP
    lowered = name.casefold()
    if any(lowered == word or lowered.startswith(word + " ") for word in _KIND_WORDS):
        return f"{'Tổ trưởng' if residential else 'Trưởng'} {name}"
    return f"{village_head_title(matter)} {name}"


def community_name(matter: Matter) -> str:
    """ "thôn Thôn A1" reads badly: the unit's own name says what it is."""
    return nfc(matter.unit.name)


def signatory_name(matter: Matter, key: str) -> str:
    value = (matter.signatories or {}).get(key, "")
    if isinstance(value, dict):
        value = value.get("name", "")
    return nfc(value).strip()


def record_day(matter: Matter) -> dt.date:
    return timezone.localdate(matter.closed_at) if matter.closed_at else timezone.localdate()


def households_without_representative(matter: Matter, day: dt.date) -> int:
    """Households of the matter's village(s) on the day with no representative on that day (Art 20(2)(b))."""
    represented = Representation.objects.on(day).values("household_id")
    return (
        HouseholdLocation.objects.on(day)
        .filter(unit__path__startswith=matter.unit.path)
        .exclude(household_id__in=represented)
        .count()
    )


def households_present(matter: Matter) -> int:
    """At a meeting, the households whose representative attended; otherwise those who took part."""
    if matter.form == Form.MEETING:
        return (
            Attendance.objects.filter(meeting__matter=matter, meeting__round=matter.round)
            .values("household_id")
            .distinct()
            .count()
        )
    if matter.result and matter.result.get("participants") is not None:
        return int(matter.result["participants"])
    return Participation.objects.filter(matter=matter, round=matter.round).count()


def current_meeting(matter: Matter) -> Meeting | None:
    return matter.meetings.order_by("-round", "-starts_at").first()


@dataclass(frozen=True)
class VillageRow:
    name: str
    households: int
    agree: int
    disagree: int
    other: int
    adopted: bool | None

    @property
    def agree_percent(self) -> str:
        return vn_percent(self.agree, self.households)

    @property
    def disagree_percent(self) -> str:
        return vn_percent(self.disagree, self.households)

    @property
    def other_percent(self) -> str:
        return vn_percent(self.other, self.households)

    def cells(self) -> tuple[str, ...]:
        """The row of the villages table in the record (VILLAGE_TABLE_HEADER's columns)."""
        return (
            self.name,
            str(self.households),
            f"{self.agree} ({self.agree_percent})",
            f"{self.disagree} ({self.disagree_percent})",
            f"{self.other} ({self.other_percent})",
            "Đạt" if self.adopted else "Không đạt",
        )


def village_rows(matter: Matter) -> list[VillageRow]:
    result = matter.result or {}
    names = {u.code: nfc(u.name) for u in Unit.objects.filter(code__in=[v["unit"] for v in result.get("villages", [])])}
    return [
        VillageRow(
            names.get(v["unit"], v["unit"]), v["households"], v["agree"], v["disagree"], v["other"], v.get("adopted")
        )
        for v in result.get("villages", [])
    ]


def threshold_text(matter: Matter) -> str:
    if matter.item in rules.TWO_THIRDS_ITEMS:
        if matter.scope == Scope.COMMUNE:
            return "ít nhất 2/3 tổng số thôn, tổ dân phố trên địa bàn xã tán thành (khoản 1 Điều 21)"
        return "ít nhất 2/3 tổng số đại diện hộ gia đình tán thành (khoản 1 Điều 21)"
    return "trên 50% tổng số đại diện hộ gia đình tán thành (khoản 1 Điều 21)"


def other_opinions(matter: Matter) -> list[str]:
    """The written other opinions, in token order (random): nothing links them to a household."""
    comments = (
        Ballot.objects.filter(matter=matter, round=matter.round)
        .exclude(comment="")
        .order_by("token")
        .values_list("comment", flat=True)[:MAX_OTHER_OPINIONS]
    )
    return [nfc(c).strip() for c in comments]


@dataclass(frozen=True)
class RecordFacts:
    """Every field of Law Art 20(2) (a)–(g), in the words printed on the record."""

    unit_lines: tuple[str, str]
    place_date: str
    day: dt.date  # (a)
    households: int  # (b) H
    present: int  # (b)
    present_label: str
    unrepresented: int  # (b)
    item_label: str  # (c)
    title: str
    question: str
    form_label: str  # (d)
    form_details: list[str]
    villages: list[VillageRow]  # (e)
    agree: int
    disagree: int
    other: int
    total: int
    adopted: bool | None
    conclusion: str
    threshold: str
    opinions: list[str]
    decision: str  # (f)
    signatures: list[tuple[str, str]] = field(default_factory=list)  # (g) (role, name)
    commune_wide: bool = False


def record_facts(matter: Matter) -> RecordFacts:
    day = record_day(matter)
    result = matter.result or {}
    form = matter.form or Form.MEETING
    details: list[str] = []
    meeting = current_meeting(matter) if form == Form.MEETING else None
    if meeting is not None:
        details.append(f"Thời gian họp: {vn_datetime(meeting.starts_at)}; địa điểm: {nfc(meeting.place)}.")
        if meeting.method:
            details.append(f"Cách biểu quyết: {METHOD_LABELS.get(meeting.method, meeting.method)}.")
    elif form in (Form.BALLOT, Form.ONLINE):
        if matter.opened_at:
            details.append(f"Bắt đầu: {vn_datetime(matter.opened_at)}.")
        end = matter.closed_at or matter.closes_at
        if end:
            details.append(f"Kết thúc: {vn_datetime(end)}.")
    present_label = {
        Form.MEETING: "Số đại diện hộ gia đình có mặt",
        Form.BALLOT: "Số đại diện hộ gia đình tham gia (số phiếu thu về)",
        Form.ONLINE: "Số đại diện hộ gia đình tham gia biểu quyết trực tuyến",
    }[Form(form)]
    households = matter.household_count if matter.household_count is not None else int(result.get("households") or 0)
    if matter.adopted is None:
        conclusion = "Chưa có kết quả."
    elif matter.adopted:
        conclusion = "Nội dung ĐƯỢC THÔNG QUA."
    else:
        conclusion = "Nội dung KHÔNG ĐƯỢC THÔNG QUA."
    head = village_head_title(matter)
    return RecordFacts(
        unit_lines=unit_lines(matter),
        place_date=place_date(place_name(matter), day),
        day=day,
        households=households,
        present=households_present(matter),
        present_label=present_label,
        unrepresented=households_without_representative(matter, day),
        item_label=f"Khoản {matter.item} Điều 15 {LAW}: {ITEM_LABELS[matter.item]}",
        title=nfc(matter.title),
        question=nfc(matter.question),
        form_label=FORM_LABELS[Form(form)],
        form_details=details,
        villages=village_rows(matter),
        agree=int(result.get("agree") or 0),
        disagree=int(result.get("disagree") or 0),
        other=int(result.get("other") or 0),
        total=int(result.get("total") or 0),
        adopted=matter.adopted,
        conclusion=conclusion,
        threshold=threshold_text(matter),
        opinions=other_opinions(matter),
        decision=nfc(matter.decision_text).strip(),
        signatures=[
            (head.upper(), signatory_name(matter, "village_head")),
            ("TRƯỞNG BAN CÔNG TÁC MẶT TRẬN", signatory_name(matter, "front_head")),
            ("ĐẠI DIỆN HỘ GIA ĐÌNH", signatory_name(matter, "representative_1")),
            ("ĐẠI DIỆN HỘ GIA ĐÌNH", signatory_name(matter, "representative_2")),
        ],
        commune_wide=matter.scope == Scope.COMMUNE,
    )


def record_sections(f: RecordFacts) -> list[tuple[str, list[str]]]:
    """The body of the record as (heading, paragraphs), the same in DOCX and PDF."""
    result = [
        f"Tán thành: {f.agree}/{f.households} hộ ({vn_percent(f.agree, f.households)} tổng số hộ gia đình).",
        f"Không tán thành: {f.disagree}/{f.households} hộ ({vn_percent(f.disagree, f.households)}).",
        f"Ý kiến khác: {f.other}/{f.households} hộ ({vn_percent(f.other, f.households)}).",
    ]
    if f.commune_wide:
        approving = sum(1 for v in f.villages if v.adopted)
        result.append(f"Số thôn, tổ dân phố tán thành: {approving}/{len(f.villages)}.")
    result += [
        f"Điều kiện thông qua: {f.threshold}.",
        f"Kết luận: {f.conclusion}",
    ]
    if f.opinions:
        result.append("Các ý kiến khác: " + "; ".join(f"«{o}»" for o in f.opinions))
    return [
        ("1. Thời gian", [f"Văn bản được lập {vn_date(f.day)}."]),
        (
            "2. Số hộ gia đình",
            [
                f"Tổng số hộ gia đình: {f.households} hộ.",
                f"{f.present_label}: {f.present} hộ.",
                f"Số hộ gia đình không có người đại diện: {f.unrepresented} hộ.",
            ],
        ),
        ("3. Nội dung bàn và quyết định", [f.item_label + ".", f"Vấn đề: {f.title}.", f"Câu hỏi: {f.question}"]),
        ("4. Hình thức quyết định", [f.form_label + ".", *f.form_details]),
        ("5. Kết quả biểu quyết", result),
        ("6. Quyết định của cộng đồng dân cư", (f.decision or BLANK * 3).splitlines() or [BLANK]),
    ]
