"""The law of "residents discuss and decide" as pure functions (law.md §3 and checklist 10.A–10.H).

Law 10/2022/QH15 on Implementation of Democracy at the Grassroots Level ("the Law") and Decree
59/2023/ND-CP ("D59"); Decree 61/2023/ND-CP ("D61") for village conventions. No ORM, settings or
clock: callers pass plain values and `today`. Integer arithmetic only — never floats.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

import calendar as _calendar
import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from django.utils.translation import gettext_lazy as _

# The enums the models store too, defined once in choices.py (Django enum classes, no ORM).
from .choices import Choice as Choice
from .choices import Form as Form
from .choices import Item as Item
from .choices import Scope as Scope

# Bumped whenever a rule below changes; stored with every result so it can be recomputed.
RULES_VERSION = "2026.12-1"


class Recognizer(StrEnum):
    NONE = "none"  # takes effect on adoption
    COMMUNE_COMMITTEE = "commune_committee"  # UBND xã
    COMMUNE_FRONT = "commune_front"  # Ủy ban MTTQ xã


@dataclass(frozen=True)
class Verdict:
    ok: bool
    reason: StrOrPromise = ""  # a lazy translation: str() it where it is shown
    article: str = ""


ALLOW = Verdict(True)

# --- Numbers fixed by the law, with their source ------------------------------------------------
# Art 16(3): a citizen initiative goes to the community with the consent of at least 10% of households.
INITIATIVE_SHARE_DENOMINATOR = 10
# Art 16(3): a consent is valid for 3 months from the day it is given.
CONSENT_VALID_MONTHS = 3
# D59 Art 3(3)–(4): notice, and for items 1–3 the documents, reach households at least 2 days ahead.
NOTICE_DAYS = 2
# D59 Art 4(4): ballot publicity at least 2 days before distribution; D59 Art 4(2): plan to the chairs within 2 days.
BALLOT_PUBLICITY_DAYS = 2
BALLOT_PLAN_DAYS = 2
# Art 18(3); D59 Art 3(6): villages of 200 households or more may meet in clusters.
CLUSTER_MIN_HOUSEHOLDS = 200
# D59 Arts 3(5)(c), 4(3), 5(2)(b): counting committee, ballot team and online-vote team have 3–5 members.
TEAM_MIN, TEAM_MAX = 3, 5
# D59 Arts 3(5)(c), 4(6)(a): every count is witnessed by 2 household representatives.
COUNT_WITNESSES = 2
# Art 20(3); D59 Arts 3(7), 4(7), 5(5): the decision reaches UBND xã and MTTQ xã within 5 working days.
FILING_WORKING_DAYS = 5
# Art 21(2); D59 Arts 8–9: recognition, or a written refusal with reasons, within 5 working days of receipt.
RECOGNITION_WORKING_DAYS = 5

MEETING_ONLY_ITEMS = frozenset({Item.CONVENTION, Item.VILLAGE_HEAD, Item.BOARD_MEMBERS})
TWO_THIRDS_ITEMS = frozenset({Item.INFRASTRUCTURE, Item.COMMUNITY_FUNDS})


# --- B. Adoption thresholds -----------------------------------------------------------------------
def village_adopts(item: Item, approve: int, households: int) -> bool:
    """Law Art 21(1): "được trên 50% / ít nhất 2/3 tổng số đại diện hộ gia đình … tán thành".

    Items 1–2: at least two-thirds of ALL households of the village (10.B.3); items 3–6: more than
    half of ALL households (10.B.5). The denominator is H, never attendance or ballots returned.
    """
    if households <= 0:
        return False
    if item in TWO_THIRDS_ITEMS:
        return 3 * approve >= 2 * households
    return 2 * approve > households


def commune_adopts(approving_villages: int, villages: int) -> bool:
    """Law Art 21(1): a commune-wide item 1–2 matter passes with at least two-thirds of all villages
    of the commune (10.B.4). A village approves when it meets its own village threshold [U, law.md §3.7 (iii)]."""
    if villages <= 0:
        return False
    return 3 * approving_villages >= 2 * villages


def procedural_vote_passes(yes: int, present: int) -> bool:
    """D59 Art 3(5): the secretary, the counting committee and the voting method are approved by
    more than 50% of the household representatives present (10.B.6)."""
    return present > 0 and 2 * yes > present


def scope_allowed(item: Item, scope: Scope) -> Verdict:
    """Law Art 16(1), Art 21(1): commune-wide matters are items 1–2 (decided by 2/3 of villages);
    conventions, village heads, board members and other matters are decided village by village."""
    if scope is Scope.COMMUNE and item not in TWO_THIRDS_ITEMS:
        return Verdict(
            False,
            _("Only contributions to public works and community funds (items 1–2) are decided commune-wide."),
            "Law Art 21(1)",
        )
    return ALLOW


def tabling_allowed(item: Item) -> Verdict:
    """D59 Arts 6–9: a village head is elected or dismissed by its own procedure (the commune chair's
    decision and plan, the Front's candidate list, the election team, recognition), run from the
    election page of the elections app, never tabled as an ordinary item-4 matter by the village head."""
    if item is Item.VILLAGE_HEAD:
        return Verdict(
            False,
            _(
                "Village-head elections and dismissals are not tabled as matters: they are run from the election page, by the commune chair's decision and plan and the election team."
            ),
            "D59 Arts 6–9",
        )
    return ALLOW


# --- C. Choice of form -----------------------------------------------------------------------------
def threshold_reachable(item: Item, present: int, households: int) -> bool:
    """Whether the households present at a meeting could still adopt the matter (10.C.11; Art 19(1)(b)).

    Items 1–2 need 2/3 of H present; items 3–6 need more than half of H present.
    """
    return village_adopts(item, present, households)


def convention_meeting_has_quorum(present: int, households: int) -> bool:
    """D61 Art 10: a meeting adopting a village convention is valid only with more than half of the
    households present; otherwise the matter goes to ballots (10.C.12)."""
    return households > 0 and 2 * present > households


def meeting_falls_short(item: Item, present: int, households: int) -> bool:
    """True when ballots must replace the meeting (Art 19(1)(b); D61 Art 10)."""
    if item is Item.CONVENTION and not convention_meeting_has_quorum(present, households):
        return True
    return not threshold_reachable(item, present, households)


def form_allowed(item: Item, scope: Scope, form: Form, *, meeting_fell_short: bool = False) -> Verdict:
    """Law Art 17(2), Art 19(1), D59 Art 5(1): which form may decide the matter (10.C.7–8).

    - Items 3, 4, 5 only at a meeting; household ballots only after a meeting fell short.
    - Online voting only for item 6 (its further conditions: `online_vote_blockers`).
    - Ballots: commune-wide matters chosen by the commune chair (a), after a meeting that fell short (b),
      or for item 6 by the village head with the Front work committee (c).
    """
    if form is Form.MEETING:
        return ALLOW
    if form is Form.ONLINE:
        if item is not Item.OTHER:
            return Verdict(
                False,
                _("Online voting is allowed only for other self-managed matters (item 6)."),
                "D59 Art 5(1)(a); Law Art 17(2)",
            )
        return ALLOW
    # Household ballots
    if meeting_fell_short:
        return ALLOW
    if item in MEETING_ONLY_ITEMS:
        return Verdict(
            False,
            _(
                "This matter must be decided at a community meeting; ballots are used only when the meeting lacks enough households."
            ),
            "Law Art 17(2), Art 19(1)(b)",
        )
    if scope is Scope.COMMUNE or item is Item.OTHER:
        return ALLOW
    return Verdict(
        False,
        _(
            "For this matter in one village, hold a meeting first; ballots are used only when the meeting lacks enough households."
        ),
        "Law Art 19(1)",
    )


def online_vote_blockers(
    *,
    item: Item,
    head_agreed: bool,
    front_agreed: bool,
    optin_yes: int,
    households: int,
    commune_committee_notified: bool,
    commune_front_notified: bool,
) -> list[Verdict]:
    """D59 Art 5(1)–(2): every condition for an online vote that does not hold yet (10.C.8)."""
    blockers = []
    if item is not Item.OTHER:
        blockers.append(
            Verdict(
                False, _("Online voting is allowed only for other self-managed matters (item 6)."), "D59 Art 5(1)(a)"
            )
        )
    if not (head_agreed and front_agreed):
        blockers.append(
            Verdict(
                False,
                _("The village head and the head of the Front work committee must both record their agreement."),
                "D59 Art 5(1)(b)",
            )
        )
    if not 2 * optin_yes > households:
        blockers.append(
            Verdict(
                False,
                _("More than half of all households must have chosen online voting in the prior poll."),
                "D59 Art 5(1)(c)",
            )
        )
    if not (commune_committee_notified and commune_front_notified):
        blockers.append(
            Verdict(
                False,
                _("The commune People's Committee and the commune Front must be told before the vote."),
                "D59 Art 5(2)(a)",
            )
        )
    return blockers


def online_vote_passes(agree: int, households: int) -> bool:
    """D59 Art 5(4): adopted with more than half of ALL household representatives agreeing (10.C.10)."""
    return village_adopts(Item.OTHER, agree, households)


# --- D/E/F. Notices, teams, ballots ------------------------------------------------------------
def notice_in_time(sent_on: dt.date, meeting_on: dt.date) -> bool:
    """D59 Art 3(3): the notice reaches attendees at least 2 days before the meeting (10.D.13)."""
    return (meeting_on - sent_on).days >= NOTICE_DAYS


def documents_required(item: Item) -> bool:
    """D59 Art 3(4): for items 1, 2 and 3 the documents reach every household 2 days ahead (10.D.13)."""
    return item in {Item.INFRASTRUCTURE, Item.COMMUNITY_FUNDS, Item.CONVENTION}


def clusters_allowed(households: int, *, dispersed: bool = False) -> bool:
    """Law Art 18(3); D59 Art 3(6): cluster meetings for villages of 200+ households or scattered ones (10.D.14)."""
    return dispersed or households >= CLUSTER_MIN_HOUSEHOLDS


def team_size_ok(members: int) -> bool:
    """D59 Arts 3(5)(c), 4(3), 5(2)(b): 3 to 5 members (10.E.15)."""
    return TEAM_MIN <= members <= TEAM_MAX


def witnesses_ok(witnesses: int) -> bool:
    """D59 Arts 3(5)(c), 4(6)(a): 2 household-representative witnesses for every count (10.E.16)."""
    return witnesses == COUNT_WITNESSES


# --- H. Citizen initiatives -------------------------------------------------------------------
def add_months(day: dt.date, months: int) -> dt.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, _calendar.monthrange(year, month)[1]))


def consent_valid_on(given_on: dt.date, day: dt.date) -> bool:
    """Law Art 16(3): a consent is valid for 3 months from the day it is given (10.H.22).

    Read as valid up to and including the day before the same date three months later.
    """
    return given_on <= day < add_months(given_on, CONSENT_VALID_MONTHS)


def initiative_tabled(valid_consents: int, households: int) -> bool:
    """Law Art 16(3): tabled automatically with the consent of at least 10% of households (10.H.22)."""
    return households > 0 and INITIATIVE_SHARE_DENOMINATOR * valid_consents >= households


def convention_proposal_supported(consents: int, households: int) -> bool:
    """D61 Art 7(1)(b): a citizen's proposal to draft or amend a village convention goes ahead with the
    consent of at least 10% of all households of the village (law.md 10.J.28), collected by ballot, at a
    meeting or online. The denominator is H, every household of the village."""
    return households > 0 and INITIATIVE_SHARE_DENOMINATOR * consents >= households


# --- G. Records, filing, recognition --------------------------------------------------------------
@dataclass(frozen=True)
class WorkCalendar:
    """Working days: Monday–Friday, less public holidays (Tết included), plus swapped working days."""

    holidays: frozenset[dt.date] = field(default_factory=frozenset)
    extra_working_days: frozenset[dt.date] = field(default_factory=frozenset)

    def is_working_day(self, day: dt.date) -> bool:
        if day in self.extra_working_days:
            return True
        return day.weekday() < 5 and day not in self.holidays


def add_working_days(start: dt.date, days: int, calendar: WorkCalendar) -> dt.date:
    """The day by which `days` working days after `start` have passed (start itself not counted)."""
    day, counted = start, 0
    while counted < days:
        day += dt.timedelta(days=1)
        if calendar.is_working_day(day):
            counted += 1
    return day


def filing_starts_on(*, meeting_on: dt.date | None, period_ends_on: dt.date | None, counted_on: dt.date) -> dt.date:
    """Art 20(3): "trong thời hạn 05 ngày làm việc kể từ ngày tổ chức cuộc họp hoặc kết thúc thời hạn
    phát phiếu, biểu quyết trực tuyến" (within 5 working days from the meeting, or from the end of the
    ballot or online-vote period; 10.G.20).

    - a meeting: its day;
    - ballots or an online vote: the announced end of the period, or the day of the count if it came
      earlier (the period ended then); with no announced end, the day of the count.
    Never later than the count: a late click on "close" does not move the deadline.
    """
    if meeting_on is not None:
        return meeting_on
    if period_ends_on is not None:
        return min(period_ends_on, counted_on)
    return counted_on


def filing_due_on(starts_on: dt.date, calendar: WorkCalendar) -> dt.date:
    """Art 20(3); D59 Arts 3(7), 4(7), 5(5): filed with UBND xã and MTTQ xã within 5 working days
    (10.G.20), counted from `filing_starts_on`."""
    return add_working_days(starts_on, FILING_WORKING_DAYS, calendar)


def recognition_due_on(received_on: dt.date, calendar: WorkCalendar) -> dt.date:
    """Art 21(2); D59 Arts 8–9: recognized, or refused in writing, within 5 working days of receipt (10.G.21)."""
    return add_working_days(received_on, RECOGNITION_WORKING_DAYS, calendar)


def recognizer(item: Item, scope: Scope) -> Recognizer:
    """Who recognizes the result (Law Art 21(2); 10.G.21): UBND xã for items 3–4, MTTQ xã for item 5.

    Items 1, 2 and 6 at village scope take effect on adoption; commune-wide items 1–2 take effect on
    the date the commune People's Committee sets.
    """
    if item in {Item.CONVENTION, Item.VILLAGE_HEAD}:
        return Recognizer.COMMUNE_COMMITTEE
    if item is Item.BOARD_MEMBERS:
        return Recognizer.COMMUNE_FRONT
    if scope is Scope.COMMUNE:
        return Recognizer.COMMUNE_COMMITTEE
    return Recognizer.NONE


def is_overdue(due_on: dt.date | None, done: bool, today: dt.date) -> bool:
    return due_on is not None and not done and today > due_on


# --- Tallies ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Tally:
    agree: int = 0
    disagree: int = 0
    other: int = 0

    @property
    def total(self) -> int:
        return self.agree + self.disagree + self.other

    def __add__(self, other: Tally) -> Tally:
        return Tally(self.agree + other.agree, self.disagree + other.disagree, self.other + other.other)


@dataclass(frozen=True)
class VillageResult:
    households: int
    tally: Tally

    def adopts(self, item: Item) -> bool:
        return village_adopts(item, self.tally.agree, self.households)


def matter_adopted(item: Item, scope: Scope, villages: list[VillageResult]) -> bool:
    """The result of a matter from its villages' tallies (Art 21(1)): one village, or 2/3 of the commune's."""
    if scope is Scope.VILLAGE:
        return len(villages) == 1 and villages[0].adopts(item)
    return commune_adopts(sum(1 for v in villages if v.adopts(item)), len(villages))


@dataclass(frozen=True)
class CountedMatter:
    """What a count finds: each village's tally against its households, the totals, the result."""

    villages: tuple[tuple[int, VillageResult], ...]  # (village id, result), in the order given
    total: Tally
    adopted: bool


