"""Issue 5, item 9: "who in the city has never been trained on Decree 59" counts today's holders of
the roles (a role that changed hands counts its new holder), and coverage per unit and role by year,
in a fixed number of queries; both export as CSV."""

import datetime as dt

import pytest
from django.urls import reverse

from grassroots.accounts.models import Role
from grassroots.accounts.tests.factories import UserFactory, grant
from grassroots.territory.models import UnitKind
from grassroots.territory.tests.factories import UnitFactory
from grassroots.training import actions, reports
from grassroots.training.models import Session, Topic

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 11, 1)
HANDOVER = dt.date(2026, 6, 1)


@pytest.fixture
def city(world):  # type: ignore[no-untyped-def]
    province = UnitFactory(code="P", name="Thành phố P", kind=UnitKind.PROVINCE)
    c1 = UnitFactory(code="C1", name="Phường Một", kind=UnitKind.WARD, parent=province)
    c2 = UnitFactory(code="C2", name="Xã Hai", kind=UnitKind.COMMUNE, parent=province)
    v11 = UnitFactory(code="C1-1", name="Tổ dân phố Một", kind=UnitKind.RESIDENTIAL_GROUP, parent=c1)
    v21 = UnitFactory(code="C2-1", name="Thôn Hai", kind=UnitKind.VILLAGE, parent=c2)
    organizer = UserFactory(username="steering", first_name="Hà", last_name="Lê Thu")
    grant(organizer, province, Role.STEERING_MEMBER, valid_from=dt.date(2024, 1, 1))

    def person(username, unit, role, **period):  # type: ignore[no-untyped-def]
        user = UserFactory(username=username, first_name=username.title(), last_name="Nguyễn")
        grant(user, unit, role, **period)
        return user

    people = {
        # The head of the residential group changed hands in June 2026: the former head was trained.
        "old_head": person("old_head", v11, Role.VILLAGE_HEAD, valid_from=dt.date(2024, 1, 1), valid_to=HANDOVER),
        "new_head": person("new_head", v11, Role.VILLAGE_HEAD, valid_from=HANDOVER),
        "front": person("front", v11, Role.VILLAGE_FRONT_HEAD),  # trained, but only on the Law
        "pib": person("pib", c1, Role.INSPECTION_BOARD),  # trained on Decree 59
        "absent": person("absent", c2, Role.COMMUNE_OFFICIAL),  # invited, never came
        "rep": person("rep", v21, Role.HOUSEHOLD_REPRESENTATIVE),  # not a role the training is for
        "outsider": person("outsider", world["b"]["village1"], Role.VILLAGE_HEAD),  # another province
    }
    decree59 = actions.create_conference(
        actor=organizer, unit=province, title="Tập huấn Nghị định 59", starts_on=dt.date(2025, 10, 1)
    )
    law_only = actions.create_conference(
        actor=organizer, unit=province, title="Tập huấn Luật", starts_on=dt.date(2026, 3, 1), from_template=False
    )
    Session.objects.create(conference=law_only, topic=Topic.LAW, title="Luật 10/2022/QH15")
    for conference, names, present in [
        (decree59, ["old_head", "pib", "absent"], ["old_head", "pib"]),
        (law_only, ["front"], ["front"]),
    ]:
        for name in names:
            delegate = actions.invite_by_name(conference, actor=organizer, user=people[name], unit=v11)
            if name in present:
                actions.check_in(conference, actor=organizer, token=delegate.checkin_token)
    return {**world, "province": province, "c1": c1, "c2": c2, "organizer": organizer, **people}


