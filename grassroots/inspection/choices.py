"""The choices of the People's Inspection Board (Law Arts 36–39; D59 Arts 12–15)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Seat(models.TextChoices):
    """Law Art 36(1): one head, at most 2 deputies, the other members."""

    HEAD = "head", _("head of the board")
    DEPUTY = "deputy", _("deputy head of the board")
    MEMBER = "member", _("member")


class CandidacyStatus(models.TextChoices):
    NOMINATED = "nominated", _("nominated: the village is to vote")
    VOTING = "voting", _("put to the village's community meeting")
    RECOGNIZED = "recognized", _("elected and recognized by the commune Front")
    REFUSED = "refused", _("not recognized")


class Departure(models.TextChoices):
    """Law Art 36; D59 Art 13: how a member leaves the board before or at the end of the term."""

    REMOVED = "removed", _("removed")
    RESIGNED = "resigned", _("resigned")
    TERM_ENDED = "term_ended", _("term ended")


class Period(models.TextChoices):
    """D59 Art 14: the board plans its work by quarter, half-year, year and term."""

    QUARTER = "quarter", _("quarter")
    HALF_YEAR = "half_year", _("half-year")
    YEAR = "year", _("year")
    TERM = "term", _("term")
