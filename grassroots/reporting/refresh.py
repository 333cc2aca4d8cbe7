"""Keeping the figures current by incremental aggregation.

A commune is the unit of work: `refresh_commune` asks every indicator for the commune's items since the Law
took effect (1 July 2023, Law Art 90(1)), writes the figures of this year and the last (the window) for the
commune and its villages where they changed, replaces the commune's overdue items (all of them, however old:
an unanswered recommendation of 2024 is still overdue in 2026, if the platform recorded the commune in 2024:
see `overdue_since`), and adds the change of the commune's own
figures to each unit above it (the district before July 2025, the province). A province's figure is
therefore always the sum of its communes' (a property test holds it), and no page ever recomputes it.

The words stored with an overdue item (its title, who is responsible) are the indicator's, translated when
the refresh runs: every refresh runs in the installation's language (`settings.LANGUAGE_CODE`, Vietnamese),
whatever language the request or command that started it is in, so the list reads the same for everybody.
A reader who chose English or Russian sees these stored words in Vietnamese; storing them in every language
is not done (the dashboards' own words are translated as usual).

When the national map moves a commune to another province (`territory.national`), the audit event of the
move names the commune and its former path: `refresh_changed` refreshes the commune (its overdue items get
their new paths) and rebuilds the window's figures of the units it left and of those it joined, since the
change it adds goes only to its current ancestors. Figures before the window stay as they were.

Which communes to refresh comes from the audit trail: every write of every app is an audit event that names
its unit (`core.audit.record(unit_id=…)`), so `refresh_changed` reads the events after the last one it read
and refreshes the communes they touched. Time alone also changes figures (a deadline passes at midnight):
`refresh_all` refreshes every commune and rebuilds the sums above them, nightly.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, Max, Min, Sum
from django.utils import timezone, translation

from grassroots.core.models import AuditEvent
from grassroots.territory.models import COMMUNE_KINDS, VILLAGE_KINDS, Unit

from .models import CommuneStart, Figure, OverdueItem, RefreshCursor
from .periods import starts_of
from .registry import all_indicators

Key = tuple[int, str, dt.date, str]  # unit id, period kind, period start, indicator code
Sums = dict[Key, tuple[int, int, int]]  # numerator, denominator, items

# The audit verb of a commune moved to another parent, as `territory.national.COMMUNE_MOVED` records it (spelt
# here: importing that module loads the official list, a quarter of a second; a test checks the two agree).
COMMUNE_MOVED = "territory.commune_moved"

FIELDS = ["numerator", "denominator", "items"]
UNIQUE = ["unit", "kind", "start", "indicator"]


# Law Art 90(1): the Law is in force from 1 July 2023; nothing it asks for was due before that day.
LAW_IN_FORCE_ART_90 = dt.date(2023, 7, 1)


def window(today: dt.date) -> tuple[dt.date, dt.date]:
    """The span a refresh recomputes: last year and this one. Figures before it stay as they were."""
    return dt.date(today.year - 1, 1, 1), dt.date(today.year, 12, 31)


def overdue_since(commune_id: int, below: Iterable[int], today: dt.date) -> dt.date:
    """The first day a commune's overdue list looks back to: 1 January of the year the platform first recorded
    anything about the commune or the units below it (`below`: its villages; its first audit event), or the
    window's start if that is earlier; never before the Law took effect (Law Art 90(1)). A conference or review
    missing from before the commune used the platform is no proof that none was held: listing every village's
    2023 and 2024 as overdue on the day a commune starts would bury the real arrears.

    The first event's day is kept (`CommuneStart`) and read from the trail again only when the commune's
    units are no longer those it was found for; while the trail holds nothing about them, nothing is kept."""
    start = window(today)[0]
    units = sorted({commune_id, *below})
    digest = units_digest(units)
    first = (
        CommuneStart.objects.filter(commune_id=commune_id, units_digest=digest)
        .values_list("first_recorded_on", flat=True)
        .first()
    )
    if first is None:
        first = first_recorded(units)
        if first is not None:
            # update_or_create stands a refresh of the same commune storing it meanwhile (it reads the row
            # again on an IntegrityError); both found the same day.
            CommuneStart.objects.update_or_create(
                commune_id=commune_id, defaults={"first_recorded_on": first, "units_digest": digest}
            )
    if first is not None:
        start = min(start, dt.date(first.year, 1, 1))
    return max(LAW_IN_FORCE_ART_90, start)


def first_recorded(unit_ids: list[int]) -> dt.date | None:
    """The local day of the first audit event naming one of these units; None when there is none."""
    first = AuditEvent.objects.filter(unit_id__in=unit_ids).aggregate(first=Min("created_at"))["first"]
    return None if first is None else timezone.localtime(first).date()


def units_digest(unit_ids: list[int]) -> str:
    """A name for a set of unit ids (sorted), short enough to store whatever their number."""
    return hashlib.sha256(",".join(map(str, unit_ids)).encode()).hexdigest()


@dataclass
class Outcome:
    communes: int = 0
    written: int = 0
    deleted: int = 0
    overdue: int = 0


def compute(commune: Unit, today: dt.date) -> tuple[Sums, list[OverdueItem]]:
    """The figures of the commune and its villages in the window, and its overdue items since the Law took
    effect, from the indicators' items.

    Each indicator is asked once, for the whole overdue span (one call costs its queries whatever the span):
    items of the window count in the figures, older ones only make the overdue list when they are overdue."""
    start, end = window(today)
    paths = dict(Unit.objects.descendants_of(commune).values_list("id", "path"))
    since = overdue_since(commune.pk, paths, today)
    asked = min(start, since)  # the window's figures, and the overdue items since `since`
    acc: dict[Key, list[int]] = defaultdict(lambda: [0, 0, 0])
    overdue: list[OverdueItem] = []
    for indicator in all_indicators():
        for item in indicator.items(commune, asked, end, today):
            if item.unit_id != commune.pk and item.unit_id not in paths:
                continue  # not this commune's: an indicator must not count it here
            if not asked <= item.day <= end:
                continue
            if start <= item.day:
                units = [commune.pk] if item.unit_id == commune.pk else [item.unit_id, commune.pk]
                for kind, period in starts_of(item.day):
                    for unit_id in units:
                        sums = acc[(unit_id, kind, period, indicator.code)]
                        sums[0] += item.numerator
                        sums[1] += item.denominator
                        sums[2] += 1
            if item.overdue and since <= item.day:
                overdue.append(
                    OverdueItem(
                        commune=commune,
                        unit_id=item.unit_id,
                        path=paths.get(item.unit_id, commune.path),
                        indicator=indicator.code,
                        title=item.title[:500],
                        url=item.url[:500],
                        deadline=item.deadline,
                        responsible=item.responsible[:300],
                    )
                )
    return {key: (v[0], v[1], v[2]) for key, v in acc.items()}, overdue


def stored(unit_ids: Iterable[int], today: dt.date) -> dict[Key, tuple[int, tuple[int, int, int]]]:
    """The figures stored for these units in the window: key → (row id, sums)."""
    start, end = window(today)
    rows = Figure.objects.filter(unit_id__in=list(unit_ids), start__gte=start, start__lte=end).values_list(
        "id", "unit_id", "kind", "start", "indicator", *FIELDS
    )
    return {(u, k, s, i): (pk, (n, d, c)) for pk, u, k, s, i, n, d, c in rows}


def ancestors(unit: Unit) -> list[Unit]:
    return list(Unit.objects.filter(code__in=unit.ancestor_codes()))


def refresh_commune(commune: Unit, today: dt.date | None = None, *, roll_up: bool = True) -> Outcome:
    """Recompute one commune; with `roll_up`, add its change to every unit above it.

    The overdue items are deleted and written again with the paths their units have now. The indicators'
    words are stored in the installation's language (`settings.LANGUAGE_CODE`), not the caller's."""
    today = today or timezone.localdate()
    with translation.override(settings.LANGUAGE_CODE), transaction.atomic():
        # One refresh of a commune at a time (PostgreSQL; SQLite's BEGIN IMMEDIATE serializes writers already):
        # two at once would both add the same change to the province.
        commune = Unit.objects.select_for_update().get(pk=commune.pk)
        new, overdue = compute(commune, today)
        below = Unit.objects.descendants_of(commune).values_list("id", flat=True)
        old = stored([commune.pk, *below], today)
        outcome = Outcome(communes=1, overdue=len(overdue))
        gone = [pk for key, (pk, _sums) in old.items() if key not in new]
        if gone:
            outcome.deleted = Figure.objects.filter(pk__in=gone).delete()[0]
        changed = [key for key, sums in new.items() if key not in old or old[key][1] != sums]
        Figure.objects.bulk_create(
            [
                Figure(unit_id=k[0], kind=k[1], start=k[2], indicator=k[3], **dict(zip(FIELDS, new[k], strict=True)))
                for k in changed
            ],
            update_conflicts=True,
            unique_fields=UNIQUE,
            update_fields=FIELDS,
            batch_size=500,
        )
        outcome.written = len(changed)
        OverdueItem.objects.filter(commune=commune).delete()
        OverdueItem.objects.bulk_create(overdue, batch_size=500)
        if roll_up:
            deltas: dict[tuple[str, dt.date, str], tuple[int, int, int]] = {}
            for key in {k for k in (*new, *old) if k[0] == commune.pk}:
                before = old[key][1] if key in old else (0, 0, 0)
                after = new.get(key, (0, 0, 0))
                delta = (after[0] - before[0], after[1] - before[1], after[2] - before[2])
                if delta != (0, 0, 0):
                    deltas[key[1:]] = delta
            for unit in ancestors(commune):
                add(unit, deltas)
    return outcome


def add(unit: Unit, deltas: dict[tuple[str, dt.date, str], tuple[int, int, int]]) -> None:
    """Add a commune's change to a unit above it; a figure left with no item goes ("no data yet")."""
    if not deltas:
        return
    Figure.objects.bulk_create(
        [Figure(unit=unit, kind=k, start=s, indicator=i) for k, s, i in deltas],
        ignore_conflicts=True,
        batch_size=500,
    )
    for (kind, start, code), (n, d, c) in deltas.items():
        Figure.objects.filter(unit=unit, kind=kind, start=start, indicator=code).update(
            numerator=F("numerator") + n, denominator=F("denominator") + d, items=F("items") + c
        )
    Figure.objects.filter(unit=unit, items=0).delete()


