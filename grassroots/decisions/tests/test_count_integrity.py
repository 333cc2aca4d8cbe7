"""A counted result is bound to the audit chain, and public pages never show a count that reveals a vote."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from grassroots.core.models import AuditEvent
from grassroots.decisions import actions
from grassroots.decisions.bulletin import suppress_small_counts
from grassroots.decisions.models import Ballot, Matter
from grassroots.decisions.tests.conftest import close_now


def _counted(online_matter, village, choices):  # type: ignore[no-untyped-def]
    for user, choice in zip(village["voters"], choices, strict=False):
        actions.cast_online_vote(online_matter.pk, user=user, choice=choice, comment="x" if choice == "other" else "")
    return close_now(online_matter, actor=village["head"])


def test_the_count_writes_the_ballots_digest_on_the_audit_chain(online_matter, village):  # type: ignore[no-untyped-def]
    matter = _counted(online_matter, village, ["agree"] * 6 + ["disagree"])
    event = AuditEvent.objects.get(verb="decisions.ballots_counted", target_id=str(matter.pk))
    assert event.data["digest"] == matter.result["ballots_digest"] == actions.ballots_digest(matter)
    assert event.data["ballots"] == 7 and event.data["round"] == matter.round


def test_a_ballot_flipped_with_its_published_result_is_still_caught(online_matter, village):  # type: ignore[no-untyped-def]
    matter = _counted(online_matter, village, ["agree"] * 6 + ["disagree"])
    call_command("audit_verify", stdout=io.StringIO())
    call_command("verify_tally", str(matter.pk), stdout=io.StringIO())
    # The attacker flips a ballot and rewrites the stored result to match: only the chain still knows.
    ballot = Ballot.objects.filter(matter=matter, choice="disagree").get()
    Ballot.objects.filter(pk=ballot.pk).update(choice="agree")
    forged = {**matter.result, "agree": 7, "disagree": 0, "ballots_digest": actions.ballots_digest(matter)}
    forged["villages"] = [{**v, "agree": 7, "disagree": 0} for v in matter.result["villages"]]
    Matter.objects.filter(pk=matter.pk).update(result=forged)
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("verify_tally", str(matter.pk), stdout=io.StringIO(), stderr=err)
    assert "audit chain" in err.getvalue()
    with pytest.raises(CommandError, match="CHANGED"):
        call_command("audit_verify", stdout=io.StringIO())


def test_a_unit_with_fewer_than_5_ballots_shows_only_whether_it_adopted(online_matter, village):  # type: ignore[no-untyped-def]
    matter = _counted(online_matter, village, ["agree", "agree", "disagree"])
    for path in (f"/decisions/{matter.pk}/bulletin.json", f"/api/v1/matters/{matter.pk}/bulletin"):
        data = Client().get(path).json()
        assert data["counts_hidden"] is True
        assert data["agree"] is None and data["disagree"] is None and data["other"] is None
        assert all(v["agree"] is None and v["hidden"] for v in data["villages"])
        assert data["adopted"] is False and data["total"] == 3
    page = Client().get(f"/decisions/{matter.pk}/bulletin/")
    assert page.status_code == 200
    csv_text = Client().get(f"/decisions/{matter.pk}/bulletin.csv").content.decode()
    assert "result,agree,\r\n" in csv_text or "result,agree,None" in csv_text


def test_five_ballots_in_a_unit_are_shown_per_option(online_matter, village):  # type: ignore[no-untyped-def]
    matter = _counted(online_matter, village, ["agree"] * 4 + ["disagree"])
    data = Client().get(f"/decisions/{matter.pk}/bulletin.json").json()
    assert data["counts_hidden"] is False and data["agree"] == 4 and data["disagree"] == 1


def test_a_hidden_unit_cannot_be_recovered_from_the_total_by_subtraction() -> None:
    result = {
        "agree": 40,
        "disagree": 12,
        "other": 0,
        "total": 52,
        "villages": [
            {"unit": "A", "agree": 38, "disagree": 11, "other": 0},
            {"unit": "B", "agree": 2, "disagree": 1, "other": 0},
        ],
    }
    shown = suppress_small_counts(result)
    assert shown["villages"][0]["agree"] == 38
    assert shown["villages"][1]["agree"] is None
    assert shown["agree"] is None and shown["counts_hidden"]
    # Two small units hiding 5 ballots together: the total less unit A would still give their sum, and a
    # unanimous sum reveals every choice (A 40/10, B 3/0, C 2/0): the totals stay hidden too.
    result.update(agree=45, disagree=10, total=55)
    result["villages"] = [
        {"unit": "A", "agree": 40, "disagree": 10, "other": 0},
        {"unit": "B", "agree": 3, "disagree": 0, "other": 0},
        {"unit": "C", "agree": 2, "disagree": 0, "other": 0},
    ]
    shown = suppress_small_counts(result)
    assert shown["agree"] is None and shown["counts_hidden"] and shown["villages"][0]["agree"] == 40


def test_the_api_result_hides_small_counts_too(online_matter, village):  # type: ignore[no-untyped-def]
    from grassroots.accounts.tokens import create_token

    matter = _counted(online_matter, village, ["agree", "agree", "disagree"])
    token = create_token(village["voters"][5], "probe", scope="read")
    data = Client().get(f"/api/v1/matters/{matter.pk}/result", headers={"Authorization": f"Bearer {token}"}).json()
    assert data["agree"] is None and data["counts_hidden"] and data["villages"][0]["agree"] is None


def test_a_second_count_of_the_same_round_appended_to_the_chain_is_caught(online_matter, village):  # type: ignore[no-untyped-def]
    from grassroots.core import audit

    matter = _counted(online_matter, village, ["agree"] * 6 + ["disagree"])
    Ballot.objects.filter(matter=matter, choice="disagree").update(choice="agree")
    Matter.objects.filter(pk=matter.pk).update(result=actions.compute_result(matter))
    audit.record("decisions.ballots_counted", target=matter, unit_id=matter.unit_id,
                 data={"round": matter.round, "digest": actions.ballots_digest(matter)})  # fmt: skip
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("verify_tally", str(matter.pk), stdout=io.StringIO(), stderr=err)
    assert "2 counts" in err.getvalue()


def test_a_count_cut_off_the_chain_is_caught(online_matter, village):  # type: ignore[no-untyped-def]
    from grassroots.core.models import AuditEvent

    matter = _counted(online_matter, village, ["agree"] * 6)
    # Counts were bound to the chain before this one (an earlier event stands for them), and this
    # matter's own count event is gone, as when the tail of the chain is cut after the last anchor.
    earliest = AuditEvent.objects.order_by("seq").first()
    AuditEvent.objects.filter(pk=earliest.pk).update(verb="decisions.ballots_counted", target_id="0")
    AuditEvent.objects.filter(verb="decisions.ballots_counted", target_id=str(matter.pk)).update(verb="x.cut")
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("verify_tally", str(matter.pk), stdout=io.StringIO(), stderr=err)
    assert "without its count" in err.getvalue()


def test_a_sealed_ballot_copied_in_place_of_another_stops_the_count(online_matter, village):  # type: ignore[no-untyped-def]
    from grassroots.core.errors import DomainError
    from grassroots.decisions.models import SealedBallot

    for user, choice in zip(village["voters"], ["agree", "disagree", "disagree"], strict=False):
        actions.cast_online_vote(online_matter.pk, user=user, choice=choice)
    rows = list(SealedBallot.objects.filter(matter=online_matter).order_by("pk"))
    SealedBallot.objects.filter(pk=rows[1].pk).update(sealed=rows[0].sealed)
    with pytest.raises(DomainError):
        close_now(online_matter, actor=village["head"])
    assert not Ballot.objects.filter(matter=online_matter).exists()


def test_a_second_count_of_a_counted_matter_is_refused_and_writes_nothing(online_matter, village):  # type: ignore[no-untyped-def]
    from grassroots.core.errors import DomainError

    for user in village["voters"][:6]:
        actions.cast_online_vote(online_matter.pk, user=user, choice="agree")
    stale = Matter.objects.get(pk=online_matter.pk)
    close_now(online_matter, actor=village["head"])
    with pytest.raises(DomainError):
        actions.close_matter(stale, actor=village["head"])  # e.g. a double click on "count"
    assert Ballot.objects.filter(matter=online_matter).count() == 6
