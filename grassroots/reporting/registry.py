"""The indicators every installed app declares in its `indicators` module (`core.indicators`)."""

from __future__ import annotations

import functools
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps

from grassroots.core.indicators import Indicator


@functools.cache
def all_indicators() -> tuple[Indicator, ...]:
    """Every app's `INDICATORS`, in their declared order; an app that has none adds nothing."""
    found: list[Indicator] = []
    for config in apps.get_app_configs():
        name = f"{config.name}.indicators"
        if not config.name.startswith("grassroots.") or find_spec(name) is None:
            continue
        found.extend(getattr(import_module(name), "INDICATORS", []))
    codes = [i.code for i in found]
    duplicates = {c for c in codes if codes.count(c) > 1}
    if duplicates:
        raise RuntimeError(f"indicator codes declared twice: {sorted(duplicates)}")
    return tuple(sorted(found, key=lambda i: (i.order, i.code)))


def by_code() -> dict[str, Indicator]:
    return {i.code: i for i in all_indicators()}


def get(code: str) -> Indicator | None:
    return by_code().get(code)
