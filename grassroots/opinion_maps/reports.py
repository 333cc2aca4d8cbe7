"""Loading the votes with bulk reads (values_list, no model instances) and storing the report; the
report's rows joined with the statements' current text for the pages, the CSV and the API (hidden
statements are left out, even from an older report). Aggregates only: never a vote or a person."""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass
from typing import Any

import numpy as np
from django.db import connection, transaction
from django.utils import timezone

from grassroots.core import audit

from .analysis import build_report
from .models import OpinionMap, Report, Statement, Vote


def load(opinion_map: OpinionMap) -> tuple[np.ndarray, list[int]]:
    """The votes as an (n, 3) int array (participant, statement, value) and the visible statements."""
    statement_ids = list(
        Statement.objects.filter(map=opinion_map, hidden_at__isnull=True).order_by("pk").values_list("pk", flat=True)
    )
    rows = Vote.objects.filter(map=opinion_map).values_list("participant_id", "statement_id", "value").order_by()
    sql, params = rows.query.sql_with_params()
    with connection.cursor() as cursor:  # the queryset's own SQL, read as plain tuples in chunks
        cursor.execute(sql, params)
        chunks = iter(lambda: cursor.fetchmany(50_000), [])
        flat = np.fromiter(itertools.chain.from_iterable(itertools.chain.from_iterable(chunks)), dtype=np.int64)
    return flat.reshape(-1, 3), statement_ids


def compute(opinion_map: OpinionMap) -> Report:
    started = time.perf_counter()
    rows, statement_ids = load(opinion_map)
    data = build_report(rows, statement_ids)
    seconds = time.perf_counter() - started
    with transaction.atomic():
        report = Report.objects.create(map=opinion_map, computed_at=timezone.now(), seconds=seconds, data=data)
        audit.record(
            "opinion_maps.report_computed", target=opinion_map, unit_id=opinion_map.unit_id,
            data={"report": report.pk, "participants": data["participants"], "groups": len(data["groups"])},
        )  # fmt: skip
    return report


def signed_name(statement: Statement) -> str:
    """The author's name only if they signed; never otherwise."""
    if statement.signed and statement.author is not None:
        return statement.author.resident.full_name
    return ""


@dataclass(frozen=True)
class StatementRow:
    statement: Statement
    agree: int
    disagree: int
    passes: int
    groups: list[dict[str, Any]]
    author: str = ""  # only when the author chose to sign

    @property
    def total(self) -> int:
        return self.agree + self.disagree + self.passes

    def share(self, n: int) -> int:
        return round(100 * n / self.total) if self.total else 0


@dataclass(frozen=True)
class View:
    """A report as the pages show it: groups with their statements, consensus, every statement's counts."""

    report: Report
    groups: list[dict[str, Any]]
    consensus: list[dict[str, Any]]
    rows: list[StatementRow]


def view(opinion_map: OpinionMap, report: Report | None = None) -> View | None:
    report = report or opinion_map.reports.first()
    if report is None:
        return None
    data = report.data
    visible = Statement.objects.filter(map=opinion_map, hidden_at__isnull=True).select_related("author__resident")
    texts = {s.pk: s for s in visible}
    labels = [g["label"] for g in data["groups"]]

    def with_text(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [{**item, "text": texts[item["statement"]].text} for item in items if item["statement"] in texts]

    groups = [{**g, "representative": with_text(g["representative"])} for g in data["groups"]]
    rows = [
        StatementRow(
            texts[r["statement"]],
            r["agree"],
            r["disagree"],
            r["pass"],
            [{"label": labels[i], "agree": a, "disagree": d, "voted": v} for i, (a, d, v) in enumerate(r["groups"])],
            signed_name(texts[r["statement"]]),
        )
        for r in data["per_statement"]
        if r["statement"] in texts
    ]
    return View(report, groups, with_text(data["consensus"]), rows)
