"""The enums the law and the database share: pure, so rules.py stays pure."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Channel(models.TextChoices):
    """How a petition reached the board (Law Art 38; D59 Art 14: directly or through a suggestion box)."""

    ONLINE = "online", _("online")
    BOX = "box", _("suggestion box")
    LETTER = "letter", _("letter")
    CALL = "call", _("phone call")
    VISIT = "visit", _("visit in person")


class State(models.TextChoices):
    """Where a case stands, in the order of the board's work (Law Arts 38–40; D59 Art 14)."""

    RECEIVED = "received", pgettext_lazy("petition", "received")
    DECLINED = "declined", pgettext_lazy("petition", "not taken up")
    ACCEPTED = "accepted", pgettext_lazy("petition", "taken up")
    ASSIGNED = "assigned", pgettext_lazy("petition", "assigned")
    PLANNED = "planned", pgettext_lazy("petition", "inspection plan sent")
    VERIFIED = "verified", pgettext_lazy("petition", "findings recorded")
    RECOMMENDED = "recommended", pgettext_lazy("petition", "recommendation awaiting the Front")
    SENT = "sent", pgettext_lazy("petition", "awaiting the commune's answer")
    ANSWERED = "answered", pgettext_lazy("petition", "answered by the commune")
    CLOSED = "closed", pgettext_lazy("petition", "result sent to the petitioner")


class Period(models.TextChoices):
    """The board reports to the Front quarterly, half-yearly, yearly and per term (Law Art 39; D59 Art 14)."""

    QUARTER = "quarter", _("quarter")
    HALF = "half", _("half-year")
    YEAR = "year", _("year")
    TERM = "term", _("term")
