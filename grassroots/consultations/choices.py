"""The enums the law and the database share: pure, so rules.py stays pure."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Kind(models.TextChoices):
    """The nine matters residents are consulted on (Law Art 25, points 1–9)."""

    SOCIO_ECONOMIC = "socio_economic", _("socio-economic plan, restructuring, trades")
    LAND_USE = "land_use", _("land-use plan and its adjustments")
    PROJECTS = "projects", _("investment, land, site clearance and resettlement policies of projects")
    UNITS = "units", _("establishing, merging, splitting or renaming units and villages")
    COMMUNITY_DECISION = "community_decision", _("administrative decisions affecting the community")
    CONSTRUCTION_PLAN = "construction_plan", _("construction-planning tasks and plans")
    DEMOCRACY_REGULATION = "democracy_regulation", _("democracy regulations")
    INDIVIDUAL = (
        "individual",
        _("a decision imposing obligations on, or limiting the rights of, a citizen"),
    )
    OTHER = "other", _("other matters required by law or requested")


class Channel(models.TextChoices):
    """The forms of consultation (Law Art 26(1), points a–h)."""

    DIALOGUE = "dialogue", _("dialogue conference with the commune People's Committee")
    MEETING = "meeting", _("community meeting")
    SLIP = "slip", _("household opinion slip")
    BOX = "box", _("suggestion box or hotline")
    FRONT = "front", _("Front work committee and mass organisations")
    WEB = "web", _("the commune web page")
    SOCIAL = "social", _("telecom and social networks")
    AFFECTED = "affected", _("dialogue with the persons affected")


# Channels on which an opinion is typed in by staff from paper, a meeting or a call.
STAFF_CHANNELS = tuple(c for c in Channel if c is not Channel.WEB)


class Stance(models.TextChoices):
    AGREE = "agree", _("I agree")
    DISAGREE = "disagree", _("I disagree")
    OTHER = "other", _("other opinion")


class TakeUp(models.TextChoices):
    """What became of a group of opinions (Law Art 28(3): explanation and take-up)."""

    TAKEN = "taken", pgettext_lazy("opinion", "taken up")
    PARTLY = "partly", pgettext_lazy("opinion", "partly taken up")
    NOT_TAKEN = "not_taken", pgettext_lazy("opinion", "not taken up")


class Outcome(models.TextChoices):
    """The final decision on the consulted draft."""

    ADOPTED = "adopted", _("adopted as drafted")
    AMENDED = "amended", _("adopted with changes")
    NOT_ADOPTED = "not_adopted", _("not adopted")


class AnswerPer(models.TextChoices):
    RESIDENT = "resident", _("one answer per resident")
    HOUSEHOLD = "household", _("one answer per household")


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("single choice")
    MULTIPLE = "multiple", _("multiple choice")
    SCALE = "scale", _("scale")
    TEXT = "text", _("free text")


class Status(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("consultation", "in preparation")
    OPEN = "open", pgettext_lazy("consultation", "open for opinions")
    SYNTHESIS = "synthesis", pgettext_lazy("consultation", "opinions being synthesised")
    PUBLISHED = "published", pgettext_lazy("consultation", "synthesis published")
    CLOSED = "closed", pgettext_lazy("consultation", "closed")
