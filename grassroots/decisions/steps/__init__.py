"""The step-by-step checklist of one matter, for the people who run it (law.md §3, 10.C–10.G).

Pure: `steps_for(matter, facts)` reads only the matter's own fields and the plain `Facts` the view
gathered (H, teams, the meeting, counts, today); no queries and no clock. Each step says whether it is
done, why it cannot be taken now, and which article requires it.

`facts` holds what the steps are computed from, `preparation`, `rounds` and `closing` the steps of each
part of the matter's life.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from .. import rules
from ..models import Form, Matter, Status
from .closing import _closing
from .facts import Facts, FormOption, MeetingFacts, Step, TeamFacts, _count_detail, agree_needed, form_options
from .preparation import _preparation
from .rounds import _ballot_steps, _meeting_steps

__all__ = ["Facts", "FormOption", "MeetingFacts", "Step", "TeamFacts", "form_options", "next_step", "steps_for"]


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
                needed=agree_needed(rules.least_agreeing_to_adopt(matter.rule_item, facts.households)),
            )
        )
    return steps + _closing(matter, facts)


def next_step(steps: list[Step]) -> Step | None:
    return next((s for s in steps if s.actionable), None)
