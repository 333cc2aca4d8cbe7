"""Pages, minutes and API of the dialogues: residents ask and see answers; askers are named publicly only
when they signed; a user of another commune is refused (Law Art 32)."""

import datetime as dt
import json

from django.urls import reverse

from grassroots.dialogues import actions

from .conftest import RESIDENT_NAME, held_with_answers, published, today


def test_no_residents_identity_in_public_pages_or_api(client, cast):
    d = held_with_answers(cast)
    bodies = [
        client.get(reverse("dialogues:public-dialogue", args=[d.pk])).content.decode(),
        client.get(reverse("dialogues:public-commune", args=["AC"])).content.decode(),
        json.dumps(client.get("/api/v1/dialogues/open/AC").json(), ensure_ascii=False),
    ]
    assert "Khi nào sửa đường liên thôn?" in bodies[0] and "Quý I năm sau." in bodies[0]
    assert "Quý I năm sau." in bodies[2]
    for body in bodies:
        assert RESIDENT_NAME not in body and cast["resident"].username not in body


def test_a_signed_question_shows_its_name_on_the_page_but_not_in_the_open_data(client, cast):
    d = published(cast, today() + dt.timedelta(days=10))
    actions.ask_question(actor=cast["resident"], dialogue=d, text="Câu hỏi ký tên", signed=True)
    assert RESIDENT_NAME in client.get(reverse("dialogues:public-dialogue", args=[d.pk])).content.decode()
    assert RESIDENT_NAME not in json.dumps(client.get("/api/v1/dialogues/open/AC").json(), ensure_ascii=False)


def test_an_unpublished_answer_is_not_public(client, cast):
    d = published(cast)
    q = actions.ask_question(actor=cast["resident"], dialogue=d, text="Hỏi")
    d = actions.hold_dialogue(actor=cast["chair_a"], dialogue=d, attendance=5, chair_name="A", front_representative="B")
    actions.record_answer(actor=cast["chair_a"], question=q, answer="Bản nháp trả lời", answered_by_name="X")
    assert "Bản nháp trả lời" not in client.get(reverse("dialogues:public-dialogue", args=[d.pk])).content.decode()
    assert "Bản nháp trả lời" not in client.get("/api/v1/dialogues/open/AC").content.decode()


def test_a_dialogue_before_its_notice_is_not_public(client, cast):
    d = actions.schedule_dialogue(
        actor=cast["chair_a"], commune=cast["commune"], planned_on=today(), venue="X", topics="Y"
    )
    assert client.get(reverse("dialogues:public-dialogue", args=[d.pk])).status_code == 404


def test_a_resident_asks_through_the_page(client, sign_in, cast):
    d = published(cast, today() + dt.timedelta(days=10))
    sign_in(client, cast["resident"])
    page = client.get(reverse("dialogues:public-dialogue", args=[d.pk])).content.decode()
    assert reverse("dialogues:ask", args=[d.pk]) in page
    response = client.post(reverse("dialogues:ask", args=[d.pk]), {"text": "Đường xóm khi nào làm?"})
    assert response.status_code == 302
    assert "Đường xóm khi nào làm?" in client.get(reverse("dialogues:mine")).content.decode()
    assert client.post(reverse("dialogues:ask", args=[d.pk]), {"text": ""}).status_code == 422


def test_the_minutes_are_linked_and_render_as_pdf_and_docx(client, sign_in, cast):
    d = held_with_answers(cast)
    sign_in(client, cast["chair_a"])
    page = client.get(reverse("dialogues:dialogue", args=[d.pk])).content.decode()
    for ext in ("pdf", "docx"):
        url = reverse("dialogues:minutes", args=[d.pk, ext])
        assert url in page
        assert client.get(url).status_code == 200
    client.logout()
    public = client.get(reverse("dialogues:public-dialogue", args=[d.pk])).content.decode()
    url = reverse("dialogues:public-minutes", args=[d.pk, "pdf"])
    assert url in public
    response = client.get(url)
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_the_console_steps_run_through_the_pages(client, sign_in, cast):
    sign_in(client, cast["chair_a"])
    response = client.post(reverse("dialogues:commune", args=["AC"]),
                           {"planned_on": today().isoformat(), "venue": "Hội trường", "topics": "Đất đai"})  # fmt: skip
    assert response.status_code == 302
    d = cast["commune"].dialogues.get()
    assert client.post(reverse("dialogues:notice", args=[d.pk]), {"text": ""}).status_code == 302  # refused: no Front
    d.refresh_from_db()
    assert not d.is_published
    sign_in(client, cast["cfront_a"])
    assert client.post(reverse("dialogues:agree", args=[d.pk]), {"agreed_on": today().isoformat()}).status_code == 302
    data = {
        "text": "Hỏi qua thôn",
        "channel": "village",
        "received_on": today().isoformat(),
        "village": cast["a"]["village1"].pk,
    }
    assert client.post(reverse("dialogues:enter-question", args=[d.pk]), data).status_code == 302
    sign_in(client, cast["chair_a"])
    client.post(reverse("dialogues:notice", args=[d.pk]), {"text": "Mời dự"})
    d.refresh_from_db()
    assert d.is_published
    hold = {"attendance": "80", "chair_name": "Chủ tịch", "front_representative": "Mặt trận"}
    assert b"confirm" in client.post(reverse("dialogues:hold", args=[d.pk]), hold).content
    assert client.post(reverse("dialogues:hold", args=[d.pk]), {**hold, "confirm": "yes"}).status_code == 302
    q = d.questions.get()
    assert (
        client.post(
            reverse("dialogues:answer", args=[q.pk]), {"answer": "Đã giao", "answered_by_name": "Phó chủ tịch"}
        ).status_code
        == 302
    )
    assert client.post(reverse("dialogues:publish-answer", args=[q.pk])).status_code == 302
    q.refresh_from_db()
    assert q.status == "published" and q.answered_by == cast["chair_a"]


def test_a_user_of_another_commune_is_refused_pages_and_api(client, sign_in, cast):
    d = held_with_answers(cast)
    q = d.questions.get()
    sign_in(client, cast["official_b"])
    for url in (reverse("dialogues:commune", args=["AC"]), reverse("dialogues:dialogue", args=[d.pk]),
                reverse("dialogues:minutes", args=[d.pk, "pdf"])):  # fmt: skip
        assert client.get(url).status_code == 404
    assert (
        client.post(reverse("dialogues:answer", args=[q.pk]), {"answer": "x", "answered_by_name": "x"}).status_code
        == 404
    )
    assert client.post(reverse("dialogues:hide-question", args=[q.pk]), {"reason": "x"}).status_code == 404
    assert client.post(reverse("dialogues:commune", args=["AC"]), {}).status_code == 404
    assert client.get("/api/v1/dialogues/communes/AC").status_code == 404
    assert client.get("/api/v1/dialogues/communes/BC").status_code == 200
    sign_in(client, cast["resident_b"])
    d2 = published(cast, today() + dt.timedelta(days=10))
    assert client.post(reverse("dialogues:ask", args=[d2.pk]), {"text": "?"}).status_code == 404


def test_the_console_api_reads_the_yearly_standing(client, sign_in, cast):
    held_with_answers(cast)
    sign_in(client, cast["cfront_a"])
    body = client.get("/api/v1/dialogues/communes/AC").json()
    assert body["standing"]["status"] == "held" and body["standing"]["flagged"] is False
    assert client.get("/api/v1/dialogues/open/nope").status_code == 404
    client.logout()
    assert client.get("/api/v1/dialogues/communes/AC").status_code == 401
