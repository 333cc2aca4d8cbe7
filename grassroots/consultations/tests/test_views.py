"""The pages: each step through its form, residents' pages, the public pages without names, and a user of
another commune refused on every view (404, as for a missing object)."""

import pytest
from django.urls import reverse

from grassroots.consultations.models import Consultation, Opinion

from .conftest import NAMES, days_ago, first_article, planned, published, synthesised

pytestmark = pytest.mark.django_db


def test_the_official_creates_a_consultation_and_a_short_window_is_refused_with_the_article(client, sign_in, cast):
    sign_in(client, cast["official_a"])
    url = reverse("consultations:new", args=[cast["a"]["commune"].code])
    data = {"kind": "land_use", "title": "Quy hoạch", "summary": "Dự thảo", "channels": ["web", "slip"],
            "timeline": "Tháng 12", "responsible": "UBND", "window_days": 19, "answer_per": "resident"}  # fmt: skip
    refused = client.post(url, data)
    assert refused.status_code == 422 and (
        "Art 28" in refused.content.decode() or "Điều 28" in refused.content.decode()
    )
    response = client.post(url, {**data, "window_days": 20})
    c = Consultation.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("consultations:detail", args=[c.pk])
    page = client.get(response["Location"])
    assert page.status_code == 200 and 'id="opinion-map"' in page.content.decode()


def test_the_steps_run_through_their_forms(client, sign_in, cast):
    c = planned(cast)
    sign_in(client, cast["official_a"])
    for who in ("council", "front"):
        r = client.post(reverse("consultations:plan-sent", args=[c.pk]), {"recipient": who, "sent_on": days_ago(1)})
        assert r.status_code == 302
    r = client.post(reverse("consultations:question", args=[c.pk]), {"kind": "single", "text": "Đồng ý?",
                                                                     "options": "Có\nKhông", "scale_max": 5})  # fmt: skip
    assert r.status_code == 302
    confirm = client.post(reverse("consultations:publish", args=[c.pk]), {"published_on": days_ago(0)})
    assert confirm.status_code == 200 and not Consultation.objects.get().published_on
    r = client.post(reverse("consultations:publish", args=[c.pk]), {"published_on": days_ago(0), "confirm": "yes"})
    assert r.status_code == 302 and Consultation.objects.get().published_on == days_ago(0)
    page = client.get(reverse("consultations:detail", args=[c.pk])).content.decode()
    assert 'id="enter"' in page and "Đồng ý?" in page


def test_a_resident_comments_on_an_article(client, sign_in, cast):
    c = published(cast)
    sign_in(client, cast["res1"])
    assert "Lấy ý kiến" in client.get(reverse("consultations:index")).content.decode()
    page = client.get(reverse("consultations:detail", args=[c.pk])).content.decode()
    assert f'name="article" value="{first_article(c).pk}"' in page
    article = first_article(c)
    r = client.post(reverse("consultations:opinion", args=[c.pk]), {"article": article.pk, "stance": "disagree",
                                                                    "body": "Cần thêm cây xanh"})  # fmt: skip
    assert r.status_code == 302
    o = Opinion.objects.get()
    assert (o.article, o.channel, o.signed_publicly) == (article, "web", False)


def test_a_user_of_another_commune_is_refused_on_every_view(client, sign_in, cast):
    c = synthesised(cast)
    opinion = c.opinions.first()
    for who in ("official_b", "res_b"):
        client.logout()
        sign_in(client, cast[who])
        assert c.title not in client.get(reverse("consultations:index")).content.decode()
        assert client.get(reverse("consultations:new", args=[cast["a"]["commune"].code])).status_code == 404
        assert client.get(reverse("consultations:detail", args=[c.pk])).status_code == 404
        assert client.get(reverse("consultations:compare", args=[c.pk]), {"a": 1, "b": 1}).status_code == 404
        for name in ("answer", "opinion", "plan-sent", "draft", "question", "publish", "enter", "slip", "group",
                     "assign", "respond", "synthesis", "decision", "close"):  # fmt: skip
            assert client.post(reverse(f"consultations:{name}", args=[c.pk]), {"confirm": "yes"}).status_code == 404
        assert client.post(reverse("consultations:hide", args=[c.pk, opinion.pk]), {"reason": "x"}).status_code == 404
        for ext in ("pdf", "docx"):
            assert client.get(reverse("consultations:document", args=[c.pk, "synthesis", ext])).status_code == 404


