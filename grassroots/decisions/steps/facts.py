"""What the steps are computed from (the plain `Facts` the view gathered), the step itself, and the
forms of deciding with the reasons each is refused."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .. import rules
from ..models import Form, Matter, Status

NOT_YET_OPEN = frozenset({Status.GATHERING, Status.DRAFT})


@dataclass(frozen=True)
class TeamFacts:
    size: int = 0
    leads: int = 0


@dataclass(frozen=True)
class MeetingFacts:
    """The meeting of the matter (its latest), as `actions.meeting_outlook` sees it."""

    round: int
    present: int
    households: int
    reachable: bool
    quorum: bool
    falls_short: bool
    secretary: str = ""
    method: str = ""
    counted: bool = False  # the count of the meeting was recorded
    dispersed: bool = False  # scattered settlement, declared with the cluster plan
    clusters: int = 0  # clusters of the cluster plan (Art 18(3); D59 Art 3(6))
    plan_approved: bool = False  # the commune People's Committee approved the cluster plan


@dataclass(frozen=True)
class Facts:
    today: dt.date
    households: int  # H: the snapshot once the matter is open, else today's count
    teams: Mapping[str, TeamFacts] = field(default_factory=dict)
    online_blockers: tuple[rules.Verdict, ...] = ()
    meeting: MeetingFacts | None = None
    participants: int = 0  # households counted in the current round
    consents: int = 0  # valid consents to a citizen initiative


@dataclass(frozen=True)
class Step:
    key: str
    title: str
    article: str
    done: bool = False
    blocked_reason: str = ""
    detail: str = ""
    due_on: dt.date | None = None
    overdue: bool = False
    optional: bool = False  # the law allows it, does not require it (a cluster plan, online voting)
    skipped: bool = False  # passed without being taken: never shown as done
    needed: str = ""  # the number a threshold asks for: "At least 167 households must agree."

    @property
    def actionable(self) -> bool:
        return not self.done and not self.skipped and not self.blocked_reason

    @property
    def state(self) -> str:
        """done, skipped, blocked (cannot start yet, with the reason), optional or todo; "next" is the
        console's first actionable step (`next_step`)."""
        if self.done:
            return "done"
        if self.skipped:
            return "skipped"
        if self.blocked_reason:
            return "blocked"
        return "optional" if self.optional else "todo"


@dataclass(frozen=True)
class FormOption:
    """One form of deciding (Law Art 17(1)) and every reason it may not be chosen now."""

    value: str
    label: str
    reasons: tuple[rules.Verdict, ...]

    @property
    def ok(self) -> bool:
        return not self.reasons


def _team_ok(team: TeamFacts, *, lead: bool = True) -> bool:
    return rules.team_size_ok(team.size) and (not lead or team.leads == 1)


def _team(facts: Facts, team: str) -> TeamFacts:
    return facts.teams.get(team, TeamFacts())


def agreements_needed(matter: Matter) -> bool:
    """Law Art 16(2): a village matter goes to households once the village head and the head of the Front
    work committee agree, however it was tabled; a commune-wide one is tabled by the chair with the
    commune Front (Art 16(1))."""
    return matter.rule_scope is rules.Scope.VILLAGE


def online_possible(matter: Matter) -> bool:
    """Online voting is for item 6 of one village (D59 Art 5(1)(a)); shown until another form is chosen."""
    return (
        matter.rule_item is rules.Item.OTHER
        and matter.rule_scope is rules.Scope.VILLAGE
        and (matter.status in NOT_YET_OPEN or matter.form == Form.ONLINE)
    )


def form_options(matter: Matter, facts: Facts) -> list[FormOption]:
    """Each form with the reasons it is refused (Law Art 17(2), Art 19(1); D59 Art 5(1)–(2))."""
    options = []
    for value, label in Form.choices:
        verdict = rules.form_allowed(matter.rule_item, matter.rule_scope, rules.Form(value))
        reasons: tuple[rules.Verdict, ...] = () if verdict.ok else (verdict,)
        if matter.rule_scope is rules.Scope.COMMUNE and value != Form.BALLOT and verdict.ok:
            reasons = (
                rules.Verdict(
                    False,
                    _("A commune-wide matter is decided by household ballots in every village."),
                    "Law Art 19(1)(a)",
                ),
            )
        if value == Form.ONLINE and verdict.ok:
            reasons = tuple(facts.online_blockers)
        options.append(FormOption(value, str(label), reasons))
    return options


# The sentences that state a threshold's number (rules.least_*); nothing when no number can meet it.
def agree_needed(n: int | None) -> str:
    if n is None:
        return ""
    return ngettext("At least %(n)s household must agree.", "At least %(n)s households must agree.", n) % {"n": n}


def present_needed(n: int | None) -> str:
    if n is None:
        return ""
    return ngettext(
        "At least %(n)s household must be present for the meeting to decide.",
        "At least %(n)s households must be present for the meeting to decide.",
        n,
    ) % {"n": n}


def in_favour_needed(n: int | None) -> str:
    if n is None:
        return ""
    return ngettext(
        "At least %(n)s household present must be in favour of each procedural vote.",
        "At least %(n)s households present must be in favour of each procedural vote.",
        n,
    ) % {"n": n}


def optin_needed(n: int | None) -> str:
    if n is None:
        return ""
    return ngettext(
        "At least %(n)s household must choose online voting.", "At least %(n)s households must choose online voting.", n
    ) % {"n": n}


def consents_needed(n: int | None) -> str:
    if n is None:
        return ""
    return ngettext("At least %(n)s valid consent is needed.", "At least %(n)s valid consents are needed.", n) % {
        "n": n
    }


def _count_detail(counted: int, households: int) -> str:
    return ngettext(
        "%(counted)s of %(households)s household counted.",
        "%(counted)s of %(households)s households counted.",
        households,
    ) % {"counted": counted, "households": households}
