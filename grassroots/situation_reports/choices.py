from django.db import models
from django.utils.translation import gettext_lazy as _


class PeriodKind(models.TextChoices):
    MONTH = "month", _("month")
    QUARTER = "quarter", _("quarter")


class Trend(models.TextChoices):
    UP = "up", _("rising")
    SAME = "same", _("about the same")
    DOWN = "down", _("falling")


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")


class Standing(models.TextChoices):
    """Where a unit's report of a round stands on a day (rules.standing)."""

    ON_TIME = "on_time", _("submitted on time")
    SUBMITTED_LATE = "submitted_late", _("submitted late")
    LATE = "late", _("late: not submitted")
    DUE = "due", _("not submitted yet")