def count_ballots(
    item: Item, scope: Scope, villages: Iterable[tuple[int, int]], counted: Iterable[tuple[int, str, int]]
) -> CountedMatter:
    """The count of a matter (Art 21(1); law.md 10.A–10.B): `villages` are (village id, households H on the
    day) of the villages the matter covers, `counted` is (village id, choice, number of ballots) as the
    database groups the ballots. A ballot counts in its own village only; the denominator is every
    household, not the votes cast. This is the arithmetic `actions.compute_result` performs."""
    order = list(villages)
    per_village: dict[int, dict[str, int]] = {v: {c.value: 0 for c in Choice} for v, _h in order}
    for village_id, choice, n in counted:
        if village_id in per_village:
            per_village[village_id][Choice(choice).value] += n
    results = tuple(
        (
            v,
            VillageResult(
                h, Tally(per_village[v][Choice.AGREE], per_village[v][Choice.DISAGREE], per_village[v][Choice.OTHER])
            ),
        )
        for v, h in order
    )
    total = sum((r.tally for _v, r in results), Tally())
    return CountedMatter(results, total, matter_adopted(item, scope, [r for _v, r in results]))


# --- Numbers needed, shown beside the console's steps --------------------------------------------------
# The thresholds above are predicates; the console also says how many are needed ("at least 167 households
# must agree"). Each number is the smallest count the predicate itself accepts, so the two never disagree.
def _least_passing(passes: Callable[[int], bool], most: int) -> int | None:
    """The smallest n in 0..most for which `passes(n)` holds (the predicates are monotone), or None."""
    if most < 0 or not passes(most):
        return None
    low, high = 0, most
    while low < high:
        middle = (low + high) // 2
        if passes(middle):
            high = middle
        else:
            low = middle + 1
    return low


