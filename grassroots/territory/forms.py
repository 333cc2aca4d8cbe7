"""Choosing a unit in a form: each unit once, in natural order ("Thôn 2" before "Thôn 10")."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

from django import forms

from grassroots.core.text import natural_key

from .models import Unit


def natural_units(units: Iterable[Unit]) -> list[Unit]:
    """Each unit once (a user with two roles on a unit sees it once), in natural order of the name,
    then of the parent's path so that namesakes of different parents keep a stable order."""
    unique = {unit.pk: unit for unit in units}
    return sorted(unique.values(), key=lambda u: (natural_key(u.name), u.path))


def unit_label(unit: Unit, namesakes: set[str]) -> str:
    """The unit's name, with its parent's name when another unit offered has the same name."""
    if unit.name in namesakes and unit.parent is not None:
        return f"{unit.name} ({unit.parent.name})"
    return unit.name


class _NaturalIterator(forms.models.ModelChoiceIterator):
    def __iter__(self) -> Iterator[tuple[Any, Any]]:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        units = natural_units(self.queryset.select_related("parent"))
        counts = Counter(u.name for u in units)
        namesakes = {name for name, n in counts.items() if n > 1}
        for unit in units:
            yield (self.choice(unit)[0], unit_label(unit, namesakes))

    def __len__(self) -> int:
        return len(set(self.queryset.values_list("pk", flat=True))) + (1 if self.field.empty_label is not None else 0)


class UnitChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    """A ModelChoiceField of units offered once each, in natural order, namesakes told apart."""

    iterator = _NaturalIterator
