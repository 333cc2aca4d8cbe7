"""Validate and import a CSV of administrative units: code,name,kind,parent_code[,valid_from,valid_to,successor_codes]."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from grassroots.core import audit
from grassroots.core.csvimport import (
    HeaderError,
    ImportFailed,
    Problem,
    extra_values_problem,
    open_csv,
    parse_date,
    read_rows,
)

from .models import Unit, UnitKind, parent_kind_problem

REQUIRED = ["code", "name", "kind", "parent_code"]
OPTIONAL = ["valid_from", "valid_to", "successor_codes"]
MAX_CODE = 32


@dataclass
class UnitRow:
    row: int
    code: str
    name: str
    kind: str
    parent_code: str
    valid_from: dt.date | None
    valid_to: dt.date | None
    successor_codes: list[str] = field(default_factory=list)


@dataclass
class UnitImportResult:
    created: int
    updated: int
    unchanged: int


def _date(problems: list[Problem], row: int, column: str, raw: str) -> dt.date | None:
    if not raw:
        return None
    try:
        return parse_date(raw)
    except ValueError:
        problems.append(
            Problem(row, column, _("“%(value)s” is not a date (use YYYY-MM-DD or dd/mm/yyyy)") % {"value": raw})
        )
        return None


def validate_units(path: str | Path) -> list[UnitRow]:
    problems: list[Problem] = []
    rows: list[UnitRow] = []
    seen: dict[str, int] = {}
    kinds = {k.value for k in UnitKind}
    with open_csv(path) as handle:
        try:
            for number, raw in read_rows(handle, required=REQUIRED, optional=OPTIONAL):
                extra = extra_values_problem(number, raw)
                if extra is not None:
                    problems.append(extra)
                code, name, kind = raw["code"], raw["name"], raw["kind"].lower()
                if not code:
                    problems.append(Problem(number, "code", _("the code is empty")))
                elif "/" in code or len(code) > MAX_CODE or not code.replace("-", "").replace("_", "").isalnum():
                    problems.append(
                        Problem(number, "code", _("“%(value)s” is not a valid unit code") % {"value": code})
                    )
                elif code in seen:
                    problems.append(
                        Problem(
                            number,
                            "code",
                            _("code %(code)s already appears on row %(other)s") % {"code": code, "other": seen[code]},
                        )
                    )
                else:
                    seen[code] = number
                if not name:
                    problems.append(Problem(number, "name", _("the name is empty")))
                elif len(name) > 200:
                    problems.append(Problem(number, "name", _("the name is longer than 200 characters")))
                if kind not in kinds:
                    problems.append(
                        Problem(
                            number,
                            "kind",
                            _("“%(value)s” is not a unit kind (one of: %(kinds)s)")
                            % {"value": raw["kind"], "kinds": ", ".join(sorted(kinds))},
                        )
                    )
                valid_from = _date(problems, number, "valid_from", raw.get("valid_from", ""))
                valid_to = _date(problems, number, "valid_to", raw.get("valid_to", ""))
                if valid_from and valid_to and valid_to <= valid_from:
                    problems.append(Problem(number, "valid_to", _("the end date must be after the start date")))
                successors = [c.strip() for c in raw.get("successor_codes", "").split(";") if c.strip()]
                rows.append(UnitRow(number, code, name, kind, raw["parent_code"], valid_from, valid_to, successors))
        except HeaderError as exc:
            raise ImportFailed([Problem(1, "", str(exc))]) from None
        except UnicodeDecodeError:
            raise ImportFailed([Problem(0, "", _("the file is not UTF-8 text"))]) from None

    by_code = {r.code: r for r in rows if r.code}
    existing = {u.code: u for u in Unit.objects.filter(code__in=[*by_code, *(r.parent_code for r in rows)])}
    all_successors = {c for r in rows for c in r.successor_codes}
    existing_successors = set(Unit.objects.filter(code__in=all_successors).values_list("code", flat=True))
    for r in rows:
        parent_kind: str | None = None
        if r.parent_code:
            if r.parent_code == r.code:
                problems.append(Problem(r.row, "parent_code", _("a unit cannot be its own parent")))
                continue
            if r.parent_code in by_code:
                parent_kind = by_code[r.parent_code].kind
            elif r.parent_code in existing:
                parent_kind = existing[r.parent_code].kind
            else:
                problems.append(
                    Problem(r.row, "parent_code", _("unknown parent unit %(code)s") % {"code": r.parent_code})
                )
                continue
        # The same check Unit.save() makes, reported here for every row before anything is written.
        problem = parent_kind_problem(r.kind, parent_kind) if r.kind in kinds else None
        if problem is not None:
            problems.append(Problem(r.row, "parent_code", problem))
        old = existing.get(r.code)
        if old is not None:
            old_parent = old.parent.code if old.parent is not None else ""
            if old.kind != r.kind:
                problems.append(
                    Problem(r.row, "kind", _("unit %(code)s already exists with another kind") % {"code": r.code})
                )
            if old_parent != r.parent_code:
                problems.append(
                    Problem(
                        r.row, "parent_code", _("unit %(code)s already exists under another parent") % {"code": r.code}
                    )
                )
        for s in r.successor_codes:
            if s not in by_code and s not in existing_successors:
                problems.append(Problem(r.row, "successor_codes", _("unknown successor unit %(code)s") % {"code": s}))
    # A cycle through the file's own rows (a → b → a) leaves units without a root.
    if not problems:
        for r in rows:
            steps, cursor = 0, r
            while cursor.parent_code in by_code and steps <= len(rows):
                cursor, steps = by_code[cursor.parent_code], steps + 1
            if steps > len(rows):
                problems.append(Problem(r.row, "parent_code", _("the parent links form a cycle")))
                break
    if problems:
        raise ImportFailed(sorted(problems))
    return rows


def _depth(r: UnitRow, by_code: dict[str, UnitRow]) -> int:
    depth = 0
    while r.parent_code in by_code:
        r, depth = by_code[r.parent_code], depth + 1
    return depth


def import_units(path: str | Path, *, actor: Any = None) -> UnitImportResult:
    """Validate the whole file, then write it in one transaction (all or nothing)."""
    rows = validate_units(path)
    by_code = {r.code: r for r in rows}
    rows.sort(key=lambda r: _depth(r, by_code))
    created = updated = unchanged = 0
    with transaction.atomic():
        units: dict[str, Unit] = {
            u.code: u for u in Unit.objects.filter(code__in=[*by_code, *(r.parent_code for r in rows)])
        }
        for r in rows:
            parent = units.get(r.parent_code) if r.parent_code else None
            unit = units.get(r.code)
            if unit is None:
                unit = Unit.objects.create(
                    code=r.code,
                    name=r.name,
                    kind=r.kind,
                    parent=parent,
                    valid_from=r.valid_from,
                    valid_to=r.valid_to,
                )
                units[r.code] = unit
                created += 1
            elif (unit.name, unit.valid_from, unit.valid_to) != (r.name, r.valid_from, r.valid_to):
                unit.name, unit.valid_from, unit.valid_to = r.name, r.valid_from, r.valid_to
                unit.save(update_fields=["name", "valid_from", "valid_to"])
                updated += 1
            else:
                unchanged += 1
        for r in rows:
            if r.successor_codes:
                succ = list(Unit.objects.filter(code__in=r.successor_codes))
                units[r.code].successors.add(*succ)
        result = UnitImportResult(created, updated, unchanged)
        audit.record(
            "territory.units_imported",
            actor=actor,
            data={"file": Path(path).name, "created": created, "updated": updated, "unchanged": unchanged},
        )
    return result
