"""The register kept in the browser: births, moves in and out, deaths, a change of representative."""

import datetime as dt

import pytest
from django.utils import timezone, translation

from grassroots.core.models import AuditEvent
from grassroots.people.keeping import (
    counted_in_village_on,
    record_household_moving_in,
    record_member_leaving,
)
from grassroots.people.models import Household, Membership, Representation, Resident

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def _iso(day: dt.date) -> str:
    return day.isoformat()


def _members(household):  # type: ignore[no-untyped-def]
    return list(Membership.objects.filter(household=household, valid_to__isnull=True))


def test_an_official_records_a_birth_and_sees_it_in_the_history(client, world, sign_in):
    sign_in(client, world["official_a"])
    household = world["households"]["a1"]
    before = len(_members(household))
    url = f"/register/household/{household.pk}/birth/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"full_name": "Nguyễn Thị Bé", "birth_date": _iso(TODAY), "sex": "F"})
    assert response.status_code == 302 and response["Location"].endswith(f"/register/household/{household.pk}/history/")
    assert len(_members(household)) == before + 1
    event = AuditEvent.objects.get(verb="people.birth_recorded")
    assert event.actor == world["official_a"] and event.data["on"] == _iso(TODAY)
    assert "Nguyễn" not in str(event.data)  # ids only in the trail
    body = client.get(response["Location"]).content.decode()
    assert "Nguyễn Thị Bé" in body and "official_a" in body


def test_bad_input_is_a_422_with_the_message_on_the_field_and_nothing_written(client, world, sign_in):
    sign_in(client, world["official_a"])
    household = world["households"]["a1"]
    count = Resident.objects.count()
    future = TODAY + dt.timedelta(days=3)
    response = client.post(
        f"/register/household/{household.pk}/birth/", {"full_name": "X", "birth_date": _iso(future), "sex": "M"}
    )
    assert response.status_code == 422
    assert "error-summary" in response.content.decode()
    response = client.post(f"/register/household/{household.pk}/birth/", {"full_name": "", "sex": "Q"})
    assert response.status_code == 422
    assert Resident.objects.count() == count


def test_a_member_moves_in_and_a_duplicate_national_id_is_refused(client, world, sign_in):
    sign_in(client, world["official_a"])
    household = world["households"]["a1"]
    url = f"/register/household/{household.pk}/move-in/"
    data = {
        "full_name": "Trần Văn Mới",
        "birth_date": "01/02/1990",
        "sex": "M",
        "national_id": "038090123456",
        "on": _iso(TODAY),
    }
    assert client.post(url, data).status_code == 302
    assert client.post(url, {**data, "full_name": "Người khác"}).status_code == 422
    assert Resident.objects.filter(full_name="Trần Văn Mới").count() == 1


def test_a_death_goes_through_a_confirmation_page(client, world, sign_in):
    sign_in(client, world["official_a"])
    household = world["households"]["a1"]
    rep = Representation.objects.get(household=household, valid_to__isnull=True).resident
    other = next(m.resident for m in _members(household) if m.resident_id != rep.pk)
    url = f"/register/household/{household.pk}/member/{other.pk}/leaves/"
    response = client.post(url, {"reason": "died", "on": _iso(TODAY)})
    assert response.status_code == 200 and 'name="confirmed"' in response.content.decode()
    assert Membership.objects.get(household=household, resident=other).valid_to is None
    response = client.post(url, {"reason": "died", "on": _iso(TODAY), "confirmed": "yes"})
    assert response.status_code == 302
    assert Membership.objects.get(household=household, resident=other).valid_to == TODAY
    assert AuditEvent.objects.get(verb="people.member_left").data["reason"] == "died"


def test_the_representative_cannot_leave_while_others_remain(client, world, sign_in):
    sign_in(client, world["official_a"])
    household = world["households"]["a1"]
    rep = Representation.objects.get(household=household, valid_to__isnull=True).resident
    url = f"/register/household/{household.pk}/member/{rep.pk}/leaves/"
    response = client.post(url, {"reason": "moved_out", "on": _iso(TODAY), "confirmed": "yes"})
    assert response.status_code == 422
    assert Membership.objects.get(household=household, resident=rep).valid_to is None


def test_the_last_member_leaving_ends_the_household(world):
    household = world["households"]["a2"]
    rep = Representation.objects.get(household=household, valid_to__isnull=True).resident
    other = next(m.resident for m in _members(household) if m.resident_id != rep.pk)
    record_member_leaving(household, other, reason="moved_out", on=TODAY, actor=world["official_a"])
    record_member_leaving(household, rep, reason="died", on=TODAY, actor=world["official_a"])
    household.refresh_from_db()
    assert household.dissolved_on == TODAY


