"""Every rule of law.md 10.A–10.H, one named test or table each, with boundaries (n−1, n, n+1)."""

import datetime as dt
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from grassroots.decisions import rules
from grassroots.decisions.rules import Choice, Form, Item, Recognizer, Scope, Tally, VillageResult, WorkCalendar

ITEMS = list(Item)


# 10.A.2 / 10.B.3 — items 1–2: at least two-thirds of ALL households (Art 21(1)).
@pytest.mark.parametrize(("approve", "households", "adopted"), [
    (3, 6, False), (4, 6, True), (5, 6, True),    # 2/3 of 6 = 4: n−1, n, n+1
    (19, 30, False), (20, 30, True), (21, 30, True),
    (66, 100, False), (67, 100, True),            # 2/3 of 100 = 66.67: 67 is the first that passes
    (0, 0, False),
])  # fmt: skip
def test_10_b_3_items_1_2_need_two_thirds_of_all_households(approve, households, adopted):
    for item in (Item.INFRASTRUCTURE, Item.COMMUNITY_FUNDS):
        assert rules.village_adopts(item, approve, households) is adopted


# 10.B.5 — items 3–6: strictly more than half of ALL households (Art 21(1)).
@pytest.mark.parametrize(("approve", "households", "adopted"), [
    (2, 5, False), (3, 5, True), (4, 5, True),    # half of 5 = 2.5
    (2, 6, False), (3, 6, False), (4, 6, True),   # exactly half is not enough
    (0, 0, False),
])  # fmt: skip
def test_10_b_5_items_3_to_6_need_more_than_half_of_all_households(approve, households, adopted):
    for item in (Item.CONVENTION, Item.VILLAGE_HEAD, Item.BOARD_MEMBERS, Item.OTHER):
        assert rules.village_adopts(item, approve, households) is adopted


# 10.B.4 — commune-wide items 1–2: two-thirds of all villages.
@pytest.mark.parametrize(
    ("villages_for", "villages", "adopted"), [(7, 12, False), (8, 12, True), (9, 12, True), (1, 2, False), (2, 3, True)]
)
def test_10_b_4_commune_wide_needs_two_thirds_of_villages(villages_for, villages, adopted):
    assert rules.commune_adopts(villages_for, villages) is adopted


# 10.B.6 — procedural votes at a meeting: more than 50% of those PRESENT (D59 Art 3(5)).
@pytest.mark.parametrize(
    ("yes", "present", "passes"), [(5, 10, False), (6, 10, True), (4, 9, False), (5, 9, True), (0, 0, False)]
)
def test_10_b_6_procedural_votes_count_those_present(yes, present, passes):
    assert rules.procedural_vote_passes(yes, present) is passes


# 10.A.2 — the denominator is H, not the ballots cast: the same 40 "agree" fail with H = 100.
def test_10_a_2_denominator_is_all_households_not_votes_cast():
    assert not rules.village_adopts(Item.OTHER, 40, 100)
    assert rules.village_adopts(Item.OTHER, 51, 100)


# 10.C.7 — items 3, 4, 5 only at a meeting; ballots only after a meeting fell short; never online.
@pytest.mark.parametrize("item", [Item.CONVENTION, Item.VILLAGE_HEAD, Item.BOARD_MEMBERS])
def test_10_c_7_forced_form_for_items_3_4_5(item):
    assert rules.form_allowed(item, Scope.VILLAGE, Form.MEETING).ok
    assert not rules.form_allowed(item, Scope.VILLAGE, Form.BALLOT).ok
    assert rules.form_allowed(item, Scope.VILLAGE, Form.BALLOT, meeting_fell_short=True).ok
    verdict = rules.form_allowed(item, Scope.VILLAGE, Form.ONLINE, meeting_fell_short=True)
    assert not verdict.ok and "Art 5" in verdict.article


def test_10_c_7_ballots_for_commune_wide_and_item_6():
    assert rules.form_allowed(Item.INFRASTRUCTURE, Scope.COMMUNE, Form.BALLOT).ok
    assert rules.form_allowed(Item.OTHER, Scope.VILLAGE, Form.BALLOT).ok
    assert not rules.form_allowed(Item.INFRASTRUCTURE, Scope.VILLAGE, Form.BALLOT).ok


