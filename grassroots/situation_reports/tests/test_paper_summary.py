"""What a periodic report of the steering committee (reporting.periodic) says of the situation reports."""

import pytest

from grassroots.situation_reports import overview

from .conftest import open_round, submitted, today

pytestmark = pytest.mark.django_db


def test_a_periodic_report_sums_the_rounds_of_its_period_for_the_unit(cast):  # type: ignore[no-untyped-def]
    a = cast["a"]
    round_ = open_round(cast)
    submitted(cast, round_, a["village2"], cast["vfront_a2"])  # rising complaints, one hot spot
    submitted(cast, round_, a["commune"], cast["chair_a"], main_concerns="Nước sạch cho thôn xa.", proposals="")
    # Province A: communes A and A2 (1 of 2 submitted); villages: A's two and A2's one (1 of 3).
    [(heading, text)] = overview.paper_summary(a["province"], round_.starts_on, round_.ends_on, today())
    assert heading.startswith("Kỳ báo cáo ")
    assert "Cấp xã đã nộp 1/2" in text
    assert "thôn, tổ dân phố đã nộp 1/3" in text
    assert "tăng 1, như cũ 0, giảm 0" in text
    assert "điểm nóng: 1." in text
    # The commune's own paper adds what its report says of the unit.
    lines = overview.paper_summary(a["commune"], round_.starts_on, round_.ends_on, today())
    assert ("Những vấn đề nhân dân quan tâm", "Nước sạch cho thôn xa.") in lines
    assert "Cấp xã đã nộp 1/1" in lines[0][1]
    # A period the round does not meet says nothing.
    assert overview.paper_summary(a["province"], today(), today(), today()) == []
