"""The national administrative map in force since 1 July 2025: 34 provinces, 3,321 commune-level units.

The list comes from the `vietnam-provinces` package (official_list.py: the General Statistics Office's
codes, two digits for a province, five for a commune, ward or special zone). The package has no mapping
from the units before the 2025 reorganization to their successors, so `Unit.successors` is not filled
from it: the history (districts, merged communes) comes in through `import_units` where it is known.

Loading is a reconciliation with what the installation already holds, in one transaction:
- a unit of the list that is missing is created (valid from 1 July 2025);
- a unit with the same code that is still open is updated where its name, kind or parent differ; its start
  (`valid_from`) is kept: a province the reorganization left as it was (Thanh Hóa, "38") has existed since
  long before 1 July 2025 and stays current on earlier days, above its own former districts and communes;
- an open province- or commune-level unit that the list no longer has is ended on the day of the run
  (`valid_to`), never deleted;
- villages and residential groups (added by the communes) and ended units are not touched.
A second run finds nothing to do and writes nothing.

Every commune-level unit updated, moved or ended gets its own audit event naming it (`unit_id`, with the codes
in the data), besides the one event of the whole load: the reporting refresh reads the trail and recomputes
those communes (their overdue items carry their paths; a moved commune's figures leave its former province).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Q, Value
from django.db.models.functions import Concat, Substr
from django.utils.translation import gettext as _

from grassroots.core import audit
from grassroots.core.errors import DomainError
from grassroots.core.text import fold

from .models import COMMUNE_KINDS, Unit, UnitKind, unit_path
from .official_list import SOURCE, OfficialUnit, communes_of, official_units

__all__ = [
    "COMMUNE_ENDED",
    "COMMUNE_MOVED",
    "COMMUNE_UPDATED",
    "REFORM_DAY",
    "SOURCE",
    "NationalLoadResult",
    "communes_of",
    "load_national_units",
    "official_units",
]

# Two tiers of local government since 1 July 2025 (law.md §9.1): 34 provinces under Resolution
# 202/2025/QH15, 3,321 commune-level units (2,621 xã, 687 phường, 13 đặc khu; law.md §9.5).
REFORM_DAY = dt.date(2025, 7, 1)
# The kinds the official list covers: an open unit of these kinds missing from it has ended.
NATIONAL_KINDS = frozenset({UnitKind.PROVINCE, *COMMUNE_KINDS})

# The audit verbs of one commune-level unit changed by a load (reporting.refresh reads COMMUNE_MOVED).
COMMUNE_UPDATED = "territory.commune_updated"  # name or kind
COMMUNE_MOVED = "territory.commune_moved"  # another parent (and path), perhaps a new name or kind too
COMMUNE_ENDED = "territory.commune_ended"


@dataclass(frozen=True)
class _Change:
    """A unit updated by the load, as it was: what its audit event says."""

    unit: Unit
    old_path: str
    old_parent_code: str


@dataclass(frozen=True)
class NationalLoadResult:
    created: int
    updated: int
    ended: int
    unchanged: int


def load_national_units(*, as_of: dt.date, actor: Any = None) -> NationalLoadResult:
    """Bring the installation's provinces and communes in line with the official list (all or nothing)."""
    official = official_units()
    codes = [u.code for u in official]
    with transaction.atomic():
        existing = {u.code: u for u in Unit.objects.filter(code__in=codes)}
        ended_holders = sorted(code for code, unit in existing.items() if unit.valid_to is not None)
        if ended_holders:
            # The code is unique: an ended unit (say a pre-2025 commune imported with its history)
            # holding a code of the new list has to be recoded by hand first.
            raise DomainError(
                _("These official codes belong to units that have ended; recode them first: %(codes)s")
                % {"codes": ", ".join(ended_holders[:20]) + ("…" if len(ended_holders) > 20 else "")}
            )
        created, changes, unchanged = _create_and_update(official, existing)
        updated = len(changes)
        gone = list(
            Unit.objects.filter(kind__in=NATIONAL_KINDS, valid_to__isnull=True)
            .exclude(code__in=codes)
            # A unit that starts on or after the day has not been in force; ending it would be meaningless.
            .filter(Q(valid_from__isnull=True) | Q(valid_from__lt=as_of))
            .values_list("pk", "code", "kind", "path")
        )
        # Read first, write only when needed: a rerun that finds nothing to do writes nothing.
        ended = Unit.objects.filter(pk__in=[pk for pk, *_rest in gone]).update(valid_to=as_of) if gone else 0
        result = NationalLoadResult(created=created, updated=updated, ended=ended, unchanged=unchanged)
        _record_communes(changes, gone, as_of=as_of, actor=actor)
        if created or updated or ended:
            audit.record(
                "territory.national_units_loaded",
                actor=actor,
                data={
                    "source": SOURCE,
                    "as_of": as_of.isoformat(),
                    "created": created,
                    "updated": updated,
                    "ended": ended,
                    "unchanged": unchanged,
                },
            )
    return result


