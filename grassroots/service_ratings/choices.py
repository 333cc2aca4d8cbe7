"""The enums the law and the database share: pure, so rules.py stays pure."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Question(models.TextChoices):
    """The questions a resident answers on a 1–5 scale (Law Art 34(1), Art 35(2)(a)): the commune's
    handling of the procedure, and the official who served them (only when one is chosen)."""

    TIMELINESS = "timeliness", _("The procedure was handled on time")
    GUIDANCE = "guidance", _("The guidance and the papers asked for were clear")
    OFFICIAL = "official", _("The conduct of the official who served you")


class CommentStatus(models.TextChoices):
    """A free-text comment is shown publicly only after moderation; hidden ones keep their reason."""

    NONE = "", _("no comment")
    PENDING = "pending", _("waiting for moderation")
    PUBLISHED = "published", _("published")
    HIDDEN = "hidden", _("hidden")
