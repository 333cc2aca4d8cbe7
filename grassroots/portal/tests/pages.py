"""The pages people reach on their journeys, as one shared list that other tests can extend.

`seed()` builds the demo (the ward, its matters in every state, the training conference); `PAGES` maps
who looks (a demo username, or None for an anonymous visitor) to the pages they open, each a URL name
with its arguments (`matter(n)` is the demo matter of residential group n, `conference()` the demo
conference). `paths(language)` turns them into paths in that language (/en/…, /ru/…).

To add pages: append to the list of the user (or add a user) in PAGES.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

Arg = Callable[[], Any] | str | int


def seed() -> None:
    for command in (
        "seed_demo",
        "seed_decisions_demo",
        "seed_training_demo",
        "seed_annual_conferences_demo",
        "seed_conventions_demo",
        "seed_elections_demo",
        "seed_disclosure_demo",
        "seed_service_ratings_demo",
        "seed_dialogues_demo",
        "seed_inspection_demo",
        "seed_opinion_maps_demo",
        "seed_petitions_demo",
        "seed_investment_supervision_demo",
        "seed_consultations_demo",
    ):
        call_command(command, stdout=io.StringIO())


def matter(group: int) -> Callable[[], int]:
    def pk() -> int:
        from grassroots.decisions.demo import group as group_code
        from grassroots.decisions.models import Matter

        return Matter.objects.get(unit__code=group_code(group)).pk

    return pk


def convention(code: str, *, version: bool = False) -> Callable[[], int]:
    """The demo convention of a residential group (seed_conventions_demo), or its latest version."""

    def pk() -> int:
        from grassroots.conventions.models import Convention

        found = Convention.objects.get(village__code=code)
        latest = found.latest()
        return latest.pk if version and latest is not None else found.pk

    return pk


def election(group: int) -> Callable[[], int]:
    def pk() -> int:
        from grassroots.elections.models import Election

        return Election.objects.get(village__code=f"14758-{group:02d}").pk

    return pk


def conference() -> int:
    from grassroots.training.models import Conference

    found = Conference.objects.order_by("pk").first()
    assert found is not None
    return found.pk


def annual_conference(group: int) -> Callable[[], int]:
    """The demo group's first annual conference (last year's, closed; annual_conferences.demo)."""

    def pk() -> int:
        from grassroots.annual_conferences.models import Conference

        found = Conference.objects.filter(village__code=f"14758-{group:02d}").order_by("year").first()
        assert found is not None
        return found.pk

    return pk


def consultation(kind: str) -> Callable[[], int]:
    """The demo ward's consultation of that kind (land_use: open; units: closed, its synthesis published)."""

    def pk() -> int:
        from grassroots.consultations.models import Consultation

        found = Consultation.objects.filter(kind=kind).order_by("pk").first()
        assert found is not None
        return found.pk

    return pk


def disclosure() -> int:
    """The demo ward's first disclosure with a question (its page shows an answer and a compliance flag)."""
    from grassroots.disclosure.models import Item

    found = Item.objects.filter(requests__isnull=False, index_of="").order_by("pk").first()
    assert found is not None
    return found.pk


def dialogue(*, held: bool) -> Callable[[], int]:
    """The demo ward's dialogue held this year (closed, answers published) or next year's (scheduled)."""

    def pk() -> int:
        from grassroots.dialogues.models import Dialogue

        found = Dialogue.objects.filter(commune__code="14758", held_on__isnull=not held).order_by("planned_on").first()
        assert found is not None
        return found.pk

    return pk


def petition(state: str, hidden: bool = False) -> Callable[[], int]:
    """A demo petition of the ward's People's Inspection Board in `state` (petitions.demo)."""

    def pk() -> int:
        from grassroots.petitions.models import Petition

        found = Petition.objects.filter(state=state, identity_hidden=hidden).order_by("pk").first()
        assert found is not None
        return found.pk

    return pk


def opinion_map() -> int:
    """The demo ward's opinion map (closed, its report published; opinion_maps.demo)."""
    from grassroots.opinion_maps.models import OpinionMap

    found = OpinionMap.objects.order_by("pk").first()
    assert found is not None
    return found.pk


def supervised_project() -> int:
    """The demo ward's project under community supervision (investment_supervision.demo)."""
    from grassroots.investment_supervision.models import Project

    return Project.objects.get(commune__code="14758").pk


PUBLIC = [
    ("portal:home",),
    ("territory:unit-list",),
    ("territory:unit-detail", "14758"),
    ("territory:unit-detail", "14758-07"),
    ("inspection:public", "14758"),
    ("territory:unit-detail", "14758-03"),  # no annual conference last year
    ("library:index",),
    ("library:document", "law-10-2022"),
    ("library:document", "decree-59-2023"),
    ("library:document", "decree-61-2023"),
    ("library:article", "law-10-2022", 16),
    ("library:article", "decree-59-2023", 5),
    ("accounts:login",),
    ("decisions:bulletin", matter(7)),
    # Village conventions: the register, one in force, a draft posted for comment, the province's statistics.
    ("territory:unit-detail", "14758-08"),
    ("conventions:register",),
    ("conventions:convention", convention("14758-08")),
    ("conventions:version", convention("14758-08", version=True)),
    ("conventions:version", convention("14758-01", version=True)),
    ("conventions:statistics",),
    ("elections:village-head", "14758-01"),
    ("disclosure:index",),
    ("disclosure:unit", "14758"),
    ("disclosure:unit", "14758-01"),
    ("disclosure:item", disclosure),
    # Satisfaction ratings and dialogues with residents (issue 14).
    ("service_ratings:public", "14758"),
    ("dialogues:public-commune", "14758"),
    ("dialogues:public-dialogue", dialogue(held=True)),
    ("opinion_maps:unit", "14758"),
    ("opinion_maps:report", opinion_map),
    ("petitions:public", "14758"),
    ("investment_supervision:commune", "14758"),
    ("investment_supervision:public", supervised_project),
    # Consultations (issue 13): the ward's list, one open, one with its published synthesis.
    ("consultations:public-list", "14758"),
    ("consultations:public", consultation("land_use")),
    ("consultations:public", consultation("units")),
]

