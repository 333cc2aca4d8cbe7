"""The public side of decided matters (issue 9): a unit's decisions, decisions near you on the home page,
the bulletin's rule, times and percentages, and the "check my receipt" box."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import translation

from grassroots.decisions import actions, public_side
from grassroots.decisions.models import Matter, Status, TabledVia
from grassroots.decisions.tests.conftest import close_now, open_online_matter

pytestmark = pytest.mark.django_db

INTERNAL = "GHI CHU NOI BO: chua kiem tra"


@pytest.fixture(autouse=True)
def _fresh_throttle():  # type: ignore[no-untyped-def]
    cache.clear()
    yield
    cache.clear()


def _vote_and_count(online_matter, village, choices):  # type: ignore[no-untyped-def]
    receipts = []
    for user, choice in zip(village["voters"], choices, strict=False):
        receipt, _created = actions.cast_online_vote(
            online_matter.pk, user=user, choice=choice, comment="x" if choice == "other" else ""
        )
        receipts.append(receipt)
    return close_now(online_matter, actor=village["head"]), receipts


@pytest.fixture
def counted(online_matter, village):  # type: ignore[no-untyped-def]
    """Village A1 (10 households), 7 agree and 1 disagrees online: adopted (more than half of 10)."""
    return _vote_and_count(online_matter, village, ["agree"] * 7 + ["disagree"])


def en(name, *args):  # type: ignore[no-untyped-def]
    """The English page's path (the tests read English messages)."""
    with translation.override("en"):
        return reverse(name, args=args)


def _draft(village):  # type: ignore[no-untyped-def]
    return actions.create_matter(
        actor=village["head"], unit=village["a1"], item=6, title="Bản nháp chưa công bố",
        question="?", description=INTERNAL, tabled_via=TabledVia.VILLAGE_HEAD,
    )  # fmt: skip


# --- The unit's decisions ----------------------------------------------------------------------------
def test_anonymous_visitors_see_a_villages_decided_and_open_matters_only(counted, village):  # type: ignore[no-untyped-def]
    matter, _receipts = counted
    Matter.objects.filter(pk=matter.pk).update(description=INTERNAL, early_count_reason=INTERNAL)
    draft = _draft(village)
    still_open = open_online_matter(head=village["head"], front=village["front"], unit=village["a1"], optin=6)
    Matter.objects.filter(pk=still_open.pk).update(title="Đang mở: sửa cống", description=INTERNAL)

    for code in (village["a1"].code, village["a"]["commune"].code):
        response = Client().get(reverse("decisions:unit-decisions", args=[code]))
        assert response.status_code == 200
        html = response.content.decode()
        assert reverse("decisions:bulletin", args=[matter.pk]) in html
        assert "Đang mở: sửa cống" in html  # what is open now: its title and dates
        assert draft.title not in html  # a draft is nobody's business outside the console
        assert INTERNAL not in html  # nor any details or note of an open or decided matter
        assert reverse("decisions:matter", args=[still_open.pk]) not in html
        assert "[U]" not in html


def test_another_communes_page_does_not_show_the_villages_decisions(counted, village):  # type: ignore[no-untyped-def]
    matter, _receipts = counted
    html = Client().get(reverse("decisions:unit-decisions", args=[village["b"]["commune"].code])).content.decode()
    assert matter.title not in html
    assert Client().get(reverse("decisions:unit-decisions", args=["no-such-unit"])).status_code == 404


def test_the_unit_page_leads_to_its_decisions_only_when_there_are_some(counted, village):  # type: ignore[no-untyped-def]
    matter, _receipts = counted
    html = Client().get(reverse("territory:unit-detail", args=[village["a1"].code])).content.decode()
    assert reverse("decisions:unit-decisions", args=[village["a1"].code]) in html
    assert reverse("decisions:bulletin", args=[matter.pk]) in html
    other = Client().get(reverse("territory:unit-detail", args=[village["b"]["village1"].code])).content.decode()
    assert "/decisions/units/" not in other  # no placeholder for what does not exist


