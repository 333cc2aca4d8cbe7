"""The training indicators (core.indicators): of the people holding a grassroots role on the last day of a
period in a commune and its villages, how many had attended a training conference by then; for all the
roles together and for each role. Counted by hand on a small commune."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from hypothesis import given
from hypothesis import strategies as st

from grassroots.accounts.models import Role, RoleAssignment
from grassroots.accounts.tests.factories import UserFactory, grant
from grassroots.library.citations import parse_citations
from grassroots.training import actions
from grassroots.training.indicators import INDICATORS, coverage_items, snapshot_days
from grassroots.training.reports import AUDIENCE_ROLES

pytestmark = pytest.mark.django_db
D = dt.date
JUNE = (D(2026, 6, 1), D(2026, 6, 30))
JULY = (D(2026, 7, 1), D(2026, 7, 31))
TODAY = D(2026, 11, 1)


@pytest.fixture
def commune(world, time_machine):  # type: ignore[no-untyped-def]
    """Commune A on 30 June 2026: the official (trained in March), the head of village A1 (never trained),
    the head of the Front work committee of A2 (trained in July), a board member (invited, absent), the
    chair who is also on the steering committee (trained: counted once per role); a former head of A2
    (trained, role ended in May), a household representative and commune B's official (trained) do not count."""
    a = world["a"]
    organizer = UserFactory(username="steering")
    grant(organizer, a["province"], Role.STEERING_MEMBER)

    def person(username, unit, *roles, **period):  # type: ignore[no-untyped-def]
        user = UserFactory(username=username, first_name=username.title(), last_name="Nguyễn")
        for role in roles:
            grant(user, unit, role, **period)
        return user

    people = {
        "front_a2": person("front_a2", a["village2"], Role.VILLAGE_FRONT_HEAD),
        "board": person("board", a["commune"], Role.INSPECTION_BOARD, Role.INSPECTION_BOARD_HEAD),
        "chair": person("chair", a["commune"], Role.COMMUNE_CHAIR, Role.STEERING_MEMBER),
        "former": person("former", a["village2"], Role.VILLAGE_HEAD, valid_from=D(2024, 1, 1), valid_to=D(2026, 5, 1)),
    }
    march = actions.create_conference(actor=organizer, unit=a["province"], title="Tập huấn Nghị định 59",
                                      starts_on=D(2026, 3, 1))  # fmt: skip
    july = actions.create_conference(actor=organizer, unit=a["province"], title="Tập huấn bổ sung",
                                     starts_on=D(2026, 7, 10))  # fmt: skip
    attended = [
        (march, world["official_a"], a["commune"], True),
        (march, people["chair"], a["commune"], True),
        (march, people["former"], a["village2"], True),
        (march, people["board"], a["commune"], False),
        (march, world["official_b"], world["b"]["commune"], True),
        (july, people["front_a2"], a["village2"], True),
    ]
    for conference, user, unit, present in attended:
        delegate = actions.invite_by_name(conference, actor=organizer, user=user, unit=unit)
        if present:
            _at(time_machine, conference.starts_on, 8)
            actions.check_in(conference, actor=organizer, token=delegate.checkin_token)
    time_machine.move_to(timezone.make_aware(dt.datetime(2026, 11, 1, 9)), tick=False)
    return {**world, **people, "commune": a["commune"], "organizer": organizer}


def _at(time_machine, day, hour, minute=0):  # type: ignore[no-untyped-def]
    """The clock at that local time (Asia/Ho_Chi_Minh)."""
    time_machine.move_to(timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute))), tick=False)


def _table(commune, span, **kwargs):  # type: ignore[no-untyped-def]
    with translation.override("en"):
        return sorted((i.title, i.numerator, i.denominator) for i in coverage_items(commune, *span, TODAY, **kwargs))


def test_six_role_holders_on_the_last_day_of_june_three_trained_give_3_of_6(commune):
    assert _table(commune["commune"], JUNE) == [
        ("Chair of the commune People's Committee — Xã A", 1, 1),
        ("Commune official — Xã A", 1, 1),
        ("Head of the village Front work committee — Thôn A2", 0, 1),
        ("People's Inspection Board member — Xã A", 0, 1),
        ("Steering committee member — Xã A", 1, 1),
        ("Village head / residential-group leader — Thôn A1", 0, 1),
    ]


def test_training_after_the_last_day_counts_from_the_next_period(commune):
    july = dict(((t, n) for t, n, _d in _table(commune["commune"], JULY)))
    assert july["Head of the village Front work committee — Thôn A2"] == 1


def test_the_items_are_in_the_unit_of_the_role_on_the_last_day_and_never_name_the_person(commune):
    a = commune["a"]
    items = list(coverage_items(commune["commune"], *JUNE, TODAY))
    assert {i.day for i in items} == {JUNE[1]}
    units = sorted(i.unit_id for i in items)
    assert units == sorted([a["commune"].pk] * 4 + [a["village1"].pk, a["village2"].pk])
    assert not any(name in i.title for i in items for name in ("Nguyễn", "head_a1", "official_a"))
    head = next(i for i in items if i.unit_id == a["village1"].pk)
    assert head.url == f"{reverse('training:reports')}?unit={a['village1'].code}"
    assert not any(i.overdue for i in items)


