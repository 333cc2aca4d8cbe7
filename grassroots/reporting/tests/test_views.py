"""The dashboard, the drill-down, the overdue list and the definitions show what the stored figures say,
"no data yet" where there are none, and each table also as CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import translation

from grassroots.core.indicators import Item
from grassroots.reporting import dashboard, refresh
from grassroots.reporting.figures import Tally
from grassroots.territory.models import UnitKind
from grassroots.territory.tests.factories import UnitFactory

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 5, 20)
Q1 = "period=Q&start=2026-01-01"


def rows_of(response) -> list[list[str]]:  # type: ignore[no-untyped-def]
    return list(csv.reader(io.StringIO(response.content.decode())))


@pytest.fixture
def filled(cast, fake_indicators):  # type: ignore[no-untyped-def]
    """Quarter I 2026: commune AC has 3 of 4 for fake_a (village AC-1: 1 of 2), AD 1 of 1, and an overdue item."""
    a = cast["a"]
    fake_indicators["fake_a"] += [
        Item(a["village1"].pk, dt.date(2026, 2, 1), "Meeting 1", 1, 1, url="/m/1/"),
        Item(a["village1"].pk, dt.date(2026, 2, 2), "Meeting 2", 0, 1, deadline=dt.date(2026, 3, 1), overdue=True,
             responsible="village head of AC-1", url="/m/2/"),
        Item(a["village2"].pk, dt.date(2026, 3, 3), "Meeting 3", 1, 1),
        Item(a["commune"].pk, dt.date(2026, 1, 9), "Disclosure", 1, 1),
        Item(cast["ad1"].pk, dt.date(2026, 1, 9), "AD meeting", 1, 1),
    ]  # fmt: skip
    refresh.refresh_commune(a["commune"], TODAY)
    refresh.refresh_commune(cast["ad"], TODAY)
    return fake_indicators


def test_the_dashboard_shows_each_figure_as_percent_and_n_of_d_and_no_data_yet(client, sign_in, cast, filled):
    sign_in(client, cast["steering_a"])
    with translation.override("en"):
        body = client.get(reverse("reporting:unit", args=["AP"]) + "?" + Q1).content.decode()
    assert "Fake A" in body and "Fake B" in body
    assert "80.0%" in body and "(4 / 5)" in body  # AC 3/4 + AD 1/1
    assert "no data yet" in body  # fake_b has no item
    assert "<svg" in body and "<title" in body and "Quarter I/2026" in body
    assert reverse("reporting:indicator-definition", args=["fake_a"]) in body
    assert reverse("reporting:unit", args=["AC"]) in body and reverse("reporting:unit", args=["AD"]) in body


def test_vietnamese_pages_say_no_data_yet_in_vietnamese(client, sign_in, cast, filled):
    sign_in(client, cast["steering_a"])
    with translation.override("vi"):
        body = client.get(reverse("reporting:unit", args=["AP"]) + "?" + Q1).content.decode()
    assert "chưa có số liệu" in body


def test_the_units_below_are_ranked_by_the_chosen_indicator_with_no_data_last(cast, filled):
    a = cast["a"]
    empty = UnitFactory(code="AE", name="Xã AE (aaa)", kind=UnitKind.COMMUNE, parent=a["province"])
    period = dashboard.parse_period({"period": "Q", "start": "2026-02-10"})
    board = dashboard.build(a["province"], period, "fake_a")
    assert [c.unit.code for c in board.children] == ["AD", "AC", empty.code]
    assert [c.rank for c in board.children] == [1, 2, None]
    assert board.children[1].ranked_tally == Tally(3, 4, 4)


def test_an_unknown_rank_falls_back_to_the_first_indicator_and_a_bad_period_to_the_current_quarter(cast, filled):
    period = dashboard.parse_period({"period": "X", "start": "not a day"}, today=TODAY)
    assert period == dashboard.Period("Q", dt.date(2026, 4, 1))
    board = dashboard.build(cast["a"]["province"], period, "nope")
    assert board.rank_by is not None and board.rank_by.code == "fake_a"


def test_the_trend_has_twelve_periods_and_its_csv_the_same_figures(client, sign_in, cast, filled):
    sign_in(client, cast["steering_a"])
    response = client.get(reverse("reporting:trend-csv", args=["AC"]) + "?period=M&start=2026-02-01&indicator=fake_a")
    rows = rows_of(response)
    assert response["Content-Type"].startswith("text/csv")
    assert len(rows) == 1 + 12
    assert rows[-1][3:] == ["2026-02-01", "1", "2", "50.0"]  # Meetings 1 and 2
    assert rows[1][4:] == ["", "", ""]  # March 2025: no data yet


def test_the_figures_csv_has_the_unit_and_every_unit_below(client, sign_in, cast, filled):
    sign_in(client, cast["steering_a"])
    rows = rows_of(client.get(reverse("reporting:unit-csv", args=["AP"]) + "?" + Q1))
    assert [rows[1][0], *rows[1][3:]] == ["AP", "fake_a", "4", "5", "80.0"]
    assert {r[0] for r in rows[1:]} == {"AP", "AC", "AD"}


def test_the_drill_down_of_a_commune_lists_the_items_behind_its_figure(client, sign_in, cast, filled):
    sign_in(client, cast["official_ac"])
    with translation.override("en"):
        body = client.get(reverse("reporting:indicator", args=["AC", "fake_a"]) + "?" + Q1).content.decode()
    for title in ["Meeting 1", "Meeting 2", "Meeting 3", "Disclosure"]:
        assert title in body
    assert "AD meeting" not in body
    assert 'href="/m/2/"' in body and "overdue" in body
    assert "75.0%" in body


def test_the_drill_down_of_a_village_lists_its_own_items_only(client, sign_in, cast, filled):
    sign_in(client, cast["head_ac1"])
    body = client.get(reverse("reporting:indicator", args=["AC-1", "fake_a"]) + "?" + Q1).content.decode()
    assert "Meeting 1" in body and "Meeting 2" in body
    assert "Meeting 3" not in body and "Disclosure" not in body


def test_the_drill_down_of_a_province_lists_the_communes_not_items(client, sign_in, cast, filled):
    sign_in(client, cast["steering_a"])
    response = client.get(reverse("reporting:indicator", args=["AP", "fake_a"]) + "?" + Q1)
    assert "Meeting 1" not in response.content.decode()
    rows = rows_of(client.get(reverse("reporting:indicator-csv", args=["AP", "fake_a"]) + "?" + Q1))
    assert [r[0] for r in rows[1:]] == ["AP", "AD", "AC"]


def test_the_drill_down_items_are_paginated(client, sign_in, cast, fake_indicators):
    village = cast["a"]["village1"]
    fake_indicators["fake_a"] += [Item(village.pk, dt.date(2026, 2, 1), f"Item {i:03d}", 1, 1) for i in range(60)]
    sign_in(client, cast["official_ac"])
    url = reverse("reporting:indicator", args=["AC", "fake_a"]) + "?" + Q1
    first = client.get(url).content.decode()
    assert "Item 000" in first and "Item 059" not in first and "page=2" in first
    assert "Item 059" in client.get(url + "&page=2").content.decode()
    assert len(rows_of(client.get(reverse("reporting:indicator-csv", args=["AC", "fake_a"]) + "?" + Q1))) == 61


def test_the_overdue_list_shows_what_where_deadline_days_and_who(client, sign_in, cast, filled):
    sign_in(client, cast["steering_a"])
    body = client.get(reverse("reporting:overdue", args=["AP"])).content.decode()
    assert "Meeting 2" in body and "village head of AC-1" in body and "Thôn A1" in body
    rows = rows_of(client.get(reverse("reporting:overdue-csv", args=["AP"])))
    assert rows[1][0] == "AC-1" and rows[1][4] == "2026-03-01" and rows[1][6] == "village head of AC-1"
    assert int(rows[1][5]) > 0


def test_the_overdue_list_filters_by_indicator_unit_below_and_responsible(client, sign_in, cast, filled):
    sign_in(client, cast["steering_a"])
    url = reverse("reporting:overdue", args=["AP"])
    assert "Meeting 2" in client.get(url + "?below=AC&indicator=fake_a&responsible=village").content.decode()
    assert "Meeting 2" not in client.get(url + "?below=AD").content.decode()
    assert "Meeting 2" not in client.get(url + "?indicator=fake_b").content.decode()
    assert "Meeting 2" not in client.get(url + "?responsible=chair").content.decode()
    assert len(rows_of(client.get(reverse("reporting:overdue-csv", args=["AP"]) + "?below=AD"))) == 1
    assert client.get(url + "?below=BC").status_code == 404  # not below this unit


def test_with_no_indicator_the_dashboard_shows_an_empty_state(client, sign_in, cast, no_indicators):
    sign_in(client, cast["steering_a"])
    with translation.override("en"):
        response = client.get(reverse("reporting:unit", args=["AP"]))
    assert response.status_code == 200
    assert "No indicator is declared yet" in response.content.decode()
    assert client.get(reverse("reporting:indicator-list")).status_code == 200


def test_the_page_says_when_the_figures_were_last_refreshed(client, sign_in, cast, fake_indicators):
    sign_in(client, cast["steering_a"])
    with translation.override("en"):
        assert "have not been refreshed yet" in client.get(reverse("reporting:unit", args=["AP"])).content.decode()
        refresh.refresh_changed(TODAY)
        assert "Figures last refreshed" in client.get(reverse("reporting:unit", args=["AP"])).content.decode()


def test_the_definition_page_cites_the_law_in_its_official_vietnamese_form(client, fake_indicators):
    with translation.override("vi"):
        body = client.get(reverse("reporting:indicator-definition", args=["fake_b"])).content.decode()
    assert "Điều 12 Luật Thực hiện dân chủ ở cơ sở" in body
    assert reverse("library:article", args=["law-10-2022", 12]) in body


def test_the_header_and_home_page_link_the_dashboard_for_those_who_have_one(client, sign_in, cast):
    sign_in(client, cast["official_ac"])
    body = client.get(reverse("portal:home")).content.decode()
    assert body.count(f'href="{reverse("reporting:home")}"') == 2
    assert client.get(reverse("reporting:home")).url == reverse("reporting:unit", args=["AC"])
    sign_in(client, cast["resident"], second_factor=False)
    assert reverse("reporting:home") not in client.get(reverse("portal:home")).content.decode()


def test_several_dashboards_are_listed(client, sign_in, cast):
    from grassroots.accounts.models import Role
    from grassroots.accounts.tests.factories import grant

    grant(cast["steering_b"], cast["a"]["commune"], Role.STEERING_MEMBER)
    sign_in(client, cast["steering_b"])
    body = client.get(reverse("reporting:home")).content.decode()
    assert reverse("reporting:unit", args=["AC"]) in body and reverse("reporting:unit", args=["BP"]) in body


def test_a_dashboard_reads_a_constant_number_of_queries_however_many_units_below(
    client, sign_in, cast, fake_indicators, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    province = cast["a"]["province"]
    sign_in(client, cast["steering_a"])
    url = reverse("reporting:unit", args=["AP"]) + "?" + Q1

    def count() -> int:
        client.get(url)  # warm the per-process caches (the library's citations)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    for i in range(3):  # with AC and AD: 5 communes below
        UnitFactory(code=f"AX{i}", kind=UnitKind.COMMUNE, parent=province)
    few = count()
    for i in range(3, 18):  # 20 communes below, most with figures
        commune = UnitFactory(code=f"AX{i}", kind=UnitKind.COMMUNE, parent=province)
        fake_indicators["fake_a"].append(Item(commune.pk, dt.date(2026, 2, 1), "x", i % 2, 1))
        refresh.refresh_commune(commune, TODAY)
    with django_assert_max_num_queries(few):
        client.get(url)
    assert count() == few


@pytest.fixture
def cited(fake_indicators, monkeypatch):  # type: ignore[no-untyped-def]
    """Beside the fakes: an indicator no article sets, and one whose definition cites a decree."""
    from grassroots.core.indicators import Indicator
    from grassroots.reporting import registry

    from .fakes import FAKES

    extra = (
        Indicator("fake_none", "Fake none", "Counted against the round's own deadline.", "", "on time", "due",
                  lambda *a: [], order=3),
        Indicator("fake_d61", "Fake D61", "Reviewed every year (D61 Art 15(2)).", "Law Arts 12(3), 13", "done",
                  "due", lambda *a: [], order=4),
    )  # fmt: skip
    monkeypatch.setattr(registry, "all_indicators", lambda: (*FAKES, *extra))


def test_the_definition_links_its_citations_and_the_rule_is_given_article_by_article(client, cited):
    with translation.override("vi"):
        body = client.get(reverse("reporting:indicator-definition", args=["fake_d61"])).content.decode()
    assert "khoản 2 Điều 15 Nghị định 61/2023/NĐ-CP" in body  # the definition's shorthand, officially written
    assert reverse("library:article", args=["decree-61-2023", 15]) in body
    assert "khoản 3 Điều 12 Luật Thực hiện dân chủ ở cơ sở" in body and "Điều 13 Luật Thực hiện" in body
    assert reverse("library:article", args=["law-10-2022", 13]) in body


def test_an_indicator_no_article_sets_shows_a_dash_that_says_so(client, sign_in, cast, cited):
    with translation.override("en"):
        definition = reverse("reporting:indicator-definition", args=["fake_none"])
        listing = reverse("reporting:indicator-list")
        drill = reverse("reporting:indicator", args=["AC", "fake_none"])
    said = 'title="No article of the law or its decrees sets this indicator."'
    for url in (definition, listing):
        body = client.get(url).content.decode()
        assert said in body and '<span aria-hidden="true">—</span>' in body
    sign_in(client, cast["official_ac"])
    body = client.get(drill).content.decode()
    assert said in body


def test_the_drill_down_links_the_citations_of_its_definition(client, sign_in, cast, cited):
    sign_in(client, cast["official_ac"])
    body = client.get(reverse("reporting:indicator", args=["AC", "fake_d61"])).content.decode()
    assert reverse("library:article", args=["decree-61-2023", 15]) in body
    assert reverse("library:article", args=["law-10-2022", 12]) in body
