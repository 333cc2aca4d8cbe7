"""Training coverage (issue 5, item 9): who in a unit has never been trained on a topic, and how the
coverage of the people who run grassroots democracy grew year by year, per unit and role.

"Trained on a topic" means: checked in at a conference that had a session on that topic (by default
Decree 59/2023). A person counts for the roles they hold on the day, so when a role changes hands the
new holder is counted, trained or not, and the former holder no longer is.

Every query is a fixed number of statements whatever the number of units (no per-unit queries).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from fractions import Fraction

from django.db.models import Exists, Min, OuterRef, Q, QuerySet

from grassroots.accounts.models import Role, RoleAssignment, User
from grassroots.accounts.roles import role_unit_ids
from grassroots.territory.forms import natural_units
from grassroots.territory.models import Unit

from .access import ORGANIZER_ROLES
from .models import Delegate, Topic
from .stats import bar_width_class

# The people a training conference is for (PRODUCT.md): steering committees, commune leaders and Front
# committees, village heads and Front work committee heads, the inspection and supervision boards.
AUDIENCE_ROLES = (
    Role.STEERING_MEMBER,
    Role.COMMUNE_CHAIR,
    Role.COMMUNE_OFFICIAL,
    Role.COMMUNE_FRONT,
    Role.VILLAGE_HEAD,
    Role.VILLAGE_FRONT_HEAD,
    Role.INSPECTION_BOARD,
    Role.INVESTMENT_SUPERVISION,
)
REPORT_TOPICS = (Topic.DECREE_59, Topic.LAW, Topic.TASKS, Topic.SITUATION)
YEARS_SHOWN = 3


def report_units(user: User) -> list[Unit]:
    """The units whose training the user may report on: those where they organize training (a
    superuser needs the role too)."""
    return natural_units(Unit.objects.filter(id__in=role_unit_ids(user, ORGANIZER_ROLES)))


def _trained(topic: str | None) -> QuerySet[Delegate]:
    delegates = Delegate.objects.filter(checked_in_at__isnull=False)
    return delegates.filter(conference__sessions__topic=topic) if topic else delegates


def _holders(unit: Unit, day: dt.date) -> QuerySet[RoleAssignment]:
    return (
        RoleAssignment.objects.active_on(day)
        .filter(unit__path__startswith=unit.path, role__in=AUDIENCE_ROLES, user__is_active=True)
        .filter(Q(unit__valid_to__isnull=True) | Q(unit__valid_to__gt=day))
    )


def never_trained(unit: Unit, *, day: dt.date, topic: str | None = Topic.DECREE_59) -> QuerySet[RoleAssignment]:
    """The current holders of the audience roles in the unit and below who never checked in at a
    conference with a session on the topic, by unit, then role, then name. One query."""
    trained = _trained(topic).filter(user_id=OuterRef("user_id"), conference__starts_on__lte=day)
    return (
        _holders(unit, day)
        .filter(~Exists(trained))
        .select_related("user", "unit")
        .order_by("unit__path", "role", "user__last_name", "user__first_name", "pk")
    )


@dataclass(frozen=True)
class Cell:
    year: int
    holders: int
    trained: int

    @property
    def share(self) -> Fraction | None:
        return Fraction(self.trained, self.holders) if self.holders else None

    @property
    def percent(self) -> int | None:
        share = self.share
        return None if share is None else share.numerator * 100 // share.denominator

    @property
    def width_class(self) -> str:
        return bar_width_class(self.trained, self.holders)


@dataclass(frozen=True)
class CoverageRow:
    unit: Unit
    role: str
    cells: list[Cell]

    @property
    def role_label(self) -> str:
        return str(Role(self.role).label)


def report_years(today: dt.date, count: int = YEARS_SHOWN) -> list[int]:
    return list(range(today.year - count + 1, today.year + 1))


def _reference_day(year: int, today: dt.date) -> dt.date:
    """The end of the year, or today for the current year."""
    return min(dt.date(year, 12, 31), today)


def coverage(
    unit: Unit, *, years: Iterable[int], today: dt.date, topic: str | None = Topic.DECREE_59
) -> list[CoverageRow]:
    """For each unit directly under `unit` (and `unit` itself) and each audience role: how many held the
    role at the end of each year, and how many of them had been trained on the topic by then.

    Queries: the units one level down, the first training day of every holder, one per year."""
    years = sorted(years)
    groups = {unit.path: unit} | {u.path: u for u in Unit.objects.filter(parent=unit)}
    holders_ever = RoleAssignment.objects.filter(unit__path__startswith=unit.path, role__in=AUDIENCE_ROLES)
    first_trained = dict(
        _trained(topic)
        .filter(user_id__in=holders_ever.values("user_id"))
        .values("user_id")
        .annotate(first=Min("conference__starts_on"))
        .values_list("user_id", "first")
    )
    depth = len(unit.path)
    holders: dict[tuple[str, str], dict[int, int]] = defaultdict(lambda: defaultdict(int))
    trained: dict[tuple[str, str], dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for year in years:
        day = _reference_day(year, today)
        rows = _holders(unit, day).values_list("user_id", "role", "unit__path").distinct()
        for user_id, role, path in rows:
            rest = path[depth:]
            group = unit.path if not rest else f"{unit.path}{rest.split('/', 1)[0]}/"
            key = (group, role)
            holders[key][year] += 1
            first = first_trained.get(user_id)
            if first is not None and first <= day:
                trained[key][year] += 1
    order: dict[str, int] = {role: i for i, role in enumerate(AUDIENCE_ROLES)}
    keys = sorted((k for k in holders if k[0] in groups), key=lambda k: (k[0], order[k[1]]))
    return [
        CoverageRow(groups[path], role, [Cell(y, holders[(path, role)][y], trained[(path, role)][y]) for y in years])
        for path, role in keys
    ]


def totals(rows: list[CoverageRow], years: Iterable[int]) -> list[Cell]:
    """All units and roles together, per year."""
    return [
        Cell(
            y,
            sum(c.holders for r in rows for c in r.cells if c.year == y),
            sum(c.trained for r in rows for c in r.cells if c.year == y),
        )
        for y in years
    ]


# --- CSV ---------------------------------------------------------------------------------------
# The rows are written by core.csvexport, which keeps a cell that looks like a formula as text.
def never_trained_rows(assignments: QuerySet[RoleAssignment]) -> Iterator[list[object]]:
    yield ["unit_code", "unit", "role", "name", "holds_role_since"]
    for a in assignments.iterator(chunk_size=2000):
        name = a.user.get_full_name() or a.user.username
        row: list[object] = [a.unit.code, a.unit.name, str(Role(a.role).label), name, a.valid_from.isoformat()]
        yield row


def coverage_rows(rows: list[CoverageRow]) -> Iterator[list[object]]:
    yield ["unit_code", "unit", "role", "year", "holders", "trained", "percent"]
    for row in rows:
        for cell in row.cells:
            values: list[object] = [
                row.unit.code,
                row.unit.name,
                row.role_label,
                cell.year,
                cell.holders,
                cell.trained,
                "" if cell.percent is None else cell.percent,
            ]
            yield values