def test_online_vote_on_an_item_3_matter_is_refused_citing_the_article():
    verdict = rules.form_allowed(Item.CONVENTION, Scope.VILLAGE, Form.ONLINE)
    assert not verdict.ok
    assert verdict.article == "D59 Art 5(1)(a); Law Art 17(2)"


def test_commune_scope_is_only_for_items_1_2():
    assert rules.scope_allowed(Item.INFRASTRUCTURE, Scope.COMMUNE).ok
    assert not rules.scope_allowed(Item.OTHER, Scope.COMMUNE).ok
    assert rules.scope_allowed(Item.OTHER, Scope.VILLAGE).ok


# 10.C.8 — the online-vote gate: every condition, and the opt-in boundary (more than half of H).
def _gate(**overrides):  # type: ignore[no-untyped-def]
    values = {"item": Item.OTHER, "head_agreed": True, "front_agreed": True, "optin_yes": 51, "households": 100,
              "commune_committee_notified": True, "commune_front_notified": True}  # fmt: skip
    values.update(overrides)
    return rules.online_vote_blockers(**values)


def test_10_c_8_online_gate_open_when_every_condition_holds():
    assert _gate() == []


@pytest.mark.parametrize(
    ("override", "article"),
    [({"item": Item.VILLAGE_HEAD}, "D59 Art 5(1)(a)"), ({"head_agreed": False}, "D59 Art 5(1)(b)"),
     ({"front_agreed": False}, "D59 Art 5(1)(b)"), ({"optin_yes": 50}, "D59 Art 5(1)(c)"),
     ({"commune_committee_notified": False}, "D59 Art 5(2)(a)"), ({"commune_front_notified": False}, "D59 Art 5(2)(a)")],
)  # fmt: skip
def test_10_c_8_online_gate_names_each_missing_condition(override, article):
    blockers = _gate(**override)
    assert [b.article for b in blockers] == [article]


@pytest.mark.parametrize(
    ("optin", "households", "ok"), [(50, 100, False), (51, 100, True), (2, 3, True), (1, 3, False)]
)
def test_10_c_8_optin_needs_more_than_half_of_households(optin, households, ok):
    assert (_gate(optin_yes=optin, households=households) == []) is ok


# 10.C.10 — online: pass iff agree × 2 > H.
@pytest.mark.parametrize(("agree", "households", "passes"), [(49, 100, False), (50, 100, False), (51, 100, True)])
def test_10_c_10_online_vote_passes_with_more_than_half_of_households(agree, households, passes):
    assert rules.online_vote_passes(agree, households) is passes


# 10.C.11 — ballot fallback when attendance makes the threshold unreachable.
@pytest.mark.parametrize(("item", "present", "households", "short"), [
    (Item.INFRASTRUCTURE, 19, 30, True), (Item.INFRASTRUCTURE, 20, 30, False),
    (Item.OTHER, 15, 30, True), (Item.OTHER, 16, 30, False),
    (Item.VILLAGE_HEAD, 50, 100, True), (Item.VILLAGE_HEAD, 51, 100, False),
])  # fmt: skip
def test_10_c_11_ballot_fallback_when_threshold_is_unreachable(item, present, households, short):
    assert rules.meeting_falls_short(item, present, households) is short


# 10.C.12 — convention meeting quorum: present × 2 > H (D61 Art 10).
@pytest.mark.parametrize(
    ("present", "households", "ok"), [(50, 100, False), (51, 100, True), (3, 5, True), (2, 5, False)]
)
def test_10_c_12_convention_meeting_quorum(present, households, ok):
    assert rules.convention_meeting_has_quorum(present, households) is ok
    assert rules.meeting_falls_short(Item.CONVENTION, present, households) is (not ok)


# 10.D.13 — notice and documents at least 2 days ahead.
def test_10_d_13_notice_two_days_ahead():
    meeting = dt.date(2026, 12, 10)
    assert rules.notice_in_time(dt.date(2026, 12, 8), meeting)  # the last day
    assert not rules.notice_in_time(dt.date(2026, 12, 9), meeting)  # the day after
    assert rules.documents_required(Item.INFRASTRUCTURE) and rules.documents_required(Item.CONVENTION)
    assert not rules.documents_required(Item.OTHER)


