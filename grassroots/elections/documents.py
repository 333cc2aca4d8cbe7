"""The papers of a village-head election and dismissal (D59 Arts 6–9), as DOCX and PDF, built from the
recorded data with the official-document toolkit (grassroots.core.official).

Election: the decision and plan, the candidate list minutes (D59 Form 05), the public notice, the
ballot, the counting minutes, the election result record, the recognition decision. Dismissal: the
dismissal record and its recognition decision. The words are Vietnamese on purpose (official documents,
not interface strings); every text is NFC-normalized before it is drawn.
"""

from __future__ import annotations

from collections.abc import Callable

from grassroots.core.official import BLANK, nfc, place_date, vn_date, vn_percent
from grassroots.core.official.paper import Paper
from grassroots.decisions.documents.facts import PLACE_PREFIXES
from grassroots.decisions.rules import Item, least_agreeing_to_adopt
from grassroots.territory.models import Unit, UnitKind

from .models import Dismissal, Election

LAW_BASIS = "Căn cứ Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15 và Nghị định số 59/2023/NĐ-CP của Chính phủ;"
NO_WINNER_TEXT = {
    "no_candidate": "không có người ứng cử",
    "no_majority": "không có người ứng cử nào được trên 50% tổng số đại diện hộ gia đình của thôn, tổ dân phố tán thành",
    "tie": "hai người ứng cử trở lên có số phiếu cao nhất bằng nhau",
}
METHOD_TEXT = {"hands": "biểu quyết giơ tay", "secret": "bỏ phiếu kín"}
TRIGGER_TEXT = {
    "resignation": "Đơn xin thôi làm Trưởng thôn gửi Chủ tịch Ủy ban nhân dân cấp xã",
    "front_proposal": "Đề nghị của Trưởng Ban công tác Mặt trận",
    "petition": "Kiến nghị của từ 50% trở lên số hộ gia đình (đại diện hộ gia đình) của thôn, tổ dân phố",
}


def _paper(
    title: str,
    subject: str,
    unit_lines: tuple[str, str],
    place: str,
    sections: list[tuple[str, list[str]]],
    signatures: list[tuple[str, str]],
    *,
    table: tuple[tuple[str, ...], list[tuple[str, ...]]] | None = None,
    basis: tuple[str, ...] = (LAW_BASIS,),
) -> Paper:
    return Paper(title, subject, unit_lines, place, sections, signatures, table=table, basis=basis)


def head_title(village: Unit) -> str:
    return "Tổ trưởng tổ dân phố" if village.kind == UnitKind.RESIDENTIAL_GROUP else "Trưởng thôn"


def _commune(village: Unit) -> Unit:
    return village.parent or village


def _place(village: Unit) -> str:
    name = nfc(_commune(village).name)
    for prefix in PLACE_PREFIXES:
        if name.startswith(prefix) and len(name) > len(prefix):
            return name[len(prefix) :]
    return name


def _committee_lines(village: Unit) -> tuple[str, str]:
    return "ỦY BAN NHÂN DÂN", nfc(_commune(village).name).upper()


def _village_lines(village: Unit) -> tuple[str, str]:
    return nfc(_commune(village).name).upper(), nfc(village.name).upper()


def _candidates_rows(election: Election, *, votes: bool) -> tuple[tuple[str, ...], list[tuple[str, ...]]]:
    nominated = {"front": "Ban công tác Mặt trận", "households": "Hộ gia đình giới thiệu", "floor": "Tại hội nghị"}
    rows: list[tuple[str, ...]]
    if votes:
        rows = [
            (
                str(i),
                nfc(c.full_name),
                nominated[c.nominated],
                str(c.votes or 0),
                vn_percent(c.votes or 0, election.households or 0),
            )
            for i, c in enumerate(election.candidates.all(), start=1)
        ]
        return ("STT", "Họ và tên", "Giới thiệu", "Số phiếu", "Tỷ lệ / tổng số hộ"), rows
    rows = [(str(i), nfc(c.full_name), nominated[c.nominated]) for i, c in enumerate(election.candidates.all(), 1)]
    return ("STT", "Họ và tên", "Giới thiệu"), rows


