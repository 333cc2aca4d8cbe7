"""Querysets compiled to SQL once per process and run again with new values.

For the one path that must stand a peak (an online vote at the close of a commune-wide vote, issue 10),
building a queryset and compiling it to SQL costs more than the database takes to answer it. A `Prepared`
query is written as an ordinary queryset, so that it reads like the rest of the code and follows the
models, and is compiled once per process and database with sample values in the places of its
parameters; each run puts the new values where the samples were and applies the same conversions of the
results (dates, booleans, time zones) that the queryset would.

    TOKEN = Prepared(lambda key, now: ApiToken.objects.usable_at(now).filter(key_hash=key)
                                                     .values_list("pk", "user_id"),
                     key="\\x1fkey", now=SAMPLE_DATETIME)
    TOKEN.rows(key=digest, now=timezone.now())  # [(12, 7)]

Only `values_list` querysets (rows as tuples). A sample must be a value that appears nowhere else in the
query: each parameter equal to it (or, for `startswith` and the like, containing it) is replaced. Lists of
varying length (`__in`) cannot be prepared.
"""

from __future__ import annotations

import datetime as dt
import functools
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import connections
from django.db.models import QuerySet

SAMPLE_DATE = dt.date(1901, 2, 3)
SAMPLE_DATETIME = dt.datetime(1901, 2, 3, 4, 5, 6, 789, tzinfo=dt.UTC)
SAMPLE_INT = -790_913


@dataclass(frozen=True)
class _Compiled:
    sql: str
    params: tuple[Any, ...]
    # For each sample's name: (position, True if the parameter is the sample itself, False if it holds it).
    slots: dict[str, list[tuple[int, bool]]]
    samples: dict[str, Any]
    converters: list[tuple[int, list[Callable[..., Any]], Any]]


def _adapt(connection: Any, value: Any) -> Any:
    """A value as the ORM passes it to the database driver (what a lookup's `get_db_prep_value` gives)."""
    if isinstance(value, dt.datetime):
        return connection.ops.adapt_datetimefield_value(value)
    if isinstance(value, dt.date):
        return connection.ops.adapt_datefield_value(value)
    return value


class Prepared:
    def __init__(self, build: Callable[..., QuerySet[Any]], **samples: Any) -> None:
        self.build = build
        self.samples = samples
        self._compiled: dict[str, _Compiled] = {}
        self._lock = threading.Lock()

    def _compile(self, alias: str) -> _Compiled:
        connection = connections[alias]
        queryset = self.build(**self.samples).using(alias)
        compiler = queryset.query.get_compiler(alias)
        sql, params = compiler.as_sql()
        slots: dict[str, list[tuple[int, bool]]] = {}
        adapted = {name: _adapt(connection, sample) for name, sample in self.samples.items()}
        for position, param in enumerate(params):
            for name, sample in adapted.items():
                if type(param) is type(sample) and param == sample:
                    slots.setdefault(name, []).append((position, True))
                elif isinstance(param, str) and isinstance(sample, str) and sample in param:
                    slots.setdefault(name, []).append((position, False))
        missing = set(self.samples) - set(slots)
        if missing:
            raise ValueError(f"the samples {sorted(missing)} are not parameters of the query: {sql}")
        fields = [column[0] for column in compiler.select[: compiler.col_count]]
        converters = [(pos, convs, expression) for pos, (convs, expression) in compiler.get_converters(fields).items()]
        return _Compiled(sql, tuple(params), slots, adapted, converters)

    def rows(self, **values: Any) -> list[tuple[Any, ...]]:
        """The rows of the query with these values in the places of the samples."""
        from django.db import DEFAULT_DB_ALIAS

        alias = DEFAULT_DB_ALIAS
        compiled = self._compiled.get(alias)
        if compiled is None:
            with self._lock:
                compiled = self._compiled.get(alias) or self._compile(alias)
                self._compiled[alias] = compiled
        if values.keys() != compiled.slots.keys():
            raise TypeError(f"give exactly {sorted(compiled.slots)}")
        connection = connections[alias]
        params = list(compiled.params)
        for name, value in values.items():
            for position, whole in compiled.slots[name]:
                if whole:
                    params[position] = _adapt(connection, value)
                else:  # a LIKE pattern made of the value: escaped the same way
                    escaped = connection.ops.prep_for_like_query(value)
                    params[position] = params[position].replace(compiled.samples[name], escaped)
        with prepared_cursor(alias) as cursor:
            cursor.execute(compiled.sql, params)
            fetched = cursor.fetchall()
        if not compiled.converters:
            return [tuple(row) for row in fetched]
        converted = []
        for raw in fetched:
            row = list(raw)
            for position, convs, expression in compiled.converters:
                value = row[position]
                for convert in convs:
                    value = convert(value, expression, connection)
                row[position] = value
            converted.append(tuple(row))
        return converted

    def first(self, **values: Any) -> tuple[Any, ...] | None:
        found = self.rows(**values)
        return found[0] if found else None


