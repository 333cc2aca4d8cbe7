"""The annual evaluation: a province's scheme of criteria and weights, the communes' scores with their evidence,
"no data yet" never counted as zero, a published scheme locked, and only the province's steering members in."""

from __future__ import annotations

import csv
import datetime as dt
import io
from fractions import Fraction

import pytest
from django.db.models.query import QuerySet
from django.urls import reverse
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from grassroots.accounts.models import Role
from grassroots.accounts.tests.factories import UserFactory, grant
from grassroots.core.errors import DomainError
from grassroots.core.indicators import Item
from grassroots.core.models import AuditEvent
from grassroots.reporting import evaluation, evaluation_actions, refresh
from grassroots.reporting.evaluation_models import EvaluationCriterion, EvaluationScheme, SchemeStatus
from grassroots.territory.models import UnitKind
from grassroots.territory.tests.factories import UnitFactory, make_tree

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 7, 20)


@pytest.fixture
def province(fake_indicators):  # type: ignore[no-untyped-def]
    """Province A: commune AC has fake_a 3/4 and fake_b 1/2 in 2026; commune AD has fake_a 4/4 and no fake_b."""
    t = make_tree("A")
    other = UnitFactory(code="AD", name="Xã Đông", kind=UnitKind.COMMUNE, parent=t["province"])
    v1 = t["village1"].pk
    fake_indicators["fake_a"] += [Item(v1, dt.date(2026, 3, d), f"a{d}", int(d != 4), 1) for d in (1, 2, 3, 4)]
    fake_indicators["fake_a"] += [Item(other.pk, dt.date(2026, 3, d), f"d{d}", 1, 1) for d in (1, 2, 3, 4)]
    fake_indicators["fake_b"] += [Item(v1, dt.date(2026, 4, 1), "b1", 1, 1), Item(v1, dt.date(2026, 4, 2), "b2", 0, 1)]
    refresh.refresh_commune(t["commune"], TODAY)
    refresh.refresh_commune(other, TODAY)
    return t


def _steering(unit):  # type: ignore[no-untyped-def]
    user = UserFactory()
    grant(user, unit, Role.STEERING_MEMBER)
    return user


def _scheme(province, user):  # type: ignore[no-untyped-def]
    scheme = evaluation_actions.create_scheme(actor=user, province=province, year=2026)
    evaluation_actions.add_criterion(actor=user, scheme=scheme, indicator="fake_a", weight=60, target_percent=80)
    evaluation_actions.add_criterion(actor=user, scheme=scheme, indicator="fake_b", weight=40, target_percent=50)
    return scheme


def test_the_scores_are_weight_times_the_share_of_the_target_reached(province):
    scheme = _scheme(province["province"], _steering(province["province"]))
    rows = {r.unit.code: r for r in evaluation.score_units(scheme)}
    # AC: fake_a 3/4 = 75% of a target of 80% → 60 × 75/80 = 56.25; fake_b 1/2 = 50% reaches 50% → 40.
    assert [s.score for s in rows["AC"].scores] == [Fraction(225, 4), Fraction(40)]
    assert rows["AC"].total == Fraction(385, 4)  # 96.25
    assert rows["AC"].total_points == "96.25"
    # AD: fake_a 4/4 → 60 (capped at the weight); fake_b has no data → no score.
    assert rows["AD"].total == 60
    assert (rows["AC"].rank, rows["AD"].rank) == (1, 2)


def test_a_criterion_without_data_scores_nothing_and_says_so(province):
    scheme = _scheme(province["province"], _steering(province["province"]))
    rows = {r.unit.code: r for r in evaluation.score_units(scheme)}
    missing = rows["AD"].scores[1]
    assert missing.score is None and not missing.has_data and missing.tally is None
    assert (rows["AD"].weights_with_data, rows["AD"].weights_total) == (60, 100)
    empty = UnitFactory(code="AE", name="Xã Én", kind=UnitKind.COMMUNE, parent=province["province"])
    rows = {r.unit.code: r for r in evaluation.score_units(scheme)}
    assert rows["AE"].rank is None and rows["AE"].weights_with_data == 0  # unranked, not last with 0
    assert evaluation.score_units(scheme)[-1].unit == empty