# --- Decisions near you ---------------------------------------------------------------------------------
def test_the_home_page_shows_the_latest_decisions_of_the_chosen_unit_and_remembers_it(counted, village):  # type: ignore[no-untyped-def]
    matter, _receipts = counted
    client = Client()
    home = client.get(reverse("portal:home")).content.decode()
    assert 'id="near-you"' in home and f'value="{village["a1"].code}"' in home
    assert reverse("decisions:bulletin", args=[matter.pk]) not in home  # nothing chosen yet

    chosen = client.get(reverse("portal:home"), {"unit": village["a1"].code})
    assert reverse("decisions:bulletin", args=[matter.pk]) in chosen.content.decode()
    assert chosen.cookies[public_side.NEAR_COOKIE].value == village["a1"].code
    # Next time, the cookie remembers the choice.
    again = client.get(reverse("portal:home")).content.decode()
    assert reverse("decisions:bulletin", args=[matter.pk]) in again
    # The commune shows its villages' decisions too; an unknown code is ignored, not an error.
    commune = Client().get(reverse("portal:home"), {"unit": village["a"]["commune"].code}).content.decode()
    assert reverse("decisions:bulletin", args=[matter.pk]) in commune
    assert Client().get(reverse("portal:home"), {"unit": "<script>"}).status_code == 200
    # Choosing nothing takes the choice back.
    cleared = client.get(reverse("portal:home"), {"unit": ""})
    assert reverse("decisions:bulletin", args=[matter.pk]) not in cleared.content.decode()
    assert cleared.cookies[public_side.NEAR_COOKIE].value == ""


# --- The bulletin ---------------------------------------------------------------------------------------
def test_the_bulletin_states_the_rule_in_words_with_numbers_and_percentages(counted):  # type: ignore[no-untyped-def]
    matter, _receipts = counted
    with_lang = Client().get(en("decisions:bulletin", matter.pk))
    html = with_lang.content.decode()
    assert "More than half of all 10 households agree: 6 households needed." in html
    assert "Decree 59" in html  # D59 Art 5(4), in the official form and linked to the library
    assert "7 (70.0% of all households)" in html
    assert "1 (10.0% of all households)" in html
    assert "Adopted." in html
    assert "Vietnam time" in html
    assert "[U]" not in html


def test_the_rule_for_two_thirds_of_250_households() -> None:
    from grassroots.decisions.bulletin import adoption_rule

    matter = Matter(item=1, scope="village", form="meeting", household_count=250)
    rule = adoption_rule(matter, {"households": 250})
    assert rule["kind"] == "two_thirds" and rule["needed"] == 167 and rule["households"] == 250
    assert rule["article"] == "Law Art 21(1)"


def test_the_rule_for_a_commune_wide_matter_counts_villages() -> None:
    from grassroots.decisions.bulletin import adoption_rule

    matter = Matter(item=2, scope="commune", form="ballot", household_count=900, village_count=7)
    rule = adoption_rule(matter, {"households": 900, "villages": [{}] * 7})
    assert rule["kind"] == "villages_two_thirds" and rule["villages"] == 7 and rule["needed"] == 5


def test_json_and_csv_give_the_time_in_vietnam_with_its_offset(counted):  # type: ignore[no-untyped-def]
    matter, _receipts = counted
    data = Client().get(reverse("decisions:bulletin-json", args=[matter.pk])).json()
    assert data["closed_at"].endswith("+07:00")
    assert data["closed_at"][:10] == data["closed_on"] or data["closed_at"].startswith(data["closed_on"][:8])
    assert data["rule"]["needed"] == 6 and data["rule"]["households"] == 10
    assert data["percent_of_households"]["agree"] == 70.0
    rows = list(
        csv.reader(io.StringIO(Client().get(reverse("decisions:bulletin-csv", args=[matter.pk])).content.decode()))
    )
    closed = [r for r in rows if r[:2] == ["result", "closed_at"]]
    assert closed and closed[0][2].endswith("+07:00")
    assert ["percent_of_households", "agree", "70.0"] in rows


