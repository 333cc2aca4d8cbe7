"""What training tells the steering committee (core.indicators): of the people who hold a role in
grassroots democracy in the commune and its villages, how many have attended a training conference; for
all the roles the training is for (`reports.AUDIENCE_ROLES`) together, and for each role alone.

No article of the Law or its decrees sets a duty to train these office-holders (law.md holds none); the
training is the steering committees' work (law.md §8.3), and how well democracy is implemented is a
criterion for evaluating the commune and its staff (Law Art 8(3)), which is what the figure serves.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.functional import lazy
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from grassroots.accounts.models import Role, RoleAssignment
from grassroots.core.indicators import Indicator, Item
from grassroots.territory.models import Unit

from .models import Delegate
from .reports import AUDIENCE_ROLES

CITATION = "Law Art 8(3)"


def coverage_items(
    commune: Unit, start: dt.date, end: dt.date, today: dt.date, *, roles: Iterable[str] = AUDIENCE_ROLES
) -> Iterator[Item]:
    """One item per person and role held on the last day of the span (or `today`, if the span ends
    later) in the commune or one of its villages, in the unit of the role, on that day: 1 / 1 when the
    person checked in at a training conference held by then, 0 / 1 otherwise. (A certificate needs the
    check-in, so attending is what counts.) Someone holding two roles counts once for each; the title
    names the role and the unit, never the person. Nothing is overdue: the law sets no deadline.

    One query."""
    day = min(end, today)
    if day < start:
        return
    trained = Delegate.objects.filter(
        user_id=OuterRef("user_id"), checked_in_at__isnull=False, conference__starts_on__lte=day
    )
    rows = (
        RoleAssignment.objects.active_on(day)
        .filter(unit__path__startswith=commune.path, role__in=list(roles), user__is_active=True)
        .filter(Q(unit__valid_to__isnull=True) | Q(unit__valid_to__gt=day))
        .annotate(trained=Exists(trained))
        .values_list("user_id", "role", "unit_id", "unit__path", "unit__name", "unit__code", "trained")
        .distinct()
        .order_by("unit__path", "role", "user_id")
    )
    report = reverse("training:reports")
    for _user_id, role, unit_id, _path, unit_name, unit_code, was_trained in rows:
        yield Item(
            unit_id=unit_id,
            day=day,
            title=f"{capfirst(Role(role).label)} — {unit_name}",
            numerator=1 if was_trained else 0,
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
        "Of the people holding the role of %(role)s on the last day of the period, in the commune or its "
        "villages: how many had attended a training conference by then."
    ) % {"role": Role(role).label}


role_title = lazy(_role_title, str)
role_definition = lazy(_role_definition, str)

INDICATORS = [
    Indicator(
        code="training_coverage",
        title=_("Office-holders trained"),
        definition=_(
            "Of the people holding a role in grassroots democracy on the last day of the period (commune "
            "chair, officials and Front committee, steering committee members, village heads, heads of the "
            "village Front work committees, members of the inspection and investment supervision boards), "
            "each counted once per role: how many had attended a training conference by then."
        ),
        citation=CITATION,
        numerator_label=_("trained"),
        denominator_label=_("role holders"),
        items=coverage_items,
        order=40,
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
            order=41 + position,
        )
        for position, role in enumerate(AUDIENCE_ROLES)
    ),
]
