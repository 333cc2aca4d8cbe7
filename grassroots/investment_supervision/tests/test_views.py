"""The pages: public project page (no personal data), the console and its steps through forms, the papers; a
user of another commune is refused everywhere (404)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from grassroots.investment_supervision import actions
from grassroots.investment_supervision.choices import ItemStatus, PartyRole
from grassroots.investment_supervision.models import Project

from .conftest import days_ago, set_up, supervising

pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n" + b"0" * 64


def _recommended(cast):  # type: ignore[no-untyped-def]
    board = supervising(cast)
    rec = actions.draft_recommendation(actor=cast["resident_member"], board=board, kind="suspend",
                                       findings="Đổ bê tông sai mác thiết kế", text="Tạm dừng thi công đoạn 2",
                                       drafted_on=days_ago(20))  # fmt: skip
    actions.send_recommendation(actor=cast["front"], recommendation=rec, sent_on=days_ago(20))
    return board, rec


def test_the_public_page_shows_members_progress_and_overdue_answers_without_personal_data(client, cast):
    board, _rec = _recommended(cast)
    page = client.get(reverse("investment_supervision:public", args=[board.project.pk])).content.decode()
    assert "Nguyễn Văn Mặt" in page and "Tạm dừng thi công đoạn 2" in page and "Công ty Xây dựng B" in page
    assert "inspector_a" not in page and "member_a" not in page  # no account names
    assert 'class="flagged"' in page  # sent 20 days ago, unanswered: overdue (Law Arts 44–45)


def test_the_commune_page_lists_its_projects_and_the_unit_page_links_it(client, cast):
    board = set_up(cast)
    commune = cast["a"]["commune"]
    page = client.get(reverse("investment_supervision:commune", args=[commune.code])).content.decode()
    assert board.project.title in page
    unit = client.get(reverse("territory:unit-detail", args=[commune.code])).content.decode()
    assert reverse("investment_supervision:commune", args=[commune.code]) in unit


def test_the_front_sets_up_a_board_and_records_a_party_through_the_forms(client, sign_in, cast):
    sign_in(client, cast["front"])
    url = reverse("investment_supervision:console")
    response = client.post(url, {"title": "Nhà văn hóa thôn A1", "kind": "community_funded",
                                 "villages": [cast["a"]["village1"].pk], "set_up_on": days_ago(1).isoformat()})  # fmt: skip
    project = Project.objects.get()
    assert response.status_code == 302
    step = reverse("investment_supervision:step", args=[project.pk, "party"])
    assert client.post(step, {"role": PartyRole.INVESTOR, "name": "UBND xã A"}).status_code == 302
    refused = client.post(reverse("investment_supervision:step", args=[project.pk, "member"]),
                          {"full_name": "Phạm Văn Rể", "seat": "front", "position": "member",
                           f"party_{project.parties.get().pk}": "spouse"})  # fmt: skip
    assert refused.status_code == 422 and "Điều 42" in refused.content.decode()  # Law Art 42, in Vietnamese


def test_a_member_records_a_check_with_a_photo_and_the_chair_answers(client, sign_in, cast, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    board, rec = _recommended(cast)
    item = board.items.first()
    sign_in(client, cast["resident_member"])
    url = reverse("investment_supervision:step-on", args=[board.project.pk, "item", item.pk])
    photo = SimpleUploadedFile("anh.png", PNG, content_type="image/png")
    assert client.post(url, {"status": ItemStatus.CONCERN, "notes": "Nứt", "evidence": photo}).status_code == 302
    item.refresh_from_db()
    assert item.status == ItemStatus.CONCERN and item.evidence.name.endswith(".png")
    evidence = reverse("investment_supervision:evidence", args=[board.project.pk, item.pk])
    assert client.get(evidence).status_code == 200
    bad = SimpleUploadedFile("anh.png", b"not a png at all", content_type="image/png")
    assert client.post(url, {"status": ItemStatus.CONCERN, "evidence": bad}).status_code == 422
    client.logout()
    sign_in(client, cast["chair"])
    answer = reverse("investment_supervision:step-on", args=[board.project.pk, "answer", rec.pk])
    assert (
        client.post(answer, {"answer": "Đã yêu cầu nhà thầu dừng", "answered_on": days_ago(0).isoformat()}).status_code
        == 302
    )
    rec.refresh_from_db()
    assert rec.answered_on == days_ago(0)


def test_the_papers_are_linked_and_download(client, sign_in, cast):
    board, rec = _recommended(cast)
    sign_in(client, cast["front"])
    page = client.get(reverse("investment_supervision:project", args=[board.project.pk])).content.decode()
    for kind in ("notice", rec.paper):
        for ext in ("pdf", "docx"):
            url = reverse("investment_supervision:document", args=[board.project.pk, kind, ext])
            assert url in page
            response = client.get(url)
            assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    assert (
        client.get(reverse("investment_supervision:document", args=[board.project.pk, "report", "pdf"])).status_code
        == 404
    )


def test_a_user_of_another_commune_is_refused_on_every_page(client, sign_in, cast):
    board, rec = _recommended(cast)
    pk = board.project.pk
    sign_in(client, cast["official_b"])
    assert client.get(reverse("investment_supervision:project", args=[pk])).status_code == 404
    assert client.get(reverse("investment_supervision:document", args=[pk, "notice", "pdf"])).status_code == 404
    for name, target in (("party", None), ("close", None), ("answer", rec.pk), ("send", rec.pk)):
        url = reverse("investment_supervision:step", args=[pk, name]) if target is None else reverse(
            "investment_supervision:step-on", args=[pk, name, target])  # fmt: skip
        assert client.post(url, {"role": "investor", "name": "X"}).status_code == 404
    assert board.project.title not in client.get(reverse("investment_supervision:console")).content.decode()


def test_removing_a_member_asks_for_confirmation_then_ends_the_role(client, sign_in, cast):
    board = supervising(cast)
    member = board.members.get(user=cast["inspector"])
    sign_in(client, cast["front"])
    url = reverse("investment_supervision:step-on", args=[board.project.pk, "remove", member.pk])
    assert client.post(url).status_code == 200  # the confirmation page
    member.refresh_from_db()
    assert member.status == "on_board"
    assert client.post(url, {"confirm": "yes"}).status_code == 302
    member.refresh_from_db()
    assert member.status == "left" and member.role_assignment.valid_to is not None