def test_the_bulletin_links_the_record_only_for_those_allowed(counted, village, sign_in):  # type: ignore[no-untyped-def]
    matter, _receipts = counted
    record = reverse("decisions:record-pdf", args=[matter.pk])
    assert record not in Client().get(reverse("decisions:bulletin", args=[matter.pk])).content.decode()
    head = Client()
    sign_in(head, village["head"])
    assert record in head.get(reverse("decisions:bulletin", args=[matter.pk])).content.decode()
    outsider = Client()
    sign_in(outsider, village["official_b"])
    assert record not in outsider.get(reverse("decisions:bulletin", args=[matter.pk])).content.decode()


def test_the_hashes_stay_available_for_verifiers_but_not_as_a_wall_on_the_bulletin(counted):  # type: ignore[no-untyped-def]
    matter, receipts = counted
    hashed = actions.receipt_hash(receipts[0])
    page = Client().get(reverse("decisions:bulletin", args=[matter.pk])).content.decode()
    assert hashed not in page and reverse("decisions:bulletin-receipts", args=[matter.pk]) in page
    assert hashed in Client().get(reverse("decisions:bulletin-receipts", args=[matter.pk])).content.decode()


def test_an_uncounted_matter_has_no_bulletin(online_matter):  # type: ignore[no-untyped-def]
    for name in ("decisions:bulletin", "decisions:bulletin-receipts"):
        assert Client().get(reverse(name, args=[online_matter.pk])).status_code == 404
    response = Client().post(reverse("decisions:bulletin-check", args=[online_matter.pk]), {"receipt": "AB"})
    assert response.status_code == 404


# --- Check my receipt -----------------------------------------------------------------------------------
def _check(client, matter, receipt):  # type: ignore[no-untyped-def]
    return client.post(en("decisions:bulletin-check", matter.pk), {"receipt": receipt})


def test_a_counted_receipt_is_found_however_it_is_pasted(counted):  # type: ignore[no-untyped-def]
    matter, receipts = counted
    client = Client(enforce_csrf_checks=False)
    response = _check(client, matter, f"  {receipts[3].lower()[:10]} {receipts[3].lower()[10:]} ")
    assert response.status_code == 200
    assert "Counted: a vote with this receipt is in this count." in response.content.decode()
    assert response["Cache-Control"] == "no-store"


def test_an_unknown_receipt_is_not_counted(counted):  # type: ignore[no-untyped-def]
    matter, _receipts = counted
    response = _check(Client(), matter, "0123456789ABCDEF0123")
    assert response.status_code == 200
    assert "Not found: no vote with this receipt is in this count." in response.content.decode()


def test_an_empty_receipt_says_what_to_do(counted):  # type: ignore[no-untyped-def]
    matter, _receipts = counted
    response = _check(Client(), matter, "")
    assert response.status_code == 422
    assert "Paste or type the receipt code you were given after voting." in response.content.decode()


def test_the_check_needs_the_csrf_token(counted):  # type: ignore[no-untyped-def]
    matter, receipts = counted
    response = Client(enforce_csrf_checks=True).post(
        reverse("decisions:bulletin-check", args=[matter.pk]), {"receipt": receipts[0]}
    )
    assert response.status_code == 403


def test_receipt_checks_are_throttled_per_address_with_a_friendly_page(counted, monkeypatch):  # type: ignore[no-untyped-def]
    matter, receipts = counted
    monkeypatch.setattr(public_side, "RECEIPT_CHECKS_PER_ADDRESS", 3)
    client = Client(REMOTE_ADDR="203.0.113.7")
    for _ in range(3):
        assert _check(client, matter, "0123456789ABCDEF0123").status_code == 200
    throttled = _check(client, matter, receipts[0])
    assert throttled.status_code == 429
    html = throttled.content.decode()
    assert "Too many checks from your connection." in html
    assert "Counted:" not in html  # no answer while throttled
    # Another address is not held back.
    assert _check(Client(REMOTE_ADDR="198.51.100.9"), matter, receipts[0]).status_code == 200


def test_a_check_stores_nothing_about_who_checked(counted):  # type: ignore[no-untyped-def]
    from grassroots.core.models import AuditEvent

    matter, receipts = counted
    before = AuditEvent.objects.count()
    _check(Client(), matter, receipts[0])
    assert AuditEvent.objects.count() == before
    assert Matter.objects.get(pk=matter.pk).status == Status.CLOSED
