"""A periodic report holds the situation reports of its own unit and those below it, never those above or
beside it: a village head's paper says what the village reported, not the commune's totals."""

import pytest

from grassroots.situation_reports import overview

from .conftest import open_round, submitted, today

pytestmark = pytest.mark.django_db


def test_a_villages_paper_holds_only_that_villages_report(cast):  # type: ignore[no-untyped-def]
    a = cast["a"]
    round_ = open_round(cast)
    submitted(cast, round_, a["village2"], cast["vfront_a2"], main_concerns="Đèn đường thôn 2.", proposals="Lắp đèn.")
    submitted(cast, round_, a["commune"], cast["chair_a"], main_concerns="Nước sạch cho thôn xa.", proposals="")
    lines = overview.paper_summary(a["village2"], round_.starts_on, round_.ends_on, today())
    (heading, text), *own = lines
    assert heading.startswith("Kỳ báo cáo ")
    assert "Cấp xã" not in text  # no commune-wide totals
    assert "Thôn, tổ dân phố đã nộp 1/1 báo cáo (nộp muộn 0)" in text
    assert "tăng 1, như cũ 0, giảm 0" in text and "điểm nóng: 1." in text
    assert own == [("Những vấn đề nhân dân quan tâm", "Đèn đường thôn 2."), ("Đề xuất, kiến nghị", "Lắp đèn.")]
    assert "Nước sạch" not in str(lines)  # the commune's own words stay in the commune's paper
    # The other village of the same commune: nothing submitted, and nothing of village 2.
    [(heading, text)] = overview.paper_summary(a["village1"], round_.starts_on, round_.ends_on, today())
    assert "đã nộp 0/1" in text and "điểm nóng: 0." in text
    # A commune's paper holds the commune and its villages, not the province's other commune.
    lines = overview.paper_summary(a["commune"], round_.starts_on, round_.ends_on, today())
    assert "Cấp xã đã nộp 1/1" in lines[0][1]
    assert "Đèn đường thôn 2." not in str(lines)


def test_the_rounds_of_another_province_neither_show_nor_cost_a_query_each(cast, django_assert_max_num_queries):  # type: ignore[no-untyped-def]
    from grassroots.situation_reports import actions

    a, b = cast["a"], cast["b"]
    round_ = open_round(cast)
    for _n in range(5):  # rounds of another province in the same period
        actions.open_round(
            actor=cast["steering_b"], unit=b["province"], period_kind="month", starts_on=round_.starts_on,
            ends_on=round_.ends_on, village_deadline=round_.village_deadline, commune_deadline=round_.commune_deadline,
        )  # fmt: skip
    with django_assert_max_num_queries(8):
        lines = overview.paper_summary(a["commune"], round_.starts_on, round_.ends_on, today())
    assert len([h for h, _t in lines if h.startswith("Kỳ báo cáo")]) == 1
