"""The enums the law and the database share: pure, so rules.py and analysis.py stay pure."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class MapStatus(models.TextChoices):
    """Where a map stands: prepared, open for statements and votes, closed."""

    DRAFT = "draft", pgettext_lazy("opinion map", "being prepared")
    OPEN = "open", pgettext_lazy("opinion map", "open")
    CLOSED = "closed", pgettext_lazy("opinion map", "closed")


class Choice(models.IntegerChoices):
    """A resident's answer to one statement (as Pol.is: agree, disagree or pass)."""

    AGREE = 1, _("Agree")
    DISAGREE = -1, _("Disagree")
    PASS = 0, _("Pass / unsure")