def rebuild_rollups(today: dt.date | None = None, *, codes: Iterable[str] | None = None) -> int:
    """Every unit above commune level (or those of `codes`): its figures in the window are the sums of the
    communes below it."""
    today = today or timezone.localdate()
    start, end = window(today)
    written = 0
    uppers = Unit.objects.exclude(kind__in=COMMUNE_KINDS | VILLAGE_KINDS)
    if codes is not None:
        uppers = uppers.filter(code__in=list(codes))
    for unit in uppers:
        with transaction.atomic():
            Figure.objects.filter(unit=unit, start__gte=start, start__lte=end).delete()
            sums = (
                Figure.objects.filter(
                    unit__path__startswith=unit.path, unit__kind__in=COMMUNE_KINDS, start__gte=start, start__lte=end
                )
                .values("kind", "start", "indicator")
                .annotate(n=Sum("numerator"), d=Sum("denominator"), c=Sum("items"))
                .order_by()
            )
            rows = [
                Figure(
                    unit=unit,
                    kind=r["kind"],
                    start=r["start"],
                    indicator=r["indicator"],
                    numerator=r["n"],
                    denominator=r["d"],
                    items=r["c"],
                )
                for r in sums
            ]
            Figure.objects.bulk_create(rows, batch_size=1000)
            written += len(rows)
    return written


