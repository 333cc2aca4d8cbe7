"""The officials' console (issue 12, items 1–3): drafting, publishing, attachments, postings, compliance,
the loudspeaker script; and who may do it (another commune's official sees no draft and edits nothing)."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from grassroots.core.errors import DomainError
from grassroots.core.models import AuditEvent
from grassroots.disclosure import actions, compliance
from grassroots.disclosure.choices import Channel
from grassroots.disclosure.models import Item, Version
from grassroots.disclosure.rules import Problem

from .factories import PDF_BYTES, PNG_BYTES, make_item

pytestmark = pytest.mark.django_db
D = dt.date


def test_an_official_creates_a_draft_and_publishes_it_with_the_web_page_logged(world):
    item = make_item(world["official_a"], world["a"]["commune"], publish=False)
    assert item.status == Item.Status.DRAFT
    published = actions.publish_item(item, actor=world["official_a"], today=D(2026, 3, 3))
    assert published.published_on == D(2026, 3, 3)
    assert [(p.channel, p.started_on) for p in published.postings.all()] == [(Channel.WEB_PORTAL, D(2026, 3, 3))]
    assert AuditEvent.objects.filter(verb="disclosure.item_published").count() == 1


def test_another_communes_official_cannot_create_or_publish(world):
    with pytest.raises(DomainError):
        make_item(world["official_b"], world["a"]["commune"], publish=False)
    item = make_item(world["official_a"], world["a"]["commune"], publish=False)
    with pytest.raises(DomainError):
        actions.publish_item(item, actor=world["official_b"])


def test_a_village_head_does_not_keep_the_commune_register(world):
    with pytest.raises(DomainError):
        make_item(world["head_a1"], world["a"]["village1"], publish=False)


def test_a_change_to_a_published_item_keeps_the_earlier_version(world):
    """Law Art 14: a change to information already disclosed is disclosed, the earlier text kept."""
    item = make_item(world["official_a"], world["a"]["commune"])
    with pytest.raises(DomainError):
        actions.update_item(item, actor=world["official_a"], title="Dự toán điều chỉnh")
    actions.update_item(item, actor=world["official_a"], title="Dự toán điều chỉnh", change_note="Điều chỉnh thu")
    item.refresh_from_db()
    assert (item.title, item.version) == ("Dự toán điều chỉnh", 2)
    old = Version.objects.get(item=item)
    assert (old.number, old.title, old.change_note) == (1, "Dự toán ngân sách năm 2026", "Điều chỉnh thu")
    assert "du toan dieu chinh" in item.search_folded


def test_attachments_are_checked_by_content(world):
    item = make_item(world["official_a"], world["a"]["commune"], publish=False)
    ok = actions.add_attachment(item, actor=world["official_a"], file=SimpleUploadedFile("dt.pdf", PDF_BYTES))
    assert ok.size == len(PDF_BYTES)
    with pytest.raises(DomainError):  # a program renamed .pdf
        actions.add_attachment(item, actor=world["official_a"], file=SimpleUploadedFile("x.pdf", b"MZ\x90\x00" * 10))
    with pytest.raises(DomainError):  # a kind we do not accept
        actions.add_attachment(item, actor=world["official_a"], file=SimpleUploadedFile("x.html", b"<script>"))


def test_an_attachment_is_served_as_a_download_never_inline(client, world, sign_in):
    item = make_item(world["official_a"], world["a"]["commune"], publish=False)
    file = actions.add_attachment(item, actor=world["official_a"], file=SimpleUploadedFile("dt.pdf", PDF_BYTES))
    actions.publish_item(item, actor=world["official_a"])
    response = client.get(reverse("disclosure:attachment", args=[item.pk, file.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF_BYTES


def test_a_drafts_attachment_is_hidden_from_everyone_but_its_officials(client, world, sign_in):
    item = make_item(world["official_a"], world["a"]["commune"], publish=False)
    file = actions.add_attachment(item, actor=world["official_a"], file=SimpleUploadedFile("dt.pdf", PDF_BYTES))
    url = reverse("disclosure:attachment", args=[item.pk, file.pk])
    assert client.get(url).status_code == 404
    sign_in(client, world["official_b"])
    assert client.get(url).status_code == 404
    sign_in(client, world["official_a"])
    assert client.get(url).status_code == 200


def test_postings_are_logged_with_proof_and_judged(world):
    """Law Art 13: posted on day 29 of a 30-day period is flagged; the full 30 days is compliant."""
    official = world["official_a"]
    item = make_item(official, world["a"]["commune"], category=2, decided_on=D(2026, 3, 2), published_on=D(2026, 3, 3))
    actions.log_posting(item, actor=official, channel=Channel.COMMUNE_SEAT, started_on=D(2026, 3, 3),
                        ended_on=D(2026, 3, 31), proof=SimpleUploadedFile("bang-tin.png", PNG_BYTES))  # fmt: skip
    actions.log_posting(item, actor=official, channel=Channel.VILLAGE_POINTS, place="Thôn A1",
                        started_on=D(2026, 3, 3), ended_on=D(2026, 4, 1))  # fmt: skip
    item = Item.objects.prefetch_related("postings").get(pk=item.pk)
    verdict = compliance.for_items([item], commune_id=world["a"]["commune"].pk, today=D(2026, 5, 1))[0]
    by_channel = {c.requirement.channel: c.problems for c in verdict.channels}
    assert by_channel[Channel.COMMUNE_SEAT] == (Problem.TOO_SHORT,)  # 3–31 March: 29 days
    assert by_channel[Channel.VILLAGE_POINTS] == ()  # 3 March – 1 April: exactly 30 days
    assert verdict.too_short and not verdict.ok


def test_a_proof_must_be_a_photo(world):
    item = make_item(world["official_a"], world["a"]["commune"])
    with pytest.raises(DomainError):
        actions.log_posting(item, actor=world["official_a"], channel=Channel.COMMUNE_SEAT, started_on=D(2026, 3, 3),
                            proof=SimpleUploadedFile("x.png", b"not a picture"))  # fmt: skip


def test_a_draft_past_its_deadline_is_overdue(world):
    item = make_item(world["official_a"], world["a"]["commune"], publish=False, decided_on=D(2026, 3, 2))
    item = Item.objects.prefetch_related("postings").get(pk=item.pk)
    verdict = compliance.for_items([item], commune_id=world["a"]["commune"].pk, today=D(2026, 3, 10))[0]
    assert verdict.overdue


def test_the_console_lists_flags_and_drafts_of_the_users_commune_only(client, world, sign_in):
    mine = make_item(world["official_a"], world["a"]["commune"], publish=False, title="Nháp của xã A")
    theirs = make_item(world["official_b"], world["b"]["commune"], publish=False, title="Nháp của xã B")
    sign_in(client, world["official_a"])
    page = client.get(reverse("disclosure:console")).content.decode()
    assert mine.title in page and theirs.title not in page
    assert "overdue" in page or "chậm" in page or "quá hạn" in page or mine.title in page


def test_another_communes_official_cannot_see_a_draft_or_edit(client, world, sign_in):
    item = make_item(world["official_a"], world["a"]["commune"], publish=False)
    sign_in(client, world["official_b"])
    for name in ("disclosure:item", "disclosure:item-edit", "disclosure:attachment-new", "disclosure:posting-new",
                 "disclosure:script-docx", "disclosure:script-pdf"):  # fmt: skip
        assert client.get(reverse(name, args=[item.pk])).status_code == 404, name
    assert client.post(reverse("disclosure:item-publish", args=[item.pk]), {"confirm": "yes"}).status_code == 404
    assert client.post(reverse("disclosure:item-delete", args=[item.pk]), {"confirm": "yes"}).status_code == 404
    item.refresh_from_db()
    assert item.status == Item.Status.DRAFT


def test_another_communes_official_cannot_edit_a_published_item(client, world, sign_in):
    item = make_item(world["official_a"], world["a"]["commune"])
    sign_in(client, world["official_b"])
    assert client.get(reverse("disclosure:item", args=[item.pk])).status_code == 200  # public
    assert client.get(reverse("disclosure:item-edit", args=[item.pk])).status_code == 404
    assert client.get(reverse("disclosure:posting-new", args=[item.pk])).status_code == 404
    for name in ("disclosure:setup", "disclosure:index-new", "disclosure:plan-docx", "disclosure:report-pdf"):
        assert client.get(reverse(name, args=[world["a"]["commune"].code])).status_code == 404, name
    assert client.get(reverse("disclosure:console")).status_code == 200  # their own console


def test_a_resident_has_no_console(client, world, sign_in):
    sign_in(client, world["resident_a1"])
    assert client.get(reverse("disclosure:console")).status_code == 404
    assert client.get(reverse("disclosure:item-new")).status_code == 404


def test_the_official_drafts_and_publishes_through_the_pages(client, world, sign_in):
    sign_in(client, world["official_a"])
    response = client.post(reverse("disclosure:item-new"), {
        "unit": world["a"]["village1"].pk, "category": 7, "title": "Danh sách hộ nghèo năm 2026",
        "source_document": "Quyết định số 5/QĐ-UBND", "decided_on": "2026-03-02", "body": "Danh sách kèm theo.",
    })  # fmt: skip
    item = Item.objects.get(title="Danh sách hộ nghèo năm 2026")
    assert response.status_code == 302
    confirm = client.post(reverse("disclosure:item-publish", args=[item.pk]))
    assert confirm.status_code == 200  # the confirmation page first
    client.post(reverse("disclosure:item-publish", args=[item.pk]), {"confirm": "yes"})
    item.refresh_from_db()
    assert item.is_published
    response = client.post(reverse("disclosure:posting-new", args=[item.pk]), {
        "channel": "loudspeaker", "started_on": "2026-03-03", "ended_on": "2026-03-05", "place": "",
    })  # fmt: skip
    assert response.status_code == 302
    page = client.get(reverse("disclosure:item", args=[item.pk])).content.decode()
    assert "script.docx" in page


def test_the_loudspeaker_script_is_a_vietnamese_document(client, world, sign_in):
    from docx import Document
    from pypdf import PdfReader

    item = make_item(world["official_a"], world["a"]["commune"], category=8, title="Hỗ trợ hộ bị thiệt hại do bão")
    sign_in(client, world["official_a"])
    docx = client.get(reverse("disclosure:script-docx", args=[item.pk]))
    assert docx["Content-Disposition"].startswith("attachment;")
    text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert "NỘI DUNG PHÁT THANH" in text and "Hỗ trợ hộ bị thiệt hại do bão" in text
    assert "ngày 02 tháng 3 năm 2026" in text and "ngày ngày" not in text
    pdf = client.get(reverse("disclosure:script-pdf", args=[item.pk]))
    pdf_text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Hỗ trợ hộ bị thiệt hại do bão" in pdf_text


def test_editing_a_published_item_through_its_page_needs_a_note_and_keeps_the_unit(client, world, sign_in):
    item = make_item(world["official_a"], world["a"]["commune"], title="Phí chợ")
    sign_in(client, world["official_a"])
    data = {"unit": world["a"]["village1"].pk, "category": 12, "title": "Phí chợ (sửa)",
            "source_document": "Quyết định số 12/QĐ-UBND", "decided_on": "2026-03-02", "body": ""}  # fmt: skip
    assert client.post(reverse("disclosure:item-edit", args=[item.pk]), data).status_code == 422  # no note
    response = client.post(reverse("disclosure:item-edit", args=[item.pk]), {**data, "change_note": "Sửa tên"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.title, item.version, item.unit) == ("Phí chợ (sửa)", 2, world["a"]["commune"])


def test_the_console_pages_its_list_and_reads_it_in_a_fixed_number_of_queries(
    client, world, sign_in, django_assert_max_num_queries
):
    for i in range(60):
        make_item(world["official_a"], world["a"]["commune"], title=f"Thông báo {i}",
                  published_on=D(2026, 1, 1) + dt.timedelta(days=i))  # fmt: skip
    sign_in(client, world["official_a"])
    with django_assert_max_num_queries(20):
        page = client.get(reverse("disclosure:console")).content.decode()
    assert "?page=2" in page


def test_a_channel_not_used_before_its_deadline_is_not_called_compliant(client, world, sign_in, english):
    item = make_item(world["official_a"], world["a"]["commune"], decided_on=D(2099, 3, 2), published_on=D(2099, 3, 3))
    sign_in(client, world["official_a"])
    page = client.get("/en" + reverse("disclosure:item", args=[item.pk]).removeprefix("/en")).content.decode()
    assert "not used yet" in page
