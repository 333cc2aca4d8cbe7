"""The enums of the Community Investment Supervision Board (Law Arts 41–45; D59 Arts 16–19), stored by the
models and used by the pure rules (no ORM here)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProjectKind(models.TextChoices):
    """Law Art 41(1): the programmes and projects a board supervises."""

    PUBLIC_INVESTMENT = "public_investment", _("public investment")
    PPP = "ppp", _("public-private partnership (PPP)")
    COMMUNITY_FUNDED = "community_funded", _("funded by the community's money or labour")
    SPONSORED = "sponsored", _("sponsored directly to the commune")


class PartyRole(models.TextChoices):
    """Law Art 42: the parties of a project a board member may not be related to."""

    DECISION_MAKER = "decision_maker", _("investment decision-maker")
    INVESTOR = "investor", _("investor or its representative")
    PROJECT_MANAGER = "project_manager", _("project management board")
    CONSULTANT = "consultant", _("consultant")
    CONTRACTOR = "contractor", _("contractor")
    SUPERVISOR = "supervisor", _("construction supervisor")


class Seat(models.TextChoices):
    """Law Art 41(2): whom a member represents."""

    FRONT = "front", _("representative of the commune Fatherland Front")
    INSPECTION = "inspection", _("representative of the People's Inspection Board")
    RESIDENTS = "residents", _("residents' representative")


class Position(models.TextChoices):
    HEAD = "head", _("head")
    DEPUTY = "deputy", _("deputy head")
    MEMBER = "member", _("member")


class MemberStatus(models.TextChoices):
    NOMINATED = "nominated", _("to be elected at the community meeting")
    ON_BOARD = "on_board", _("on the board")
    NOT_ELECTED = "not_elected", _("not elected")
    LEFT = "left", _("left the board")


class Relation(models.TextChoices):
    """What a member declares towards a party. Every one of them is "related" under Law Art 42 as the
    platform reads it (the protective reading: the member's own ties and those of the close family)."""

    SELF = "self", _("is the party, its representative or works for it")
    SPOUSE = "spouse", _("spouse")
    PARENT = "parent", _("parent (by birth, adoption or marriage)")
    CHILD = "child", _("child (by birth, adoption or marriage)")
    SIBLING = "sibling", _("brother or sister (by birth or marriage)")
    GRANDPARENT = "grandparent", _("grandparent or grandchild")


class BoardStatus(models.TextChoices):
    FORMING = "forming", _("being formed")
    NOTIFIED = "notified", _("investor notified")
    CLOSED = "closed", _("closed: the project ended")


class ItemStatus(models.TextChoices):
    NOT_CHECKED = "not_checked", _("not checked yet")
    COMPLIANT = "compliant", _("checked: in order")
    CONCERN = "concern", _("checked: concern")
    VIOLATION = "violation", _("checked: violation")


class RecommendationKind(models.TextChoices):
    FIX = "fix", _("fix a shortcoming")
    HANDLE = "handle", _("handle a violation")
    SUSPEND = "suspend", _("suspend the investment or operation")
    OTHER = "other", _("other")
