"""The forms of Decree 61, as DOCX and PDF through the official-document toolkit, from the database alone.

- Form 01: the village head's request for recognition (Tờ trình đề nghị công nhận), D61 Art 11(1)(a);
- Form 02: the resolution of the community meeting adopting the convention (Nghị quyết), Art 11(1)(b);
- the adopted text itself (Art 11(1)(c)), article by article;
- Form 03: the commune People's Committee's decision recognizing it (Quyết định công nhận), Art 11(3);
- Form 04: the decision suspending it, wholly or partly (Quyết định tạm ngưng), Art 12(2);
- Form 05: the decision abolishing it (Quyết định bãi bỏ), Art 14(3).

The words are Vietnamese on purpose (official documents, not interface strings).
"""

from __future__ import annotations

from grassroots.core.official.paper import Paper
from grassroots.core.official.text import nfc, place_date, vn_date, vn_percent
from grassroots.territory.models import Unit, UnitKind

from .models import Kind, Ruling, RulingKind, Version

PLACE_PREFIXES = ("Đặc khu ", "Thị trấn ", "Phường ", "Xã ")
DECREE = "Nghị định số 61/2023/NĐ-CP ngày 16 tháng 8 năm 2023 của Chính phủ quy định về xây dựng và thực hiện hương ước, quy ước của cộng đồng dân cư"
LAW = "Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15"
LOCAL_GOVERNMENT = "Luật Tổ chức chính quyền địa phương"


def _commune(village: Unit) -> Unit:
    return village.parent or village


def _place(village: Unit) -> str:
    name = nfc(_commune(village).name)
    for prefix in PLACE_PREFIXES:
        if name.startswith(prefix) and len(name) > len(prefix):
            return name[len(prefix) :]
    return name


def _head_title(village: Unit) -> str:
    return "Tổ trưởng tổ dân phố" if village.kind == UnitKind.RESIDENTIAL_GROUP else "Trưởng thôn"


def _village_lines(village: Unit) -> tuple[str, str]:
    return nfc(_commune(village).name).upper(), nfc(village.name).upper()


def _committee_lines(village: Unit) -> tuple[str, str]:
    return "ỦY BAN NHÂN DÂN", nfc(_commune(village).name).upper()


def _kind_word(version: Version) -> str:
    return "hương ước" if version.convention.kind == Kind.HUONG_UOC else "quy ước"


def _title(version: Version) -> str:
    return nfc(version.convention.title)


# --- The papers ------------------------------------------------------------------------------------
def request_paper(version: Version) -> Paper:
    """Form 01 (D61 Art 11(1)(a))."""
    village = version.convention.village
    kind = _kind_word(version)
    paper = Paper("TỜ TRÌNH", f"Về việc đề nghị công nhận {kind}", _village_lines(village),
                  place_date(_place(village), version.dossier_filed_on))  # fmt: skip
    paper.paragraph(f"Kính gửi: Ủy ban nhân dân {nfc(_commune(village).name)}", bold=True)
    paper.paragraph(f"Căn cứ {DECREE};")
    matter = version.matter
    if version.adopted_on is not None:
        paper.paragraph(
            f"Ngày {vn_date(version.adopted_on)[5:]}, cộng đồng dân cư {nfc(village.name)} đã thông qua {_title(version)}."
        )
    if matter is not None and matter.result:
        agree, households = int(matter.result.get("agree", 0)), int(matter.household_count or 0)
        paper.paragraph(f"Số hộ gia đình tán thành: {agree}/{households} hộ ({vn_percent(agree, households)}).")
    paper.paragraph(nfc(version.request_text) or f"Đề nghị Ủy ban nhân dân xem xét, công nhận {_title(version)}.")
    paper.paragraph(
        "Hồ sơ gửi kèm: Nghị quyết (biên bản) hội nghị cộng đồng dân cư; văn bản " + kind + " đã được thông qua."
    )
    signatories = (matter.signatories if matter is not None else {}) or {}
    paper.signatures = [(_head_title(village), str(signatories.get("village_head", "")))]
    return paper


