"""The steps after the vote: the count, filing with the commune and recognition (Arts 20–21)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from .. import rules
from ..models import Matter, Status
from .facts import (
    Facts,
    Step,
    _count_detail,
    agree_needed,
)


def _adoption_needed(matter: Matter, facts: Facts) -> str:
    """The households that must agree (Law Art 21(1)); a commune-wide matter counts village by village."""
    if matter.rule_scope is rules.Scope.COMMUNE:
        return _("At least two-thirds of the villages must adopt it, each by its own households.")
    return agree_needed(rules.least_agreeing_to_adopt(matter.rule_item, facts.households))


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
            needed=_adoption_needed(matter, facts),
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
