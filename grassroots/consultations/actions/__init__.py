"""Every write of a consultation: one transaction and one audit event each. The actions check who acts
(access.py) and the law (rules.py) themselves, so a view, the API or the demo cannot skip a rule."""

from .opinions import answer_questionnaire, enter_opinion, enter_slip, give_opinion, hide_opinion
from .plan import (
    add_draft,
    add_question,
    create_consultation,
    link_opinion_map,
    parse_articles,
    publish,
    record_plan_sent,
)
from .synthesis import assign_opinions, close, create_group, publish_synthesis, record_decision, respond

__all__ = [
    "add_draft", "add_question", "answer_questionnaire", "assign_opinions", "close", "create_consultation",
    "create_group", "enter_opinion", "enter_slip", "give_opinion", "hide_opinion", "link_opinion_map", "parse_articles", "publish",
    "publish_synthesis", "record_decision", "record_plan_sent", "respond",
]  # fmt: skip
