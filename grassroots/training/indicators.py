"""What training tells the steering committee (core.indicators): of the people who hold a role in
grassroots democracy in the commune and its villages, how many have attended a training conference; for
all the roles the training is for (`reports.AUDIENCE_ROLES`) together, and for each role alone.

No article of the Law or its decrees sets a duty to train these office-holders (law.md holds none), so the
indicators cite none: the training is the steering committees' work (law.md §8.3). Law Art 8 only makes
how well democracy is implemented a criterion for evaluating the commune and its staff.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator

from django.db.models import Min, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from grassroots.accounts.models import Role, RoleAssignment
from grassroots.core.indicators import Indicator, Item
from grassroots.territory.models import Unit

from .models import Delegate
from .reports import AUDIENCE_ROLES

# No article sets a duty to train (see above): the citation is left empty, as the definitions say.
CITATION = ""


def snapshot_days(start: dt.date, end: dt.date, today: dt.date) -> list[dt.date]:
    """The days the holders are counted on: the last day of each month of [start, end], the span's last day
    for its last month, and `today` for a month still running (nothing after it)."""
    last = min(end, today)
    days = []
    month = start.replace(day=1)
    while month <= last:
        following = (month + dt.timedelta(days=31)).replace(day=1)
        days.append(min(following - dt.timedelta(days=1), last))
        month = following
    return [d for d in days if d >= start]


def coverage_items(
    commune: Unit, start: dt.date, end: dt.date, today: dt.date, *, roles: Iterable[str] = AUDIENCE_ROLES
) -> Iterator[Item]:
    """For each month of the span, counted on its last day (the span's last day, or `today` while the month
    runs): one item per person and role held that day in the commune or one of its villages, in the unit of
    the role: 1 / 1 when the person had checked in at a training conference by then (the day of the first
    check-in, in local time), 0 / 1 otherwise. (A certificate needs the check-in, so attending is what
    counts.) Who holds a role is read from the role's period only, never from whether the account is
    active today, so closing an account does not rewrite the months before. Someone holding two roles counts once
    for each; the title names the role and the unit, never the person. Nothing is overdue: the law sets no
    deadline. Summed over a quarter or a year, the items are person-months: the share is the average
    coverage over the period.

    Two queries, however long the span: the role assignments that overlap it, and each holder's first
    training day."""
    days = snapshot_days(start, end, today)
    if not days:
        return
    assignments = (
        RoleAssignment.objects.filter(unit__path__startswith=commune.path, role__in=list(roles))
        .filter(valid_from__lte=days[-1])
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=days[0]))
        .filter(Q(unit__valid_to__isnull=True) | Q(unit__valid_to__gt=days[0]))
    )
    rows = list(
        assignments.order_by("unit__path", "role", "user_id", "valid_from").values_list(
            "user_id", "role", "unit_id", "unit__name", "unit__code", "unit__valid_to", "valid_from", "valid_to"
        )
    )
    first_trained = {
        user_id: timezone.localdate(first)
        for user_id, first in Delegate.objects.filter(
            checked_in_at__isnull=False, user_id__in=assignments.values("user_id")
        )
        .values("user_id")
        .annotate(first=Min("checked_in_at"))
        .values_list("user_id", "first")
    }
    report = reverse("training:reports")
    for day in days:
        seen: set[tuple[int, str, int]] = set()
        for user_id, role, unit_id, unit_name, unit_code, unit_ends, valid_from, valid_to in rows:
            holds = valid_from <= day and (valid_to is None or day < valid_to)
            if not holds or (unit_ends is not None and unit_ends <= day) or (user_id, role, unit_id) in seen:
                continue
            seen.add((user_id, role, unit_id))
            first = first_trained.get(user_id)
            yield Item(
                unit_id=unit_id,
                day=day,
                title=f"{capfirst(Role(role).label)} — {unit_name}",
                numerator=1 if first is not None and first <= day else 0,
                denominator=1,
                url=f"{report}?unit={unit_code}",
            )


def _for_role(role: str) -> Callable[[Unit, dt.date, dt.date, dt.date], Iterator[Item]]:
    def items(commune: Unit, start: dt.date, end: dt.date, today: dt.date) -> Iterator[Item]:
        return coverage_items(commune, start, end, today, roles=[role])

    items.__name__ = f"coverage_items_{role}"
    return items


def _role_title(role: str) -> str:
    return gettext("Training coverage: %(role)s") % {"role": Role(role).label}


def _role_definition(role: str) -> str:
    return gettext(
        "Of the people holding the role of %(role)s on the last day of each month, in the commune or its "
        "villages: how many had attended a training conference by then. A quarter or a year adds up its months. "
        "No article of the law sets a duty to train, so none is cited."
    ) % {"role": Role(role).label}


role_title = lazy(_role_title, str)
role_definition = lazy(_role_definition, str)

INDICATORS = [
    Indicator(
        code="training_coverage",
        title=_("Office-holders trained"),
        definition=_(
            "Of the people holding a role in grassroots democracy on the last day of each month (commune "
            "chair, officials and Front committee, steering committee members, village heads, heads of the "
            "village Front work committees, members of the inspection and investment supervision boards), "
            "each counted once per role: how many had attended a training conference by then. A quarter or a "
            "year adds up its months. No article of the law sets a duty to train, so none is cited."
        ),
        citation=CITATION,
        numerator_label=_("trained"),
        denominator_label=_("role holders"),
        items=coverage_items,
        order=60,
    ),
    *(
        Indicator(
            code=f"training_coverage_{role}",
            title=role_title(role),
            definition=role_definition(role),
            citation=CITATION,
            numerator_label=_("trained"),
            denominator_label=_("role holders"),
            items=_for_role(role),
            order=61 + position,
        )
        for position, role in enumerate(AUDIENCE_ROLES)
    ),
]