# 10.D.14 — cluster meetings from 200 households.
@pytest.mark.parametrize(("households", "allowed"), [(199, False), (200, True), (201, True)])
def test_10_d_14_clusters_from_200_households(households, allowed):
    assert rules.clusters_allowed(households) is allowed
    assert rules.clusters_allowed(10, dispersed=True)


# 10.E.15–16 — team sizes 3–5; two witnesses.
@pytest.mark.parametrize(("members", "ok"), [(2, False), (3, True), (5, True), (6, False)])
def test_10_e_15_team_sizes(members, ok):
    assert rules.team_size_ok(members) is ok


def test_10_e_16_two_witnesses():
    assert rules.witnesses_ok(2) and not rules.witnesses_ok(1) and not rules.witnesses_ok(3)


# 10.G.20–21 — filing and recognition within 5 working days; holidays (Tết) do not count.
CAL = WorkCalendar(holidays=frozenset({dt.date(2026, 2, d) for d in range(16, 21)}))


def test_10_g_20_filing_within_five_working_days():
    assert rules.filing_due_on(dt.date(2026, 12, 4), CAL) == dt.date(2026, 12, 11)  # Fri → next Fri
    # Closed on the Friday before Tết: the Tết week does not count.
    assert rules.filing_due_on(dt.date(2026, 2, 13), CAL) == dt.date(2026, 2, 27)


def test_10_g_21_recognition_within_five_working_days_and_swapped_saturdays():
    swapped = WorkCalendar(extra_working_days=frozenset({dt.date(2026, 12, 5)}))
    assert rules.recognition_due_on(dt.date(2026, 12, 4), swapped) == dt.date(2026, 12, 10)
    assert rules.is_overdue(dt.date(2026, 12, 10), False, dt.date(2026, 12, 11))
    assert not rules.is_overdue(dt.date(2026, 12, 10), False, dt.date(2026, 12, 10))
    assert not rules.is_overdue(dt.date(2026, 12, 10), True, dt.date(2026, 12, 31))


@pytest.mark.parametrize(("item", "scope", "who"), [
    (Item.CONVENTION, Scope.VILLAGE, Recognizer.COMMUNE_COMMITTEE), (Item.VILLAGE_HEAD, Scope.VILLAGE, Recognizer.COMMUNE_COMMITTEE),
    (Item.BOARD_MEMBERS, Scope.VILLAGE, Recognizer.COMMUNE_FRONT), (Item.INFRASTRUCTURE, Scope.VILLAGE, Recognizer.NONE),
    (Item.COMMUNITY_FUNDS, Scope.VILLAGE, Recognizer.NONE), (Item.OTHER, Scope.VILLAGE, Recognizer.NONE),
    (Item.INFRASTRUCTURE, Scope.COMMUNE, Recognizer.COMMUNE_COMMITTEE),
])  # fmt: skip
def test_10_g_21_who_recognizes(item, scope, who):
    assert rules.recognizer(item, scope) is who


# 10.H.22 — initiatives: 10% of households; consents lapse after 3 months.
@pytest.mark.parametrize(
    ("consents", "households", "tabled"),
    [(9, 100, False), (10, 100, True), (11, 100, True), (4, 45, False), (5, 45, True)],
)
def test_10_h_22_initiative_needs_ten_percent(consents, households, tabled):
    assert rules.initiative_tabled(consents, households) is tabled


def test_10_h_22_consent_lapses_after_three_months():
    given = dt.date(2026, 1, 31)
    assert rules.consent_valid_on(given, dt.date(2026, 4, 29))  # the last day
    assert not rules.consent_valid_on(given, dt.date(2026, 4, 30))  # three months later: lapsed
    assert not rules.consent_valid_on(given, dt.date(2026, 1, 30))  # before it was given


