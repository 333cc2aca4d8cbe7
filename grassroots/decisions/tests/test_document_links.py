"""Every document of a matter is one click away: from the console step that needs it, from the matter's
page for those who may open it, and from the recognition queue (the chair opens the filed record)."""

import re

import pytest
from django.urls import reverse

from grassroots.decisions.tests.test_documents import ballot_matter, counted, meeting_matter  # noqa: F401

pytestmark = pytest.mark.django_db


def _step(page: str, key: str) -> str:
    """The HTML of one console step."""
    found = re.search(rf'<li id="step-{key}"[^>]*>(.*?)</li>', page, re.S)
    assert found, key
    return found.group(1)


def test_the_console_links_the_slips_and_count_minutes_of_a_ballot(client, sign_in, ballot_matter, village):  # noqa: F811
    sign_in(client, village["head"])
    page = client.get(reverse("decisions:console", args=[ballot_matter.pk])).content.decode()
    assert reverse("decisions:slips-pdf", args=[ballot_matter.pk]) in _step(page, "slips")
    assert reverse("decisions:minutes", args=[ballot_matter.pk]) in page
    distribution = client.get(reverse("decisions:console-distribution", args=[ballot_matter.pk])).content.decode()
    assert reverse("decisions:slips-pdf", args=[ballot_matter.pk]) in distribution


def test_the_console_links_the_meeting_notice_at_the_schedule_step(client, sign_in, meeting_matter, village):  # noqa: F811
    sign_in(client, village["head"])
    page = client.get(reverse("decisions:console", args=[meeting_matter.pk])).content.decode()
    assert reverse("decisions:notice", args=[meeting_matter.pk]) in _step(page, "schedule")
    assert reverse("decisions:minutes", args=[meeting_matter.pk]) in _step(page, "result")


def test_the_filed_record_from_the_console_the_matter_page_and_the_queue(client, sign_in, counted, village, world):  # noqa: F811
    pdf, docx = (reverse(f"decisions:{n}", args=[counted.pk]) for n in ("record-pdf", "record-docx"))
    sign_in(client, village["head"])
    console = client.get(reverse("decisions:console", args=[counted.pk])).content.decode()
    assert pdf in _step(console, "file") and docx in _step(console, "file")
    matter_page = client.get(reverse("decisions:matter", args=[counted.pk])).content.decode()
    assert pdf in matter_page and docx in matter_page
    sign_in(client, world["official_a"])
    queue = client.get(reverse("decisions:recognition")).content.decode()
    assert pdf in queue and docx in queue
    assert pdf in client.get(reverse("decisions:matter", args=[counted.pk])).content.decode()
    assert client.get(pdf).status_code == 200


def test_a_voter_sees_no_link_to_documents_it_may_not_open(client, sign_in, counted, village):  # noqa: F811
    sign_in(client, village["voters"][0])
    page = client.get(reverse("decisions:matter", args=[counted.pk])).content.decode()
    assert reverse("decisions:record-pdf", args=[counted.pk]) not in page
    assert 'id="documents"' not in page


def test_another_commune_sees_neither_the_queue_links_nor_the_record(client, sign_in, counted, world):  # noqa: F811
    sign_in(client, world["official_b"])
    queue = client.get(reverse("decisions:recognition"))
    assert reverse("decisions:record-pdf", args=[counted.pk]) not in queue.content.decode()
    assert client.get(reverse("decisions:record-pdf", args=[counted.pk])).status_code == 404
    assert client.get(reverse("decisions:matter", args=[counted.pk])).status_code == 404