def decision_paper(e: Election) -> Paper:
    v, title = e.village, head_title(e.village)
    return _paper(
        "QUYẾT ĐỊNH",
        f"Về việc tổ chức bầu {title} {nfc(v.name)} và ban hành kế hoạch",
        _committee_lines(v),
        place_date(_place(v), e.decided_on),
        [
            (
                "Điều 1.",
                [f"Tổ chức hội nghị bầu {title} {nfc(v.name)} vào {vn_date(e.election_day)}, tại {nfc(e.place)}."],
            ),
            ("Điều 2. Kế hoạch", [nfc(line) for line in e.plan.splitlines() if line.strip()]),
            (
                "Điều 3.",
                [
                    "Ban công tác Mặt trận lập danh sách người ứng cử chậm nhất 15 ngày, Tổ bầu cử được "
                    "thành lập chậm nhất 10 ngày, thông báo đến Nhân dân chậm nhất 07 ngày trước ngày bầu cử "
                    "(Điều 6 Nghị định số 59/2023/NĐ-CP)."
                ],
            ),
        ],
        [("CHỦ TỊCH", "")],
    )


def candidates_paper(e: Election) -> Paper:
    v, title = e.village, head_title(e.village)
    return _paper(
        "BIÊN BẢN",
        f"Hội nghị Ban công tác Mặt trận lập danh sách người ứng cử {title} (Mẫu 05)",
        ("BAN CÔNG TÁC MẶT TRẬN", nfc(v.name).upper()),
        place_date(_place(v), e.candidates_filed_on),
        [("Danh sách chính thức người ứng cử", [f"Số người ứng cử: {e.candidates.count()}."])],
        [("TRƯỞNG BAN CÔNG TÁC MẶT TRẬN", ""), ("THƯ KÝ", "")],
        table=_candidates_rows(e, votes=False),
    )


def notice_paper(e: Election) -> Paper:
    v, title = e.village, head_title(e.village)
    team = [f"{nfc(m.full_name)}{' (Tổ trưởng)' if m.leads else ''}" for m in e.team.all()]
    return _paper(
        "THÔNG BÁO",
        f"Về việc bầu {title} {nfc(v.name)}",
        _committee_lines(v),
        place_date(_place(v), e.notice_on),
        [
            (
                "Thời gian, địa điểm",
                [f"Hội nghị bầu {title} được tổ chức vào {vn_date(e.election_day)}, tại {nfc(e.place)}."],
            ),
            ("Danh sách người ứng cử", [nfc(c.full_name) for c in e.candidates.all()]),
            ("Tổ bầu cử", team or [BLANK]),
            ("Hình thức thông báo", [nfc(e.notice_how) or BLANK]),
        ],
        [("TM. ỦY BAN NHÂN DÂN", "")],
    )


def ballot_paper(e: Election) -> Paper:
    v, title = e.village, head_title(e.village)
    return _paper(
        "PHIẾU BẦU",
        f"{title} {nfc(v.name)}",
        _village_lines(v),
        place_date(_place(v), e.election_day),
        [
            ("Hướng dẫn", ["Giữ lại tên người được bầu, gạch ngang họ tên những người không bầu."]),
            ("Danh sách người ứng cử", [f"{i}. {nfc(c.full_name)}" for i, c in enumerate(e.candidates.all(), 1)]),
        ],
        [],
        basis=(),
    )


def _result_lines(e: Election) -> list[str]:
    households = e.households or 0
    needed = least_agreeing_to_adopt(Item.VILLAGE_HEAD, households)
    lines = [
        f"Tổng số hộ gia đình của thôn, tổ dân phố: {households}.",
        f"Số đại diện hộ gia đình có mặt: {e.present or 0}.",
        f"Hình thức biểu quyết: {METHOD_TEXT.get(e.method, BLANK)}.",
        f"Số phiếu cần để trúng cử (trên 50% tổng số hộ gia đình): {needed or BLANK}.",
    ]
    if e.winner:
        lines.append(
            f"Người trúng cử: {nfc(e.winner.full_name)}, đạt {e.winner.votes} phiếu "
            f"({vn_percent(e.winner.votes or 0, households)} tổng số hộ gia đình)."
        )
    else:
        lines.append(
            f"Không có người trúng cử, lý do: {NO_WINNER_TEXT.get(e.no_winner_reason, BLANK)}. "
            "Đề nghị Ủy ban nhân dân cấp xã quyết định bầu lại."
        )
    return lines


def _team_signatures(e: Election) -> list[tuple[str, str]]:
    leader = next((m for m in e.team.all() if m.leads), None)
    return [("TỔ TRƯỞNG TỔ BẦU CỬ", nfc(leader.full_name) if leader else ""), ("THƯ KÝ", "")]


def count_paper(e: Election) -> Paper:
    v, title = e.village, head_title(e.village)
    return _paper(
        "BIÊN BẢN KIỂM PHIẾU",
        f"Bầu {title} {nfc(v.name)}",
        _village_lines(v),
        place_date(_place(v), e.election_day),
        [("Kết quả kiểm phiếu", _result_lines(e)[:4])],
        _team_signatures(e),
        table=_candidates_rows(e, votes=True),
    )