# Tallies and results.
def test_commune_result_counts_villages_that_pass_their_own_threshold():
    villages = [
        VillageResult(30, Tally(agree=20)),
        VillageResult(30, Tally(agree=20)),
        VillageResult(30, Tally(agree=19)),
    ]
    assert rules.matter_adopted(Item.INFRASTRUCTURE, Scope.COMMUNE, villages)  # 2 of 3 villages
    villages[1] = VillageResult(30, Tally(agree=10))
    assert not rules.matter_adopted(Item.INFRASTRUCTURE, Scope.COMMUNE, villages)


# Hypothesis: thresholds agree with a brute-force Fraction oracle; monotone; tallies add up.
@given(st.sampled_from(ITEMS), st.integers(0, 2000), st.integers(0, 2000))
def test_thresholds_agree_with_a_fraction_oracle(item, approve, households):
    approve = min(approve, households)
    if households == 0:
        assert not rules.village_adopts(item, approve, households)
        return
    share = Fraction(approve, households)
    expected = share >= Fraction(2, 3) if item in rules.TWO_THIRDS_ITEMS else share > Fraction(1, 2)
    assert rules.village_adopts(item, approve, households) is expected


@given(st.sampled_from(ITEMS), st.integers(0, 1000), st.integers(1, 1000))
def test_one_more_agree_never_turns_a_pass_into_a_fail(item, approve, households):
    if rules.village_adopts(item, approve, households):
        assert rules.village_adopts(item, approve + 1, households)


# The count that production performs (actions.compute_result → rules.count_ballots), on ballots as the
# database groups them: (village, choice, number).
BALLOTS = st.lists(st.tuples(st.integers(1, 4), st.sampled_from([c.value for c in Choice])), max_size=300)


def _grouped(ballots):  # type: ignore[no-untyped-def]
    from collections import Counter

    return [(v, c, n) for (v, c), n in Counter(ballots).items()]


@given(BALLOTS, st.randoms())
def test_option_counts_add_up_to_valid_ballots_and_do_not_depend_on_order(ballots, random):
    villages = [(v, 300) for v in range(1, 5)]
    count = rules.count_ballots(Item.INFRASTRUCTURE, Scope.COMMUNE, villages, _grouped(ballots))
    assert count.total.total == len(ballots)
    for village_id, result in count.villages:
        assert result.tally.total == sum(1 for v, _c in ballots if v == village_id)
    shuffled = list(ballots)
    random.shuffle(shuffled)
    assert rules.count_ballots(Item.INFRASTRUCTURE, Scope.COMMUNE, villages, _grouped(shuffled)) == count


@given(st.sampled_from(ITEMS), st.integers(0, 60), st.integers(0, 60), st.integers(1, 90))
def test_one_more_agree_ballot_never_turns_a_pass_into_a_fail(item, agree, disagree, households):
    agree, disagree = min(agree, households), min(disagree, households - min(agree, households))
    before = rules.count_ballots(
        item, Scope.VILLAGE, [(1, households)], [(1, "agree", agree), (1, "disagree", disagree)]
    )
    if before.adopted and agree + disagree < households:
        after = rules.count_ballots(
            item, Scope.VILLAGE, [(1, households)], [(1, "agree", agree + 1), (1, "disagree", disagree)]
        )
        assert after.adopted


@given(st.sampled_from(ITEMS), st.integers(0, 200), st.integers(1, 200))
def test_a_village_count_agrees_with_a_fraction_oracle(item, agree, households):
    agree = min(agree, households)
    count = rules.count_ballots(item, Scope.VILLAGE, [(7, households)], [(7, "agree", agree)])
    share = Fraction(agree, households)
    expected = share >= Fraction(2, 3) if item in rules.TWO_THIRDS_ITEMS else share > Fraction(1, 2)
    assert count.adopted is expected


def test_a_ballot_of_a_village_the_matter_does_not_cover_is_not_counted():
    count = rules.count_ballots(Item.OTHER, Scope.VILLAGE, [(1, 10)], [(1, "agree", 6), (2, "agree", 9)])
    assert count.total.agree == 6 and count.adopted


@given(st.integers(0, 60), st.integers(1, 60))
def test_commune_rule_agrees_with_oracle(villages_for, villages):
    villages_for = min(villages_for, villages)
    assert rules.commune_adopts(villages_for, villages) is (Fraction(villages_for, villages) >= Fraction(2, 3))
