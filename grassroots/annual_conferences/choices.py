"""The enums the law and the database share (as in decisions.choices): pure, so rules.py stays pure."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Party(models.TextChoices):
    """Who agrees the plan beforehand (D59 Art 10): UBND xã, MTTQ xã and the People's Inspection Board."""

    COMMUNE = "commune", _("commune People's Committee")
    FRONT = "front", _("commune Fatherland Front committee")
    INSPECTION = "inspection", _("People's Inspection Board")


class NoticeChannel(models.TextChoices):
    """How the notice reaches each household (D59 Art 10)."""

    WRITING = "writing", _("in writing")
    LOUDSPEAKER = "loudspeaker", _("by loudspeaker")
    SOCIAL_GROUP = "social_group", _("through the agreed social-network group")
    DIRECT = "direct", _("by the village head directly to households")


class YearStatus(models.TextChoices):
    """Where a village stands with its conference of one calendar year (Law Art 33(1))."""

    HELD = "held", pgettext_lazy("annual conference", "held")
    PLANNED = "planned", pgettext_lazy("annual conference", "planned")
    PLANNED_LATE = "planned_late", pgettext_lazy("annual conference", "planned day passed, not held")
    NOT_YET = "not_yet", pgettext_lazy("annual conference", "not planned yet")
    UNSCHEDULED = "unscheduled", pgettext_lazy("annual conference", "not planned, year end near")
    MISSING = "missing", pgettext_lazy("annual conference", "missing")


class Slot(models.TextChoices):
    """The reports the minutes must hold before they are closed (D59 Art 10, agenda points 2–4)."""

    HEAD = "head_report", _("village head's report")
    FRONT = "front_report", _("Front work committee's report")
    INSPECTION = "inspection_report", _("report of the village's People's Inspection Board member")