def least_agreeing_to_adopt(item: Item, households: int) -> int | None:
    """Law Art 21(1) (`village_adopts`): the households that must agree for a village to adopt the matter."""
    return _least_passing(lambda n: village_adopts(item, n, households), households)


def least_present_to_decide(item: Item, households: int) -> int | None:
    """Law Art 19(1)(b); D61 Art 10 (`meeting_falls_short`): the households present for a meeting to decide."""
    return _least_passing(lambda n: not meeting_falls_short(item, n, households), households)


def least_in_favour_present(present: int) -> int | None:
    """D59 Art 3(5) (`procedural_vote_passes`): the households present in favour of a procedural vote."""
    return _least_passing(lambda n: procedural_vote_passes(n, present), present)


def least_choosing_online(households: int) -> int | None:
    """D59 Art 5(1)(c): more than half of all households must choose online voting in the prior poll."""
    return _least_passing(lambda n: 2 * n > households, households)


def least_consents_to_table(households: int) -> int | None:
    """Law Art 16(3) (`initiative_tabled`): the valid consents that table a citizen initiative."""
    return _least_passing(lambda n: initiative_tabled(n, households), households)


def least_consents_to_propose_convention(households: int) -> int | None:
    """D61 Art 7(1)(b) (`convention_proposal_supported`): the households whose consent carries a citizen's
    proposal for a village convention."""
    return _least_passing(lambda n: convention_proposal_supported(n, households), households)