def test_a_household_moves_out_after_confirmation(client, world, sign_in):
    sign_in(client, world["official_a"])
    household = world["households"]["a2"]
    url = f"/register/household/{household.pk}/move-out/"
    assert client.post(url, {"on": _iso(TODAY)}).status_code == 200
    assert Household.objects.get(pk=household.pk).dissolved_on is None
    assert client.post(url, {"on": _iso(TODAY), "confirmed": "yes"}).status_code == 302
    assert Household.objects.get(pk=household.pk).dissolved_on == TODAY
    assert not _members(household)


def test_a_change_of_representative_is_recorded_with_history(client, world, sign_in):
    sign_in(client, world["official_a"])
    household = world["households"]["a1"]
    rep = Representation.objects.get(household=household, valid_to__isnull=True).resident
    other = next(m.resident for m in _members(household) if m.resident_id != rep.pk)
    url = f"/register/household/{household.pk}/representative/"
    assert other.full_name in client.get(url).content.decode()
    assert client.post(url, {"resident": other.pk, "on": _iso(TODAY)}).status_code == 302
    assert Representation.objects.get(household=household, valid_to__isnull=True).resident == other
    body = client.get(f"/register/household/{household.pk}/history/").content.decode()
    assert other.full_name in body


def test_a_household_moves_in_to_a_village_of_the_commune(client, world, sign_in):
    sign_in(client, world["official_a"])
    village = world["a"]["village2"]
    data = {
        "village": village.pk,
        "code": "NEW-001",
        "address": "Số 9",
        "full_name": "Lê Văn Đến",
        "birth_date": "1985-04-04",
        "sex": "M",
        "phone": "0912 000 111",
        "on": _iso(TODAY),
    }
    response = client.post("/register/unit/AC/move-in/", data)
    assert response.status_code == 302
    household = Household.objects.get(code="NEW-001")
    assert household.unit == village
    assert Representation.objects.get(household=household).resident.full_name == "Lê Văn Đến"
    # A village of another commune is not offered.
    data["village"] = world["b"]["village1"].pk
    data["code"] = "NEW-002"
    assert client.post("/register/unit/AC/move-in/", data).status_code == 422


@pytest.mark.parametrize("who,status", [("official_b", 404), ("head_a1", 403)])
def test_others_are_refused(client, world, sign_in, who, status):
    sign_in(client, world[who])
    household = world["households"]["a1"]
    resident = _members(household)[1].resident
    for url in [
        f"/register/household/{household.pk}/birth/",
        f"/register/household/{household.pk}/move-in/",
        f"/register/household/{household.pk}/move-out/",
        f"/register/household/{household.pk}/representative/",
        f"/register/household/{household.pk}/member/{resident.pk}/leaves/",
    ]:
        assert client.get(url).status_code == status, url
        assert client.post(url, {"on": _iso(TODAY), "confirmed": "yes"}).status_code == status, url
    assert client.get("/register/unit/AC-1/move-in/").status_code == status
    assert Household.objects.get(pk=household.pk).dissolved_on is None


def test_the_history_is_refused_to_another_commune(client, world, sign_in):
    sign_in(client, world["official_b"])
    assert client.get(f"/register/household/{world['households']['a1'].pk}/history/").status_code == 404


def test_a_household_that_moved_in_after_a_vote_opened_is_not_counted_in_it(world):
    """H is snapshotted when the vote opens (law.md 10.A.2): a household that moves in later does not
    vote in that vote, and a move in cannot be dated back before the opening of a vote still open."""
    from grassroots.core.errors import DomainError
    from grassroots.decisions.models import Matter

    village = world["a"]["village1"]
    opened = timezone.now() - dt.timedelta(days=2)
    Matter.objects.create(
        unit=village, item=3, title="t", question="q", tabled_via="head", created_by=world["official_a"],
        status="open", opened_at=opened,
    )  # fmt: skip
    kwargs = {"address": "x", "full_name": "A B", "birth_date": dt.date(1980, 1, 1), "sex": "M", "national_id": "",
              "phone": "", "actor": world["official_a"]}  # fmt: skip
    with pytest.raises(DomainError):
        record_household_moving_in(village, code="LATE-1", on=TODAY - dt.timedelta(days=5), **kwargs)
    household = record_household_moving_in(village, code="LATE-2", on=TODAY, **kwargs)
    assert not counted_in_village_on(household, village, timezone.localdate(opened))
    assert counted_in_village_on(world["households"]["a1"], village, timezone.localdate(opened))


