"""The law of the People's Inspection Board, pure (no database): size, officers, eligibility, term and the
by-election (Law Arts 36–37; D59 Art 13; law.md §5.2, checklist 10.N.39–40). Every number cites its source."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from grassroots.accounts.models import Role
from grassroots.decisions.rules import ALLOW, Verdict, add_months

# Law Art 36(1); D59 Art 13: as many members as villages, but at least 5; a commune with fewer than 5
# villages elects 5 (read with "at least 5": exactly 5), every village represented.
MIN_MEMBERS = 5
# Law Art 36(1): one head and at most 2 deputies; the commune Front sets how many deputies.
MAX_DEPUTIES = 2
# Law Art 36; D59 Art 13: a seat that falls vacant with 6 months or more of the term left is filled by a
# by-election; with less, it stays vacant until the next term.
BY_ELECTION_MIN_MONTHS_LEFT = 6
# Law Art 36(2): the board's term is the village head's (TT 04/2012 as amended: 30 or 60 months by
# province [S]); 60 months where the province has set none, as in elections.
DEFAULT_TERM_MONTHS = 60
TERM_MONTHS = frozenset({30, 60})
# Law Art 37: not a commune official or civil servant, nor a part-time worker of the commune or the village.
# The roles that show it on the person's account: the commune's officials, its chair, the commune Front's
# staff, the village head and the head of the village Front work committee (part-time village workers).
DISQUALIFYING_ROLES = frozenset(
    {Role.COMMUNE_OFFICIAL, Role.COMMUNE_CHAIR, Role.COMMUNE_FRONT, Role.VILLAGE_HEAD, Role.VILLAGE_FRONT_HEAD}
)


def board_size(villages: int) -> int:
    """Law Art 36(1); D59 Art 13: the number of members is the number of villages, at least 5."""
    return max(MIN_MEMBERS, villages)


@dataclass(frozen=True)
class Composition:
    """The board against the size rule, with the numbers needed."""

    seats: int
    filled: int
    villages: int
    unrepresented: tuple[int, ...]  # ids of villages without a serving member
    pending: int = 0  # candidacies on their way, each holding a seat
    unclaimed: tuple[int, ...] = ()  # ids of villages with neither a member nor a candidate

    @property
    def vacancies(self) -> int:
        return max(0, self.seats - self.filled)

    @property
    def open_seats(self) -> int:
        return max(0, self.seats - self.filled - self.pending)

    @property
    def complete(self) -> bool:
        return self.filled >= self.seats and not self.unrepresented


def composition(
    village_ids: Iterable[int], member_village_ids: Iterable[int], pending_village_ids: Iterable[int] = ()
) -> Composition:
    """Law Art 36(1): the seats, the members serving, and the villages not represented."""
    villages = list(village_ids)
    members = list(member_village_ids)
    pending = list(pending_village_ids)
    return Composition(
        seats=board_size(len(villages)),
        filled=len(members),
        villages=len(villages),
        unrepresented=tuple(v for v in villages if v not in set(members)),
        pending=len(pending),
        unclaimed=tuple(v for v in villages if v not in set(members) | set(pending)),
    )


def seat_verdict(comp: Composition, village_id: int) -> Verdict:
    """Law Art 36(1): a new candidate takes an open seat; while a village has neither member nor candidate,
    the last open seats go to it."""
    if comp.open_seats <= 0:
        return Verdict(False, _("Every seat of the board is filled or has its candidate."), "Law Art 36(1)")
    if village_id not in comp.unclaimed and comp.open_seats <= len(comp.unclaimed):
        return Verdict(
            False,
            _("The remaining seats belong to the villages not yet represented: every village has a member."),
            "Law Art 36(1)",
        )
    return ALLOW


def deputies_verdict(count: int) -> Verdict:
    """Law Art 36(1): at most 2 deputies, their number set by the commune Front."""
    if not 0 <= count <= MAX_DEPUTIES:
        return Verdict(False, _("The board has at most 2 deputy heads."), "Law Art 36(1)")
    return ALLOW


def eligibility(*, permanent_resident: bool, roles: Iterable[str], declared: bool) -> list[Verdict]:
    """Law Art 37: the reasons a person may not stand (empty: eligible). Permanent residence comes from the
    household register, the official roles from the person's account, and the rest from the declaration the
    commune Front records (a person without an account is checked by the declaration alone)."""
    problems = []
    if not permanent_resident:
        problems.append(
            Verdict(False, _("Not a permanent resident of the commune in the household register."), "Law Art 37")
        )
    if any(role in DISQUALIFYING_ROLES for role in roles):
        problems.append(
            Verdict(
                False,
                _("The person's account holds a role of a commune official or a part-time commune or village worker."),
                "Law Art 37",
            )
        )
    if not declared:
        problems.append(
            Verdict(
                False,
                _(
                    "The commune Front has not recorded the declaration that the person is not a commune official, civil servant or part-time commune or village worker."
                ),
                "Law Art 37",
            )
        )
    return problems


def term_months(setting: int | None) -> int:
    """Law Art 36(2): the village head's term in the province; 60 months when unset or unknown."""
    return setting if setting in TERM_MONTHS else DEFAULT_TERM_MONTHS


def term_ends_on(starts_on: dt.date, months: int) -> dt.date:
    return add_months(starts_on, months)


def months_left_enough(vacant_on: dt.date, term_ends_on: dt.date) -> bool:
    """Law Art 36; D59 Art 13: 6 months or more of the term left on the day the seat falls vacant (the day
    6 months later is still within the term, or is its last day)."""
    return add_months(vacant_on, BY_ELECTION_MIN_MONTHS_LEFT) <= term_ends_on


def by_election_verdict(vacant_on: dt.date, term_ends_on: dt.date) -> Verdict:
    if vacant_on >= term_ends_on:
        return Verdict(False, _("The term has ended: the new term's election fills the seats."), "Law Art 36(2)")
    if not months_left_enough(vacant_on, term_ends_on):
        return Verdict(
            False,
            _("Less than 6 months of the term were left when the seat fell vacant: there is no by-election."),
            "D59 Art 13",
        )
    return ALLOW
