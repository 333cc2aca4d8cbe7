"""The public bulletin's CSV keeps a matter title that a spreadsheet would run as a formula as text."""

import csv
import io

import pytest
from django.urls import reverse

from grassroots.decisions import actions
from grassroots.decisions.models import Matter
from grassroots.decisions.tests.conftest import close_now

pytestmark = pytest.mark.django_db


def test_bulletin_csv_writes_a_formula_like_title_as_text(online_matter, village, client):
    for voter in village["voters"][:6]:
        actions.cast_online_vote(online_matter.pk, user=voter, choice="agree")
    matter = close_now(online_matter, actor=village["head"])
    Matter.objects.filter(pk=matter.pk).update(title='=HYPERLINK("http://evil.example","Xem")')
    response = client.get(reverse("decisions:bulletin-csv", args=[matter.pk]))
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8"))))
    assert ["result", "title", '\'=HYPERLINK("http://evil.example","Xem")'] in rows
    assert not any(cell.startswith(("=", "+", "@")) for row in rows for cell in row)
