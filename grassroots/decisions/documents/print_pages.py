"""The context of the printable Form 01 notice and Form 02/04 count-minutes pages
(templates/decisions/print/)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from grassroots.core.official.text import BLANK, MOTTO, NATIONAL_NAME, place_date, vn_date, vn_datetime, vn_percent

from .. import rules
from ..models import Form, Matter, Scope, TeamMember
from .facts import (
    CHOICE_LABELS,
    ITEM_LABELS,
    LAW,
    community_name,
    current_meeting,
    head_of_community,
    households_present,
    place_name,
    signatory_name,
    threshold_text,
    unit_lines,
    village_head_title,
    village_rows,
)


# --- Printable pages: Form 01 notice, Form 02/04 count minutes ------------------------------------
def _common(matter: Matter, day: dt.date | None) -> dict[str, Any]:
    lines = unit_lines(matter)
    return {
        "matter": matter,
        "unit_line_1": lines[0],
        "unit_line_2": lines[1],
        "national_name": NATIONAL_NAME,
        "motto": MOTTO,
        "place_date": place_date(place_name(matter), day),
        "item_label": f"Khoản {matter.item} Điều 15 {LAW}: {ITEM_LABELS[matter.item]}",
        "head_title": village_head_title(matter),
        "community": community_name(matter),
        "head_of_community": head_of_community(matter),
        "blank": BLANK,
    }


def notice_context(matter: Matter) -> dict[str, Any]:
    """Form 01 (D59 Art 3(3)): the notice of a community meeting: time, place, content, who attends,
    signed by the convenor (the village head)."""
    meeting = current_meeting(matter)
    day = meeting.notice_sent_on if meeting and meeting.notice_sent_on else None
    return {
        **_common(matter, day),
        "meeting": meeting,
        "starts": vn_datetime(meeting.starts_at) if meeting else None,
        "documents_required": rules.documents_required(matter.rule_item),
        "documents_on": vn_date(meeting.documents_delivered_on) if meeting and meeting.documents_delivered_on else None,
        "convenor": signatory_name(matter, "village_head"),
    }


def count_minutes_context(matter: Matter) -> dict[str, Any]:
    """Form 02 (a secret ballot at the meeting, D59 Art 3(5)(c)) or Form 04 (household ballots, D59
    Art 4(6)): who counted, the 2 witnesses, the counts and the time; made in 3 copies."""
    ballots = matter.form == Form.BALLOT
    team = TeamMember.Team.BALLOT_TEAM if ballots else TeamMember.Team.COUNTING_COMMITTEE
    members = list(matter.team.filter(team=team).order_by("-is_lead", "pk"))
    witnesses = list(matter.team.filter(team=TeamMember.Team.WITNESS).order_by("pk"))
    meeting = None if ballots else current_meeting(matter)
    result = matter.result or {}
    households = matter.household_count if matter.household_count is not None else result.get("households")
    counted = bool(result)
    present = households_present(matter) if counted or meeting else None
    counts = [(label, int(result.get(choice) or 0)) for choice, label in CHOICE_LABELS.items()] if counted else []
    return {
        **_common(matter, timezone.localdate(matter.closed_at) if matter.closed_at else None),
        "form_number": "04" if ballots else "02",
        "title": "BIÊN BẢN KIỂM PHIẾU LẤY Ý KIẾN HỘ GIA ĐÌNH" if ballots else "BIÊN BẢN KIỂM PHIẾU",
        "team_name": "Tổ phát phiếu" if ballots else "Ban kiểm phiếu",
        "lead_title": "Tổ trưởng" if ballots else "Trưởng ban",
        "members": members,
        "witnesses": witnesses,
        "meeting": meeting,
        "place": meeting.place if meeting else None,
        "counted_at": vn_datetime(matter.closed_at) if matter.closed_at else None,
        "households": households,
        "issued": households if ballots else present,
        "returned": result.get("participants") if counted else None,
        "valid": result.get("total") if counted else None,
        "counts": [(label, n, vn_percent(n, households or 0)) for label, n in counts],
        "villages": village_rows(matter) if matter.scope == Scope.COMMUNE else [],
        "adopted": matter.adopted,
        "conclusion": None
        if matter.adopted is None
        else ("được thông qua" if matter.adopted else "không được thông qua"),
        "threshold": threshold_text(matter),
    }
