"""Subscriptions to a unit's disclosures: an in-app notice (core.notices) on every publication and change,
an e-mail to those who asked for it (issue 12, item 5)."""

import pytest
from django.core import mail
from django.urls import reverse

from grassroots.core.models import Notice
from grassroots.disclosure import actions
from grassroots.disclosure.models import Subscription

from .factories import make_item

pytestmark = pytest.mark.django_db


def test_a_subscriber_is_told_of_a_publication_and_a_change(client, world, sign_in, django_capture_on_commit_callbacks):
    resident = world["resident_a1"]
    resident.email = "resident@example.org"
    resident.save(update_fields=["email"])
    sign_in(client, resident)
    client.post(reverse("disclosure:subscribe", args=[world["a"]["commune"].code]), {"by_email": "yes"})
    assert Subscription.objects.get(user=resident).by_email
    with django_capture_on_commit_callbacks(execute=True):
        item = make_item(world["official_a"], world["a"]["village1"], title="Danh sách hỗ trợ")
    notice = Notice.objects.get(user=resident)
    assert "Danh sách hỗ trợ" in notice.text and notice.url == reverse("disclosure:item", args=[item.pk])
    assert len(mail.outbox) == 1
    with django_capture_on_commit_callbacks(execute=True):
        actions.update_item(item, actor=world["official_a"], title="Danh sách hỗ trợ (bổ sung)", change_note="Thêm hộ")
    assert Notice.objects.filter(user=resident).count() == 2


def test_nobody_is_told_of_a_draft_or_of_another_commune(world, django_capture_on_commit_callbacks):
    actions.subscribe(actor=world["resident_a1"], unit=world["a"]["commune"])
    with django_capture_on_commit_callbacks(execute=True):
        make_item(world["official_a"], world["a"]["commune"], publish=False)
        make_item(world["official_b"], world["b"]["commune"])
    assert not Notice.objects.filter(user=world["resident_a1"]).exists()


def test_unsubscribing_stops_the_notices(client, world, sign_in):
    sign_in(client, world["resident_a1"])
    url = reverse("disclosure:subscribe", args=[world["a"]["commune"].code])
    client.post(url)
    assert Subscription.objects.filter(user=world["resident_a1"]).exists()
    client.post(url, {"stop": "yes"})
    assert not Subscription.objects.filter(user=world["resident_a1"]).exists()


def test_an_anonymous_visitor_cannot_subscribe(client, world):
    response = client.post(reverse("disclosure:subscribe", args=[world["a"]["commune"].code]))
    assert response.status_code == 302 and "login" in response["Location"]
    assert not Subscription.objects.exists()
