"""What an app tells the steering committee about itself: indicators as lists of items.

An app that records something the law asks to be done (a disclosure on time, a meeting with its quorum, a
recommendation answered in 15 days) declares, in its own module `<app>/indicators.py`, a list
`INDICATORS` of `Indicator`s. Each indicator is one function: given a commune-level unit and a span of days,
it returns the items behind the figure, one `Item` per thing the rule applies to (a disclosure, a meeting, a
matter, a role holder), each saying which unit it belongs to (the commune itself or one of its villages), the
day that places it in a month, and how much it adds to the numerator and the denominator.

`reporting` (the composer on top) finds the modules by autodiscovery, stores the sums per unit and month,
quarter and year, rolls them up to the district (before July 2025) and province, keeps the overdue items in
one list, and draws the dashboards. The app keeps the knowledge of its own rows: reporting never queries
another app's models.

An indicator whose items are empty for a unit and a period has "no data yet" there, never zero.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext


@dataclass(frozen=True)
class Item:
    """One thing a rule applies to, as the indicator counts it.

    `numerator` / `denominator`: usually 1 / 1 for "done as the rule asks" and 0 / 1 for "not (yet)"; a
    participation item counts households (voted / entitled). Items of a still-open thing whose deadline has
    not come are left out, or counted 0 / 0, so that what is not yet due does not pull a figure down.
    `overdue`: past its statutory deadline (as of the `today` given to the indicator) and not done; such
    items make the overdue list, with `deadline` and `responsible` (who must act, in words: a role and a
    unit, never a person's name unless that person holds the office).
    `url`: the page of the thing, for the drill-down (the page checks its own access).
    """

    unit_id: int
    day: dt.date
    title: str
    numerator: int = 0
    denominator: int = 1
    url: str = ""
    deadline: dt.date | None = None
    overdue: bool = False
    responsible: str = ""


# (commune: territory.Unit, start, end, today) -> items; core sits below territory, hence Any.
ItemsFunction = Callable[[Any, dt.date, dt.date, dt.date], Iterable[Item]]


@dataclass(frozen=True)
class Indicator:
    """An indicator: `items(commune, start, end, today)` gives the items whose `day` is in [start, end].

    `code`: stable, short, lower-case (it is stored and appears in URLs: "disclosure_on_time").
    `title`: what the ratio says ("Disclosures made on time"); `definition`: how it is counted, in one or
    two sentences a commune official understands; `citation`: the rule, as the law digest writes it
    ("Law Art 12", "Decree 59 Art 11"), linked to the library on the definition page.
    `numerator_label` / `denominator_label`: what each number counts ("on time" / "disclosures due").
    `higher_is_better`: for ranking units.
    """

    code: str
    title: str | Promise
    definition: str | Promise
    citation: str
    numerator_label: str | Promise
    denominator_label: str | Promise
    items: ItemsFunction
    higher_is_better: bool = True
    order: int = 100


# --- Helpers the apps share (plain strings and dates: core never imports accounts or an app) -------------
def acting(role: str | Promise, unit_name: str) -> str:
    """Who must act, in words: a role's label (a plain or lazy string) and the unit it serves ("Trưởng thôn,
    Thôn A1")."""
    return gettext("%(role)s, %(unit)s") % {"role": str(role), "unit": unit_name}


def commune_committee(commune_name: str) -> str:
    """The commune People's Committee (UBND xã) of the commune named, as who must act."""
    return gettext("People's Committee of %(commune)s") % {"commune": commune_name}


# A deadline step of a thing: (the day it is due, the day it was done or None, who must act, in words).
Step = tuple[dt.date, dt.date | None, str]


def deadline_item(
    *, unit_id: int, title: str, url: str, steps: list[Step], today: dt.date, day: dt.date | None = None
) -> Item | None:
    """The item of a thing that must be done by a day, in one or more steps (filed, then recognized), as
    of `today`; a step done after `today` is not done yet. Placed on `day`, or on the first step's day.

    - 0 / 1, overdue, with that step's day and who must act, once a step is past its day and not done;
    - 0 / 1 (late, not overdue), with the day missed, once a step was done after its day;
    - None while a step is not done and its day has not passed (today included): not due yet;
    - 1 / 1 when every step was done by its day (the deadline is then the last step's day).
    """
    placed = day or steps[0][0]
    pending = False
    late: dt.date | None = None
    for due, done, who in steps:
        if done is None or done > today:
            if today > due:
                return Item(unit_id, placed, title, 0, 1, url, deadline=due, overdue=True, responsible=who)
            pending = True
        elif done > due and late is None:
            late = due
    if late is not None:
        return Item(unit_id, placed, title, 0, 1, url, deadline=late)
    if pending:
        return None
    return Item(unit_id, placed, title, 1, 1, url, deadline=steps[-1][0])
