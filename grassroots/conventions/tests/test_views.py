"""The pages and downloads: the public register shows posted and recognized versions; the consoles run every
step through the actions; every console view and closed endpoint refuses another commune's user (404)."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from grassroots.conventions import actions
from grassroots.conventions.models import Convention, RulingKind, VersionStatus
from grassroots.core.tests.readback import docx_text, pdf_text

from .conftest import TEXT, drafted, in_force, posted

pytestmark = pytest.mark.django_db


def test_public_register_shows_the_version_in_force_and_its_history(client, village, recognized):
    page = client.get(reverse("conventions:register"))
    assert page.status_code == 200
    assert "Quy ước thôn A1" in page.content.decode()
    detail = client.get(reverse("conventions:convention", args=[recognized.convention_id])).content.decode()
    assert reverse("conventions:version", args=[recognized.pk]) in detail
    assert reverse("conventions:document", args=[recognized.pk, "03", "pdf"]) in detail
    version = client.get(reverse("conventions:version", args=[recognized.pk])).content.decode()
    assert "Điều 2. Vệ sinh môi trường" in version


def test_unit_page_shows_the_villages_convention(client, village, recognized):
    page = client.get(reverse("territory:unit-detail", args=[village["a1"].code])).content.decode()
    assert reverse("conventions:convention", args=[recognized.convention_id]) in page


def test_a_draft_not_yet_posted_is_not_public(client, village):
    version = actions.add_version(drafted(village), actor=village["head"], text=TEXT)
    assert client.get(reverse("conventions:version", args=[version.pk])).status_code == 404
    assert client.get(reverse("conventions:convention", args=[version.convention_id])).status_code == 404
    assert "Quy ước thôn A1" not in client.get(reverse("conventions:register")).content.decode()


def test_a_representative_comments_online_on_an_article(client, village):
    version = posted(village)
    client.force_login(village["voters"][0])
    url = reverse("conventions:comment", args=[version.pk])
    response = client.post(url, {"article": "2", "body": "Nên quy định giờ đổ rác buổi sáng."})
    assert response.status_code == 302
    assert version.comments.get().article.number == 2
    assert client.post(url, {"article": "", "body": ""}).status_code == 422


def test_hidden_comment_shows_its_reason_in_its_place(client, village):
    version = posted(village)
    comment = actions.comment_online(version, user=village["voters"][0], body="Quảng cáo", article=1)
    actions.hide_comment(comment, actor=village["head"], reason="Quảng cáo, không góp ý.")
    page = client.get(reverse("conventions:version", args=[version.pk])).content.decode()
    assert "Quảng cáo, không góp ý." in page
    assert "<strong>" not in page.split("Quảng cáo, không góp ý.")[0].rsplit("<li>", 1)[-1]


def test_console_runs_the_steps(client, sign_in, village):
    sign_in(client, village["head"])
    assert client.get(reverse("conventions:console-home")).status_code == 200
    response = client.post(reverse("conventions:propose"), {"village": village["a1"].pk, "kind": "quy_uoc",
                           "title": "Quy ước thôn A1", "proposed_via": "village_head", "front_agreed": "on"})  # fmt: skip
    convention = Convention.objects.get()
    assert response.status_code == 302
    members = "Hoàng Văn Già; người cao tuổi; elder\nLò Thị Nói; Hội Phụ nữ"
    assert client.post(reverse("conventions:team", args=[convention.pk]), {"members": members}).status_code == 302
    assert client.post(reverse("conventions:add-version", args=[convention.pk]), {"text": TEXT}).status_code == 302
    version = convention.versions.get()
    # Posted today, it cannot go to the households yet (D61 Art 9(1)): refused beside the button.
    today = timezone.localdate().isoformat()
    assert (
        client.post(reverse("conventions:post", args=[version.pk]), {"posted_on": today, "place": "NVH"}).status_code
        == 302
    )
    response = client.post(reverse("conventions:put-to-vote", args=[version.pk]), {"confirm": "yes"})
    assert response.status_code == 422 and "D61" in response.content.decode()
    page = client.get(reverse("conventions:console", args=[convention.pk])).content.decode()
    assert "Điều 2" in page


def test_console_recognizes_after_confirmation(client, sign_in, village):
    from .conftest import adopted

    version = adopted(village)
    sign_in(client, village["chair"])
    url = reverse("conventions:recognize", args=[version.pk])
    assert "confirm" in client.post(url, {"decision_number": "7"}).content.decode()
    assert client.post(url, {"decision_number": "7", "confirm": "yes"}).status_code == 302
    version.refresh_from_db()
    assert version.status == VersionStatus.IN_FORCE


def test_late_recognition_is_flagged_with_its_article(client, sign_in, village):
    from grassroots.conventions.models import Version

    from .conftest import adopted

    version = adopted(village)
    Version.objects.filter(pk=version.pk).update(recognition_due_on=timezone.localdate() - dt.timedelta(days=1))
    sign_in(client, village["chair"])
    page = client.get(reverse("conventions:console-home")).content.decode()
    assert "overdue" in page or "quá hạn" in page
    assert "Art 11(3)" in page or "Điều 11" in page


def test_documents_read_back_with_their_fields(client, sign_in, village, recognized):
    sign_in(client, village["head"])
    for form, words in [("01", ["TỜ TRÌNH", "Kính gửi", "Trưởng thôn"]),
                        ("02", ["NGHỊ QUYẾT", "Số hộ tán thành", "Đại diện hộ gia đình", "Hộ Một"]),
                        ("text", ["Điều 1. Phạm vi điều chỉnh", "Vệ sinh môi trường"]),
                        ("03", ["QUYẾT ĐỊNH", "Công nhận", "có hiệu lực kể từ ngày", "12/QĐ-UBND"])]:  # fmt: skip
        for ext, read in (("docx", docx_text), ("pdf", pdf_text)):
            response = client.get(reverse("conventions:document", args=[recognized.pk, form, ext]))
            assert response.status_code == 200, (form, ext)
            text = read(b"".join(response.streaming_content) if response.streaming else response.content)
            assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text.replace("\n", " ") or "CỘNG HÒA" in text
            for word in words:
                assert word in text, (form, ext, word)


def test_forms_04_and_05_read_back(client, village, recognized):
    today = timezone.localdate()
    convention = recognized.convention
    suspension = actions.receive_report(convention, actor=village["chair"], kind=RulingKind.SUSPENSION, whole=False,
                                        articles="Điều 3", report="Gây tốn kém.", reported_by="Hộ ông Ba",
                                        received_on=today)  # fmt: skip
    actions.answer_report(suspension, actor=village["chair"], founded=True, reasons="Điều 3 trái quy định.",
                          fix_by=today + dt.timedelta(days=30))  # fmt: skip
    abolition = actions.receive_report(convention, actor=village["chair"], kind=RulingKind.ABOLITION, whole=True,
                                       articles="", report="Trái luật.", reported_by="Phòng Văn hóa", received_on=today)  # fmt: skip
    actions.answer_report(abolition, actor=village["chair"], founded=True, reasons="Nội dung trái pháp luật.")
    for ruling, words in ((suspension, ["tạm ngưng thực hiện", "Điều 3", "sửa đổi, bổ sung trước"]),
                          (abolition, ["bãi bỏ", "toàn bộ", "Nội dung trái pháp luật"])):  # fmt: skip
        for ext, read in (("docx", docx_text), ("pdf", pdf_text)):
            response = client.get(reverse("conventions:ruling-document", args=[ruling.pk, ext]))
            assert response.status_code == 200
            text = read(response.content).replace("\n", " ")
            for word in words:
                assert word in text, (ext, word)


def test_statistics_page_and_csv(client, village, recognized):
    page = client.get(reverse("conventions:statistics")).content.decode()
    assert "Tỉnh A" in page
    csv = client.get(reverse("conventions:statistics-csv")).content.decode()
    assert "Tỉnh A,1,0,0,0,0" in csv


def test_compare_shows_changed_articles(client, village, recognized):
    from .conftest import TEXT_2, backdate

    second = backdate(actions.add_version(recognized.convention, actor=village["head"], text=TEXT_2), 30)
    actions.post_version(
        second, actor=village["head"], posted_on=timezone.localdate() - dt.timedelta(days=30), place="NVH"
    )
    page = client.get(reverse("conventions:compare", args=[second.pk])).content.decode()
    assert "17 giờ đến 19 giờ" in page and "Điều 4" in page


# --- Another commune's user is refused on every view and endpoint -------------------------------------
def _console_posts(convention, version, comment, ruling):  # type: ignore[no-untyped-def]
    return [
        reverse("conventions:console", args=[convention.pk]),
        reverse("conventions:team", args=[convention.pk]),
        reverse("conventions:add-version", args=[convention.pk]),
        reverse("conventions:report", args=[convention.pk]),
        reverse("conventions:review", args=[convention.pk]),
        reverse("conventions:review-day", args=[convention.pk]),
        reverse("conventions:post", args=[version.pk]),
        reverse("conventions:enter-comment", args=[version.pk]),
        reverse("conventions:put-to-vote", args=[version.pk]),
        reverse("conventions:dossier", args=[version.pk]),
        reverse("conventions:recognize", args=[version.pk]),
        reverse("conventions:refuse", args=[version.pk]),
        reverse("conventions:distribute", args=[version.pk]),
        reverse("conventions:hide", args=[comment.pk]),
        reverse("conventions:answer", args=[ruling.pk]),
    ]


@pytest.mark.parametrize("who", ["head_b1", "chair_b", "official_b"])
def test_another_communes_user_is_refused_every_console_view(client, sign_in, village, recognized, who):
    convention = recognized.convention
    comment = actions.enter_comment(
        actions.post_version(
            __import__("grassroots.conventions.tests.conftest", fromlist=["backdate"]).backdate(
                actions.add_version(convention, actor=village["head"], text=TEXT), 1
            ),
            actor=village["head"], posted_on=timezone.localdate(), place="NVH",
        ),
        actor=village["head"], channel="paper", author_name="Hộ", body="Ý kiến", given_on=timezone.localdate(),
    )  # fmt: skip
    ruling = actions.receive_report(convention, actor=village["chair"], kind=RulingKind.ABOLITION, whole=True,
                                    articles="", report="x", reported_by="y", received_on=timezone.localdate())  # fmt: skip
    sign_in(client, village[who])
    for url in _console_posts(convention, recognized, comment, ruling):
        method = client.get if url.endswith(f"/console/{convention.pk}/") else client.post
        assert method(url, {"confirm": "yes"}).status_code == 404, url
    # Forms 01 and 02 (the dossier, with the signatories' names) only for the console of the village's commune.
    for form in ("01", "02"):
        assert client.get(reverse("conventions:document", args=[recognized.pk, form, "pdf"])).status_code == 404
    # The console list and the API's console list show nothing of commune A.
    home = client.get(reverse("conventions:console-home"))
    assert home.status_code == 200 and "Quy ước thôn A1" not in home.content.decode()
    assert client.get("/api/v1/conventions/console").json() == []
    comment.refresh_from_db()
    assert comment.hidden_at is None


def test_an_account_with_no_console_role_gets_404(client, sign_in, village):
    sign_in(client, village["voters"][0], second_factor=False)
    assert client.get(reverse("conventions:console-home")).status_code == 404


def test_another_villages_representative_cannot_comment(client, village):
    version = posted(village)
    from grassroots.accounts.tests.factories import UserFactory
    from grassroots.people.models import Representation

    rep = Representation.objects.filter(household=village["households"]["b1"]).select_related("resident").get()
    outsider = UserFactory(username="rep_b1", resident=rep.resident)
    client.force_login(outsider)
    response = client.post(reverse("conventions:comment", args=[version.pk]), {"body": "x"})
    assert response.status_code == 422 and not version.comments.exists()


def test_api_open_data_and_console(client, sign_in, village, recognized):
    listing = client.get("/api/v1/conventions/").json()
    assert listing["items"][0]["in_force_version"] == 1
    detail = client.get(f"/api/v1/conventions/{recognized.convention_id}").json()
    assert detail["versions"][0]["effective_on"] == timezone.localdate().isoformat()
    text = client.get(f"/api/v1/conventions/versions/{recognized.pk}").json()
    assert [a["number"] for a in text["articles"]] == [0, 1, 2, 3]
    assert client.get("/api/v1/conventions/statistics").json()[0]["recognized"] >= 1
    assert client.get("/api/v1/conventions/console").status_code == 401
    sign_in(client, village["head"])
    assert client.get("/api/v1/conventions/console").json()[0]["id"] == recognized.convention_id


def test_api_hides_an_unposted_draft(client, village):
    version = actions.add_version(drafted(village), actor=village["head"], text=TEXT)
    assert client.get(f"/api/v1/conventions/versions/{version.pk}").status_code == 404
    assert client.get(f"/api/v1/conventions/{version.convention_id}").status_code == 404


def test_in_force_helper(village):
    assert in_force(village).status == VersionStatus.IN_FORCE


def test_public_page_shows_comments_without_the_names_of_those_who_gave_them(client, sign_in, village):
    version = posted(village)
    actions.enter_comment(version, actor=village["head"], channel="paper", author_name="Hộ bà Nguyễn Thị Lan",
                          body="Đồng ý với Điều 2.", given_on=timezone.localdate(), article=2)  # fmt: skip
    page = client.get(reverse("conventions:version", args=[version.pk])).content.decode()
    assert "Đồng ý với Điều 2." in page and "Nguyễn Thị Lan" not in page
    sign_in(client, village["head"])
    assert "Nguyễn Thị Lan" in client.get(reverse("conventions:console", args=[version.convention_id])).content.decode()


def test_hiding_without_a_reason_is_refused_on_the_console(client, sign_in, village):
    version = posted(village)
    comment = actions.comment_online(version, user=village["voters"][0], body="Ý kiến", article=1)
    sign_in(client, village["head"])
    response = client.post(reverse("conventions:hide", args=[comment.pk]), {"reason": ""})
    assert response.status_code == 422 and 'class="error"' in response.content.decode()
    comment.refresh_from_db()
    assert comment.hidden_at is None
