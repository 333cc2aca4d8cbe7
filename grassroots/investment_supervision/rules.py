"""The law of the Community Investment Supervision Board as pure functions (law.md §5.3, checklist 10.N.41).

Law 10/2022/QH15 Arts 41–45 and Decree 59/2023/ND-CP Arts 16–19. No ORM, settings or clock: callers pass
plain values and `today`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from grassroots.decisions.rules import ALLOW, Verdict

from .choices import Position, ProjectKind, Seat

# Law Art 41(2): a board has at least 5 members: the commune Front's representative, the People's Inspection
# Board's representative and residents' representatives of the villages where the project lies.
MIN_MEMBERS = 5
# Law Art 41(2): the Front's Standing Board fixes the number of residents' representatives, at most 5.
MAX_RESIDENT_REPRESENTATIVES = 5
# Law Art 41(2): one head and at most 2 deputies.
MAX_DEPUTIES = 2
# Law Arts 44–45; D59 Art 18: the Front notifies the investor of the plan and the board's composition at least
# 45 days before supervision starts.
INVESTOR_NOTICE_DAYS = 45
# Law Arts 44–45; D59 Art 18: the commune People's Committee resolves a recommendation and notifies the result
# within 15 days (calendar days: the digest names no working days).
ANSWER_DAYS = 15
# Reminders to the commune: 3 days before the answer is due, and every day once it is overdue.
REMINDER_DAYS_BEFORE = 3

# Law Art 43(1): what the board monitors on every project.
COMMON_ITEMS: tuple[tuple[str, str], ...] = (
    ("plans", "The project fits the local socio-economic, land-use and construction plans (Law Art 43(1))."),
    ("land", "Land boundaries, the detailed layout and the architecture are respected (Law Art 43(1))."),
    ("environment", "Waste treatment and environmental protection (Law Art 43(1))."),
    ("compensation", "Compensation, support and resettlement (Law Art 43(1))."),
    ("progress", "The progress of the project (Law Art 43(1))."),
    ("disclosure", "The investor discloses the project's information as the law requires (Law Art 43(1))."),
    ("losses", "Waste, loss or harm to the community and environmental impacts are detected (Law Art 43(1))."),
)
# Law Art 43(1): for projects funded by the community, the commune budget or direct sponsorship, also these.
FUNDED_ITEMS: tuple[tuple[str, str], ...] = (
    ("standards", "Technical standards, norms and the materials used (Law Art 43(1))."),
    ("acceptance", "Acceptance of the works (nghiệm thu) (Law Art 43(1))."),
    ("accounts", "Final accounts (quyết toán) (Law Art 43(1))."),
)
FUNDED_KINDS = frozenset({ProjectKind.COMMUNITY_FUNDED, ProjectKind.SPONSORED})


def checklist_items(kind: str, commune_budget: bool) -> list[tuple[str, str]]:
    """Law Art 43(1): the checklist of a project, the common items and, for community-funded, commune-budget or
    directly sponsored projects, the technical ones."""
    items = list(COMMON_ITEMS)
    if kind in FUNDED_KINDS or commune_budget:
        items += FUNDED_ITEMS
    return items


@dataclass(frozen=True)
class Composition:
    front: int
    inspection: int
    residents: int
    heads: int
    deputies: int

    @property
    def total(self) -> int:
        return self.front + self.inspection + self.residents


def composition_of(members: Iterable[tuple[str, str]]) -> Composition:
    """(seat, position) of every member on the board."""
    rows = list(members)
    return Composition(
        front=sum(1 for s, _p in rows if s == Seat.FRONT),
        inspection=sum(1 for s, _p in rows if s == Seat.INSPECTION),
        residents=sum(1 for s, _p in rows if s == Seat.RESIDENTS),
        heads=sum(1 for _s, p in rows if p == Position.HEAD),
        deputies=sum(1 for _s, p in rows if p == Position.DEPUTY),
    )


def room_for(seat: str, position: str, current: Composition) -> Verdict:
    """Whether one more member with this seat and position may join (Law Art 41(2))."""
    if seat == Seat.RESIDENTS and current.residents >= MAX_RESIDENT_REPRESENTATIVES:
        return Verdict(
            False,
            _("A board has at most %(max)s residents' representatives.") % {"max": MAX_RESIDENT_REPRESENTATIVES},
            "Law Art 41(2)",
        )
    if position == Position.HEAD and current.heads >= 1:
        return Verdict(False, _("The board already has its head."), "Law Art 41(2)")
    if position == Position.DEPUTY and current.deputies >= MAX_DEPUTIES:
        return Verdict(False, _("A board has at most %(max)s deputy heads.") % {"max": MAX_DEPUTIES}, "Law Art 41(2)")
    return ALLOW


def composition_complete(c: Composition) -> Verdict:
    """Law Art 41(2): at least 5 members, among them the Front's and the Inspection Board's representatives and
    residents' representatives (at most 5), one head and at most 2 deputies."""
    if c.front < 1:
        return Verdict(False, _("The board needs the commune Fatherland Front's representative."), "Law Art 41(2)")
    if c.inspection < 1:
        return Verdict(False, _("The board needs the People's Inspection Board's representative."), "Law Art 41(2)")
    if c.residents < 1:
        return Verdict(False, _("The board needs residents' representatives elected by the community."),
                       "Law Art 41(2)")  # fmt: skip
    if c.residents > MAX_RESIDENT_REPRESENTATIVES:
        return Verdict(
            False,
            _("A board has at most %(max)s residents' representatives.") % {"max": MAX_RESIDENT_REPRESENTATIVES},
            "Law Art 41(2)",
        )
    if c.total < MIN_MEMBERS:
        return Verdict(
            False,
            _("The board has %(count)s members; it needs at least %(min)s.") % {"count": c.total, "min": MIN_MEMBERS},
            "Law Art 41(2)",
        )
    if c.heads != 1:
        return Verdict(False, _("The board needs one head."), "Law Art 41(2)")
    if c.deputies > MAX_DEPUTIES:
        return Verdict(False, _("A board has at most %(max)s deputy heads.") % {"max": MAX_DEPUTIES}, "Law Art 41(2)")
    return ALLOW


