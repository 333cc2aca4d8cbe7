"""Writes of the training app (STYLE: every user- or cron-triggered write is an action).

One module per subject: conferences (programme, materials, delegates, the door), invitations (the
invitation e-mail, a background task), qa (questions, answers and difficulties) and quiz (tests and
feedback). Callers import from here: `from grassroots.training import actions`.
"""

from __future__ import annotations

from .conferences import (
    TEMPLATE_SESSIONS,
    Resolution,
    add_material,
    add_rule,
    add_session,
    check_in,
    create_conference,
    holders,
    invite_by_name,
    invited_count,
    is_over,
    record_leave,
    remove_material,
    remove_rule,
    remove_session,
    resolve_invitations,
    respond,
    send_invitations,
    send_substitute,
    update_conference,
    update_session,
    waiting_for_invitation,
)
from .invitations import send_for_conference, tell_delegates
from .qa import (
    answer_difficulty,
    approve_question,
    ask_question,
    assign_difficulty,
    hide_question,
    move_question,
    order_queue_by_votes,
    raise_difficulty,
    record_answer,
    upvote,
)
from .quiz import submit_feedback, submit_quiz

__all__ = [
    "TEMPLATE_SESSIONS",
    "Resolution",
    "add_material",
    "add_rule",
    "add_session",
    "answer_difficulty",
    "approve_question",
    "ask_question",
    "assign_difficulty",
    "check_in",
    "create_conference",
    "hide_question",
    "holders",
    "invite_by_name",
    "invited_count",
    "is_over",
    "move_question",
    "order_queue_by_votes",
    "raise_difficulty",
    "record_answer",
    "record_leave",
    "remove_material",
    "remove_rule",
    "remove_session",
    "resolve_invitations",
    "respond",
    "send_for_conference",
    "send_invitations",
    "send_substitute",
    "submit_feedback",
    "submit_quiz",
    "tell_delegates",
    "update_conference",
    "update_session",
    "upvote",
    "waiting_for_invitation",
]
