"""The resident's online vote on the web (issue 9): choose → check your answer → send → confirmation with
the receipt; the matter's page then says "you have voted"; the home page lists the votes open to the
household. The receipt stays in the voter's browser only (docs/privacy.md)."""

from __future__ import annotations

import re

import pytest
from django.utils import translation

from grassroots.core.models import AuditEvent
from grassroots.decisions import actions, ballot_box
from grassroots.decisions.models import IdempotencyKey, Participation, SealedBallot
from grassroots.decisions.tests.conftest import open_online_matter

pytestmark = pytest.mark.django_db


def _en(path: str) -> str:
    return f"/en{path}"


def _choose(client, matter, **data):  # type: ignore[no-untyped-def]
    return client.post(_en(f"/decisions/{matter.pk}/vote/check/"), data)


def _send(client, matter, **data):  # type: ignore[no-untyped-def]
    return client.post(_en(f"/decisions/{matter.pk}/vote/"), {**data, "checked": "1"})


def _text(response) -> str:  # type: ignore[no-untyped-def]
    return response.content.decode()


def test_the_matter_page_asks_for_a_choice_sent_to_the_check_step(client, village, online_matter):
    client.force_login(village["voters"][0])
    page = _text(client.get(_en(f"/decisions/{online_matter.pk}/")))
    assert f'action="/en/decisions/{online_matter.pk}/vote/check/"' in page


def test_no_choice_is_a_422_that_says_what_to_do(client, village, online_matter):
    client.force_login(village["voters"][0])
    response = _choose(client, online_matter, comment="")
    assert response.status_code == 422
    assert "Choose how your household votes: agree, disagree or other opinion." in _text(response)
    other = _choose(client, online_matter, choice="other", comment=" ")
    assert other.status_code == 422 and "Write your other opinion." in _text(other)
    assert not Participation.objects.filter(matter=online_matter).exists()


def test_the_check_page_restates_the_matter_and_the_choice_and_records_nothing(client, village, online_matter):
    client.force_login(village["voters"][0])
    response = _choose(client, online_matter, choice="disagree")
    page = _text(response)
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    assert "Check your answer" in page and online_matter.question in page
    assert re.search(r'id="your-choice">\s*Disagree', page), page
    assert "cannot be changed" in page and "Send my vote" in page
    assert f'action="/en/decisions/{online_matter.pk}/vote/"' in page and 'name="checked" value="1"' in page
    assert not Participation.objects.filter(matter=online_matter).exists()
    assert not SealedBallot.objects.filter(matter=online_matter).exists()


def test_change_goes_back_to_the_question_with_the_answer_filled_in(client, village, online_matter):
    client.force_login(village["voters"][0])
    response = _choose(client, online_matter, choice="other", comment="Lắp ở đầu ngõ", change="1")
    page = _text(response)
    assert response.status_code == 200
    assert re.search(r'value="other"[^>]*checked', page) and "Lắp ở đầu ngõ" in page
    assert not Participation.objects.filter(matter=online_matter).exists()


def test_a_form_that_skips_the_check_page_gets_the_check_page(client, village, online_matter):
    client.force_login(village["voters"][0])
    response = client.post(_en(f"/decisions/{online_matter.pk}/vote/"), {"choice": "agree"})
    assert response.status_code == 200 and "Check your answer" in _text(response)
    assert not Participation.objects.filter(matter=online_matter).exists()


