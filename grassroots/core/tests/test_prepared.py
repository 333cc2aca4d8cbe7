"""`core.prepared`: a queryset compiled once per process answers as the queryset itself would, with new
values in the places of its samples (exact values, dates, times, LIKE patterns, values repeated in the
query), and with the ORM's conversions of the results. Runs on SQLite and PostgreSQL (DATABASE_URL)."""

import datetime as dt

import pytest
from django.db import connection
from django.db.models import F
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


@pytest.fixture(autouse=True, params=["kept", "per-request"])
def connection_kept(request, monkeypatch):  # type: ignore[no-untyped-def]
    """Every test runs over a connection kept between requests (on PostgreSQL: prepared statements) and
    over one opened per request (Django's cursor)."""
    monkeypatch.setitem(connection.settings_dict, "CONN_MAX_AGE", 60 if request.param == "kept" else 0)
    return request.param


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


def test_statements_sent_together_are_answered_at_the_end_and_fail_as_django_errors(roles):  # type: ignore[no-untyped-def]
    from django.db import IntegrityError, transaction

    from grassroots.core.prepared import sent_together

    table = connection.ops.quote_name(User._meta.db_table)
    update = f"UPDATE {table} SET first_name = %s WHERE username = %s"  # noqa: S608
    with transaction.atomic(), connection.cursor() as first, connection.cursor() as second:
        with sent_together():
            if connection.vendor == "postgresql":  # in psycopg's pipeline mode: nothing waits for its answer
                assert connection.connection.pgconn.pipeline_status != 0
            first.execute(update, ["A", "prepared-holder"])
            second.execute(update, ["B", "nobody"])
        assert (first.rowcount, second.rowcount) == (1, 0)  # each cursor's own answer, after the block
    assert User.objects.get(username="prepared-holder").first_name == "A"
    # A failing statement fails the block with Django's error (the rest is not run), and the
    # transaction's rollback undoes what ran before it.
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor, sent_together():
        cursor.execute(update, ["C", "prepared-holder"])
        cursor.execute(f"UPDATE {table} SET username = %s WHERE username = %s", ["prepared-holder", "prepared-other"])  # noqa: S608
        cursor.execute(update, ["D", "prepared-holder"])
    assert User.objects.get(username="prepared-holder").first_name == "A"


@pytest.mark.parametrize("enabled", [True, False])
def test_on_postgresql_a_kept_connection_prepares_the_statement_unless_turned_off(
    roles, connection_kept, enabled, settings
):  # type: ignore[no-untyped-def]
    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are PostgreSQL's")
    settings.PREPARED_STATEMENTS = enabled
    _, user = roles
    tag = f"probe_{enabled}_{connection_kept}".replace("-", "_").lower()  # a statement of this test's own
    query = Prepared(
        lambda user_id: RoleAssignment.objects.filter(user_id=user_id).annotate(**{tag: F("role")}).values_list(tag),
        user_id=SAMPLE_INT,
    )
    assert sorted(query.rows(user_id=user.pk)) == [(Role.VILLAGE_FRONT_HEAD,), (Role.VILLAGE_HEAD,)]
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [row[0] for row in cursor.fetchall()]
    assert any(tag in sql for sql in prepared) == (enabled and connection_kept == "kept")