def communes_in_window(today: dt.date) -> list[Unit]:
    start, _end = window(today)
    return list(Unit.objects.communes().exclude(valid_to__lte=start).order_by("path"))


def refresh_all(today: dt.date | None = None) -> Outcome:
    """Every commune, then the sums above them: the nightly run (deadlines pass without any write)."""
    today = today or timezone.localdate()
    last = _last_seq()
    total = _refresh_each(communes_in_window(today), today, roll_up=False)
    rebuild_rollups(today)
    _analyze()
    _advance_cursor(last)
    return total


def changed_communes(after_seq: int, upto_seq: int) -> list[Unit]:
    """The communes whose units the audit events (after_seq, upto_seq] name."""
    unit_ids = set(
        AuditEvent.objects.filter(seq__gt=after_seq, seq__lte=upto_seq, unit_id__isnull=False)
        .values_list("unit_id", flat=True)
        .distinct()
    )
    if not unit_ids:
        return []
    codes: set[str] = set()
    for kind, path in Unit.objects.filter(pk__in=unit_ids).values_list("kind", "path"):
        parts = path.strip("/").split("/")
        if kind in COMMUNE_KINDS:
            codes.add(parts[-1])
        elif kind in VILLAGE_KINDS and len(parts) >= 2:
            codes.add(parts[-2])
    return list(Unit.objects.filter(code__in=codes, kind__in=COMMUNE_KINDS).order_by("path"))