@functools.cache
def _preparing_classes() -> tuple[type, type]:
    """Django's psycopg cursor with the values bound by the server and every statement prepared, and the
    debug wrapper that logs it (tests, DEBUG) with its SQL as written, since psycopg keeps no text of a
    prepared statement's run for Django to log."""
    import psycopg
    from django.db.backends.postgresql.base import CursorDebugWrapper
    from django.db.backends.utils import CursorWrapper

    class PreparingCursor(psycopg.Cursor[Any]):  # Django's ServerBindingCursor, less callproc()
        def execute(self, query: Any, params: Any = None, **kwargs: Any) -> Any:
            return super().execute(query, params, prepare=True)

    class LoggedCursor(CursorDebugWrapper):
        def execute(self, sql: Any, params: Any = None) -> Any:
            with self.debug_sql(sql, params, use_last_executed_query=False):
                return CursorWrapper.execute(self, sql, params)

    return PreparingCursor, LoggedCursor


def prepared_cursor(using: str = "default") -> Any:
    """On PostgreSQL, over a connection kept open between requests (CONN_MAX_AGE, docs/deploy.md), a
    cursor whose statements the server keeps prepared for the connection: parsed and planned once, not at
    every run (planning the caller's household took 0.6 ms of the server's CPU, running it 0.08 ms).
    Django's cursor elsewhere, over a connection opened for one request (preparing would cost a round
    trip more), or where `DATABASE_PREPARED_STATEMENTS=0` (a pooler that does not keep them).

    Values are bound by the server: a value whose type the statement does not fix (a NULL, a value in
    a SELECT list) needs a cast in the SQL."""
    connection = connections[using]
    if (
        connection.vendor != "postgresql"
        or not settings.PREPARED_STATEMENTS
        or connection.settings_dict.get("CONN_MAX_AGE") == 0
    ):
        return connection.cursor()
    connection.ensure_connection()
    raw = connection.connection
    if raw.prepare_threshold is None:
        # Django turns psycopg's preparing off (prepare_threshold=None, for poolers), which would make
        # `prepare=True` do nothing: with a threshold no query reaches, only these statements are prepared.
        raw.prepare_threshold = 2**31
    preparing, logged = _preparing_classes()
    cursor = preparing(raw)
    return logged(cursor, connection) if connection.queries_logged else connection.make_cursor(cursor)


def columns(model: Any, through: str = "") -> list[str]:
    """The names `values_list` takes for every concrete field of the model (`through`: the relation's path,
    as "household__unit__"), in the order `instance` expects them."""
    return [f"{through}{field.attname}" for field in model._meta.concrete_fields]


def instance(model: Any, values: tuple[Any, ...] | list[Any]) -> Any:
    """A model instance from the values of `columns(model)`, as the ORM makes it from a row."""
    from django.db import DEFAULT_DB_ALIAS

    return model.from_db(DEFAULT_DB_ALIAS, [field.attname for field in model._meta.concrete_fields], values)


@contextmanager
def sent_together(using: str = "default") -> Iterator[None]:
    """On PostgreSQL, the statements run in the block go to the server together, without waiting for each
    answer (psycopg's pipeline mode): one round trip for the lot, at the first read of a result (a
    `fetchone`) or at the block's end, where an error of any of them is raised. Elsewhere, nothing.

    For writes whose answers nothing in the block needs before its last statement: a cursor's `rowcount`
    is known only after the block (or after a later `fetchone`), and once a statement fails the rest are
    not run, which the enclosing transaction's rollback then undoes."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        yield
        return
    connection.ensure_connection()
    with connection.wrap_database_errors, connection.connection.pipeline():  # errors as Django's, at the end too
        yield
