"""Residents' questions and information requests (Law Art 14), answered with the time taken shown,
unanswered ones flagged; changes to a disclosed item shown with the earlier versions (issue 12, item 5)."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from grassroots.core.errors import DomainError
from grassroots.core.models import Notice
from grassroots.disclosure import actions, reports
from grassroots.disclosure.choices import RequestKind
from grassroots.disclosure.models import Request

from .factories import make_item

pytestmark = pytest.mark.django_db


def test_a_resident_asks_about_an_item_and_the_officials_are_told(
    client, world, sign_in, django_capture_on_commit_callbacks
):
    item = make_item(world["official_a"], world["a"]["commune"])
    sign_in(client, world["resident_a1"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("disclosure:ask", args=[item.pk]), {"kind": "question", "text": "Khi nào thu?"})
    assert response.status_code == 302
    request = Request.objects.get()
    assert (request.item, request.unit, request.asked_by) == (item, item.unit, world["resident_a1"])
    assert Notice.objects.filter(user=world["official_a"], key=f"disclosure.request:{request.pk}").exists()
    assert not Notice.objects.filter(user=world["official_b"]).exists()


def test_a_resident_requests_information_that_was_not_disclosed(client, world, sign_in):
    sign_in(client, world["resident_a1"])
    response = client.post(reverse("disclosure:request-info", args=[world["a"]["village1"].code]),
                           {"kind": RequestKind.NOT_DISCLOSED, "text": "Xin danh sách hỗ trợ bão."})  # fmt: skip
    assert response.status_code == 302
    assert Request.objects.get().kind == RequestKind.NOT_DISCLOSED


def test_an_anonymous_visitor_must_log_in_to_ask(client, world):
    item = make_item(world["official_a"], world["a"]["commune"])
    response = client.get(reverse("disclosure:ask", args=[item.pk]))
    assert response.status_code == 302 and "login" in response["Location"]


def test_nobody_asks_about_a_draft(client, world, sign_in):
    item = make_item(world["official_a"], world["a"]["commune"], publish=False)
    sign_in(client, world["resident_a1"])
    assert client.get(reverse("disclosure:ask", args=[item.pk])).status_code == 404


def test_the_answer_shows_the_time_it_took(client, world, sign_in, django_capture_on_commit_callbacks):
    item = make_item(world["official_a"], world["a"]["commune"])
    request = actions.ask(actor=world["resident_a1"], unit=item.unit, item=item, kind="question", text="Bao nhiêu?")
    Request.objects.filter(pk=request.pk).update(asked_at=timezone.now() - dt.timedelta(days=3))
    sign_in(client, world["official_a"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("disclosure:request", args=[request.pk]), {"text": "Một tỷ đồng."})
    request.refresh_from_db()
    assert request.answer == "Một tỷ đồng." and request.answered_by == world["official_a"]
    assert reports.request_row(request, today=timezone.localdate()).days_taken == 3
    assert Notice.objects.filter(user=world["resident_a1"], key=f"disclosure.answer:{request.pk}").exists()
    public = client.get(reverse("disclosure:item", args=[item.pk])).content.decode()
    assert "Một tỷ đồng." in public
    with pytest.raises(DomainError):
        actions.answer(request, actor=world["official_a"], text="Lần hai")


def test_an_unanswered_request_is_flagged_after_10_working_days(world):
    """Law Art 14 with the Law on Access to Information Art 28(1): 10 working days to answer."""
    request = actions.ask(actor=world["resident_a1"], unit=world["a"]["commune"], kind="expired", text="Xin lại.")
    asked_on = timezone.localdate(request.asked_at)
    row = reports.request_row(request, today=asked_on)
    assert not row.overdue
    assert reports.request_row(request, today=row.answer_by).overdue is False
    assert reports.request_row(request, today=row.answer_by + dt.timedelta(days=1)).overdue is True
    flagged = reports.unanswered([world["a"]["commune"].path], today=row.answer_by + dt.timedelta(days=1))
    assert [r.request for r in flagged] == [request]
    assert reports.unanswered([world["b"]["commune"].path], today=row.answer_by) == []


def test_another_communes_official_cannot_read_or_answer_a_request(client, world, sign_in):
    request = actions.ask(actor=world["resident_a1"], unit=world["a"]["commune"], kind="question", text="Hỏi")
    sign_in(client, world["official_b"])
    assert client.get(reverse("disclosure:request", args=[request.pk])).status_code == 404
    assert client.post(reverse("disclosure:request", args=[request.pk]), {"text": "x"}).status_code == 404
    assert "Hỏi" not in client.get(reverse("disclosure:requests")).content.decode()
    with pytest.raises(DomainError):
        actions.answer(request, actor=world["official_b"], text="x")


def test_unanswered_questions_are_not_public_but_the_asker_sees_them(client, world, sign_in):
    item = make_item(world["official_a"], world["a"]["commune"])
    actions.ask(actor=world["resident_a1"], unit=item.unit, item=item, kind="question", text="Câu hỏi riêng")
    assert "Câu hỏi riêng" not in client.get(reverse("disclosure:item", args=[item.pk])).content.decode()
    sign_in(client, world["resident_a1"])
    assert "Câu hỏi riêng" in client.get(reverse("disclosure:my-requests")).content.decode()
    sign_in(client, world["official_a"])
    assert "Câu hỏi riêng" in client.get(reverse("disclosure:console")).content.decode()


def test_a_change_is_shown_with_the_earlier_version(client, world):
    item = make_item(world["official_a"], world["a"]["commune"], title="Mức thu phí chợ")
    actions.update_item(item, actor=world["official_a"], title="Mức thu phí chợ (sửa đổi)", change_note="Giảm phí")
    html = client.get(reverse("disclosure:item", args=[item.pk])).content.decode()
    assert "Mức thu phí chợ (sửa đổi)" in html and "Giảm phí" in html and "<details>" in html
