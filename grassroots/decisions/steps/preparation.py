"""The steps before the matter opens: agreements, notices, teams, the opt-in poll, the form of deciding
(Law Arts 16–17; D59 Arts 3–5)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .. import rules
from ..models import Matter, Status, TabledVia, TeamMember
from .facts import (
    NOT_YET_OPEN,
    Facts,
    Step,
    _team,
    _team_ok,
    agreements_needed,
    consents_needed,
    online_possible,
    optin_needed,
)


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
                needed=consents_needed(rules.least_consents_to_table(facts.households)),
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
                optional=True,
                needed=optin_needed(rules.least_choosing_online(facts.households)),
            ),
            Step(
                "notify",
                _("Tell the commune People's Committee and the commune Front before the vote"),
                "D59 Art 5(2)(a)",
                done=len(told) == 2,
                detail=" ".join(told),
                optional=True,
            ),
            Step(
                "online_team",
                _("Set up the online-vote team of 3 to 5 members, led by the Front representative"),
                "D59 Art 5(2)(b)",
                done=_team_ok(_team(facts, TeamMember.Team.ONLINE_TEAM)),
                optional=True,
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