def resolution_paper(version: Version) -> Paper:
    """Form 02 (D61 Art 11(1)(b)): what the meeting (or the ballot) decided, with the count."""
    village = version.convention.village
    matter = version.matter
    paper = Paper("NGHỊ QUYẾT", f"Thông qua {_title(version)}", _village_lines(village),
                  place_date(_place(village), version.adopted_on))  # fmt: skip
    paper.paragraph(f"HỘI NGHỊ CỘNG ĐỒNG DÂN CƯ {nfc(village.name).upper()}", bold=True)
    paper.paragraph(f"Căn cứ {LAW};")
    paper.paragraph(f"Căn cứ {DECREE};")
    if matter is not None:
        households = int(matter.household_count or 0)
        result = matter.result or {}
        agree = int(result.get("agree", 0))
        paper.paragraph(f"Tổng số hộ gia đình: {households} hộ.")
        paper.paragraph(f"Số hộ tán thành: {agree} hộ ({vn_percent(agree, households)}); không tán thành: "
                  f"{int(result.get('disagree', 0))} hộ; ý kiến khác: {int(result.get('other', 0))} hộ.")  # fmt: skip
        paper.paragraph("QUYẾT NGHỊ:", bold=True)
        verdict = "được thông qua" if matter.adopted else "không được thông qua"
        paper.paragraph(f"Điều 1. {_title(version)} (dự thảo lần {version.number}) {verdict} với trên 50% tổng số hộ gia đình tán thành."
                  if matter.adopted else f"Điều 1. {_title(version)} {verdict}.")  # fmt: skip
        if matter.decision_text:
            paper.paragraph(nfc(matter.decision_text))
        signatories = matter.signatories or {}
    else:
        signatories = {}
    paper.signatures = [
        ("Trưởng ban công tác Mặt trận", str(signatories.get("front_head", ""))),
        (_head_title(village), str(signatories.get("village_head", ""))),
        ("Đại diện hộ gia đình", str(signatories.get("representative_1", ""))),
        ("Đại diện hộ gia đình", str(signatories.get("representative_2", ""))),
    ]
    return paper


def text_paper(version: Version) -> Paper:
    """The adopted (or draft) text itself, article by article (D61 Art 6)."""
    village = version.convention.village
    status = "" if version.recognized_on else f" (dự thảo lần {version.number})"
    paper = Paper(f"{_kind_word(version).upper()}{status}", _title(version), _village_lines(village),
                  place_date(_place(village), version.adopted_on or version.posted_on))  # fmt: skip
    for article in version.articles.all():
        if article.number:
            paper.paragraph(f"Điều {article.number}. {nfc(article.title)}", bold=True)
        for line in nfc(article.body).splitlines():
            if line.strip():
                paper.paragraph(line)
    if version.recognized_on:
        paper.paragraph(f"Được công nhận theo Quyết định số {version.decision_number or '……'} ngày {vn_date(version.recognized_on)[5:]} "
                  f"của Ủy ban nhân dân {nfc(_commune(village).name)}.")  # fmt: skip
    return paper


