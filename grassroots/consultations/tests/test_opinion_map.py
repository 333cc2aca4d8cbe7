"""A consultation and its opinion map (issue 13, item 5) link to each other; only a map of the same commune."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from grassroots.consultations import actions
from grassroots.core.errors import DomainError
from grassroots.opinion_maps import actions as map_actions

from .conftest import published


def _map(cast, commune_key: str = "a", official: str = "official_a"):  # type: ignore[no-untyped-def]
    today = timezone.localdate()
    return map_actions.create_map(
        actor=cast[official], unit=cast[commune_key]["commune"], title="Bản đồ ý kiến",
        question="Quy hoạch sử dụng đất?", opens_on=today, closes_on=today + dt.timedelta(days=25),
    )  # fmt: skip


@pytest.mark.django_db
def test_a_consultation_links_its_opinion_map_and_each_page_links_the_other(cast, client, sign_in) -> None:  # type: ignore[no-untyped-def]
    c = published(cast)
    found = _map(cast)
    sign_in(client, cast["official_a"])
    response = client.post(reverse("consultations:opinion-map", args=[c.pk]), {"opinion_map": found.pk})
    assert response.status_code == 302
    c.refresh_from_db()
    assert c.opinion_map_id == found.pk
    page = client.get(reverse("consultations:detail", args=[c.pk])).content.decode()
    assert reverse("opinion_maps:take-part", args=[found.pk]) in page
    back = client.get(reverse("opinion_maps:manage", args=[found.pk])).content.decode()
    assert reverse("consultations:public", args=[c.pk]) in back


@pytest.mark.django_db
def test_a_map_of_another_commune_is_refused(cast) -> None:  # type: ignore[no-untyped-def]
    c = published(cast)
    other = _map(cast, "b", "official_b")
    with pytest.raises(DomainError) as refused:
        actions.link_opinion_map(actor=cast["official_a"], consultation=c, opinion_map=other)
    assert refused.value.field == "opinion_map"


@pytest.mark.django_db
def test_another_communes_official_cannot_link(cast, client, sign_in) -> None:  # type: ignore[no-untyped-def]
    c = published(cast)
    found = _map(cast)
    sign_in(client, cast["official_b"])
    response = client.post(reverse("consultations:opinion-map", args=[c.pk]), {"opinion_map": found.pk})
    assert response.status_code == 404
    c.refresh_from_db()
    assert c.opinion_map_id is None