def conflicts(declared_party_ids: Iterable[int], project_party_ids: Iterable[int]) -> set[int]:
    """Law Art 42: the parties of this project the member is, or is related to (every declared relation counts)."""
    return set(declared_party_ids) & set(project_party_ids)


def conflict_verdict(declared_party_ids: Iterable[int], project_party_ids: Iterable[int]) -> Verdict:
    if conflicts(declared_party_ids, project_party_ids):
        return Verdict(
            False,
            _(
                "A member may not be, or be related to, the project's decision-maker, investor, project managers, "
                "consultants, contractors or supervisors."
            ),
            "Law Art 42",
        )
    return ALLOW


def earliest_start(notified_on: dt.date) -> dt.date:
    """Law Arts 44–45; D59 Art 18: supervision starts no sooner than 45 days after the investor is notified."""
    return notified_on + dt.timedelta(days=INVESTOR_NOTICE_DAYS)


def investor_notice_verdict(notified_on: dt.date, starts_on: dt.date) -> Verdict:
    if starts_on < earliest_start(notified_on):
        return Verdict(
            False,
            _("The investor is notified at least %(days)s days before supervision starts.")
            % {"days": INVESTOR_NOTICE_DAYS},
            "D59 Art 18",
        )
    return ALLOW


def answer_due_on(received_on: dt.date) -> dt.date:
    """Law Arts 44–45; D59 Art 18: the commune answers within 15 days of receiving the recommendation."""
    return received_on + dt.timedelta(days=ANSWER_DAYS)


def answer_overdue(received_on: dt.date, answered_on: dt.date | None, today: dt.date) -> bool:
    """Overdue once the 15th day has passed with no answer, or when the answer came after it."""
    due = answer_due_on(received_on)
    return answered_on > due if answered_on is not None else today > due


def reminder_due(received_on: dt.date, today: dt.date) -> bool:
    """A reminder to the commune in the last days before the answer is due, and every day after it."""
    return today >= answer_due_on(received_on) - dt.timedelta(days=REMINDER_DAYS_BEFORE)