def test_never_trained_on_decree_59_lists_todays_holders_including_a_role_that_changed_hands(
    city, django_assert_num_queries
):
    with django_assert_num_queries(1):
        rows = [(a.user.username, a.unit.code, a.role) for a in reports.never_trained(city["province"], day=DAY)]
    assert rows == [
        ("steering", "P", Role.STEERING_MEMBER),
        ("front", "C1-1", Role.VILLAGE_FRONT_HEAD),
        ("new_head", "C1-1", Role.VILLAGE_HEAD),
        ("absent", "C2", Role.COMMUNE_OFFICIAL),
    ]
    # Before the handover the former head held the role, and he was trained.
    before = {a.user.username for a in reports.never_trained(city["province"], day=HANDOVER - dt.timedelta(days=1))}
    assert "old_head" not in before and "new_head" not in before
    # Trained on the Law: the Front head is no longer missing.
    assert "front" not in {a.user.username for a in reports.never_trained(city["province"], day=DAY, topic=Topic.LAW)}
    # A commune's report covers only its own units.
    assert [a.user.username for a in reports.never_trained(city["c2"], day=DAY)] == ["absent"]


def test_coverage_per_unit_and_role_by_year_in_a_fixed_number_of_queries(city, django_assert_num_queries):
    with django_assert_num_queries(4):  # units one level down, first trainings, one per year
        rows = reports.coverage(city["province"], years=[2025, 2026], today=DAY)
    table = {(r.unit.code, r.role): [(c.holders, c.trained) for c in r.cells] for r in rows}
    assert table == {
        ("P", Role.STEERING_MEMBER): [(1, 0), (1, 0)],
        ("C1", Role.VILLAGE_HEAD): [(1, 1), (1, 0)],  # the new head is not trained
        ("C1", Role.VILLAGE_FRONT_HEAD): [(1, 0), (1, 0)],
        ("C1", Role.INSPECTION_BOARD): [(1, 1), (1, 1)],
        ("C2", Role.COMMUNE_OFFICIAL): [(1, 0), (1, 0)],
    }
    totals = reports.totals(rows, [2025, 2026])
    assert [(c.holders, c.trained, c.percent) for c in totals] == [(5, 2, 40), (5, 1, 20)]


def test_reports_pages_and_csv_for_the_steering_committee_only(city, client, sign_in):
    sign_in(client, city["organizer"])
    page = client.get(reverse("training:reports")).content.decode()
    assert "Phường Một" in page and "Xã Hai" in page and "css/charts.css" in page
    response = client.get(reverse("training:never-trained-csv"), {"unit": "P"})
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert response["Content-Type"].startswith("text/csv")
    assert "Nguyễn New_Head" in body and "Nguyễn Old_Head" not in body and "Nguyễn Pib" not in body
    page = client.get(reverse("training:never-trained"), {"unit": "C1"}).content.decode()
    assert "Nguyễn New_Head" in page and "Nguyễn Absent" not in page
    coverage_csv = b"".join(client.get(reverse("training:reports-csv")).streaming_content).decode("utf-8-sig")
    assert coverage_csv.splitlines()[0] == "unit_code,unit,role,year,holders,trained,percent"
    sign_in(client, city["official_b"])
    assert client.get(reverse("training:reports")).status_code == 404
    assert client.get(reverse("training:never-trained"), {"unit": "P"}).status_code == 404
    assert client.get(reverse("training:reports-csv"), {"unit": "P"}).status_code == 404


def test_both_csv_exports_keep_a_unit_or_person_name_that_looks_like_a_formula_as_text(city, client, sign_in):
    from grassroots.accounts.models import User
    from grassroots.territory.models import Unit

    Unit.objects.filter(code__in=["C1", "C1-1"]).update(name='=HYPERLINK("http://evil.example","x")')
    User.objects.filter(username="new_head").update(first_name="@SUM(A1)", last_name="")
    sign_in(client, city["organizer"])
    never = b"".join(client.get(reverse("training:never-trained-csv"), {"unit": "P"}).streaming_content).decode(
        "utf-8-sig"
    )
    coverage = b"".join(client.get(reverse("training:reports-csv"), {"unit": "P"}).streaming_content).decode(
        "utf-8-sig"
    )
    assert "'@SUM(A1)" in never and ",@SUM" not in never
    for body in (never, coverage):
        assert '"\'=HYPERLINK(""http://evil.example"",""x"")"' in body
        assert ",=HYPERLINK" not in body and ',"=HYPERLINK' not in body
