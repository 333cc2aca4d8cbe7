"""`core.prepared`: a queryset compiled once per process answers as the queryset itself would, with new
values in the places of its samples (exact values, dates, times, LIKE patterns, values repeated in the
query), and with the ORM's conversions of the results. Runs on SQLite and PostgreSQL (DATABASE_URL)."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from grassroots.accounts.models import ApiToken, Role, RoleAssignment, User
from grassroots.core.prepared import SAMPLE_DATE, SAMPLE_DATETIME, SAMPLE_INT, Prepared, columns, instance
from grassroots.territory.tests.factories import make_tree

pytestmark = pytest.mark.django_db

ROLES_ON = Prepared(
    lambda user_id, day: RoleAssignment.objects.active_on(day).filter(user_id=user_id).order_by("role")
    .values_list("role", "unit_id", "valid_from"),
    user_id=SAMPLE_INT,
    day=SAMPLE_DATE,
)  # fmt: skip
UNITS_UNDER = Prepared(
    lambda path: (
        RoleAssignment.objects.filter(unit__path__startswith=path).order_by("pk").values_list("pk", flat=False)
    ),
    path="sample-path",
)


@pytest.fixture
def roles():  # type: ignore[no-untyped-def]
    tree = make_tree("P", villages=2)
    user = User.objects.create(username="prepared-holder")
    other = User.objects.create(username="prepared-other")
    day = dt.date(2026, 3, 1)
    RoleAssignment.objects.create(user=user, unit=tree["village1"], role=Role.VILLAGE_HEAD, valid_from=day,
                                  valid_to=dt.date(2026, 6, 1))  # fmt: skip
    RoleAssignment.objects.create(user=user, unit=tree["village2"], role=Role.VILLAGE_FRONT_HEAD, valid_from=day)
    RoleAssignment.objects.create(user=other, unit=tree["village1"], role=Role.VILLAGE_HEAD, valid_from=day)
    return tree, user


@pytest.mark.parametrize("day", [dt.date(2026, 2, 28), dt.date(2026, 3, 1), dt.date(2026, 5, 31), dt.date(2026, 6, 1)])
def test_a_prepared_query_answers_as_its_queryset_for_every_value(roles, day):
    _, user = roles
    expected = list(ROLES_ON.build(user_id=user.pk, day=day))
    assert ROLES_ON.rows(user_id=user.pk, day=day) == expected
    assert all(isinstance(row[2], dt.date) for row in expected)  # the ORM's conversion of a date column


def test_a_like_pattern_is_made_from_the_new_value_and_escaped(roles):
    tree, _ = roles
    path = tree["village1"].path
    assert UNITS_UNDER.rows(path=path) == list(UNITS_UNDER.build(path=path))
    assert len(UNITS_UNDER.rows(path=path)) == 2
    assert UNITS_UNDER.rows(path=path[:-1] + "%") == []  # a LIKE wildcard in the value is a plain character


def test_it_is_compiled_once_and_then_costs_one_statement(roles):
    _, user = roles
    query = Prepared(
        lambda user_id, day: RoleAssignment.objects.active_on(day).filter(user_id=user_id).values_list("role"),
        user_id=SAMPLE_INT,
        day=SAMPLE_DATE,
    )
    calls = []
    build = query.build
    query.build = lambda **kw: calls.append(kw) or build(**kw)  # type: ignore[method-assign]
    for _ in range(3):
        with CaptureQueriesContext(connection) as ctx:
            query.rows(user_id=user.pk, day=timezone.localdate())
        assert len(ctx.captured_queries) == 1
    assert len(calls) == 1


def test_times_and_instances_come_back_as_the_orm_makes_them(roles):
    _, user = roles
    now = timezone.now()
    ApiToken.objects.create(user=user, name="t", prefix="gr_x", key_hash="h" * 64, scope="vote",
                            expires_at=now + dt.timedelta(days=1), last_used_at=now)  # fmt: skip
    usable = Prepared(
        lambda key, now: ApiToken.objects.usable_at(now).filter(key_hash=key)
        .values_list(*columns(ApiToken), *columns(User, "user__")),
        key="sample-key",
        now=SAMPLE_DATETIME,
    )  # fmt: skip
    (row,) = usable.rows(key="h" * 64, now=now)
    token = instance(ApiToken, row[: len(columns(ApiToken))])
    owner = instance(User, row[len(columns(ApiToken)) :])
    expected = ApiToken.objects.select_related("user").get()
    assert token.last_used_at == expected.last_used_at and token.last_used_at.tzinfo is not None
    assert (owner.pk, owner.username, owner.is_active) == (user.pk, user.username, True)
    assert not token._state.adding
    assert usable.rows(key="h" * 64, now=now + dt.timedelta(days=2)) == []  # expired by then


def test_a_sample_that_is_not_a_parameter_is_refused():
    query = Prepared(lambda user_id: RoleAssignment.objects.filter(user_id=1).values_list("role"), user_id=SAMPLE_INT)
    with pytest.raises(ValueError, match="user_id"):
        query.rows(user_id=2)