def test_sending_records_one_vote_and_the_confirmation_shows_the_receipt(client, village, online_matter):
    voter = village["voters"][0]
    client.force_login(voter)
    response = _send(client, online_matter, choice="agree")
    assert response.status_code == 302 and response["Location"] == _en(f"/decisions/{online_matter.pk}/vote/sent/")
    assert Participation.objects.filter(matter=online_matter).count() == 1
    assert SealedBallot.objects.filter(matter=online_matter).count() == 1
    assert AuditEvent.objects.filter(verb="decisions.vote_cast", target_id=str(online_matter.pk)).count() == 1
    # The receipt is kept by the voter's browser only: a signed HttpOnly cookie per language's copy of the
    # matter's pages; the server keeps nothing that leads from the account to it.
    cookies = [c for name, c in response.cookies.items() if name.startswith(f"vote_receipt_{online_matter.pk}_")]
    assert {c["path"] for c in cookies} == {f"/decisions/{online_matter.pk}/", f"/en/decisions/{online_matter.pk}/",
                                            f"/ru/decisions/{online_matter.pk}/"}  # fmt: skip
    assert all(c["httponly"] and c["samesite"] == "Lax" for c in cookies)
    assert not IdempotencyKey.objects.exists()

    sent = client.get(response["Location"])
    page = _text(sent)
    assert sent.status_code == 200 and sent["Cache-Control"] == "no-store"
    receipt = re.search(r'class="receipt"><code>([0-9A-F]{20})</code>', page)
    assert receipt is not None and "Vote sent" in page
    assert "(Vietnam time)" in page and "public bulletin" in page
    # Its fingerprint is in the box, for the count.
    assert actions.receipt_hash(receipt.group(1)) in ballot_box.receipt_hashes_in_box(online_matter)


def test_the_matter_page_says_you_have_voted_with_the_receipt(client, village, online_matter):
    voter = village["voters"][0]
    client.force_login(voter)
    _send(client, online_matter, choice="agree")
    receipt = re.search(
        r"<code>([0-9A-F]{20})</code>", _text(client.get(_en(f"/decisions/{online_matter.pk}/vote/sent/")))
    )
    page = _text(client.get(_en(f"/decisions/{online_matter.pk}/")))
    assert "You have voted" in page and receipt is not None and receipt.group(1) in page
    assert f'action="/en/decisions/{online_matter.pk}/vote/check/"' not in page
    # The same page in Vietnamese (no prefix) has the receipt too.
    with translation.override("vi"):
        assert receipt.group(1) in _text(client.get(f"/decisions/{online_matter.pk}/"))


def test_the_receipt_is_not_shown_to_another_account_on_the_same_browser(client, village, online_matter):
    voter, other = village["voters"][:2]
    client.force_login(voter)
    _send(client, online_matter, choice="agree")
    cookies = {k: v.value for k, v in client.cookies.items() if k.startswith("vote_receipt_")}
    client.logout()
    client.force_login(other)
    for k, v in cookies.items():
        client.cookies[k] = v
    actions.cast_online_vote(online_matter.pk, user=other, choice="disagree")
    page = _text(client.get(_en(f"/decisions/{online_matter.pk}/")))
    assert "You have voted" in page and not re.search(r'class="receipt"', page)


def test_a_second_attempt_is_refused_with_a_clear_message(client, village, online_matter):
    client.force_login(village["voters"][0])
    assert _send(client, online_matter, choice="agree").status_code == 302
    again = _send(client, online_matter, choice="disagree")
    assert again.status_code == 302 and again["Location"] == _en(f"/decisions/{online_matter.pk}/")
    assert "Your household has already voted on this matter." in _text(client.get(again["Location"]))
    # Even the check step refuses it.
    check = _choose(client, online_matter, choice="disagree")
    assert check.status_code == 302
    assert "Your household has already voted on this matter." in _text(client.get(check["Location"]))
    assert Participation.objects.filter(matter=online_matter).count() == 1
    assert SealedBallot.objects.filter(matter=online_matter).count() == 1
    assert AuditEvent.objects.filter(verb="decisions.second_vote_refused").count() == 1