def test_the_representative_of_a_household_that_moved_in_late_cannot_vote_in_that_vote(world):
    from grassroots.accounts.tests.factories import UserFactory
    from grassroots.decisions.access import voting_household
    from grassroots.decisions.models import Matter

    village = world["a"]["village1"]
    matter = Matter.objects.create(
        unit=village, item=3, title="t", question="q", tabled_via="head", created_by=world["official_a"],
        status="open", opened_at=timezone.now() - dt.timedelta(days=1),
    )  # fmt: skip
    household = record_household_moving_in(
        village, code="LATE-3", address="x", full_name="A B", birth_date=dt.date(1980, 1, 1), sex="M",
        national_id="", phone="", on=TODAY, actor=world["official_a"],
    )  # fmt: skip
    late = UserFactory(resident=Representation.objects.get(household=household).resident)
    assert voting_household(late, matter) is None
    early = UserFactory(resident=Representation.objects.get(household=world["households"]["a1"]).resident)
    assert voting_household(early, matter) == world["households"]["a1"]


def test_a_representative_with_only_children_left_can_still_die_and_the_household_stays(world):
    household = world["households"]["a2"]
    rep = Representation.objects.get(household=household, valid_to__isnull=True).resident
    child = next(m.resident for m in _members(household) if m.resident_id != rep.pk)
    child.birth_date = TODAY - dt.timedelta(days=365 * 5)
    child.save()
    record_member_leaving(household, rep, reason="died", on=TODAY, actor=world["official_a"])
    household.refresh_from_db()
    assert household.dissolved_on is None
    assert not Representation.objects.filter(household=household, valid_to__isnull=True).exists()
    assert [m.resident for m in _members(household)] == [child]


def test_a_change_of_representative_dated_before_the_current_one_is_a_422_not_a_500(client, world, sign_in):
    sign_in(client, world["official_a"])
    household = world["households"]["a1"]
    rep = Representation.objects.get(household=household, valid_to__isnull=True)
    other = next(m.resident for m in _members(household) if m.resident_id != rep.resident_id)
    url = f"/register/household/{household.pk}/representative/"
    early = rep.valid_from - dt.timedelta(days=1)
    assert client.post(url, {"resident": other.pk, "on": _iso(early)}).status_code == 422
    assert client.post(url, {"resident": other.pk, "on": _iso(TODAY + dt.timedelta(days=1))}).status_code == 422
    assert Representation.objects.get(household=household, valid_to__isnull=True).resident_id == rep.resident_id


def test_a_household_that_moved_in_after_a_ballot_vote_opened_gets_no_slip(world):
    from grassroots.core.errors import DomainError
    from grassroots.decisions.actions.clusters import mark_delivered
    from grassroots.decisions.documents.slips import slip_households
    from grassroots.decisions.models import Matter

    village = world["a"]["village1"]
    matter = Matter.objects.create(
        unit=village, item=3, title="t", question="q", tabled_via="head", created_by=world["official_a"],
        status="open", form="ballot", opened_at=timezone.now() - dt.timedelta(days=1),
    )  # fmt: skip
    household = record_household_moving_in(
        village, code="LATE-4", address="x", full_name="A B", birth_date=dt.date(1980, 1, 1), sex="M",
        national_id="", phone="", on=TODAY, actor=world["official_a"],
    )  # fmt: skip
    codes = [slip.code for slip in slip_households(matter)]
    assert world["households"]["a1"].code in codes and "LATE-4" not in codes
    mark_delivered(matter, actor=world["head_a1"], household_code=world["households"]["a1"].code)
    with translation.override("en"), pytest.raises(DomainError, match="moved in after this vote opened"):
        mark_delivered(matter, actor=world["head_a1"], household_code=household.code)


def test_the_household_page_links_the_history_and_offers_changes_to_the_commune_official_only(client, world, sign_in):
    household = world["households"]["a1"]
    sign_in(client, world["official_a"])
    body = client.get(f"/register/household/{household.pk}/").content.decode()
    assert f"/register/household/{household.pk}/history/" in body
    assert f"/register/household/{household.pk}/birth/" in body
    assert f"/register/household/{household.pk}/representative/" in body
    assert "/register/unit/AC/move-in/" in client.get("/register/unit/AC/").content.decode()
    sign_in(client, world["head_a1"])
    body = client.get(f"/register/household/{household.pk}/").content.decode()
    assert f"/register/household/{household.pk}/history/" in body
    assert f"/register/household/{household.pk}/birth/" not in body
    assert client.get(f"/register/household/{household.pk}/history/").status_code == 200
