"""The steps of a meeting (Art 18; D59 Art 3) and of household ballot slips (Art 19(3); D59 Art 4)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .. import rules
from ..models import Matter, Meeting, Status, TeamMember
from .facts import (
    Facts,
    Step,
    _count_detail,
    _team,
    _team_ok,
    agree_needed,
    in_favour_needed,
    present_needed,
)


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
            needed=present_needed(rules.least_present_to_decide(matter.rule_item, facts.households)),
        ),
        Step(
            "secretary",
            _("Elect the secretary of the meeting"),
            "D59 Art 3(5)",
            done=bool(meeting and meeting.secretary),
            skipped=closed and not (meeting and meeting.secretary),
            blocked_reason="" if counted else no_one,
            detail=meeting.secretary if meeting else "",
            needed=in_favour_needed(rules.least_in_favour_present(meeting.present)) if meeting else "",
        ),
        Step(
            "method",
            _("Choose the voting method: show of hands or secret ballot"),
            "D59 Art 3(5)",
            done=bool(meeting and meeting.method),
            # The count records the method when none was voted on beforehand (`record_meeting_count`).
            skipped=counted and not (meeting and meeting.method),
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
                # Done once approved; skipped once attendance was taken at one village meeting (no clusters).
                done=bool(meeting and meeting.clusters and meeting.plan_approved),
                skipped=bool(meeting and not meeting.clusters and (meeting.present or counted))
                or (counted and meeting is None),
                optional=True,
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
                done=committee_ok,
                skipped=counted and not committee_ok,
                blocked_reason="" if counted else no_one,
            ),
            Step(
                "witnesses",
                _("Name the 2 household representatives who witness the count"),
                "D59 Art 3(5)(c)",
                done=witnesses_ok,
                skipped=counted and not witnesses_ok,
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
            needed=agree_needed(rules.least_agreeing_to_adopt(matter.rule_item, facts.households)),
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
            done=_team_ok(_team(facts, TeamMember.Team.BALLOT_TEAM)),
            skipped=counted and not _team_ok(_team(facts, TeamMember.Team.BALLOT_TEAM)),
        ),
        Step(
            "witnesses",
            _("Name the 2 household representatives who witness the count"),
            "D59 Art 4(6)(a)",
            done=rules.witnesses_ok(_team(facts, TeamMember.Team.WITNESS).size),
            skipped=counted and not rules.witnesses_ok(_team(facts, TeamMember.Team.WITNESS).size),
        ),
        Step(
            "slips",
            _("Record the returned ballot slips by their household code"),
            "Law Art 19(3); D59 Art 4(6)",
            done=counted,
            detail=_count_detail(facts.participants, facts.households),
            needed=agree_needed(rules.least_agreeing_to_adopt(matter.rule_item, facts.households)),
        ),
    ]
    return steps