def recognition_paper(version: Version) -> Paper:
    """Form 03 (D61 Art 11(3)-(4)): the recognition decision; in force on its date."""
    village = version.convention.village
    commune = nfc(_commune(village).name)
    number = version.decision_number or "……"
    paper = Paper("QUYẾT ĐỊNH", f"Về việc công nhận {_title(version)}", _committee_lines(village),
                  place_date(_place(village), version.recognized_on))  # fmt: skip
    paper.paragraph(f"Số: {number}/QĐ-UBND")
    paper.paragraph(f"ỦY BAN NHÂN DÂN {commune.upper()}", bold=True)
    paper.paragraph(f"Căn cứ {LOCAL_GOVERNMENT};")
    paper.paragraph(f"Căn cứ {DECREE};")
    paper.paragraph(f"Xét Tờ trình của {_head_title(village).lower()} {nfc(village.name)}"
              + (f" ngày {vn_date(version.dossier_filed_on)[5:]}" if version.dossier_filed_on else "") + ".")  # fmt: skip
    paper.paragraph("QUYẾT ĐỊNH:", bold=True)
    paper.paragraph(
        f"Điều 1. Công nhận {_title(version)} của cộng đồng dân cư {nfc(village.name)} (kèm theo Quyết định này)."
    )
    effective = vn_date(version.effective_on)[5:] if version.effective_on else "ký"
    paper.paragraph(f"Điều 2. Quyết định này có hiệu lực kể từ ngày {effective}.")
    paper.paragraph(f"Điều 3. {_head_title(village)}, Trưởng ban công tác Mặt trận {nfc(village.name)} và các hộ gia đình "
              "chịu trách nhiệm thi hành Quyết định này.")  # fmt: skip
    chair = version.decided_by
    name = f"{chair.last_name} {chair.first_name}".strip() if chair is not None else ""
    paper.signatures = [("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH", name)]
    return paper


def ruling_paper(ruling: Ruling) -> Paper:
    """Form 04 (suspension, D61 Art 12(2)) or Form 05 (abolition, Art 14(3))."""
    version = ruling.version
    village = version.convention.village
    suspension = ruling.kind == RulingKind.SUSPENSION
    verb = "tạm ngưng thực hiện" if suspension else "bãi bỏ"
    extent = "toàn bộ" if ruling.whole else f"một phần ({nfc(ruling.articles)})"
    paper = Paper("QUYẾT ĐỊNH", f"Về việc {verb} {extent} {_title(version)}", _committee_lines(village),
                  place_date(_place(village), ruling.decided_on))  # fmt: skip
    paper.paragraph(f"Số: {ruling.decision_number or '……'}/QĐ-UBND")
    paper.paragraph(f"ỦY BAN NHÂN DÂN {nfc(_commune(village).name).upper()}", bold=True)
    paper.paragraph(f"Căn cứ {LOCAL_GOVERNMENT};")
    paper.paragraph(f"Căn cứ {DECREE};")
    paper.paragraph(f"Xét báo cáo của {nfc(ruling.reported_by)} nhận ngày {vn_date(ruling.received_on)[5:]}.")
    paper.paragraph("QUYẾT ĐỊNH:", bold=True)
    paper.paragraph(f"Điều 1. {verb.capitalize()} {extent} {_title(version)}.")
    paper.paragraph(f"Lý do: {nfc(ruling.reasons)}")
    if suspension and ruling.fix_by:
        paper.paragraph(f"Điều 2. Cộng đồng dân cư {nfc(village.name)} sửa đổi, bổ sung trước ngày {vn_date(ruling.fix_by)[5:]}. "
                  "Việc tạm ngưng chấm dứt khi bản sửa đổi được công nhận.")  # fmt: skip
    paper.paragraph(f"Điều {3 if suspension else 2}. Quyết định này có hiệu lực kể từ ngày ký.")
    chair = ruling.decided_by
    name = f"{chair.last_name} {chair.first_name}".strip() if chair is not None else ""
    paper.signatures = [("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH", name)]
    return paper


FORMS = {
    "01": request_paper,
    "02": resolution_paper,
    "text": text_paper,
    "03": recognition_paper,
}


def available_forms(version: Version) -> list[str]:
    """The version's documents that exist: the text once posted; Forms 01-02 once filed; Form 03 once recognized."""
    found = []
    if version.posted_on is not None:
        found.append("text")
    if version.dossier_filed_on is not None:
        found += ["01", "02"]
    if version.recognized_on is not None:
        found.append("03")
    return found


def ruling_form(ruling: Ruling) -> str | None:
    """Form 04 or 05 once the commune decided; nothing for an answer that the report is unfounded."""
    if ruling.decided_on is None or ruling.outcome != "done":
        return None
    return "04" if ruling.kind == RulingKind.SUSPENSION else "05"
