from typing import Any

from django.http import HttpRequest

from grassroots.accounts.roles import role_unit_ids
from grassroots.annual_conferences.access import SEEING_ROLES as CONFERENCE_ROLES
from grassroots.consultations.access import STAFF_ROLES as CONSULTATION_ROLES
from grassroots.conventions.access import CONSOLE_ROLES as CONVENTION_ROLES
from grassroots.core import notices
from grassroots.decisions.access import OVERSIGHT_ROLES, VILLAGE_ROLES, represented_household
from grassroots.decisions.models import Notification
from grassroots.dialogues.access import CONSOLE_ROLES as DIALOGUE_ROLES
from grassroots.elections.access import READ_ROLES as ELECTION_ROLES
from grassroots.inspection.access import CONSOLE_ROLES as INSPECTION_ROLES
from grassroots.investment_supervision.access import CONSOLE_ROLES as INVESTMENT_ROLES
from grassroots.opinion_maps.access import SEEING_ROLES as OPINION_MAP_ROLES
from grassroots.people.access import SCOPE_ROLES
from grassroots.petitions.access import CONSOLE_ROLES as PETITION_ROLES
from grassroots.service_ratings.access import CONSOLE_ROLES as RATING_ROLES
from grassroots.situation_reports.access import SEEING_ROLES as SITUATION_ROLES
from grassroots.training.access import has_training


def navigation(request: HttpRequest) -> dict[str, Any]:
    """Which sections to show in the header: only those the user can open."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav": {}}
    return {
        "nav": {
            # From the role assignments fetched once per request: no unit query just to draw a link.
            # A superuser holds no role by being one (the Django admin is theirs, the register is not).
            "register": bool(role_unit_ids(user, SCOPE_ROLES)),
            "decisions": bool(role_unit_ids(user, OVERSIGHT_ROLES | VILLAGE_ROLES))
            or represented_household(user) is not None,
            # Village heads, Front heads and commune officials: the annual conferences (Law Art 33).
            "annual_conferences": bool(role_unit_ids(user, CONFERENCE_ROLES)),
            # The commune and the Front work committee heads: village-head elections (D59 Arts 6-9).
            "elections": bool(role_unit_ids(user, ELECTION_ROLES)),
            # Village heads, Front heads and the commune: the conventions' consoles (D61 Arts 7-15).
            "conventions": bool(role_unit_ids(user, CONVENTION_ROLES)),
            # The commune's officials, chair and Front: satisfaction ratings and dialogues (Law Arts 32, 35(2)(a)).
            "service_ratings": bool(role_unit_ids(user, RATING_ROLES)),
            "dialogues": bool(role_unit_ids(user, DIALOGUE_ROLES)),
            # A verified resident: rate a service, ask the dialogue (no query: the account's own field).
            "resident": getattr(user, "resident_id", None) is not None,
            # The commune Front and the People's Inspection Board: the board's console (Law Arts 36-39).
            "inspection": bool(role_unit_ids(user, INSPECTION_ROLES)),
            # Opinion maps: the commune's staff see the console; a resident with a linked account takes part.
            "opinion_maps": bool(role_unit_ids(user, OPINION_MAP_ROLES)),
            "opinion_maps_mine": getattr(user, "resident_id", None) is not None,
            # The People's Inspection Board, the commune Front and the commune: petitions (Law Arts 38-40).
            "petitions": bool(role_unit_ids(user, PETITION_ROLES)),
            # The commune Front, the commune, the boards and village heads: investment supervision (Law Arts 41-45).
            "investment_supervision": bool(role_unit_ids(user, INVESTMENT_ROLES)),
            # Consultations (Law Arts 25-28): the commune, the Front, village heads, and residents with a
            # linked account (no query: the link is on the user row).
            "consultations": bool(role_unit_ids(user, CONSULTATION_ROLES)) or user.resident_id is not None,
            # Village heads, Front work-committee heads, the commune and the steering committee: situation
            # reports (a practice of the steering committees, law.md §8.3).
            "situation_reports": bool(role_unit_ids(user, SITUATION_ROLES)),
            # Organizers of training conferences and their delegates (one query at most).
            "training": has_training(user),
            # Unread notifications (decisions.notifications) and notices of other sections (core.notices:
            # training invitations), shown next to "Community decisions".
            "unread": Notification.objects.filter(user=user, read_at__isnull=True).count()
            + notices.unread_count(user.pk),
        }
    }
