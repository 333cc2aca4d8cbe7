"""Every page and document of the console refuses an official of another commune (404, as for a page
that does not exist) and a resident; the commune's own official gets it (same setup for both)."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from grassroots.disclosure import actions
from grassroots.disclosure.choices import Channel

from .factories import PDF_BYTES, PNG_BYTES, make_item

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def setup(world):  # type: ignore[no-untyped-def]
    official, commune = world["official_a"], world["a"]["commune"]
    draft = make_item(official, commune, publish=False)
    file = actions.add_attachment(draft, actor=official, file=SimpleUploadedFile("a.pdf", PDF_BYTES))
    item = make_item(official, commune, published_on=D(2026, 3, 3))
    posting = actions.log_posting(item, actor=official, channel=Channel.COMMUNE_SEAT, started_on=D(2026, 3, 3),
                                  proof=SimpleUploadedFile("p.png", PNG_BYTES))  # fmt: skip
    index = actions.publish_quarterly_index(commune, 2026, 1, actor=official, today=D(2026, 4, 2))
    request = actions.ask(actor=world["resident_a1"], unit=commune, item=item, kind="question", text="Hỏi")
    code = commune.code
    return [
        ("get", reverse("disclosure:item", args=[draft.pk])),
        ("get", reverse("disclosure:attachment", args=[draft.pk, file.pk])),
        ("get", reverse("disclosure:item-edit", args=[item.pk])),
        ("get", reverse("disclosure:attachment-new", args=[item.pk])),
        ("post", reverse("disclosure:attachment-remove", args=[draft.pk, file.pk])),
        ("get", reverse("disclosure:posting-new", args=[item.pk])),
        ("get", reverse("disclosure:posting-end", args=[item.pk, posting.pk])),
        ("get", reverse("disclosure:posting-proof", args=[item.pk, posting.pk])),
        ("get", reverse("disclosure:script-docx", args=[item.pk])),
        ("get", reverse("disclosure:script-pdf", args=[item.pk])),
        ("get", reverse("disclosure:index-docx", args=[index.pk])),
        ("get", reverse("disclosure:index-pdf", args=[index.pk])),
        ("post", reverse("disclosure:item-publish", args=[draft.pk])),
        ("post", reverse("disclosure:item-delete", args=[draft.pk])),
        ("get", reverse("disclosure:request", args=[request.pk])),
        ("get", reverse("disclosure:setup", args=[code])),
        ("get", reverse("disclosure:index-new", args=[code])),
        ("get", reverse("disclosure:plan-docx", args=[code])),
        ("get", reverse("disclosure:plan-pdf", args=[code])),
        ("get", reverse("disclosure:report-docx", args=[code])),
        ("get", reverse("disclosure:report-pdf", args=[code])),
    ]


@pytest.mark.parametrize("who", ["official_b", "resident_a1", "head_a1"])
def test_every_console_page_refuses_anyone_but_the_communes_officials(client, world, sign_in, setup, who):
    sign_in(client, world[who])
    for method, url in setup:
        assert getattr(client, method)(url).status_code == 404, (who, url)


def test_the_communes_official_reaches_every_console_page(client, world, sign_in, setup):
    sign_in(client, world["official_a"])
    for method, url in setup:
        if method == "get":
            assert client.get(url).status_code == 200, url


def test_the_new_item_form_offers_only_the_users_units(client, world, sign_in):
    sign_in(client, world["official_b"])
    response = client.post(reverse("disclosure:item-new"), {
        "unit": world["a"]["commune"].pk, "category": 2, "title": "X", "source_document": "Q",
        "decided_on": "2026-03-02",
    })  # fmt: skip
    assert response.status_code == 422
    assert world["a"]["commune"].name not in response.content.decode().split("<select", 1)[1].split("</select>")[0]