def _record_communes(
    changes: list[_Change], gone: list[tuple[int, str, str, str]], *, as_of: dt.date, actor: Any
) -> None:
    """One audit event per commune-level unit updated, moved or ended, naming the unit (`unit_id`)."""
    for change in changes:
        unit = change.unit
        if unit.kind not in COMMUNE_KINDS:
            continue
        parent_code = unit.parent.code if unit.parent else ""
        moved = change.old_path != unit.path
        audit.record(
            COMMUNE_MOVED if moved else COMMUNE_UPDATED,
            actor=actor,
            target=unit,
            unit_id=unit.pk,
            data={
                "source": SOURCE,
                "as_of": as_of.isoformat(),
                "code": unit.code,
                "from_parent": change.old_parent_code,
                "to_parent": parent_code,
                "from_path": change.old_path,
                "to_path": unit.path,
            },
        )
    for pk, code, kind, path in gone:
        if kind in COMMUNE_KINDS:
            audit.record(
                COMMUNE_ENDED,
                actor=actor,
                target=("territory.unit", pk),
                unit_id=pk,
                data={"source": SOURCE, "as_of": as_of.isoformat(), "code": code, "path": path},
            )


def _parent_code(path: str) -> str:
    """The code of the unit above, read from a materialized path ("/38/14797/" → "38"); "" at the top."""
    codes = path.strip("/").split("/")
    return codes[-2] if len(codes) > 1 else ""


def _create_and_update(official: tuple[OfficialUnit, ...], existing: dict[str, Unit]) -> tuple[int, list[_Change], int]:
    """Provinces, then communes: one bulk insert and one bulk update for each level."""
    created = unchanged = 0
    changes: list[_Change] = []
    units = dict(existing)
    for level in (UnitKind.PROVINCE, "commune-level"):
        rows = [u for u in official if (u.kind == UnitKind.PROVINCE) == (level == UnitKind.PROVINCE)]
        new: list[Unit] = []
        changed: list[Unit] = []
        moves: list[tuple[str, str]] = []
        for row in rows:
            parent = units[row.parent_code] if row.parent_code else None
            path = unit_path(parent, row.code)
            unit = units.get(row.code)
            if unit is None:
                new.append(
                    Unit(
                        code=row.code,
                        name=row.name,
                        name_folded=fold(row.name),
                        kind=row.kind,
                        parent=parent,
                        path=path,
                        valid_from=REFORM_DAY,
                    )
                )
                continue
            # The start is not compared: a unit that exists keeps the day it began (module docstring).
            wanted = (row.name, row.kind, parent.pk if parent else None, path)
            if (unit.name, unit.kind, unit.parent_id, unit.path) == wanted:
                unchanged += 1
                continue
            changes.append(_Change(unit, unit.path, _parent_code(unit.path)))
            if unit.path != path:
                moves.append((unit.path, path))
            unit.name, unit.name_folded, unit.kind, unit.parent = row.name, fold(row.name), row.kind, parent
            unit.path = path
            changed.append(unit)
        for unit in Unit.objects.bulk_create(new, batch_size=1000):
            units[unit.code] = unit
        Unit.objects.bulk_update(changed, ["name", "name_folded", "kind", "parent", "path"], batch_size=500)
        for old, new_path in moves:
            # The units under a moved unit (its villages) follow it: their paths start with its path.
            Unit.objects.filter(path__startswith=old).exclude(path=old).update(
                path=Concat(Value(new_path), Substr("path", len(old) + 1))
            )
        created += len(new)
    return created, changes, unchanged
