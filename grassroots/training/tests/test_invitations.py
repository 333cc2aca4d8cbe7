"""Issue 5 acceptance: invitations by role and unit resolve to exactly the holders on the conference
date; check-in refuses another conference's delegate; coverage lists units with nobody present."""

import datetime as dt

import pytest

from grassroots.accounts.models import Role
from grassroots.accounts.tests.factories import UserFactory, grant
from grassroots.core.errors import DomainError
from grassroots.core.models import AuditEvent
from grassroots.territory.models import UnitKind
from grassroots.territory.tests.factories import UnitFactory
from grassroots.training import actions, stats
from grassroots.training.models import Delegate, Topic

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 12, 10)


@pytest.fixture
def city():  # type: ignore[no-untyped-def]
    """A city-level steering committee with three communes, each with two villages."""
    province = UnitFactory(code="P", kind=UnitKind.PROVINCE)
    communes = [
        UnitFactory(code=f"C{i}", kind=UnitKind.WARD if i == 1 else UnitKind.COMMUNE, parent=province)
        for i in (1, 2, 3)
    ]
    villages = {
        c.code: [UnitFactory(code=f"{c.code}-{j}", kind=UnitKind.VILLAGE, parent=c) for j in (1, 2)] for c in communes
    }
    organizer = UserFactory(username="steering")
    grant(organizer, province, Role.STEERING_MEMBER)
    return {"province": province, "communes": communes, "villages": villages, "organizer": organizer}


def _conference(city):  # type: ignore[no-untyped-def]
    return actions.create_conference(
        actor=city["organizer"], unit=city["province"], title="Hội nghị tập huấn 2026", starts_on=DAY
    )


def test_the_template_has_the_four_topics_and_the_exchange(city):
    conference = _conference(city)
    assert [s.topic for s in conference.sessions.all()] == [
        Topic.LAW,
        Topic.DECREE_59,
        Topic.TASKS,
        Topic.SITUATION,
        Topic.EXCHANGE,
    ]


def test_a_rule_resolves_to_exactly_the_holders_on_the_conference_date(city):
    c1, c2, c3 = city["communes"]
    head_c1 = UserFactory(username="pib_c1")
    grant(head_c1, c1, Role.INSPECTION_BOARD)
    head_c2 = UserFactory(username="pib_c2")
    grant(head_c2, c2, Role.INSPECTION_BOARD)
    # Not invited: a holder whose role ended before the date, one that starts after it, another role,
    # and the same role at a village (the rule asks for communes and wards).
    gone = UserFactory(username="gone")
    grant(gone, c3, Role.INSPECTION_BOARD, valid_from=dt.date(2025, 1, 1), valid_to=DAY - dt.timedelta(days=7))
    later = UserFactory(username="later")
    grant(later, c3, Role.INSPECTION_BOARD, valid_from=DAY + dt.timedelta(days=1))
    grant(UserFactory(username="official"), c1, Role.COMMUNE_OFFICIAL)
    grant(UserFactory(username="village_pib"), city["villages"]["C1"][0], Role.INSPECTION_BOARD)
    conference = _conference(city)
    actions.add_rule(
        conference, actor=city["organizer"], role=Role.INSPECTION_BOARD, unit_kinds=[UnitKind.COMMUNE, UnitKind.WARD]
    )
    result = actions.resolve_invitations(conference, actor=city["organizer"])
    assert result.added == 2
    invited = {(d.user.username, d.unit.code) for d in conference.delegates.select_related("user", "unit")}
    assert invited == {("pib_c1", "C1"), ("pib_c2", "C2")}


def test_a_role_that_changed_hands_the_week_before_invites_the_new_holder(city):
    c3 = city["communes"][2]
    old = UserFactory(username="old_head")
    grant(old, c3, Role.INSPECTION_BOARD, valid_from=dt.date(2024, 1, 1), valid_to=DAY - dt.timedelta(days=7))
    new = UserFactory(username="new_head")
    grant(new, c3, Role.INSPECTION_BOARD, valid_from=DAY - dt.timedelta(days=7))
    conference = _conference(city)
    actions.add_rule(conference, actor=city["organizer"], role=Role.INSPECTION_BOARD, unit_kinds=[UnitKind.COMMUNE])
    actions.resolve_invitations(conference, actor=city["organizer"])
    assert list(conference.delegates.values_list("user__username", flat=True)) == ["new_head"]