def test_a_user_of_another_commune_is_refused(client, village, online_matter, world):
    from grassroots.accounts.tests.factories import UserFactory
    from grassroots.people.models import Representation

    rep = Representation.objects.filter(household=world["households"]["b1"], valid_to__isnull=True).first()
    outsider = UserFactory(username="rep_b1", resident=rep.resident)
    client.force_login(outsider)
    assert _choose(client, online_matter, choice="agree").status_code == 404
    assert _send(client, online_matter, choice="agree").status_code == 404
    assert client.get(_en(f"/decisions/{online_matter.pk}/vote/sent/")).status_code == 404
    assert not Participation.objects.filter(matter=online_matter).exists()


def test_an_account_that_votes_for_no_household_is_refused(client, village, online_matter, sign_in):
    sign_in(client, village["head"])  # sees the matter, represents no household
    check = _choose(client, online_matter, choice="agree")
    assert check.status_code == 302
    assert "Only the verified representative" in _text(client.get(check["Location"]))
    sent = _send(client, online_matter, choice="agree")
    assert sent.status_code == 302 and not Participation.objects.filter(matter=online_matter).exists()
    # Nothing to confirm for them.
    assert client.get(_en(f"/decisions/{online_matter.pk}/vote/sent/")).status_code == 302


def test_the_home_page_lists_the_votes_open_to_the_own_household_only(client, village, online_matter, world, sign_in):
    a2 = world["a"]["village2"]
    from grassroots.accounts.models import Role
    from grassroots.accounts.tests.factories import UserFactory, grant

    head2 = UserFactory(username="head_a2")
    grant(head2, a2, Role.VILLAGE_HEAD)
    front2 = UserFactory(username="front_a2")
    grant(front2, a2, Role.VILLAGE_FRONT_HEAD)
    elsewhere = open_online_matter(head=head2, front=front2, unit=a2, optin=1)
    elsewhere.title = "Đường thôn 2"
    elsewhere.save(update_fields=["title"])

    voter = village["voters"][0]
    client.force_login(voter)
    page = _text(client.get("/en/"))
    assert "Votes open to your household" in page
    assert f'href="/en/decisions/{online_matter.pk}/"' in page and "(Vietnam time)" in page
    assert f'href="/en/decisions/{elsewhere.pk}/"' not in page
    assert "you can vote" in page
    actions.cast_online_vote(online_matter.pk, user=voter, choice="agree")
    assert "your household has voted" in _text(client.get("/en/"))

    # An official of the village sees no such list; neither does a visitor.
    sign_in(client, village["head"])
    assert "Votes open to your household" not in _text(client.get("/en/"))
    client.logout()
    assert "Votes open to your household" not in _text(client.get("/en/"))


def test_a_tampered_choice_at_the_send_step_is_a_422_and_records_nothing(client, village, online_matter):
    client.force_login(village["voters"][0])
    response = _send(client, online_matter, choice="maybe")
    assert response.status_code == 422 and "Select a valid choice" in _text(response)
    assert not Participation.objects.filter(matter=online_matter).exists()
    assert not SealedBallot.objects.filter(matter=online_matter).exists()


def test_the_confirmation_in_another_browser_says_where_the_receipt_is(client, village, online_matter):
    voter = village["voters"][0]
    actions.cast_online_vote(online_matter.pk, user=voter, choice="agree")  # e.g. from another phone
    client.force_login(voter)
    page = _text(client.get(_en(f"/decisions/{online_matter.pk}/vote/sent/")))
    assert "The receipt is shown only in the browser that sent the vote." in page
    assert 'class="receipt"' not in page


def test_a_forged_receipt_cookie_is_not_shown(client, village, online_matter):
    voter = village["voters"][0]
    actions.cast_online_vote(online_matter.pk, user=voter, choice="agree")
    client.force_login(voter)
    client.cookies[f"vote_receipt_{online_matter.pk}_en"] = "ABCDEF0123456789ABCD"
    page = _text(client.get(_en(f"/decisions/{online_matter.pk}/")))
    assert "You have voted" in page and "ABCDEF0123456789ABCD" not in page
