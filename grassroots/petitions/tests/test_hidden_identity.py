"""Law Art 9(2): a hidden petitioner's identity never appears in any page, export, API answer,
notification, audit event or log line reachable by anyone but the board's head, who sees it only on an
explicit, audited "show identity" request. Every page, export and API route of the app is walked as each
other role (member, head without asking, Front, chair, official, another resident, anonymous, an official
of another commune) and every body, notice and captured log is searched for the name and the phone."""

import io
import logging
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from grassroots.core.models import AuditEvent, Notice
from grassroots.petitions import actions

from .conftest import NAME_FIRST, PHONE, filed, through

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
SECRETS = (NAME_FIRST, PHONE, PHONE[1:])


def _docx_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.read("word/document.xml").decode()


def _urls(cases, commune_code: str) -> list[str]:  # type: ignore[no-untyped-def]
    urls = [
        reverse("petitions:console"), reverse("petitions:mine"), reverse("petitions:public", args=[commune_code]),
        reverse("petitions:new", args=[commune_code]), reverse("petitions:enter", args=[commune_code]),
        reverse("petitions:report", args=[commune_code, "pdf"]) + "?kind=year&year=2026",
        reverse("petitions:report", args=[commune_code, "docx"]) + "?kind=year&year=2026",
        f"{reverse('petitions:report', args=[commune_code, 'docx'])}?kind=term&year=2021&last_year=2030",
        "/api/v1/petitions/", f"/api/v1/petitions/open/{commune_code}",
    ]  # fmt: skip
    for p in cases:
        urls += [reverse("petitions:case", args=[p.pk]), f"/api/v1/petitions/{p.pk}"]
        urls += [reverse("petitions:photo", args=[p.pk, ph.pk]) for ph in p.photos.all()]
    return urls


def _body(response) -> str:  # type: ignore[no-untyped-def]
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if response.get("Content-Type", "").startswith("application/vnd.openxmlformats"):
        return _docx_text(content)
    return content.decode("utf-8", errors="replace")


@pytest.mark.parametrize("who", ["member", "head", "front", "chair", "official_a", "neighbour", "anonymous",
                                 "official_b"])  # fmt: skip
def test_law_art9_2_a_hidden_identity_is_in_no_page_export_api_notice_or_log(
    who,
    cast,
    client,
    sign_in,
    caplog,
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    caplog.set_level(logging.DEBUG)
    with django_capture_on_commit_callbacks(execute=True):
        photo = SimpleUploadedFile("bang-chung.png", PNG, "image/png")
        closed = actions.file_petition(actor=cast["petitioner"], commune=cast["commune"], subject="Đổ rác thải",
                                       body="Đổ rác ra kênh", hide_identity=True, photos=[photo])  # fmt: skip
        closed = through(cast, closed, "closed")
        actions.rate(actor=cast["petitioner"], petition=closed, rating=2)
        waiting = through(cast, filed(cast, hidden=True), "sent")
        fresh = filed(cast, hidden=True)
        entered = actions.enter_petition(actor=cast["member"], commune=cast["commune"], channel="call",
                                         received_on=closed.received_on, subject="Gọi điện phản ánh", body="...",
                                         name="Vương Thị Khánh", phone=PHONE, hide_identity=True)  # fmt: skip
    cases = [closed, waiting, fresh, entered]
    if who != "anonymous":
        sign_in(client, cast[who])
    seen = 0
    for url in _urls(cases, cast["commune"].code):
        response = client.get(url)
        body = _body(response)
        for secret in SECRETS:
            assert secret not in body, (who, url)
        seen += response.status_code == 200
    assert seen >= 2  # at least the public page and its API
    for notice in Notice.objects.exclude(user=cast["petitioner"]):
        assert not any(s in f"{notice.text} {notice.url}" for s in SECRETS)
    for event in AuditEvent.objects.all():
        assert not any(s in str(event.data) for s in SECRETS)
    assert not any(s in caplog.text for s in SECRETS)


def test_law_art9_2_the_head_sees_the_identity_only_by_an_audited_request(cast, client, sign_in) -> None:  # type: ignore[no-untyped-def]
    p = filed(cast, hidden=True)
    sign_in(client, cast["head"])
    assert NAME_FIRST not in client.get(reverse("petitions:case", args=[p.pk])).content.decode()
    response = client.post(reverse("petitions:reveal", args=[p.pk]))
    assert (
        response.status_code == 200 and NAME_FIRST in response.content.decode() and PHONE in response.content.decode()
    )
    assert response["Cache-Control"] == "no-store"
    assert AuditEvent.objects.filter(verb="petitions.identity_revealed", actor=cast["head"]).count() == 1
    sign_in(client, cast["member"])
    assert client.post(reverse("petitions:reveal", args=[p.pk])).status_code == 404
    assert AuditEvent.objects.filter(verb="petitions.identity_revealed").count() == 1


def test_a_visible_petitioner_is_named_to_the_board_but_not_to_other_residents(cast, client, sign_in) -> None:  # type: ignore[no-untyped-def]
    p = filed(cast)
    sign_in(client, cast["member"])
    assert NAME_FIRST in client.get(reverse("petitions:case", args=[p.pk])).content.decode()
    sign_in(client, cast["neighbour"])
    assert client.get(reverse("petitions:case", args=[p.pk])).status_code == 404