def test_a_span_still_running_is_counted_on_today_and_a_future_span_has_no_items(commune):
    items = list(coverage_items(commune["commune"], D(2026, 6, 1), D(2026, 12, 31), D(2026, 6, 15)))
    assert {i.day for i in items} == {D(2026, 6, 15)}
    assert list(coverage_items(commune["commune"], D(2027, 1, 1), D(2027, 1, 31), TODAY)) == []


def test_each_role_has_its_own_indicator(commune):
    by_code = {i.code: i for i in INDICATORS}
    assert set(by_code) == {"training_coverage"} | {f"training_coverage_{r}" for r in AUDIENCE_ROLES}
    heads = list(by_code["training_coverage_village_head"].items(commune["commune"], *JUNE, TODAY))
    assert [(i.unit_id, i.numerator) for i in heads] == [(commune["a"]["village1"].pk, 0)]
    with translation.override("en"):
        assert str(by_code["training_coverage_village_head"].title) == (
            "Training coverage: Village head / residential-group leader"
        )


def test_a_longer_span_counts_the_holders_at_the_end_of_each_month(commune):
    """Reporting asks for two years at once and files each item in its month: April still has the former
    head of A2 (his role ended on 1 May), June does not; a quarter adds up its three months."""
    items = list(coverage_items(commune["commune"], D(2026, 4, 1), D(2026, 7, 31), TODAY))
    per_month = {}
    for i in items:
        n, d = per_month.get(i.day, (0, 0))
        per_month[i.day] = (n + i.numerator, d + i.denominator)
    assert per_month == {D(2026, 4, 30): (4, 7), D(2026, 5, 31): (3, 6), D(2026, 6, 30): (3, 6), D(2026, 7, 31): (4, 6)}


def test_the_last_day_of_each_month_and_today_while_a_month_runs():
    assert snapshot_days(D(2026, 1, 1), D(2026, 12, 31), D(2026, 3, 10)) == [
        D(2026, 1, 31),
        D(2026, 2, 28),
        D(2026, 3, 10),
    ]
    assert snapshot_days(D(2026, 6, 1), D(2026, 6, 15), TODAY) == [D(2026, 6, 15)]
    assert snapshot_days(D(2026, 6, 10), D(2026, 7, 5), TODAY) == [D(2026, 6, 30), D(2026, 7, 5)]


def test_the_items_take_two_queries_however_long_the_span(commune, django_assert_num_queries):
    with django_assert_num_queries(2):
        items = list(coverage_items(commune["commune"], D(2025, 1, 1), D(2026, 12, 31), TODAY))
    assert len([i for i in items if i.day == JUNE[1]]) == 6


def test_no_article_sets_a_duty_to_train_so_none_is_cited():
    """Law Art 8 makes democracy a criterion for evaluating the commune, not a duty to train: the citation is
    empty and each definition says why."""
    assert {i.citation for i in INDICATORS} == {""}
    assert [c for i in INDICATORS for c in parse_citations(i.citation)] == []
    with translation.override("en"):
        assert all("No article of the law sets a duty to train" in str(i.definition) for i in INDICATORS)


def test_a_person_counts_as_trained_from_the_day_of_the_check_in_not_the_first_day_of_the_conference(
    commune, time_machine
):
    """A two-day conference from 30 June: the head of A1 checks in on its second day, 1 July, at 00:30
    local time (17:30 UTC on 30 June). June still counts him untrained, July trained."""
    conference = actions.create_conference(actor=commune["organizer"], unit=commune["a"]["province"],
                                           title="Tập huấn hai ngày", starts_on=D(2026, 6, 30),
                                           ends_on=D(2026, 7, 1))  # fmt: skip
    delegate = actions.invite_by_name(
        conference, actor=commune["organizer"], user=commune["head_a1"], unit=commune["a"]["village1"]
    )
    _at(time_machine, D(2026, 7, 1), 0, 30)
    actions.check_in(conference, actor=commune["organizer"], token=delegate.checkin_token)
    head = "Village head / residential-group leader — Thôn A1"
    assert dict((t, n) for t, n, _d in _table(commune["commune"], JUNE))[head] == 0
    assert dict((t, n) for t, n, _d in _table(commune["commune"], JULY))[head] == 1


def test_closing_an_account_later_does_not_rewrite_the_months_it_held_the_role(commune):
    """The head of A2's Front work committee leaves on 1 November: the role ends that day and the account is
    closed. June still counts the 6 holders of June, the head of A2's committee among them."""
    RoleAssignment.objects.filter(user=commune["front_a2"]).update(valid_to=D(2026, 11, 1))
    commune["front_a2"].is_active = False
    commune["front_a2"].save(update_fields=["is_active"])
    assert len(_table(commune["commune"], JUNE)) == 6
    assert ("Head of the village Front work committee — Thôn A2", 0, 1) in _table(commune["commune"], JUNE)


@given(
    start=st.dates(D(2024, 1, 1), D(2027, 12, 31)),
    length=st.integers(0, 800),
    today=st.dates(D(2024, 1, 1), D(2028, 12, 31)),
)
def test_one_count_a_month_inside_the_span_and_never_after_today(start, length, today):
    """Each month of the span that has begun by `today` is counted once, on a day inside the span."""
    end = start + dt.timedelta(days=length)
    days = snapshot_days(start, end, today)
    assert days == sorted(days)
    assert all(start <= d <= min(end, today) for d in days)
    months = [(d.year, d.month) for d in days]
    assert len(months) == len(set(months))
    last = min(end, today)
    expected = 0 if last < start else (last.year - start.year) * 12 + last.month - start.month + 1
    assert len(days) == expected
