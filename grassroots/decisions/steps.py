"""The step-by-step checklist of one matter, for the people who run it (law.md §3, 10.C–10.G).

Pure: `steps_for(matter, facts)` reads only the matter's own fields and the plain `Facts` the view
gathered (H, teams, the meeting, counts, today); no queries and no clock. Each step says whether it is
done, why it cannot be taken now, and which article requires it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from . import rules
from .models import Form, Matter, Meeting, Status, TabledVia, TeamMember

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

    @property
    def actionable(self) -> bool:
        return not self.done and not self.blocked_reason


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


def _count_detail(counted: int, households: int) -> str:
    return ngettext(
        "%(counted)s of %(households)s household counted.",
        "%(counted)s of %(households)s households counted.",
        households,
    ) % {"counted": counted, "households": households}


def _preparation(matter: Matter, facts: Facts) -> list[Step]:
    steps = []
    opened = matter.status not in NOT_YET_OPEN
    if matter.tabled_via == TabledVia.INITIATIVE:
        steps.append(
            Step(
                "consents",
                _("Collect the consents of at least one household in ten"),
                "Law Art 16(3)",
                done=matter.status != Status.GATHERING,
                detail=ngettext(
                    "%(consents)s valid consent of %(households)s households.",
                    "%(consents)s valid consents of %(households)s households.",
                    facts.consents,
                )
                % {"consents": facts.consents, "households": facts.households},
            )
        )
    if agreements_needed(matter):
        steps.append(
            Step(
                "head_agreed",
                _("The village head agrees to put the matter to households"),
                "Law Art 16(2)",
                done=matter.head_agreed_at is not None,
            )
        )
        steps.append(
            Step(
                "front_agreed",
                _("The head of the Front work committee agrees"),
                "Law Art 16(2)",
                done=matter.front_agreed_at is not None,
            )
        )
    if online_possible(matter):
        told = []
        if matter.commune_committee_notified_at is not None:
            told.append(_("The commune People's Committee was told."))
        if matter.commune_front_notified_at is not None:
            told.append(_("The commune Front was told."))
        steps += [
            Step(
                "optin",
                _("Poll the households on deciding online"),
                "D59 Art 5(1)(c)",
                done=2 * matter.optin_yes > facts.households,
                detail=ngettext(
                    "%(yes)s of %(households)s household chose online voting; more than half is needed.",
                    "%(yes)s of %(households)s households chose online voting; more than half is needed.",
                    facts.households,
                )
                % {"yes": matter.optin_yes, "households": facts.households},
            ),
            Step(
                "notify",
                _("Tell the commune People's Committee and the commune Front before the vote"),
                "D59 Art 5(2)(a)",
                done=len(told) == 2,
                detail=" ".join(told),
            ),
            Step(
                "online_team",
                _("Set up the online-vote team of 3 to 5 members, led by the Front representative"),
                "D59 Art 5(2)(b)",
                done=_team_ok(_team(facts, TeamMember.Team.ONLINE_TEAM)),
            ),
        ]
    blocked = ""
    if not opened:
        if matter.status == Status.GATHERING:
            blocked = _("The initiative does not have the consents of one household in ten yet. (Law Art 16(3))")
        elif agreements_needed(matter) and (matter.head_agreed_at is None or matter.front_agreed_at is None):
            blocked = _(
                "The village head and the head of the Front work committee must both agree first. (Law Art 16(2))"
            )
    detail = ""
    if opened and matter.form:
        detail = _("Decided by %(form)s; %(households)s households (H) when opened.") % {
            "form": matter.get_form_display(),
            "households": matter.household_count,
        }
    steps.append(
        Step(
            "open",
            _("Choose the form of deciding and open the matter"),
            "Law Art 17, Art 19(1); D59 Art 5(1)",
            done=opened,
            blocked_reason=blocked,
            detail=detail,
        )
    )
    return steps


def _meeting_steps(matter: Matter, facts: Facts) -> list[Step]:
    meeting = facts.meeting if facts.meeting is not None and facts.meeting.round == matter.round else None
    is_open = matter.status == Status.OPEN
    closed = not is_open
    no_meeting = "" if meeting is not None else _("Schedule the meeting first.")
    no_one = no_meeting or ("" if meeting and meeting.present else _("Record the households present first."))
    counted = closed or (meeting is not None and meeting.counted)
    detail = ""
    if meeting is not None:
        detail = ngettext(
            "%(present)s of %(households)s household present.",
            "%(present)s of %(households)s households present.",
            meeting.households,
        ) % {"present": meeting.present, "households": meeting.households}
        if meeting.falls_short:
            detail += " " + _("The threshold can no longer be reached at this meeting: switch to household ballots.")
        else:
            detail += " " + _("The threshold can still be reached.")
    steps = [
        Step(
            "schedule",
            _("Schedule the meeting and send the notice at least 2 days ahead"),
            "D59 Art 3(3)–(4)",
            done=meeting is not None,
            detail=_("The documents must also reach every household at least 2 days ahead.")
            if rules.documents_required(matter.rule_item)
            else "",
        ),
        Step(
            "attendance",
            _("Record the households present"),
            "Law Art 18(2), Art 21(1)",
            done=counted,
            blocked_reason="" if counted else no_meeting,
            detail=detail,
        ),
        Step(
            "secretary",
            _("Elect the secretary of the meeting"),
            "D59 Art 3(5)",
            done=bool(meeting and meeting.secretary) or closed,
            blocked_reason="" if counted else no_one,
            detail=meeting.secretary if meeting else "",
        ),
        Step(
            "method",
            _("Choose the voting method: show of hands or secret ballot"),
            "D59 Art 3(5)",
            done=bool(meeting and meeting.method) or closed,
            blocked_reason="" if counted else no_one,
            detail=str(Meeting.Method(meeting.method).label) if meeting and meeting.method else "",
        ),
    ]
    if facts.households >= rules.CLUSTER_MIN_HOUSEHOLDS or (meeting is not None and meeting.dispersed):
        steps.insert(
            1,
            Step(
                "cluster_plan",
                _(
                    "If the village meets by residential cluster: record the cluster plan approved by the commune People's Committee"
                ),
                "Law Art 18(3); D59 Art 3(6)",
                # Done once approved, or once attendance was taken at one village meeting (no clusters).
                done=bool(meeting and (meeting.plan_approved if meeting.clusters else meeting.present)) or counted,
                blocked_reason="" if counted else no_meeting,
                detail=ngettext("%(n)s cluster.", "%(n)s clusters.", meeting.clusters) % {"n": meeting.clusters}
                if meeting and meeting.clusters
                else _(
                    "Optional: a village of 200 households or more, or with scattered settlement, may meet by cluster."
                ),
            ),
        )
    secret = meeting is not None and meeting.method == Meeting.Method.SECRET
    committee_ok = _team_ok(_team(facts, TeamMember.Team.COUNTING_COMMITTEE), lead=False)
    witnesses_ok = rules.witnesses_ok(_team(facts, TeamMember.Team.WITNESS).size)
    if secret:
        steps += [
            Step(
                "counting",
                _("Approve the vote-counting committee of 3 to 5 members, with its head"),
                "D59 Art 3(5)(c)",
                done=committee_ok or counted,
                blocked_reason="" if counted else no_one,
            ),
            Step(
                "witnesses",
                _("Name the 2 household representatives who witness the count"),
                "D59 Art 3(5)(c)",
                done=witnesses_ok or counted,
            ),
        ]
    result_blocked = no_one
    if not result_blocked and secret and not committee_ok:
        result_blocked = _("Approve the vote-counting committee first. (D59 Art 3(5)(c))")
    elif not result_blocked and secret and not witnesses_ok:
        result_blocked = _("Name the 2 witnesses of the count first. (D59 Art 3(5)(c))")
    steps.append(
        Step(
            "result",
            _("Record the count of the meeting"),
            "D59 Art 3(5)",
            done=counted,
            blocked_reason="" if counted else result_blocked,
        )
    )
    if meeting is not None and meeting.falls_short and is_open:
        steps.append(
            Step(
                "switch",
                _("Switch to household ballots: too few households are present"),
                "Law Art 19(1)(b); D61 Art 10",
                detail=_("This cannot be undone."),
            )
        )
    return steps


def _ballot_steps(matter: Matter, facts: Facts) -> list[Step]:
    steps = []
    if facts.meeting is not None and facts.meeting.round < matter.round:
        steps.append(
            Step(
                "switched",
                _("The meeting lacked enough households; the matter went to household ballots"),
                "Law Art 19(1)(b)",
                done=True,
                detail=ngettext(
                    "%(present)s of %(households)s household was present.",
                    "%(present)s of %(households)s households were present.",
                    facts.meeting.households,
                )
                % {"present": facts.meeting.present, "households": facts.meeting.households},
            )
        )
    counted = matter.status != Status.OPEN
    steps += [
        Step(
            "ballot_team",
            _("Set up the ballot team of 3 to 5 members, led by the Front representative"),
            "Law Art 19(2); D59 Art 4(3)",
            done=_team_ok(_team(facts, TeamMember.Team.BALLOT_TEAM)) or counted,
        ),
        Step(
            "witnesses",
            _("Name the 2 household representatives who witness the count"),
            "D59 Art 4(6)(a)",
            done=rules.witnesses_ok(_team(facts, TeamMember.Team.WITNESS).size) or counted,
        ),
        Step(
            "slips",
            _("Record the returned ballot slips by their household code"),
            "Law Art 19(3); D59 Art 4(6)",
            done=counted,
            detail=_count_detail(facts.participants, facts.households),
        ),
    ]
    return steps


def _closing(matter: Matter, facts: Facts) -> list[Step]:
    is_open = matter.status == Status.OPEN
    closed = matter.closed_at is not None
    filed = matter.filed_at is not None
    close_detail = ""
    if closed:
        close_detail = _("Adopted.") if matter.adopted else _("Not adopted.")
    elif is_open:
        close_detail = _count_detail(facts.participants, facts.households)
    steps = [
        Step(
            "close",
            _("Close the vote and count it against all households"),
            "Law Art 21(1)",
            done=closed,
            blocked_reason="" if closed or is_open else _("Open the matter first."),
            detail=close_detail,
        ),
        Step(
            "file",
            _("File the decision record with the commune People's Committee and the commune Front"),
            "Law Art 20(2)–(3)",
            done=filed,
            blocked_reason="" if filed or matter.status == Status.CLOSED else _("Close the vote and count it first."),
            due_on=matter.filing_due_on,
            overdue=rules.is_overdue(matter.filing_due_on, filed, facts.today),
        ),
    ]
    who = rules.recognizer(matter.rule_item, matter.rule_scope)
    if who is not rules.Recognizer.NONE and matter.adopted is not False:
        decided = matter.status in {Status.RECOGNIZED, Status.REFUSED}
        title = (
            _("Recognition by the commune Front")
            if who is rules.Recognizer.COMMUNE_FRONT
            else _("Recognition by the commune People's Committee")
        )
        steps.append(
            Step(
                "recognition",
                title,
                "Law Art 21(2)",
                done=decided,
                blocked_reason="" if decided else _("The commune decides this step."),
                detail=matter.get_status_display() if decided else "",
                due_on=matter.recognition_due_on,
                overdue=rules.is_overdue(matter.recognition_due_on, decided, facts.today),
            )
        )
    return steps


def steps_for(matter: Matter, facts: Facts) -> list[Step]:
    """Every step of the matter, in order, from tabling to recognition."""
    steps = _preparation(matter, facts)
    if matter.form == Form.MEETING:
        steps += _meeting_steps(matter, facts)
    elif matter.form == Form.BALLOT:
        steps += _ballot_steps(matter, facts)
    elif matter.form == Form.ONLINE:
        steps.append(
            Step(
                "online_vote",
                _("Households vote online until the announced end"),
                "D59 Art 5(3)",
                done=matter.status != Status.OPEN,
                detail=_count_detail(facts.participants, facts.households),
            )
        )
    return steps + _closing(matter, facts)


def next_step(steps: list[Step]) -> Step | None:
    return next((s for s in steps if s.actionable), None)
