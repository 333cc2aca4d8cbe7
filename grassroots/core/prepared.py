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
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

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
        with connection.cursor() as cursor:
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


def columns(model: Any, through: str = "") -> list[str]:
    """The names `values_list` takes for every concrete field of the model (`through`: the relation's path,
    as "household__unit__"), in the order `instance` expects them."""
    return [f"{through}{field.attname}" for field in model._meta.concrete_fields]


def instance(model: Any, values: tuple[Any, ...] | list[Any]) -> Any:
    """A model instance from the values of `columns(model)`, as the ORM makes it from a row."""
    from django.db import DEFAULT_DB_ALIAS

    return model.from_db(DEFAULT_DB_ALIAS, [field.attname for field in model._meta.concrete_fields], values)
