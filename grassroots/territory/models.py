"""Administrative units as data (đơn vị hành chính).

The tree is data, not code: since 1 July 2025 local government has two tiers (province and
commune level) and the district tier exists only in historical data (law.md §9.1, rule S.48).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from grassroots.core.text import FoldedFieldsMixin


class UnitKind(models.TextChoices):
    PROVINCE = "province", _("province")
    DISTRICT = "district", _("district (before July 2025)")
    COMMUNE = "commune", _("commune")
    WARD = "ward", _("ward")
    SPECIAL_ZONE = "special_zone", _("special zone")
    TOWNSHIP = "township", _("township (before July 2025)")
    VILLAGE = "village", _("village")
    RESIDENTIAL_GROUP = "residential_group", _("residential group")


# Commune-level kinds (cấp xã): xã, phường, đặc khu; thị trấn before 1 July 2025 (law.md §9.1).
COMMUNE_KINDS = frozenset({UnitKind.COMMUNE, UnitKind.WARD, UnitKind.SPECIAL_ZONE, UnitKind.TOWNSHIP})
# Residential communities (cộng đồng dân cư): thôn and tổ dân phố (Law Art 2).
VILLAGE_KINDS = frozenset({UnitKind.VILLAGE, UnitKind.RESIDENTIAL_GROUP})

# Which kinds a unit of each kind may sit under.
ALLOWED_PARENT_KINDS: dict[str, frozenset[str]] = {
    UnitKind.PROVINCE: frozenset(),
    UnitKind.DISTRICT: frozenset({UnitKind.PROVINCE}),
    UnitKind.COMMUNE: frozenset({UnitKind.PROVINCE, UnitKind.DISTRICT}),
    UnitKind.WARD: frozenset({UnitKind.PROVINCE, UnitKind.DISTRICT}),
    UnitKind.SPECIAL_ZONE: frozenset({UnitKind.PROVINCE}),
    UnitKind.TOWNSHIP: frozenset({UnitKind.DISTRICT}),
    UnitKind.VILLAGE: COMMUNE_KINDS,
    UnitKind.RESIDENTIAL_GROUP: COMMUNE_KINDS,
}


def parent_kind_problem(kind: str, parent_kind: str | None) -> str | None:
    """Why a unit of `kind` cannot sit under a unit of `parent_kind` (None for no parent), or None if it can."""
    allowed = ALLOWED_PARENT_KINDS.get(kind)
    if allowed is None:
        return None
    if parent_kind is None and allowed:
        return str(_("a unit of kind “%(kind)s” needs a parent unit") % {"kind": UnitKind(kind).label})
    if parent_kind is not None and parent_kind not in allowed:
        return str(
            _("a unit of kind “%(kind)s” cannot be placed under a unit of kind “%(parent)s”")
            % {"kind": UnitKind(kind).label, "parent": dict(UnitKind.choices).get(parent_kind, parent_kind)}
        )
    return None


class UnitQuerySet(models.QuerySet["Unit"]):
    def valid_on(self, day: dt.date) -> UnitQuerySet:
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gt=day)
        )

    def descendants_of(self, unit: Unit, *, include_self: bool = False) -> UnitQuerySet:
        qs = self.filter(path__startswith=unit.path)
        return qs if include_self else qs.exclude(pk=unit.pk)

    def villages(self) -> UnitQuerySet:
        return self.filter(kind__in=VILLAGE_KINDS)

    def communes(self) -> UnitQuerySet:
        return self.filter(kind__in=COMMUNE_KINDS)


class Unit(FoldedFieldsMixin, models.Model):
    folded_fields = {"name_folded": "name"}

    code = models.CharField(_("official code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=200)
    # Lower-case, accent-free copy of the name for search (core.text.fold).
    name_folded = models.CharField(max_length=200, db_index=True, editable=False, default="")
    kind = models.CharField(_("kind"), max_length=20, choices=UnitKind.choices, db_index=True)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent unit"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    # Materialized path of codes ("/38/16012/16012-01/"): subtree queries without recursion.
    path = models.CharField(max_length=255, db_index=True, editable=False)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid until"), null=True, blank=True)
    # Units merged or renamed into others (the 2025 reorganization merged 10,000+ communes).
    successors = models.ManyToManyField(
        "self", verbose_name=_("successor units"), symmetrical=False, blank=True, related_name="predecessors"
    )

    objects = UnitQuerySet.as_manager()

    class Meta:
        ordering = ["path"]
        verbose_name = _("administrative unit")
        verbose_name_plural = _("administrative units")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gt=models.F("valid_from")),
                name="unit_valid_range",
            ),
            # An empty path lies under every path: a role on such a unit would open every register.
            models.CheckConstraint(
                condition=Q(path__startswith="/") & Q(path__endswith="/") & ~Q(path="/"),
                name="unit_path_not_empty",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Every save path (import_units, demo data, the shell) checks the parent's kind and derives
        the materialized path from the parent here, in one place."""
        self._check_place()
        path = unit_path(self.parent if self.parent_id else None, self.code)
        if path != self.path:
            # Moving a unit would leave the paths of the units under it stale.
            if self.pk is not None and self.path and Unit.objects.filter(parent_id=self.pk).exists():
                raise ValidationError({"parent": _("A unit with units under it cannot be moved or recoded.")})
            self.path = path
            update_fields = kwargs.get("update_fields")
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "path"}
        super().save(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        self._check_place()

    def _check_place(self) -> None:
        problem = parent_kind_problem(self.kind, self.parent.kind if self.parent is not None else None)
        if problem is not None:
            raise ValidationError({"parent": problem})
        if self.code and "/" in self.code:
            raise ValidationError({"code": _("A unit code cannot contain “/”.")})

    @property
    def is_commune_level(self) -> bool:
        return self.kind in COMMUNE_KINDS

    @property
    def is_village_level(self) -> bool:
        return self.kind in VILLAGE_KINDS

    def is_current(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day < self.valid_to)

    def is_former_on(self, day: dt.date) -> bool:
        """A unit that no longer exists on the day (merged or dissolved): its households are elsewhere."""
        return self.valid_to is not None and self.valid_to <= day

    def ancestor_codes(self) -> list[str]:
        return [c for c in self.path.strip("/").split("/") if c][:-1]


def under(paths: Iterable[str], field: str = "path") -> Q:
    """Rows whose unit path (`field`) lies under any of `paths`; nothing when there are none."""
    query = Q(pk__in=[])
    for path in paths:
        query |= Q(**{f"{field}__startswith": path})
    return query


def unit_by_code(code: str) -> Unit | None:
    return Unit.objects.filter(code=code).first()


def root_units() -> list[Unit]:
    """The top of the tree (provinces and cities), by name."""
    return list(Unit.objects.filter(parent__isnull=True).order_by("name"))


def units_by_path(ids: Iterable[int]) -> UnitQuerySet:
    return Unit.objects.filter(pk__in=list(ids)).order_by("path")


def unit_path(parent: Unit | None, code: str) -> str:
    return f"{parent.path if parent else '/'}{code}/"
