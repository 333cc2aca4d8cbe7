"""The pages: the phone-first voting page without JavaScript, the console, the public report, the CSV
and the API; no resident's name anywhere public unless they signed; another commune refused."""

import datetime as dt
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from grassroots.opinion_maps import actions
from grassroots.opinion_maps.models import Vote

from .conftest import NAMES, bare_residents, opened, planted_votes, store_votes

pytestmark = pytest.mark.django_db


def test_the_resident_page_shows_the_next_statement_and_a_vote_moves_on(client, sign_in, cast):
    m = opened(cast, seeds=2)
    first, second = m.statements.order_by("pk")
    sign_in(client, cast["voters"][0])
    url = reverse("opinion_maps:take-part", args=[m.pk])
    text = client.get(url).content.decode()
    assert first.text in text and "<script" not in text.split("<main")[-1]
    response = client.post(reverse("opinion_maps:vote", args=[m.pk, first.pk]), {"value": "1"})
    assert response.status_code == 302
    text = client.get(url).content.decode()
    assert f'action="/opinion-maps/{m.pk}/statements/{second.pk}/vote/"' in text.replace("/vi", "")
    # A changed vote replaces the first one.
    client.post(reverse("opinion_maps:vote", args=[m.pk, first.pk]), {"value": "-1"})
    assert list(Vote.objects.filter(statement=first).values_list("value", flat=True)) == [-1]


def test_a_bad_vote_value_is_refused_with_422(client, sign_in, cast):
    m = opened(cast, seeds=1)
    sign_in(client, cast["voters"][0])
    response = client.post(reverse("opinion_maps:vote", args=[m.pk, m.statements.get().pk]), {"value": "7"})
    assert response.status_code == 422


def test_a_resident_writes_a_statement_through_the_page(client, sign_in, cast):
    m = opened(cast, seeds=1)
    sign_in(client, cast["voters"][0])
    response = client.post(reverse("opinion_maps:write", args=[m.pk]), {"text": "Làm thêm bãi đỗ xe gần chợ"})
    assert response.status_code == 302 and m.statements.count() == 2


def test_residents_elsewhere_and_drafts_are_404(client, sign_in, cast):
    m = opened(cast, seeds=1)
    sign_in(client, cast["outsider"])
    assert client.get(reverse("opinion_maps:take-part", args=[m.pk])).status_code == 404


def test_another_communes_official_is_refused_on_staff_pages_and_api(client, sign_in, cast):
    m = opened(cast, seeds=1)
    statement = m.statements.get()
    sign_in(client, cast["official_b"])
    assert m.title not in client.get(reverse("opinion_maps:console")).content.decode()
    assert client.get(reverse("opinion_maps:manage", args=[m.pk])).status_code == 404
    for name in ("seed", "open", "close", "publish", "compute"):
        assert client.post(reverse(f"opinion_maps:{name}", args=[m.pk]), {"confirm": "yes"}).status_code == 404
    for name in ("hide", "restore"):
        url = reverse(f"opinion_maps:{name}", args=[m.pk, statement.pk])
        assert client.post(url, {"reason": "x"}).status_code == 404
    assert client.get(reverse("opinion_maps:report-csv", args=[m.pk])).status_code == 404
    assert client.get(f"/api/v1/opinion-maps/{m.pk}").status_code == 404
    assert client.get("/api/v1/opinion-maps/").json()["items"] == []
    assert client.get(f"/api/v1/opinion-maps/open/{m.pk}").status_code == 404  # not published


