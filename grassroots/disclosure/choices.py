"""The categories of information the commune must disclose (Law Art 11) and the channels it discloses
through (Law Art 12(1)); glossary: công khai thông tin = public disclosure, niêm yết = posting."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.IntegerChoices):
    """Law Art 11, items 1–14, numbered as the law numbers them (Art 13 refers to them by number)."""

    PLAN = 1, _("Socio-economic development plan and its results")
    BUDGET = 2, _("Budget: draft, approved, execution and final accounts")
    PROJECTS_LAND = 3, _("Investment projects, land recovery, compensation and planning")
    REGULATION = 4, _("Democracy regulation, duties of officials, code of conduct")
    FUNDS = 5, _("Funds, investments, sponsorships and contributions from the people")
    PUBLIC_ASSETS = 6, _("Public assets managed by the commune")
    SUPPORT = 7, _("Support, subsidy and social-security policies and their beneficiaries")
    RELIEF = 8, _("State relief for disasters, epidemics and critical illness; donations")
    SERVICE = 9, _("Military and police service: quotas, lists, deferrals and exemptions")
    INSPECTIONS = 10, _("Inspections, corruption and discipline cases, confidence votes")
    CONSULTATIONS = 11, _("Public consultations: plan, content, synthesis and explanation")
    FEES = 12, _("Fees, charges and other obligations collected by the commune")
    PROCEDURES = 13, _("Administrative procedures handled by the commune")
    OTHER = 14, _("Other information required by law or the democracy regulation")


class Channel(models.TextChoices):
    """Law Art 12(1): the ways the commune discloses; the ones Art 13 makes mandatory come first."""

    COMMUNE_SEAT = "commune_seat", _("Posting at the commune seat")
    VILLAGE_POINTS = "village_points", _("Posting at village culture houses and community points")
    WEB_PORTAL = "web_portal", _("The commune's web page")
    LOUDSPEAKER = "loudspeaker", _("The loudspeaker system")
    VILLAGE_HEAD = "village_head", _("Relayed through the village heads")
    HOUSEHOLD_NOTICE = "household_notice", _("Notices or letters to households")
    SOCIAL_NETWORK = "social_network", _("Social network pages")


class RequestKind(models.TextChoices):
    """What a resident asks (Law Art 14: information on request under the Law on Access to Information)."""

    QUESTION = "question", _("A question about this item")
    NOT_DISCLOSED = "not_disclosed", _("Information that should have been disclosed but was not")
    EXPIRED = "expired", _("Information whose disclosure period has expired")
    UNREACHABLE = "unreachable", _("Information I could not reach (force majeure)")
