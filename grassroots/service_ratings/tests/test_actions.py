"""The rating actions: who may rate, the one-rating rule in the database, moderation (Law Art 35(2)(a))."""

import datetime as dt

import pytest

from grassroots.core.errors import DomainError
from grassroots.core.models import AuditEvent
from grassroots.service_ratings import actions
from grassroots.service_ratings.choices import CommentStatus

from .conftest import rate


def test_a_resident_rates_a_service_and_the_official(cast):
    rating = rate(cast, 0, official=cast["clerk_a"], official_score=3, comment="Nhanh gọn")
    assert (rating.year, rating.quarter) == (rating.rated_on.year, (rating.rated_on.month - 1) // 3 + 1)
    assert rating.official_score == 3
    assert rating.comment_status == CommentStatus.PENDING


def test_law_art35_2_a_a_second_rating_of_the_same_service_in_the_quarter_is_refused(cast):
    rate(cast, 0, on=dt.date(2026, 1, 10))
    with pytest.raises(DomainError) as exc:
        rate(cast, 0, on=dt.date(2026, 3, 31))
    assert exc.value.field == "service"
    assert rate(cast, 0, on=dt.date(2026, 4, 1)).quarter == 2


def test_the_rated_audit_event_does_not_name_the_resident(cast):
    rating = rate(cast, 0)
    event = AuditEvent.objects.filter(verb="service_ratings.rated").get()
    assert event.actor_id is None
    assert str(rating.rater_id) not in str(event.data.values())


def test_an_official_or_a_resident_of_another_commune_may_not_rate(cast):
    with pytest.raises(DomainError):
        actions.rate(actor=cast["resident_b"], service=cast["service"], timeliness=3, guidance=3)
    with pytest.raises(DomainError):
        actions.rate(actor=cast["clerk_a"], service=cast["service"], timeliness=3, guidance=3)


def test_scores_outside_1_to_5_are_refused(cast):
    with pytest.raises(DomainError) as exc:
        rate(cast, 0, timeliness=6)
    assert exc.value.field == "timeliness"
    with pytest.raises(DomainError) as exc:
        rate(cast, 0, official=cast["clerk_a"], official_score=0)
    assert exc.value.field == "official_score"


def test_an_official_of_another_commune_may_not_be_chosen(cast):
    with pytest.raises(DomainError) as exc:
        rate(cast, 0, official=cast["official_b"], official_score=4)
    assert exc.value.field == "official"


def test_a_withdrawn_service_is_not_rated(cast):
    actions.set_service_offered(actor=cast["official_a"], service=cast["service"], active=False)
    with pytest.raises(DomainError):
        rate(cast, 0)


def test_only_a_commune_official_keeps_the_list(cast):
    with pytest.raises(DomainError):
        actions.add_service(actor=cast["cfront_a"], commune=cast["commune"], name="Khai sinh")
    with pytest.raises(DomainError):
        actions.add_service(actor=cast["official_b"], commune=cast["commune"], name="Khai sinh")
    with pytest.raises(DomainError):
        actions.add_service(actor=cast["official_a"], commune=cast["commune"], name="chứng thực BẢN SAO")


def test_a_comment_is_hidden_with_a_reason_never_deleted(cast):
    rating = rate(cast, 0, comment="Lời lẽ không phù hợp")
    with pytest.raises(DomainError) as exc:
        actions.hide_comment(actor=cast["official_a"], rating=rating, reason=" ")
    assert exc.value.field == "reason"
    hidden = actions.hide_comment(actor=cast["official_a"], rating=rating, reason="Xúc phạm")
    assert hidden.comment_status == CommentStatus.HIDDEN
    assert hidden.comment == "Lời lẽ không phù hợp"
    assert hidden.hidden_reason == "Xúc phạm"


def test_an_official_does_not_moderate_a_comment_about_themselves(cast):
    rating = rate(cast, 0, official=cast["clerk_a"], official_score=2, comment="Chậm")
    with pytest.raises(DomainError):
        actions.publish_comment(actor=cast["clerk_a"], rating=rating)
    assert actions.publish_comment(actor=cast["official_a"], rating=rating).comment_status == "published"
    with pytest.raises(DomainError):
        actions.publish_comment(actor=cast["cfront_a"], rating=rating)