def left_and_joined(after_seq: int, upto_seq: int) -> set[str]:
    """The codes of the units above the communes that moved (events (after_seq, upto_seq]): the ones each left
    and the ones each joined, not those above both (which hold it before and after, the change added to
    them is right). Their sums have to be rebuilt: a refresh adds a commune's change to its ancestors of now."""
    codes: set[str] = set()
    moves = AuditEvent.objects.filter(seq__gt=after_seq, seq__lte=upto_seq, verb=COMMUNE_MOVED)
    for data in moves.values_list("data", flat=True):
        before = set(str(data.get("from_path", "")).strip("/").split("/")[:-1])
        after = set(str(data.get("to_path", "")).strip("/").split("/")[:-1])
        codes |= (before ^ after) - {""}
    return codes


def refresh_changed(today: dt.date | None = None) -> Outcome:
    """The communes touched since the last run, as the audit trail tells (every few minutes); then the sums of
    the units that moved communes left or joined."""
    today = today or timezone.localdate()
    after, last = _cursor().seq, _last_seq()
    total = _refresh_each(changed_communes(after, last), today, roll_up=True)
    moved_across = left_and_joined(after, last)
    if moved_across:
        rebuild_rollups(today, codes=moved_across)
    _advance_cursor(last)
    return total


def _refresh_each(communes: Iterable[Unit], today: dt.date, *, roll_up: bool) -> Outcome:
    total = Outcome()
    for commune in communes:
        one = refresh_commune(commune, today, roll_up=roll_up)
        total.communes += 1
        total.written += one.written
        total.deleted += one.deleted
        total.overdue += one.overdue
    return total


def _last_seq() -> int:
    """The last audit event written so far: what a run that starts now has seen (read before the run)."""
    return AuditEvent.objects.aggregate(m=Max("seq"))["m"] or 0


def _advance_cursor(seq: int) -> None:
    with transaction.atomic():
        cursor = _cursor()
        cursor.seq = max(cursor.seq, seq)
        cursor.refreshed_at = timezone.now()
        cursor.save()


def _analyze() -> None:
    """PostgreSQL: fresh planner statistics after a full refresh. Without them, right after the first one the
    planner still counts a handful of overdue items and sorts a province's ~10,000 before taking the first ten
    (180 ms instead of 0.3 ms in bench/dashboard.py); autovacuum would come to it only later."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {Figure._meta.db_table}, {OverdueItem._meta.db_table}")


def _cursor() -> RefreshCursor:
    cursor, _created = RefreshCursor.objects.get_or_create(id=1)
    return cursor


def last_refreshed() -> dt.datetime | None:
    return RefreshCursor.objects.filter(id=1).values_list("refreshed_at", flat=True).first()
