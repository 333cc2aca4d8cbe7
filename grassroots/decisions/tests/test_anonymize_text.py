"""Anonymizing a resident also removes their name where it was copied as text (issue 8):
Django admin's history and the free-text fields of decisions and training."""

import json

import pytest
from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import models

from grassroots.accounts.models import ApiToken, User
from grassroots.accounts.tests.factories import UserFactory
from grassroots.accounts.tokens import create_token, token_for
from grassroots.decisions.models import TeamMember
from grassroots.people.models import Resident
from grassroots.people.privacy import NAME_BEARING_FIELDS, anonymize_resident

pytestmark = pytest.mark.django_db
NAME = "Nguyễn Thị Lan"


def _log(user, obj, message: str) -> LogEntry:  # type: ignore[no-untyped-def]
    """What the admin writes when an object is changed there."""
    return LogEntry.objects.create(
        user=user,
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        object_repr=str(obj),
        action_flag=CHANGE,
        change_message=message,
    )


def test_anonymizing_removes_the_name_from_admin_history_and_free_text(village, online_matter):
    resident = village["voters"][0].resident
    Resident.objects.filter(pk=resident.pk).update(full_name=NAME)
    resident.refresh_from_db()
    account = village["voters"][0]
    User.objects.filter(pk=account.pk).update(username="lan.nguyen")
    account.refresh_from_db()
    admin = UserFactory(username="root", is_staff=True, is_superuser=True)
    _log(admin, resident, json.dumps([{"changed": {"fields": ["Full name"]}}]))
    _log(admin, account, "Linked to resident Nguyễn Thị Lan after checking her ID card")
    TeamMember.objects.create(matter=online_matter, team=TeamMember.Team.WITNESS, name=NAME, role="đại diện hộ")
    online_matter.description = "Bà NGUYỄN THỊ LAN, đại diện hộ, đề nghị lắp đèn. Bà Nguyễn Thị Lanh đồng ý."
    online_matter.save(update_fields=["description"])
    token = create_token(account, "app", scope="vote")
    unrelated = TeamMember.objects.create(matter=online_matter, team=TeamMember.Team.WITNESS, name="Trần Văn Lan")

    anonymize_resident(resident, actor=admin)

    resident.refresh_from_db()
    placeholder = resident.full_name
    assert placeholder.startswith("— #")
    entries = list(LogEntry.objects.all())
    assert entries and all("Lan" not in e.object_repr and "Lan" not in e.change_message for e in entries)
    assert LogEntry.objects.get(object_id=str(resident.pk), content_type__model="resident").object_repr == placeholder
    assert LogEntry.objects.get(object_id=str(account.pk), content_type__model="user").change_message == (
        f"Linked to resident {placeholder} after checking her ID card"
    )
    assert TeamMember.objects.filter(name=placeholder).count() == 1
    online_matter.refresh_from_db()
    # Any case; a longer name that merely starts the same (Lanh) is someone else and stays.
    assert online_matter.description == f"Bà {placeholder}, đại diện hộ, đề nghị lắp đèn. Bà Nguyễn Thị Lanh đồng ý."
    unrelated.refresh_from_db()
    assert unrelated.name == "Trần Văn Lan"
    assert ApiToken.objects.get().revoked_at is not None and token_for(token) is None


def test_every_name_bearing_field_is_a_text_field_of_a_real_model():
    for label, fields in NAME_BEARING_FIELDS.items():
        model = apps.get_model(label)
        for name in fields:
            assert isinstance(model._meta.get_field(name), models.CharField | models.TextField), (label, name)
