"""The pages of issue 9 whose lists grow (a unit's decisions, the bulletin and its receipts, the home
page's decisions near you and open votes, the matter page with its documents and participants, the
recognition queue, the notifications with training's notices) read their rows in a fixed number of
queries: the same count with 2 rows as with 12."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from grassroots.core.models import Notice
from grassroots.decisions.access import voting_household, voting_households
from grassroots.decisions.models import (
    Ballot,
    Channel,
    Form,
    Matter,
    MatterVillage,
    Notification,
    NotificationKind,
    Participation,
    Scope,
    Status,
    TabledVia,
)
from grassroots.people.models import HouseholdLocation
from grassroots.people.tests.factories import make_household

pytestmark = pytest.mark.django_db

SMALL, LARGE = 2, 12


def _queries(client: Client, url: str, data: dict[str, str] | None = None) -> int:
    """The number of SQL queries of one GET of `url` (after a first GET that warms what is cached)."""
    assert client.get(url, data).status_code == 200
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, data)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def _same_with_more(client: Client, url: str, add: Callable[[int], Any], data: dict[str, str] | None = None) -> None:
    """`add(n)` adds n rows to the page's list; the page's queries with SMALL rows and with LARGE are equal."""
    add(SMALL)
    small = _queries(client, url, data)
    add(LARGE - SMALL)
    large = _queries(client, url, data)
    assert large == small, f"{small} queries with {SMALL} rows, {large} with {LARGE}"


def _matters(n: int, *, unit: Any, by: Any, status: str, **fields: Any) -> list[Matter]:
    now = timezone.now()
    defaults: dict[str, Any] = {
        "item": 6,
        "question": "Đồng ý?",
        "tabled_via": TabledVia.VILLAGE_HEAD,
        "form": Form.ONLINE,
        "household_count": 10,
        "opened_at": now - dt.timedelta(days=3),
    }
    if fields.get("item", 6) != 6:
        defaults["form"] = Form.BALLOT  # online voting is for item 6 only (D59 Art 5)
    if status == Status.OPEN:
        defaults["closes_at"] = now + dt.timedelta(days=2)
    else:
        defaults.update(closed_at=now - dt.timedelta(days=1), adopted=True, result={"households": 10, "total": 0})
    return [
        Matter.objects.create(
            unit=unit, created_by=by, status=status, title=f"Việc {secrets.token_hex(3)}", **{**defaults, **fields}
        )
        for _ in range(n)
    ]


# --- The public side ----------------------------------------------------------------------------------
def test_a_units_decisions_page_reads_its_open_and_decided_matters_in_fixed_queries(village):  # type: ignore[no-untyped-def]
    a1, commune, head, chair = village["a1"], village["a"]["commune"], village["head"], village["chair"]

    def add(n: int) -> None:
        _matters(n, unit=a1, by=head, status=Status.OPEN)
        _matters(n, unit=a1, by=head, status=Status.CLOSED)
        _matters(n, unit=a1, by=head, status=Status.RECOGNIZED)
        for m in _matters(
            n,
            unit=commune,
            by=chair,
            status=Status.CLOSED,
            scope=Scope.COMMUNE,
            item=1,
            tabled_via=TabledVia.COMMUNE_CHAIR,
        ):
            MatterVillage.objects.create(matter=m, unit=a1, household_count=10)

    _same_with_more(Client(), reverse("decisions:unit-decisions", args=[a1.code]), add)
    # The commune's page lists its villages' matters with the village's name.
    _same_with_more(Client(), reverse("decisions:unit-decisions", args=[commune.code]), add)


def test_the_unit_page_leads_to_its_decisions_in_fixed_queries(village):  # type: ignore[no-untyped-def]
    a1, head = village["a1"], village["head"]
    _same_with_more(
        Client(),
        reverse("territory:unit-detail", args=[a1.code]),
        lambda n: _matters(n, unit=a1, by=head, status=Status.CLOSED),
    )


def _ballots(matter: Matter, n: int) -> None:
    Ballot.objects.bulk_create(
        Ballot(
            matter=matter,
            round=matter.round,
            village=matter.unit,
            channel=Channel.ONLINE,
            choice="agree",
            token=secrets.token_hex(16),
            receipt_hash=secrets.token_hex(32),
        )
        for _ in range(n)
    )


def test_the_bulletin_and_its_receipts_read_the_ballots_in_fixed_queries(village):  # type: ignore[no-untyped-def]
    (matter,) = _matters(1, unit=village["a1"], by=village["head"], status=Status.CLOSED)
    for name in ("decisions:bulletin", "decisions:bulletin-receipts"):
        Ballot.objects.filter(matter=matter).delete()
        _same_with_more(Client(), reverse(name, args=[matter.pk]), lambda n: _ballots(matter, n))


def test_the_bulletin_of_a_signed_in_official_reads_its_links_in_fixed_queries(client, sign_in, village):  # type: ignore[no-untyped-def]
    (matter,) = _matters(1, unit=village["a1"], by=village["head"], status=Status.FILED)
    sign_in(client, village["chair"])
    _same_with_more(client, reverse("decisions:bulletin", args=[matter.pk]), lambda n: _ballots(matter, n))


def test_decisions_near_you_on_the_home_page_read_in_fixed_queries(village):  # type: ignore[no-untyped-def]
    a1, b1, head = village["a1"], village["b"]["village1"], village["head"]

    def add(n: int) -> None:
        # More decided matters near the visitor, and more units with decisions to choose from.
        _matters(n, unit=a1, by=head, status=Status.CLOSED)
        _matters(n, unit=village["a"]["village2"], by=head, status=Status.CLOSED)
        _matters(n, unit=b1, by=head, status=Status.EFFECTIVE)

    _same_with_more(Client(), reverse("portal:home"), add, {"unit": a1.code})


def test_the_votes_open_to_a_household_on_the_home_page_read_in_fixed_queries(client, village):  # type: ignore[no-untyped-def]
    voter, a1, head = village["voters"][0], village["a1"], village["head"]
    client.force_login(voter)
    household = voter.resident.representations.get(valid_to__isnull=True).household

    def add(n: int) -> None:
        for i, m in enumerate(_matters(n, unit=a1, by=head, status=Status.OPEN)):
            if i % 2:
                Participation.objects.create(
                    matter=m,
                    round=m.round,
                    household=household,
                    channel=Channel.ONLINE,
                    recorded_on=timezone.localdate(),
                )

    home = reverse("portal:home")
    add(SMALL)
    assert 'id="open-votes"' in client.get(home).content.decode()
    Matter.objects.filter(unit=a1).delete()
    _same_with_more(client, home, add)


# --- The pages of those signed in ---------------------------------------------------------------------
def test_the_matter_page_reads_its_documents_and_participants_in_fixed_queries(client, sign_in, village):  # type: ignore[no-untyped-def]
    (matter,) = _matters(1, unit=village["a1"], by=village["head"], status=Status.FILED, form=Form.BALLOT)
    households = [make_household(village["a1"], members=1) for _ in range(LARGE)]
    added: list[int] = []

    def add(n: int) -> None:
        for household in households[len(added) : len(added) + n]:
            Participation.objects.create(
                matter=matter,
                round=matter.round,
                household=household,
                channel=Channel.SLIP,
                recorded_on=timezone.localdate(),
            )
            added.append(household.pk)

    url = reverse("decisions:matter", args=[matter.pk])
    sign_in(client, village["head"])
    page = client.get(url).content.decode()
    assert reverse("decisions:record-pdf", args=[matter.pk]) in page and 'id="documents"' in page
    _same_with_more(client, url, add)


def test_the_recognition_queue_reads_its_matters_in_fixed_queries(client, sign_in, village):  # type: ignore[no-untyped-def]
    a1, a2, head = village["a1"], village["a"]["village2"], village["head"]
    today = timezone.localdate()

    def add(n: int) -> None:
        for unit in (a1, a2):
            # Item 3 (the convention) and item 5 (the boards): recognized by different commune bodies.
            for item in (3, 5):
                _matters(
                    n,
                    unit=unit,
                    by=head,
                    status=Status.FILED,
                    item=item,
                    filed_at=timezone.now(),
                    filing_due_on=today,
                    recognition_due_on=today,
                )
            _matters(n, unit=unit, by=head, status=Status.CLOSED, filing_due_on=today)
            _matters(n, unit=unit, by=head, status=Status.RECOGNIZED, filed_at=timezone.now(), filing_due_on=today)

    sign_in(client, village["chair"])
    _same_with_more(client, reverse("decisions:recognition"), add)
    # Each body still sees only what it recognizes: the chair the conventions, the commune Front the boards.
    for user, mine in ((village["chair"], 3), (village["commune_front"], 5)):
        sign_in(client, user)
        page = client.get(reverse("decisions:recognition")).content.decode()
        for m in Matter.objects.filter(status=Status.FILED):
            link = reverse("decisions:recognition-recognize", args=[m.pk])
            assert (link in page) == (m.item == mine), (user.username, m.item)


def test_the_notifications_with_trainings_notices_read_in_fixed_queries(client, sign_in, village):  # type: ignore[no-untyped-def]
    user, a1, head = village["voters"][0], village["a1"], village["head"]
    client.force_login(user)

    def add(n: int) -> None:
        for m in _matters(n, unit=a1, by=head, status=Status.OPEN):
            Notification.objects.create(user=user, matter=m, kind=NotificationKind.values[0])
            Notice.objects.create(user=user, key=f"training:{m.pk}", text="Mời dự tập huấn", url="/training/")

    _same_with_more(client, reverse("decisions:notifications"), add)


def test_the_decisions_home_page_reads_the_open_votes_in_fixed_queries(client, village):  # type: ignore[no-untyped-def]
    """Whether the household may vote is checked for every open vote at once (access.voting_households)."""
    voter, a1, head = village["voters"][0], village["a1"], village["head"]
    client.force_login(voter)
    _same_with_more(client, reverse("decisions:home"), lambda n: _matters(n, unit=a1, by=head, status=Status.OPEN))


def test_voting_households_agrees_with_voting_household_on_every_matter(village):  # type: ignore[no-untyped-def]
    """The batched look-up gives what the one-matter look-up gives: a vote of the own village opened before
    the household moved in is not its vote (law.md 10.A.2), one opened after is; another village's is not."""
    voter, a1, head = village["voters"][0], village["a1"], village["head"]
    household = voter.resident.representations.get(valid_to__isnull=True).household
    moved_in = timezone.localdate() - dt.timedelta(days=5)
    HouseholdLocation.objects.filter(household=household).update(valid_from=moved_in)
    now = timezone.now()
    before = _matters(1, unit=a1, by=head, status=Status.OPEN, opened_at=now - dt.timedelta(days=10))
    after = _matters(1, unit=a1, by=head, status=Status.OPEN, opened_at=now - dt.timedelta(days=2))
    not_opened = _matters(1, unit=a1, by=head, status=Status.OPEN, opened_at=None)
    elsewhere = _matters(1, unit=village["a"]["village2"], by=head, status=Status.OPEN)
    matters = [*before, *after, *not_opened, *elsewhere]
    batched = voting_households(voter, matters)
    assert batched == {m.pk: voting_household(voter, m) for m in matters}
    assert [batched[m.pk] for m in matters] == [None, household, household, None]
    assert voting_households(head, matters) == dict.fromkeys((m.pk for m in matters), None)