def test_resolving_again_after_a_handover_withdraws_the_former_holder(city):
    c2 = city["communes"][1]
    old = UserFactory(username="old_head")
    assignment = grant(old, c2, Role.INSPECTION_BOARD)
    conference = _conference(city)
    actions.add_rule(conference, actor=city["organizer"], role=Role.INSPECTION_BOARD, unit_kinds=[UnitKind.COMMUNE])
    actions.resolve_invitations(conference, actor=city["organizer"])
    # The role changes hands before the conference; the organizers resolve the list again.
    assignment.valid_to = DAY - dt.timedelta(days=3)
    assignment.save()
    new = UserFactory(username="new_head")
    grant(new, c2, Role.INSPECTION_BOARD, valid_from=DAY - dt.timedelta(days=3))
    result = actions.resolve_invitations(conference, actor=city["organizer"])
    assert (result.added, result.withdrawn) == (1, 1)
    statuses = dict(conference.delegates.values_list("user__username", "status"))
    assert statuses == {"old_head": Delegate.Status.WITHDRAWN, "new_head": Delegate.Status.INVITED}


def test_the_front_work_committee_head_of_every_village(city):
    for villages in city["villages"].values():
        for village in villages:
            grant(UserFactory(username=f"front_{village.code}"), village, Role.VILLAGE_FRONT_HEAD)
    conference = _conference(city)
    actions.add_rule(conference, actor=city["organizer"], role=Role.VILLAGE_FRONT_HEAD, unit_kinds=[UnitKind.VILLAGE])
    assert actions.resolve_invitations(conference, actor=city["organizer"]).added == 6


def test_check_in_by_qr_and_a_delegate_of_another_conference_is_refused(city):
    c1 = city["communes"][0]
    member = UserFactory(username="pib")
    grant(member, c1, Role.INSPECTION_BOARD)
    first, second = _conference(city), _conference(city)
    for conference in (first, second):
        actions.add_rule(conference, actor=city["organizer"], role=Role.INSPECTION_BOARD, unit_kinds=[UnitKind.WARD])
        actions.resolve_invitations(conference, actor=city["organizer"])
    delegate_of_second = second.delegates.get()
    with pytest.raises(DomainError):
        actions.check_in(first, actor=city["organizer"], token=delegate_of_second.checkin_token)
    delegate = actions.check_in(first, actor=city["organizer"], token=first.delegates.get().checkin_token)
    assert delegate.checked_in_at is not None
    assert AuditEvent.objects.filter(verb="training.checked_in").count() == 1


def test_coverage_lists_the_units_with_no_delegate_present(city):
    c1, c2, _c3 = city["communes"]
    for commune in (c1, c2):
        grant(UserFactory(username=f"pib_{commune.code}"), commune, Role.INSPECTION_BOARD)
    conference = _conference(city)
    actions.add_rule(
        conference, actor=city["organizer"], role=Role.INSPECTION_BOARD, unit_kinds=[UnitKind.COMMUNE, UnitKind.WARD]
    )
    actions.resolve_invitations(conference, actor=city["organizer"])
    actions.check_in(conference, actor=city["organizer"], token=conference.delegates.get(unit=c1).checkin_token)
    # C2 was invited but nobody came; C3 has nobody holding the role at all.
    assert [u.code for u in stats.units_with_nobody_present(conference)] == ["C2", "C3"]
    assert stats.missing_roles(conference) == {Role.INSPECTION_BOARD: 2}


def test_a_unit_sends_a_deputy_in_place_of_its_head(city):
    c1 = city["communes"][0]
    head = UserFactory(username="head")
    grant(head, c1, Role.INSPECTION_BOARD)
    deputy = UserFactory(username="deputy")
    conference = _conference(city)
    actions.add_rule(conference, actor=city["organizer"], role=Role.INSPECTION_BOARD, unit_kinds=[UnitKind.WARD])
    actions.resolve_invitations(conference, actor=city["organizer"])
    original = conference.delegates.get()
    substitute = actions.send_substitute(original, actor=head, deputy=deputy)
    original.refresh_from_db()
    assert original.status == Delegate.Status.REPLACED and substitute.substitute_for == original
    with pytest.raises(DomainError):
        actions.check_in(conference, actor=city["organizer"], token=original.checkin_token)
    actions.check_in(conference, actor=city["organizer"], token=substitute.checkin_token)
    assert stats.units_with_nobody_present(conference) == []


def test_only_the_steering_committee_of_the_unit_organizes(city):
    outsider = UserFactory(username="outsider")
    with pytest.raises(DomainError):
        actions.create_conference(actor=outsider, unit=city["province"], title="x", starts_on=DAY)