def test_the_official_runs_the_map_from_the_console(client, sign_in, cast):
    sign_in(client, cast["official_a"])
    today = timezone.localdate()
    data = {"unit": cast["a"]["commune"].pk, "title": "Quy hoạch", "question": "Ưu tiên gì?",
            "opens_on": today.isoformat(), "closes_on": (today + dt.timedelta(days=18)).isoformat()}  # fmt: skip
    response = client.post(reverse("opinion_maps:console"), data)
    assert response.status_code == 422  # 19 days (Law Art 28)
    data["closes_on"] = (today + dt.timedelta(days=19)).isoformat()
    response = client.post(reverse("opinion_maps:console"), data)
    assert response.status_code == 302
    pk = int(response["Location"].rstrip("/").split("/")[-2])
    client.post(reverse("opinion_maps:seed", args=[pk]), {"text": "Dành đất cho trường mầm non"})
    assert client.post(reverse("opinion_maps:open", args=[pk])).status_code == 200  # the confirmation page
    assert client.post(reverse("opinion_maps:open", args=[pk]), {"confirm": "yes"}).status_code == 302
    assert "Dành đất cho trường mầm non" in client.get(reverse("opinion_maps:manage", args=[pk])).content.decode()


def _published(cast, django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    m = actions.create_map(
        actor=cast["official_a"], unit=cast["a"]["commune"], title="Bản đồ ý kiến", question="Ưu tiên gì?",
        opens_on=timezone.localdate(), closes_on=timezone.localdate() + dt.timedelta(days=25),
    )  # fmt: skip
    rows = planted_votes(n=60, statements=12, groups=3)
    residents = bare_residents(60)
    for i, name in enumerate(NAMES):  # four of them carry the names searched for below
        residents[i].full_name = name
        residents[i].save(update_fields=["full_name"])
    store_votes(m, rows, residents)
    signed = m.statements.order_by("pk").first()
    type(signed).objects.filter(pk=signed.pk).update(author=m.participants.order_by("pk")[1], signed=True)
    type(m).objects.filter(pk=m.pk).update(status="closed", closed_at=timezone.now() - dt.timedelta(minutes=1))
    m.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        actions.request_report(actor=cast["official_a"], opinion_map=m)
    actions.publish(actor=cast["official_a"], opinion_map=m)
    return m, residents[1].full_name


def test_no_identity_on_the_public_page_csv_or_api(client, cast, django_capture_on_commit_callbacks):
    m, signer = _published(cast, django_capture_on_commit_callbacks)
    page = client.get(reverse("opinion_maps:report", args=[m.pk])).content.decode()
    csv = client.get(reverse("opinion_maps:report-csv", args=[m.pk])).content.decode()
    api = json.dumps(client.get(f"/api/v1/opinion-maps/open/{m.pk}").json(), ensure_ascii=False)
    assert "<svg" in page and ("Nhóm A" in page or "Group A" in page)
    assert "Phát biểu 004" in api and '"groups"' in api
    unsigned = [n for n in NAMES if n != signer]
    for body in (page, csv, api):
        for name in unsigned:
            assert name not in body
    assert signer in page  # the one who chose to sign is named, with that statement only
    assert "Cư dân Thử" not in page + csv + api


def test_the_public_report_lists_hidden_statements_by_reason_only(client, cast, django_capture_on_commit_callbacks):
    m, _ = _published(cast, django_capture_on_commit_callbacks)
    statement = m.statements.order_by("pk").last()
    actions.hide_statement(actor=cast["official_a"], statement=statement, reason="Thông tin sai sự thật")
    page = client.get(reverse("opinion_maps:report", args=[m.pk])).content.decode()
    assert "Thông tin sai sự thật" in page and statement.text not in page


def test_an_unpublished_report_is_not_public(client, cast):
    m = opened(cast, seeds=1)
    assert client.get(reverse("opinion_maps:report", args=[m.pk])).status_code == 404
    assert client.get(reverse("opinion_maps:report-csv", args=[m.pk])).status_code == 404


def test_the_unit_page_lists_open_maps_for_anyone(client, cast):
    m = opened(cast, seeds=1)
    assert m.title in client.get(reverse("opinion_maps:unit", args=[cast["a"]["commune"].code])).content.decode()


def test_the_resident_finds_the_open_maps_where_they_live(client, sign_in, cast):
    m = opened(cast, seeds=1)
    sign_in(client, cast["voters"][0])
    assert m.title in client.get(reverse("opinion_maps:mine")).content.decode()
    sign_in(client, cast["outsider"])
    assert m.title not in client.get(reverse("opinion_maps:mine")).content.decode()
