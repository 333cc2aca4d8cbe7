"""Training's notices (issue 9): sending a conference's invitations (in the app, by e-mail and by SMS)
and the pages that list them read and write in a fixed number of queries, with 2 delegates as with 12."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from grassroots.accounts.models import Role
from grassroots.accounts.tests.factories import UserFactory, grant
from grassroots.core.models import Notice
from grassroots.territory.models import Unit, UnitKind
from grassroots.territory.tests.factories import UnitFactory
from grassroots.training import actions
from grassroots.training.actions.invitations import send_for_conference
from grassroots.training.models import Conference, Delegate

pytestmark = pytest.mark.django_db

SMALL, LARGE = 2, 12
DAY = timezone.localdate() + dt.timedelta(days=14)


@pytest.fixture
def province():  # type: ignore[no-untyped-def]
    province = UnitFactory(code="P", name="Tỉnh P", kind=UnitKind.PROVINCE)
    organizer = UserFactory(username="steering")
    grant(organizer, province, Role.STEERING_MEMBER)
    return {"province": province, "organizer": organizer}


def _conference(province, delegates: int) -> Conference:  # type: ignore[no-untyped-def]
    conference = actions.create_conference(
        actor=province["organizer"], unit=province["province"], title="Hội nghị tập huấn", starts_on=DAY
    )
    _add_delegates(conference, province["province"], delegates)
    return conference


def _add_delegates(conference: Conference, province: Unit, n: int) -> None:
    for _ in range(n):
        commune = UnitFactory(kind=UnitKind.COMMUNE, parent=province)
        user = UserFactory(email="", phone=None)
        user.email, user.phone = f"{user.username}@example.org", f"09{user.pk:08d}"
        user.save()
        grant(user, commune, Role.INSPECTION_BOARD)
        Delegate.objects.create(conference=conference, user=user, unit=commune, role=Role.INSPECTION_BOARD)


def _sending(conference: Conference) -> int:
    with CaptureQueriesContext(connection) as ctx:
        told = send_for_conference(conference.pk)
    assert told == conference.delegates.count()
    return len(ctx.captured_queries)


def test_sending_the_invitations_in_the_app_by_email_and_sms_takes_fixed_queries(province, mailoutbox):  # type: ignore[no-untyped-def]
    small = _sending(_conference(province, SMALL))
    large = _sending(_conference(province, LARGE))
    assert large == small, f"{small} queries for {SMALL} delegates, {large} for {LARGE}"
    assert Notice.objects.count() == SMALL + LARGE and len(mailoutbox) == SMALL + LARGE


def test_the_delegates_page_with_its_invitations_reads_in_fixed_queries(province, client, sign_in):  # type: ignore[no-untyped-def]
    conference = _conference(province, SMALL)
    send_for_conference(conference.pk)
    sign_in(client, province["organizer"])
    url = reverse("training:delegates", args=[conference.pk])

    def queries() -> int:
        assert client.get(url).status_code == 200
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    small = queries()
    _add_delegates(conference, province["province"], LARGE - SMALL)
    send_for_conference(conference.pk)
    assert queries() == small


def test_a_delegates_notifications_list_trainings_notices_in_fixed_queries(province):  # type: ignore[no-untyped-def]
    conferences = [_conference(province, 0) for _ in range(LARGE)]
    delegate = UserFactory()
    client = Client()
    client.force_login(delegate)
    url = reverse("decisions:notifications")

    def invite(conference: Conference) -> None:
        Delegate.objects.create(conference=conference, user=delegate, unit=province["province"])
        send_for_conference(conference.pk)

    def queries() -> int:
        assert client.get(url).status_code == 200
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    for conference in conferences[:SMALL]:
        invite(conference)
    small = queries()
    for conference in conferences[SMALL:]:
        invite(conference)
    assert queries() == small
    assert Notice.objects.filter(user=delegate).count() == LARGE