def test_the_ranking_page_and_csv_show_scores_and_no_data(client, sign_in, province):
    user = _steering(province["province"])
    scheme = _scheme(province["province"], user)
    sign_in(client, user)
    page = client.get(reverse("reporting_reports:evaluation-ranking", args=[scheme.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "96.25" in html and "chưa có số liệu" in html
    response = client.get(reverse("reporting_reports:evaluation-ranking-csv", args=[scheme.pk]))
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[1][:6] == ["1", "AC", "Xã A", "96.25", "100", "100"]
    assert rows[1][6:] == ["3/4", "56.25", "1/2", "40.00"]
    assert rows[2][:6] == ["2", "AD", "Xã Đông", "60.00", "60", "100"]
    assert rows[2][8:] == ["", "chưa có số liệu"]


@given(
    weight=st.integers(1, 1000),
    target=st.integers(1, 100),
    n=st.integers(0, 50),
    extra=st.integers(0, 50),
)
def test_a_score_never_exceeds_its_weight_and_grows_with_the_figure(weight, target, n, extra):
    d = n + extra + 1
    low = evaluation.criterion_score(weight, target, Fraction(n, d))
    high = evaluation.criterion_score(weight, target, Fraction(n + 1, d))
    assert low is not None and high is not None
    assert 0 <= low <= high <= weight
    assert evaluation.criterion_score(weight, target, None) is None


def test_the_editor_creates_adds_changes_removes_and_each_step_is_audited(client, sign_in, province):
    user = _steering(province["province"])
    sign_in(client, user)
    url = reverse("reporting_reports:evaluation-schemes", args=["AP"])
    assert client.get(url).status_code == 200
    response = client.post(url, {"year": 2026})
    scheme = EvaluationScheme.objects.get(province=province["province"], year=2026)
    assert response.status_code == 302
    page = reverse("reporting_reports:evaluation-scheme", args=[scheme.pk])
    assert client.post(page, {"indicator": "fake_a", "weight": 3, "target_percent": 90}).status_code == 302
    assert client.post(page, {"indicator": "fake_a", "weight": 3, "target_percent": 90}).status_code == 422
    assert client.post(page, {"indicator": "fake_b", "weight": 0, "target_percent": 90}).status_code == 422
    criterion = EvaluationCriterion.objects.get(scheme=scheme)
    edit = reverse("reporting_reports:evaluation-criterion", args=[scheme.pk, criterion.pk])
    assert client.post(edit, {"indicator": "fake_b", "weight": 5, "target_percent": 70}).status_code == 302
    criterion.refresh_from_db()
    assert (criterion.indicator, criterion.weight, criterion.target_percent) == ("fake_b", 5, 70)
    client.post(reverse("reporting_reports:evaluation-criterion-remove", args=[scheme.pk, criterion.pk]))
    assert not scheme.criteria.exists()
    verbs = list(AuditEvent.objects.filter(verb__startswith="reporting.evaluation").values_list("verb", flat=True))
    assert verbs == [
        "reporting.evaluation_scheme_created",
        "reporting.evaluation_criterion_added",
        "reporting.evaluation_criterion_changed",
        "reporting.evaluation_criterion_removed",
    ]


def test_publishing_asks_for_confirmation_then_locks_the_scheme(client, sign_in, province):
    user = _steering(province["province"])
    scheme = _scheme(province["province"], user)
    sign_in(client, user)
    publish = reverse("reporting_reports:evaluation-publish", args=[scheme.pk])
    response = client.post(publish)
    assert response.status_code == 200 and b'name="confirm"' in response.content  # the confirmation page
    scheme.refresh_from_db()
    assert scheme.status == SchemeStatus.DRAFT
    client.post(publish, {"confirm": "yes"})
    scheme.refresh_from_db()
    assert scheme.status == SchemeStatus.PUBLISHED and scheme.published_at is not None
    assert AuditEvent.objects.filter(verb="reporting.evaluation_scheme_published").count() == 1
    criterion = scheme.criteria.first()
    with pytest.raises(DomainError):
        evaluation_actions.add_criterion(actor=user, scheme=scheme, indicator="fake_c", weight=1, target_percent=1)
    with pytest.raises(DomainError):
        evaluation_actions.change_criterion(
            actor=user, criterion=criterion, indicator="fake_a", weight=1, target_percent=1
        )
    with pytest.raises(DomainError):
        evaluation_actions.publish_scheme(actor=user, scheme=scheme)
    # The pages of a published scheme lead back to it, saying it is locked (not a 404 for a page that exists).
    page = reverse("reporting_reports:evaluation-scheme", args=[scheme.pk])
    edit = reverse("reporting_reports:evaluation-criterion", args=[scheme.pk, criterion.pk])
    remove = reverse("reporting_reports:evaluation-criterion-remove", args=[scheme.pk, criterion.pk])
    client.get(page)  # the page shows (and so clears) the message of the publication
    for response in (
        client.post(page, {"indicator": "fake_a", "weight": 1, "target_percent": 1}, follow=True),
        client.get(edit, follow=True),
        client.post(edit, {"indicator": "fake_a", "weight": 1, "target_percent": 1}, follow=True),
        client.post(remove, follow=True),
    ):
        assert response.redirect_chain == [(page, 302)]
        assert [str(m) for m in response.context["messages"]] == [str(evaluation_actions.LOCKED)]
    with translation.override("en"):
        assert "published and is locked" in str(evaluation_actions.LOCKED)
    assert scheme.criteria.count() == 2
    assert AuditEvent.objects.filter(verb__startswith="reporting.evaluation").count() == 4  # nothing new
    assert client.get(page).status_code == 200


def test_a_scheme_without_criteria_is_not_published(province):
    user = _steering(province["province"])
    scheme = evaluation_actions.create_scheme(actor=user, province=province["province"], year=2026)
    with pytest.raises(DomainError):
        evaluation_actions.publish_scheme(actor=user, scheme=scheme)
    with pytest.raises(DomainError):
        evaluation_actions.create_scheme(actor=user, province=province["province"], year=2026)


def test_a_user_of_another_province_or_a_commune_official_is_refused(client, sign_in, province):
    scheme = _scheme(province["province"], _steering(province["province"]))
    other = make_tree("B")
    urls = [
        reverse("reporting_reports:evaluation-schemes", args=["AP"]),
        reverse("reporting_reports:evaluation-scheme", args=[scheme.pk]),
        reverse("reporting_reports:evaluation-ranking", args=[scheme.pk]),
        reverse("reporting_reports:evaluation-ranking-csv", args=[scheme.pk]),
    ]
    outsider = _steering(other["province"])
    official = UserFactory()
    grant(official, province["commune"], Role.COMMUNE_CHAIR)
    for user in (outsider, official):
        sign_in(client, user)
        for url in urls:
            assert client.get(url).status_code == 404, url
        assert (
            client.post(
                reverse("reporting_reports:evaluation-publish", args=[scheme.pk]), {"confirm": "yes"}
            ).status_code
            == 404
        )
    scheme.refresh_from_db()
    assert scheme.status == SchemeStatus.DRAFT
    # The evaluation belongs to a province: not reachable at a commune's code, even for its steering member.
    sign_in(client, _steering(province["province"]))
    assert client.get(reverse("reporting_reports:evaluation-schemes", args=["AC"])).status_code == 404


def test_the_reports_page_links_to_the_evaluation_and_back(client, sign_in, province):
    scheme = _scheme(province["province"], _steering(province["province"]))
    sign_in(client, _steering(province["province"]))
    html = client.get(reverse("reporting_reports:reports", args=["AP"])).content.decode()
    assert reverse("reporting_reports:evaluation-schemes", args=["AP"]) in html
    html = client.get(reverse("reporting_reports:evaluation-schemes", args=["AP"])).content.decode()
    assert reverse("reporting_reports:evaluation-ranking", args=[scheme.pk]) in html
    assert reverse("reporting_reports:reports", args=["AP"]) in html


def test_every_evaluation_action_is_filed_under_the_province(province):
    user = _steering(province["province"])
    scheme = _scheme(province["province"], user)
    criterion = scheme.criteria.first()
    evaluation_actions.change_criterion(actor=user, criterion=criterion, indicator="fake_a", weight=2, target_percent=5)
    evaluation_actions.remove_criterion(actor=user, criterion=criterion)
    evaluation_actions.publish_scheme(actor=user, scheme=scheme)
    draft = evaluation_actions.create_scheme(actor=user, province=province["province"], year=2027)
    evaluation_actions.delete_draft_scheme(actor=user, scheme=draft)
    events = AuditEvent.objects.filter(verb__startswith="reporting.evaluation")
    assert events.count() == 8
    assert set(events.values_list("unit_id", flat=True)) == {province["province"].pk}


def test_the_refusals_say_what_to_do(province):
    user = _steering(province["province"])
    scheme = _scheme(province["province"], user)
    with translation.override("en"):
        with pytest.raises(DomainError, match="open it in the list"):
            evaluation_actions.create_scheme(actor=user, province=province["province"], year=2026)
        with pytest.raises(DomainError, match="change its weight instead"):
            evaluation_actions.add_criterion(actor=user, scheme=scheme, indicator="fake_a", weight=1, target_percent=1)
        with pytest.raises(DomainError, match="choose one from the list"):
            evaluation_actions.add_criterion(actor=user, scheme=scheme, indicator="nope", weight=1, target_percent=1)
        empty = evaluation_actions.create_scheme(actor=user, province=province["province"], year=2027)
        with pytest.raises(DomainError, match="Add at least 1 criterion"):
            evaluation_actions.publish_scheme(actor=user, scheme=empty)


def test_two_schemes_created_at_once_give_a_refusal_not_an_error(province, monkeypatch):
    """The check-then-create race: the other member's scheme lands between the check and the insert."""
    user = _steering(province["province"])
    EvaluationScheme.objects.create(province=province["province"], year=2026)
    monkeypatch.setattr(QuerySet, "exists", lambda self: False)  # the check saw no scheme yet
    with pytest.raises(DomainError) as refused:
        evaluation_actions.create_scheme(actor=user, province=province["province"], year=2026)
    assert refused.value.field == "year"
    monkeypatch.undo()
    assert EvaluationScheme.objects.filter(province=province["province"], year=2026).count() == 1
    assert not AuditEvent.objects.filter(verb="reporting.evaluation_scheme_created").exists()


def test_publishing_is_offered_only_with_a_criterion(client, sign_in, province):
    user = _steering(province["province"])
    scheme = evaluation_actions.create_scheme(actor=user, province=province["province"], year=2026)
    sign_in(client, user)
    with translation.override("en"):  # the English pages (/en/…)
        page = reverse("reporting_reports:evaluation-scheme", args=[scheme.pk])
        publish = reverse("reporting_reports:evaluation-publish", args=[scheme.pk])
        html = client.get(page).content.decode()
        assert publish not in html and "Add at least 1 criterion to publish the scheme." in html
        evaluation_actions.add_criterion(actor=user, scheme=scheme, indicator="fake_a", weight=1, target_percent=50)
        html = client.get(page).content.decode()
        assert publish in html and "Add at least 1 criterion" not in html


def test_a_draft_is_deleted_after_a_confirmation_and_a_published_scheme_is_not(client, sign_in, province):
    user = _steering(province["province"])
    scheme = _scheme(province["province"], user)
    sign_in(client, user)
    page = reverse("reporting_reports:evaluation-scheme", args=[scheme.pk])
    delete = reverse("reporting_reports:evaluation-scheme-delete", args=[scheme.pk])
    assert delete in client.get(page).content.decode()  # linked from the draft's page
    assert client.get(delete).status_code == 405  # a POST only
    response = client.post(delete)
    assert response.status_code == 200 and b'name="confirm"' in response.content
    assert EvaluationScheme.objects.filter(pk=scheme.pk).exists()
    response = client.post(delete, {"confirm": "yes"})
    assert response.url == reverse("reporting_reports:evaluation-schemes", args=["AP"])
    assert not EvaluationScheme.objects.filter(pk=scheme.pk).exists()
    assert not EvaluationCriterion.objects.filter(scheme_id=scheme.pk).exists()
    event = AuditEvent.objects.get(verb="reporting.evaluation_scheme_deleted")
    assert event.actor_id == user.pk and event.unit_id == province["province"].pk
    assert event.data["year"] == 2026 and [c["indicator"] for c in event.data["criteria"]] == ["fake_a", "fake_b"]
    published = _scheme(province["province"], user)
    evaluation_actions.publish_scheme(actor=user, scheme=published)
    assert (
        reverse("reporting_reports:evaluation-scheme-delete", args=[published.pk])
        not in client.get(reverse("reporting_reports:evaluation-scheme", args=[published.pk])).content.decode()
    )
    response = client.post(
        reverse("reporting_reports:evaluation-scheme-delete", args=[published.pk]), {"confirm": "yes"}
    )
    assert response.url == reverse("reporting_reports:evaluation-scheme", args=[published.pk])
    assert EvaluationScheme.objects.filter(pk=published.pk).exists()
    with pytest.raises(DomainError):
        evaluation_actions.delete_draft_scheme(actor=user, scheme=published)
    assert AuditEvent.objects.filter(verb="reporting.evaluation_scheme_deleted").count() == 1


def test_the_writes_of_the_editor_are_refused_to_another_province_and_to_a_commune_official(client, sign_in, province):
    member = _steering(province["province"])
    scheme = _scheme(province["province"], member)
    criterion = scheme.criteria.first()
    outsider = _steering(make_tree("B")["province"])
    official = UserFactory()
    grant(official, province["commune"], Role.COMMUNE_OFFICIAL)
    events = AuditEvent.objects.count()
    rows = (EvaluationScheme.objects.count(), EvaluationCriterion.objects.count())
    edit = reverse("reporting_reports:evaluation-criterion", args=[scheme.pk, criterion.pk])
    new_criterion = {"indicator": "fake_b", "weight": 9, "target_percent": 9}
    for user in (outsider, official):
        sign_in(client, user)
        assert client.get(edit).status_code == 404
        for url, data in [
            (edit, {"indicator": "fake_a", "weight": 9, "target_percent": 9}),
            (reverse("reporting_reports:evaluation-criterion-remove", args=[scheme.pk, criterion.pk]), {}),
            (reverse("reporting_reports:evaluation-schemes", args=["AP"]), {"year": 2030}),
            (reverse("reporting_reports:evaluation-scheme", args=[scheme.pk]), new_criterion),
            (reverse("reporting_reports:evaluation-scheme-delete", args=[scheme.pk]), {"confirm": "yes"}),
            (reverse("reporting_reports:evaluation-publish", args=[scheme.pk]), {"confirm": "yes"}),
        ]:
            assert client.post(url, data).status_code == 404, (user, url)
    assert AuditEvent.objects.count() == events
    assert (EvaluationScheme.objects.count(), EvaluationCriterion.objects.count()) == rows
    criterion.refresh_from_db()
    assert (criterion.weight, criterion.target_percent) == (60, 80)


def test_the_ranking_csv_speaks_the_language_of_the_request(client, sign_in, province):
    user = _steering(province["province"])
    scheme = _scheme(province["province"], user)
    sign_in(client, user)
    with translation.override("en"):  # the English pages are under /en/
        url = reverse("reporting_reports:evaluation-ranking-csv", args=[scheme.pk])
    rows = list(csv.reader(io.StringIO(client.get(url).content.decode())))
    assert rows[0][:6] == ["Rank", "unit code", "unit", "Total score", "Weights with data", "Total weight"]
    assert rows[0][6:8] == ["fake_a: numerator/denominator", "fake_a: score (at most 60)"]
    assert rows[2][8:] == ["", "no data yet"]
