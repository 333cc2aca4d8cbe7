"""The helpers core.indicators gives the apps: who must act, in words, and the item of a thing with a
deadline (`deadline_item`), judged by hand on one or two steps; and the display order of every indicator."""

import datetime as dt
from importlib import import_module

from django.apps import apps
from django.utils import translation

from grassroots.core.indicators import Item, acting, commune_committee, deadline_item
from grassroots.library.citations import LIBRARY_DOCUMENTS, parse_citations

D = dt.date
DUE, LATER = D(2026, 3, 9), D(2026, 3, 16)
WHO, NEXT = "Village head, Thôn A1", "Commune Fatherland Front committee, Xã A"


def _item(steps, today):  # type: ignore[no-untyped-def]
    return deadline_item(unit_id=7, title="T", url="/x/", steps=steps, today=today)


def test_who_must_act_is_a_role_and_a_unit():
    with translation.override("en"):
        assert acting("village head", "Thôn A1") == "village head, Thôn A1"
        assert commune_committee("Xã A") == "People's Committee of Xã A"


def test_a_step_not_done_is_left_out_up_to_its_day_and_overdue_the_day_after():
    assert _item([(DUE, None, WHO)], DUE) is None
    assert _item([(DUE, None, WHO)], DUE + dt.timedelta(days=1)) == Item(
        7, DUE, "T", 0, 1, "/x/", deadline=DUE, overdue=True, responsible=WHO
    )


def test_done_by_the_day_is_1_of_1_and_done_after_it_0_of_1_late_never_overdue():
    assert _item([(DUE, DUE, WHO)], LATER) == Item(7, DUE, "T", 1, 1, "/x/", deadline=DUE)
    late = _item([(DUE, DUE + dt.timedelta(days=1), WHO)], LATER)
    assert late == Item(7, DUE, "T", 0, 1, "/x/", deadline=DUE)
    assert not late.overdue and late.responsible == ""


def test_two_steps_the_second_is_judged_once_the_first_is_done():
    # Filed on time, recognition still ahead: not counted yet; recognized late: 0/1 on the second day.
    assert _item([(DUE, DUE, WHO), (LATER, None, NEXT)], LATER) is None
    late = _item([(DUE, DUE, WHO), (LATER, LATER + dt.timedelta(days=2), NEXT)], LATER + dt.timedelta(days=5))
    assert (late.numerator, late.deadline, late.overdue) == (0, LATER, False)
    # Filed late: 0/1 at once, even while the recognition is still ahead.
    early = _item([(DUE, DUE + dt.timedelta(days=1), WHO), (LATER, None, NEXT)], LATER)
    assert (early.numerator, early.deadline, early.overdue) == (0, DUE, False)
    # Filed late, recognition past its day: overdue, the recognizer responsible.
    overdue = _item([(DUE, DUE + dt.timedelta(days=1), WHO), (LATER, None, NEXT)], LATER + dt.timedelta(days=1))
    assert (overdue.overdue, overdue.deadline, overdue.responsible) == (True, LATER, NEXT)
    # Both on time: 1/1, the deadline is the last step's day, placed on the first step's day.
    done = _item([(DUE, DUE, WHO), (LATER, LATER, NEXT)], LATER)
    assert (done.numerator, done.deadline, done.day) == (1, LATER, DUE)


def test_a_step_done_after_today_is_not_done_yet_and_the_item_can_be_placed_on_another_day():
    assert _item([(DUE, LATER, WHO)], DUE) is None
    item = deadline_item(unit_id=7, title="T", url="/x/", steps=[(DUE, LATER, WHO)], today=DUE + dt.timedelta(days=1),
                         day=D(2026, 3, 1))  # fmt: skip
    assert (item.overdue, item.day, item.deadline) == (True, D(2026, 3, 1), DUE)


def _all_indicators():  # type: ignore[no-untyped-def]
    indicators = []
    for app in apps.get_app_configs():
        if app.name.startswith("grassroots."):
            try:
                module = import_module(f"{app.name}.indicators")
            except ModuleNotFoundError as missing:
                if missing.name != f"{app.name}.indicators":
                    raise
                continue
            indicators.extend(getattr(module, "INDICATORS", []))
    return indicators


def test_every_citation_parses_to_articles_of_the_library_or_is_empty():
    """A citation is linked on the definition page: written so `parse_citations` reads it whole, or left
    empty where no article sets the rule (training, situation reports)."""
    for indicator in _all_indicators():
        cited = parse_citations(indicator.citation)
        assert bool(cited) == bool(indicator.citation), indicator.code
        assert {c.document_code for c in cited} <= LIBRARY_DOCUMENTS, indicator.code


def test_every_indicator_has_its_own_place_in_the_order_of_the_slogan():
    """Residents know (disclosure), discuss and decide (decisions, conventions), give opinions
    (consultations), check and supervise (annual conference, inspection board), then training; the
    situation reports the steering committee asks for come after the law's own figures."""
    indicators = _all_indicators()
    orders = [i.order for i in indicators]
    assert len(orders) == len(set(orders))
    code_order = [i.code for i in sorted(indicators, key=lambda i: i.order)]
    assert code_order[:8] == [
        "disclosure_on_time",
        "meetings_quorum",
        "decisions_on_time",
        "vote_participation",
        "conventions_in_force_reviewed",
        "consultations_synthesis",
        "annual_conferences_held",
        "recommendations_answered",
    ]
    assert code_order[8] == "training_coverage"
    assert all(c.startswith("training_coverage") for c in code_order[8:-1])
    assert code_order[-1] == "situation_reports_on_time"
