"""Personal-data duties (issue 3; PDP law 91/2025/QH15): access, erasure, nothing sensitive, nothing in logs."""

import json
import logging
import re

import pytest
from django.apps import apps

from grassroots.accounts.tests.factories import UserFactory
from grassroots.core.audit import verify_chain
from grassroots.people.actions import household_count_on
from grassroots.people.crypto import decrypt_national_id
from grassroots.people.models import Membership, Representation, Resident
from grassroots.people.privacy import anonymize_resident
from grassroots.people.tests.factories import REGISTERED_ON

pytestmark = pytest.mark.django_db


def _linked_user(world):  # type: ignore[no-untyped-def]
    resident = (
        Membership.objects.filter(household=world["households"]["a1"]).order_by("resident__birth_date").first().resident
    )
    user = UserFactory(username="an", resident=resident, phone="0911222333")
    return user, resident


def test_a_residents_export_contains_their_records_and_nobody_elses(client, world, sign_in):
    user, resident = _linked_user(world)
    sign_in(client, user, second_factor=False)
    assert client.get("/account/my-data/").status_code == 200
    response = client.post("/account/my-data/")
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["account"]["username"] == "an"
    assert data["resident"]["national_id"] == decrypt_national_id(resident.national_id_encrypted)
    [household] = data["households"]
    assert household["code"] == world["households"]["a1"].code
    household_members = {m.resident.full_name for m in Membership.objects.filter(household=world["households"]["a1"])}
    assert {m["full_name"] for m in household["members"]} == household_members
    text = response.content.decode()
    # Nobody else's record: no other household, no other member's ID number or phone.
    for key in ["a2", "b1"]:
        assert world["households"][key].code not in text
    for other in Resident.objects.exclude(pk=resident.pk):
        assert decrypt_national_id(other.national_id_encrypted) not in text
        if other.full_name not in household_members:
            assert other.full_name not in text
    assert "national_id" not in json.dumps(household["members"])


def test_anonymizing_keeps_counts_and_the_audit_chain(world):
    user, resident = _linked_user(world)
    village = world["a"]["village1"]
    before = household_count_on(village, REGISTERED_ON)
    anonymize_resident(resident, actor=world["official_a"])
    resident.refresh_from_db()
    user.refresh_from_db()
    assert resident.full_name.startswith("—") and resident.national_id_hash is None and resident.phone == ""
    assert resident.birth_date.month == 1 and resident.birth_date.day == 1
    assert not user.is_active and not user.has_usable_password() and user.phone is None
    assert household_count_on(village, REGISTERED_ON) == before
    assert Representation.objects.filter(resident=resident).exists()
    assert verify_chain().ok


SENSITIVE = re.compile(r"religio|ethnic|belief|faith|politic|ton_giao|dan_toc", re.IGNORECASE)
# Fields that describe a community, never a person, and that the law asks for. Nothing may be added here
# that says anything about a person.
ABOUT_A_COMMUNITY = {
    # D61 Art 8(2): in an ethnic-minority community the convention's drafting team must include elders or
    # village chiefs and a speaker of the language; this says whether the village is such a community.
    "conventions.Convention.ethnic_minority",
    # Issue 15 (situation reports, báo cáo nắm tình hình): notes on religious activity in the village or commune
    # as a whole, the unit's report to the steering committee; the form says to name no one, and the text is
    # refused when it holds a national ID or a phone number (situation_reports.rules.personal_number_in).
    "situation_reports.SituationReport.religious_notes",
}


def test_no_model_records_religion_ethnicity_or_beliefs():
    offenders = [
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if SENSITIVE.search(field.name) and f"{model._meta.label}.{field.name}" not in ABOUT_A_COMMUNITY
    ]
    assert offenders == []


def test_the_community_fields_allowed_above_still_exist():
    """An entry of ABOUT_A_COMMUNITY that no longer names a field would silently widen the list."""
    fields = {f"{m._meta.label}.{f.name}" for m in apps.get_models() for f in m._meta.get_fields()}
    assert fields >= ABOUT_A_COMMUNITY


PERSONAL = re.compile(r"\b0\d{9}\b|\b\d{12}\b")


def test_no_personal_data_reaches_the_logs(client, world, sign_in, caplog, tmp_path):
    """Run the flows that touch personal data with every logger at DEBUG, then scan what was logged."""
    from django.core.management import call_command
    from django.core.management.base import CommandError

    caplog.set_level(logging.DEBUG)
    _user, resident = _linked_user(world)
    number = decrypt_national_id(resident.national_id_encrypted)
    # Failed and successful logins by phone number.
    client.post("/login/", {"username": "0911222333", "password": "wrong"})
    client.post("/login/", {"username": "0911222333", "password": "pw-for-tests-1"})
    # Verification attempts with national ID numbers, right and wrong.
    client.post("/account/verify/", {"national_id": "038999999999", "birth_date": "01/01/1990"})
    # Register screens, the reveal of a number, and an export.
    sign_in(client, world["official_a"])
    client.get("/register/unit/AC/", {"q": number})
    client.post(f"/register/household/{world['households']['a1'].pk}/reveal/", {"resident": resident.pk})
    client.get("/api/v1/register/AC/households")
    # An import with errors (they name rows and columns, never the values of IDs).
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "household_code,unit_code,address,full_name,birth_date,sex,national_id,phone,is_representative\n"
        f"HX,AC-1,x,Người Thử,1990-01-01,M,{number},0912345678,1\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError):
        call_command("import_residents", str(bad), "--quiet")
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert logged, "the flows above should have logged something"
    assert not PERSONAL.findall(logged), PERSONAL.findall(logged)