PAGES: dict[str | None, list[tuple[Any, ...]]] = {
    None: PUBLIC,
    # A household representative of Tổ dân phố 1: the open vote, a decided matter, notifications.
    "resident": [
        ("portal:home",),
        ("decisions:home",),
        ("decisions:matter", matter(1)),
        ("decisions:notifications",),
        ("accounts:profile",),
        ("disclosure:my-requests",),
        ("disclosure:ask", disclosure),
        ("disclosure:request-info", "14758"),
        ("service_ratings:rate",),
        ("dialogues:mine",),
        ("opinion_maps:mine",),
        ("opinion_maps:take-part", opinion_map),
        ("petitions:mine",),
        ("petitions:new", "14758"),
        ("petitions:case", petition("recommended", hidden=True)),
        ("consultations:index",),
        ("consultations:detail", consultation("land_use")),
        ("consultations:detail", consultation("units")),
    ],
    # The ward's People's Inspection Board: the console, a case at each of its steps, the entry form.
    # The ward's official: the disclosure register, an item with its compliance, the forms.
    "official": [
        ("disclosure:console",),
        ("disclosure:item", disclosure),
        ("disclosure:item-new",),
        ("disclosure:requests",),
        ("disclosure:setup", "14758"),
        ("disclosure:index-new", "14758"),
        ("disclosure:posting-new", disclosure),
        # The annual conferences of the ward's groups, one group's, one conference.
        ("annual_conferences:console",),
        ("annual_conferences:village", "14758-03"),
        ("annual_conferences:conference", annual_conference(2)),
        # Satisfaction ratings of the ward (an official sees only their own row) and the dialogues.
        ("service_ratings:commune", "14758"),
        ("dialogues:commune", "14758"),
        ("dialogues:dialogue", dialogue(held=True)),
        ("dialogues:dialogue", dialogue(held=False)),
        # The ward's opinion map on its land-use plan (issue 13, item 5).
        ("opinion_maps:console",),
        ("opinion_maps:manage", opinion_map),
        # Consultations: the list, the form of a new one, one open, one closed.
        ("consultations:index",),
        ("consultations:new", "14758"),
        ("consultations:detail", consultation("land_use")),
        ("consultations:detail", consultation("units")),
    ],
    # Village heads at the console: a meeting under way, ballot slips, a filed record.
    "villagehead-02": [
        ("decisions:console", matter(2)),
        ("decisions:console-meeting", matter(2)),
        ("decisions:matter", matter(2)),
    ],
    "villagehead-03": [
        ("decisions:console", matter(3)),
        ("decisions:console-slips", matter(3)),
        ("decisions:console-distribution", matter(3)),
        ("decisions:matter", matter(3)),
    ],
    "villagehead-04": [
        ("decisions:console", matter(4)),
        ("decisions:matter", matter(4)),
    ],
    "villagehead": [
        ("decisions:console", matter(1)),
        ("decisions:matter-new",),
        ("conventions:console-home",),
        ("conventions:console", convention("14758-01")),
    ],
    # The commune chair: the recognition queue and its decisions; the village heads' elections.
    "chair": [
        ("decisions:recognition",),
        ("decisions:matter", matter(4)),
        ("decisions:matter", matter(6)),
        ("elections:console",),
        ("elections:election", election(1)),
        ("elections:election", election(9)),
        ("conventions:console-home",),
        ("conventions:console", convention("14758-08")),
        ("service_ratings:commune", "14758"),
        ("petitions:case", petition("sent")),
        ("petitions:case", petition("closed")),
    ],
    # The commune Front recognizes the inspection-board member elected in group 4 (item 5).
    "front": [
        ("investment_supervision:console",),
        ("investment_supervision:project", supervised_project),
        ("decisions:recognition",),
        ("decisions:recognition-recognize", matter(4)),
        ("decisions:recognition-refuse", matter(4)),
        # The People's Inspection Board's console: composition, candidates, officers, departures, plans.
        ("inspection:console",),
        ("inspection:board", "14758"),
    ],
    # The People's Inspection Board that seed_inspection_demo seats: a member works the cases (petitions demo),
    # the head sees the hidden petitioner's case and the board's console.
    "inspectionmember": [
        ("petitions:console",),
        ("petitions:case", petition("received")),
        ("petitions:case", petition("accepted")),
        ("petitions:case", petition("assigned")),
        ("petitions:case", petition("planned")),
        ("petitions:case", petition("verified")),
        ("petitions:enter", "14758"),
    ],
    "inspectionhead": [
        ("petitions:console",),
        ("petitions:case", petition("recommended", hidden=True)),
        ("inspection:board", "14758"),
    ],
    # The province's steering committee: the training pages.
    "steering": [
        ("training:home",),
        ("training:conference", conference),
        ("training:faq",),
        ("training:difficulties",),
        ("training:reports",),
    ],
}


def _arg(value: Arg) -> Any:
    return value() if callable(value) else value


def path(name: str, *args: Arg, language: str = "vi") -> str:
    with translation.override(language):
        return reverse(name, args=[_arg(a) for a in args])


def paths(language: str) -> dict[str | None, list[str]]:
    """Every page of PAGES as a path in `language`, by who opens it."""
    return {who: [path(*page, language=language) for page in pages] for who, pages in PAGES.items()}
