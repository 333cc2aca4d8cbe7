"""Reads over conventions: the steps that are late (each with its article), the register, the province's
statistics (D61 Art 16). No writes here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from grassroots.territory.models import Unit, UnitKind

from . import rules
from .models import Convention, ConventionStatus, Outcome, Ruling, RulingKind, Version, VersionStatus


@dataclass(frozen=True)
class Late:
    what: str
    due_on: dt.date
    article: str


def late_steps(version: Version, today: dt.date) -> list[Late]:
    """The steps of a version that are late today or were done late, each with its article."""
    found = []
    if version.status == VersionStatus.VOTING and version.matter is not None and version.matter.filing_due_on:
        due = version.matter.filing_due_on
        if rules.is_late(due, None, today):
            found.append(Late(str(_("The dossier is not filed with the commune")), due, rules.ARTICLE_DOSSIER))
    if rules.is_late(version.dossier_due_on, version.dossier_filed_on, today) and version.dossier_due_on:
        found.append(Late(str(_("The dossier was filed late")), version.dossier_due_on, rules.ARTICLE_DOSSIER))
    decided = version.recognized_on or version.refused_on
    if version.recognition_due_on and rules.is_late(version.recognition_due_on, decided, today):
        found.append(
            Late(str(_("Recognition or refusal is late")), version.recognition_due_on, rules.ARTICLE_RECOGNITION)
        )
    if version.distribution_due_on and rules.is_late(version.distribution_due_on, version.distributed_on, today):
        found.append(Late(str(_("The recognized text is not sent out in time")), version.distribution_due_on,
                          rules.ARTICLE_DISTRIBUTION))  # fmt: skip
    return found


def late_rulings(convention: Convention, today: dt.date) -> list[Late]:
    """Answers to written reports past their deadline, and this year's review once its day has passed."""
    found = []
    review_on = review_due(convention, today)
    if review_on is not None and today > review_on:
        found.append(Late(str(_("The yearly review is not recorded")), review_on, rules.ARTICLE_REVIEW))
    for ruling in convention.rulings.all():
        if rules.is_late(ruling.due_on, ruling.decided_on, today):
            article = rules.ARTICLE_SUSPENSION if ruling.kind == RulingKind.SUSPENSION else rules.ARTICLE_ABOLITION
            found.append(Late(str(_("The answer to a written report is late")), ruling.due_on, article))
    return found


def review_due(convention: Convention, today: dt.date) -> dt.date | None:
    """This year's review day (D61 Art 15(2)) if the convention is in force and not yet reviewed this year."""
    if convention.status not in {ConventionStatus.IN_FORCE, ConventionStatus.PARTLY_SUSPENDED}:
        return None
    if convention.reviews.filter(held_on__year=today.year).exists():
        return None
    day = rules.review_day(today.year, (convention.review_month, convention.review_day))
    # A convention first in force after this year's review day is reviewed from next year on.
    first = convention.versions.filter(effective_on__isnull=False).order_by("effective_on").first()
    if first is None or first.effective_on is None or first.effective_on > day:
        return None
    return day


# --- D61 Art 16: the province's statistics -----------------------------------------------------------
@dataclass(frozen=True)
class ProvinceRow:
    province: Unit
    recognized: int
    not_recognized: int
    amended: int
    suspended: int
    abolished: int

    def cells(self) -> tuple[str, int, int, int, int, int]:
        return (self.province.name, self.recognized, self.not_recognized, self.amended, self.suspended, self.abolished)


def province_statistics(year: int) -> list[ProvinceRow]:
    """Per province, for the year: conventions recognized and not recognized, amended (a later version
    recognized), suspended and abolished (D61 Art 16), reported before 30 November."""
    rows = []
    for province in Unit.objects.filter(kind=UnitKind.PROVINCE).order_by("name"):
        versions = Version.objects.filter(convention__village__path__startswith=province.path)
        rulings = Ruling.objects.filter(convention__village__path__startswith=province.path, outcome=Outcome.DONE,
                                        decided_on__year=year)  # fmt: skip
        rows.append(
            ProvinceRow(
                province=province,
                recognized=versions.filter(recognized_on__year=year).count(),
                not_recognized=versions.filter(Q(refused_on__year=year)).count(),
                amended=_amended(versions, year),
                suspended=rulings.filter(kind=RulingKind.SUSPENSION).count(),
                abolished=rulings.filter(kind=RulingKind.ABOLITION).count(),
            )
        )
    return rows


def _amended(versions: QuerySet[Version], year: int) -> int:
    """Versions recognized in the year that replaced an earlier recognized version of the same convention."""
    earlier = Version.objects.filter(
        convention_id=OuterRef("convention_id"), number__lt=OuterRef("number"), recognized_on__isnull=False
    )
    return versions.filter(recognized_on__year=year).filter(Exists(earlier)).count()
