"""The enums the law and the database share: pure, so rules.py stays pure."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Channel(models.TextChoices):
    """How a question reached the commune: online by the resident, or entered by staff with its channel."""

    ONLINE = "online", _("online")
    PAPER = "paper", _("on paper")
    PHONE = "phone", _("by phone")
    VILLAGE = "village", _("at the village")
    CONFERENCE = "conference", _("at the conference")


class QuestionStatus(models.TextChoices):
    RECEIVED = "received", pgettext_lazy("dialogue question", "received")
    ANSWERED = "answered", pgettext_lazy("dialogue question", "answer recorded")
    PUBLISHED = "published", pgettext_lazy("dialogue question", "answer published")
    HIDDEN = "hidden", pgettext_lazy("dialogue question", "hidden")


class YearStatus(models.TextChoices):
    """Where a commune stands with its yearly dialogue (Law Art 32)."""

    HELD = "held", pgettext_lazy("dialogue", "held")
    SCHEDULED = "scheduled", pgettext_lazy("dialogue", "scheduled")
    LATE = "late", pgettext_lazy("dialogue", "scheduled day passed, not held")
    NOT_YET = "not_yet", pgettext_lazy("dialogue", "not scheduled yet")
    UNSCHEDULED = "unscheduled", pgettext_lazy("dialogue", "not scheduled, year end near")
    MISSING = "missing", pgettext_lazy("dialogue", "missing")
