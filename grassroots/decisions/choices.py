"""The enums that both the rules and the models speak, defined once.

`rules.py` takes them as plain values (an `IntegerChoices` is an `int`, a `TextChoices` a `str`), and
`models.py` stores them with their labels. Only Django's enum classes are imported here, never a model
or a query, so `rules.py` stays pure: no ORM, settings or clock.
"""

from __future__ import annotations

from django.db.models.enums import IntegerChoices, TextChoices
from django.utils.translation import gettext_lazy as _


class Item(IntegerChoices):
    """The six kinds of matter residents decide (Law Art 15(1)–(6))."""

    # public works funded wholly or partly by residents, and each one's share
    INFRASTRUCTURE = 1, _("1. Public works funded by residents, and each household's contribution")
    # collecting, spending and managing contributions and community assets
    COMMUNITY_FUNDS = 2, _("2. Collecting, spending and managing community contributions and assets")
    CONVENTION = 3, _("3. The village convention")  # hương ước, quy ước
    VILLAGE_HEAD = 4, _("4. Electing or dismissing the village head")
    BOARD_MEMBERS = 5, _("5. Electing or dismissing members of the People's Inspection or Investment Supervision Board")
    OTHER = 6, _("6. Other self-managed community matters")  # other lawful self-managed community matters


class Scope(TextChoices):
    VILLAGE = "village", _("one village")
    COMMUNE = "commune", _("the whole commune")


class Form(TextChoices):
    """Forms of deciding (Law Art 17(1))."""

    MEETING = "meeting", _("community meeting")  # (a) community meeting
    BALLOT = "ballot", _("household ballot slips")  # (b) ballot slips to every household
    ONLINE = "online", _("online voting")  # (c) online voting


class Choice(TextChoices):
    """Online options are exactly these three (D59 Art 5(2)(d)); meetings and slips use the same."""

    AGREE = "agree", _("agree")
    DISAGREE = "disagree", _("disagree")
    OTHER = "other", _("other opinion")