def test_a_resident_sees_what_became_of_their_opinion(client, sign_in, cast):
    synthesised(cast)
    sign_in(client, cast["res1"])
    page = client.get(reverse("consultations:index")).content.decode()
    assert "Bổ sung 1 ha cây xanh" in page


def test_no_residents_identity_on_public_pages_unless_signed_publicly(client, cast):
    c = synthesised(cast)
    for url in (reverse("consultations:public", args=[c.pk]),
                reverse("consultations:public-list", args=[cast["a"]["commune"].code])):  # fmt: skip
        body = client.get(url).content.decode()
        assert NAMES[0] not in body and "Phạm Văn Họp" not in body
    body = client.get(reverse("consultations:public", args=[c.pk])).content.decode()
    assert NAMES[1] in body  # signed publicly
    assert "Bổ sung 1 ha cây xanh" in body and "Thiếu đất cây xanh" in body


def test_the_synthesis_report_is_public_once_published_and_the_dossier_is_not(client, sign_in, cast):
    c = synthesised(cast)
    for ext in ("pdf", "docx"):
        r = client.get(reverse("consultations:public-document", args=[c.pk, ext]))
        assert r.status_code == 200 and r["Content-Disposition"].startswith("attachment")
    assert client.get(reverse("consultations:public", args=[c.pk + 100])).status_code == 404


def test_the_art27_dossier_is_generated_and_linked_for_the_commune(client, sign_in, cast):
    c = published(cast, kind="individual", channels=["affected"], affected_person="Ông Đinh Văn Hộ")
    sign_in(client, cast["official_a"])
    page = client.get(reverse("consultations:detail", args=[c.pk])).content.decode()
    url = reverse("consultations:document", args=[c.pk, "dossier", "pdf"])
    assert url in page and client.get(url).status_code == 200
    client.logout()
    sign_in(client, cast["res1"])
    assert client.get(url).status_code == 404


def test_after_the_window_the_official_groups_answers_and_publishes_through_the_forms(client, sign_in, cast):
    from .conftest import time_passes

    c = published(cast)
    actions_opinion = __import__("grassroots.consultations.actions", fromlist=["give_opinion"])
    o = actions_opinion.give_opinion(actor=cast["res1"], consultation=c, stance="agree", body="Đồng ý")
    c = time_passes(c)
    sign_in(client, cast["official_a"])
    page = client.get(reverse("consultations:detail", args=[c.pk])).content.decode()
    assert 'id="grouping"' in page
    assert client.post(reverse("consultations:group", args=[c.pk]), {"title": "Nhóm 1"}).status_code == 302
    group = c.groups.get()
    r = client.post(reverse("consultations:assign", args=[c.pk]), {"group": group.pk, "opinions": [o.pk]})
    assert r.status_code == 302 and Opinion.objects.get().group == group
    r = client.post(reverse("consultations:respond", args=[c.pk]), {"group": group.pk, "take_up": "not_taken"})
    assert r.status_code == 422 or not c.groups.get().take_up  # an explanation is required (Law Art 28(3))
    r = client.post(reverse("consultations:respond", args=[c.pk]), {"group": group.pk, "take_up": "taken"})
    assert c.groups.get().take_up == "taken"
    r = client.post(reverse("consultations:synthesis", args=[c.pk]), {"summary": "Tổng hợp", "confirm": "yes"})
    assert r.status_code == 302 and Consultation.objects.get().synthesis_published_at