# --- The adoption rule in numbers, for the public bulletin (issue 9) ------------------------------
# Law Art 21(1): the article every adoption threshold above comes from; D59 Art 5(4) for online votes.
ADOPTION_ARTICLE = "Law Art 21(1)"
ONLINE_ADOPTION_ARTICLE = "D59 Art 5(4)"


def approvals_needed(item: Item, households: int) -> int:
    """The fewest households agreeing with which `village_adopts` holds (Law Art 21(1)): ⌈2H/3⌉ for
    items 1–2 ("at least two-thirds of all households"), ⌊H/2⌋ + 1 for items 3–6 ("more than half")."""
    return least_agreeing_to_adopt(item, households) or 1


def villages_needed(villages: int) -> int:
    """The fewest adopting villages with which `commune_adopts` holds (Law Art 21(1)): ⌈2V/3⌉."""
    return max(1, (2 * villages + 2) // 3)


# --- I. Village head (issue 11) -----------------------------------------------------------------
# Art 21(1); D59 Art 7: the article of the winner rule, cited with each "no winner".
HEAD_WINNER_ARTICLE = "Law Art 21(1); D59 Art 7"
# D59 Art 9: the article of the households' dismissal petition.
DISMISSAL_PETITION_ARTICLE = "D59 Art 9"


class NoWinner(StrEnum):
    """Why a village-head election elected nobody (D59 Arts 3(5)(d), 7): the record says so."""

    NO_CANDIDATE = "no_candidate"
    NO_MAJORITY = "no_majority"  # nobody had more than half of ALL households of the village
    TIE = "tie"  # two or more tied for the most votes, each above half (protective reading [S])


@dataclass(frozen=True)
class HeadResult:
    winner: object | None  # the key of the elected candidate, or None
    reason: NoWinner | None
    needed: int | None  # the votes a candidate needs: `least_agreeing_to_adopt(Item.VILLAGE_HEAD, H)`


def village_head_winner(votes: dict[object, int], households: int) -> HeadResult:
    """Law Art 21(1); D59 Art 7 (10.I.25): a candidate is elected with the votes of more than half of ALL
    households of the village (`village_adopts(Item.VILLAGE_HEAD, …)`: the one threshold of item 4) and
    the most votes among the candidates (local practice [S]). A tie for the most votes elects nobody
    (the protective reading: the commune decides a re-election). Otherwise "no winner", with the reason."""
    needed = least_agreeing_to_adopt(Item.VILLAGE_HEAD, households)
    if not votes:
        return HeadResult(None, NoWinner.NO_CANDIDATE, needed)
    most = max(votes.values())
    top = [key for key, n in votes.items() if n == most]
    if not village_adopts(Item.VILLAGE_HEAD, most, households):
        return HeadResult(None, NoWinner.NO_MAJORITY, needed)
    if len(top) > 1:
        return HeadResult(None, NoWinner.TIE, needed)
    return HeadResult(top[0], None, needed)


def dismissal_petition_triggers(petitioners: int, households: int) -> bool:
    """D59 Art 9 (10.I.26): a petition of at least 50% of the village's households ("từ 50% trở lên"),
    one signature per household, puts the dismissal of the village head on the agenda:
    `petitioners × 2 ≥ H`. Unlike the adoption thresholds, half is enough."""
    return households > 0 and 2 * petitioners >= households


def least_petitioners_to_dismiss(households: int) -> int | None:
    """D59 Art 9 (`dismissal_petition_triggers`): the households whose petition puts a dismissal on the agenda."""
    return _least_passing(lambda n: dismissal_petition_triggers(n, households), households)