def result_paper(e: Election) -> Paper:
    v, title = e.village, head_title(e.village)
    return _paper(
        "BIÊN BẢN",
        f"Kết quả bầu {title} {nfc(v.name)}",
        _village_lines(v),
        place_date(_place(v), e.election_day),
        [("Kết quả bầu cử", _result_lines(e))],
        _team_signatures(e),
        table=_candidates_rows(e, votes=True),
    )


def recognition_paper(e: Election) -> Paper:
    v, title = e.village, head_title(e.village)
    winner = nfc(e.winner.full_name) if e.winner else BLANK
    return _paper(
        "QUYẾT ĐỊNH",
        f"Về việc công nhận {title} {nfc(v.name)}",
        _committee_lines(v),
        place_date(_place(v), e.recognized_on),
        [
            (
                "Điều 1.",
                [
                    f"Công nhận ông/bà {winner} là {title} {nfc(v.name)}, "
                    f"theo kết quả hội nghị bầu cử ngày {vn_date(e.election_day)}."
                ],
            ),
            ("Điều 2.", ["Quyết định có hiệu lực kể từ ngày ký (Điều 8 Nghị định số 59/2023/NĐ-CP)."]),
        ],
        [("TM. ỦY BAN NHÂN DÂN", "")],
    )


def dismissal_record_paper(d: Dismissal) -> Paper:
    v, title = d.village, head_title(d.village)
    households, agree = d.households or 0, d.agree or 0
    outcome = "được thông qua" if d.status in {"adopted", "recognized"} else "không được thông qua"
    return _paper(
        "BIÊN BẢN",
        f"Hội nghị miễn nhiệm {title} {nfc(v.name)}",
        _village_lines(v),
        place_date(_place(v), d.meeting_on),
        [
            ("Căn cứ đề nghị", [TRIGGER_TEXT[d.trigger], nfc(d.grounds)]),
            (
                "Kết quả",
                [
                    f"Người bị đề nghị miễn nhiệm: {nfc(d.term.full_name)}.",
                    f"Tổng số hộ gia đình: {households}; có mặt: {d.present or 0}; tán thành: {agree} "
                    f"({vn_percent(agree, households)}).",
                    f"Việc miễn nhiệm {outcome}.",
                ],
            ),
        ],
        [("NGƯỜI TRIỆU TẬP", ""), ("THƯ KÝ", "")],
    )


def dismissal_recognition_paper(d: Dismissal) -> Paper:
    v, title = d.village, head_title(d.village)
    due = vn_date(d.new_election_due_on) if d.new_election_due_on else BLANK
    return _paper(
        "QUYẾT ĐỊNH",
        f"Về việc công nhận miễn nhiệm {title} {nfc(v.name)}",
        _committee_lines(v),
        place_date(_place(v), d.recognized_on),
        [
            ("Điều 1.", [f"Công nhận việc miễn nhiệm ông/bà {nfc(d.term.full_name)}, {title} {nfc(v.name)}."]),
            (
                "Điều 2.",
                [
                    f"Tổ chức bầu {title} mới chậm nhất {due}; trong thời gian chưa bầu được, Ủy ban nhân dân "
                    "cử Trưởng thôn lâm thời (Điều 9 Nghị định số 59/2023/NĐ-CP)."
                ],
            ),
        ],
        [("TM. ỦY BAN NHÂN DÂN", "")],
    )


# The papers of an election, each with when it exists (linked from the console step that needs it).
ELECTION_PAPERS: dict[str, tuple[Callable[[Election], Paper], Callable[[Election], bool]]] = {
    "decision": (decision_paper, lambda e: True),
    "candidates": (candidates_paper, lambda e: e.candidates_filed_on is not None),
    "notice": (notice_paper, lambda e: e.notice_on is not None),
    "ballot": (ballot_paper, lambda e: e.candidates_filed_on is not None),
    "count": (count_paper, lambda e: e.result_recorded_at is not None),
    "result": (result_paper, lambda e: e.result_recorded_at is not None),
    "recognition": (recognition_paper, lambda e: e.recognized_on is not None),
}
DISMISSAL_PAPERS: dict[str, tuple[Callable[[Dismissal], Paper], Callable[[Dismissal], bool]]] = {
    "record": (dismissal_record_paper, lambda d: d.meeting_on is not None),
    "recognition": (dismissal_recognition_paper, lambda d: d.recognized_on is not None),
}
