"""The demo register (issue 12, item 6): a year across the 14 categories, some late, some too short,
some with questions, built through the actions; --if-empty keeps it."""

import io

import pytest
from django.core.management import call_command
from django.db.models import Q

from grassroots.disclosure import compliance
from grassroots.disclosure.models import Item, Request
from grassroots.people.demo import DEMO_WARD

pytestmark = pytest.mark.django_db


def test_the_demo_register_covers_every_category_with_late_short_and_questions(english):
    call_command("seed_demo", stdout=io.StringIO())
    out = io.StringIO()
    call_command("seed_disclosure_demo", stdout=out)
    ward = Item.objects.filter(Q(unit__code=DEMO_WARD) | Q(unit__parent__code=DEMO_WARD))
    assert set(ward.values_list("category", flat=True)) == set(range(1, 15))
    assert ward.filter(status="draft").count() == 0
    items = list(ward.filter(index_of="").prefetch_related("postings").select_related("unit"))
    commune_id = items[0].unit.pk if items[0].unit.code == DEMO_WARD else items[0].unit.parent_id
    verdicts = compliance.for_items(items, commune_id=commune_id, today=items[0].updated_at.date())
    assert sum(v.overdue for v in verdicts) >= 3
    assert sum(v.too_short for v in verdicts) >= 2
    assert Request.objects.filter(answered_at__isnull=False).exists()
    assert Request.objects.filter(answered_at__isnull=True).exists()
    assert ward.exclude(index_of="").exists()
    assert ward.filter(version=2).count() == 1  # a change disclosed, the earlier text kept
    again = io.StringIO()
    call_command("seed_disclosure_demo", "--if-empty", stdout=again)
    assert "keeping" in again.getvalue()
