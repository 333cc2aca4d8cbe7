"""Forms and steps that guide (issue 9): the error summary, count messages with their bounds, the
confirmation page of irreversible steps, the statuses and thresholds of the console's steps, and the
meeting door's search and duplicate entry."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from hypothesis import given
from hypothesis import strategies as st

from grassroots.accounts.tests.factories import UserFactory
from grassroots.core.models import AuditEvent
from grassroots.core.templatetags.error_summary import form_errors
from grassroots.decisions import actions, rules
from grassroots.decisions.forms import MeetingResultForm, MethodForm, OptinForm
from grassroots.decisions.models import Form, Matter, Status, TabledVia
from grassroots.decisions.steps import Facts, MeetingFacts, steps_for
from grassroots.people.models import Household, Representation, Resident

TODAY = dt.date(2026, 3, 10)


def _url(name, matter):  # type: ignore[no-untyped-def]
    return reverse(f"decisions:{name}", args=[matter.pk])


def _meeting(village, present=8):  # type: ignore[no-untyped-def]
    head = village["head"]
    matter = actions.create_matter(actor=head, unit=village["a1"], item=5, title="T", question="Q",
                                   tabled_via=TabledVia.VILLAGE_HEAD)  # fmt: skip
    actions.record_agreement(matter, actor=head, who="head")
    actions.record_agreement(matter, actor=village["front"], who="front")
    actions.open_matter(matter, actor=head, form=Form.MEETING)
    meeting = actions.schedule_meeting(matter, actor=head, starts_at=timezone.now() + dt.timedelta(days=3), place="x",
                                       notice_sent_on=timezone.localdate(), documents_delivered_on=timezone.localdate())  # fmt: skip
    for household in Household.objects.filter(unit=village["a1"]).order_by("code")[:present]:
        actions.record_attendance(meeting, actor=head, household=household)
    return matter, meeting


# --- Error summary and bounded messages ------------------------------------------------------------
def test_a_count_out_of_bounds_says_what_to_enter_and_the_summary_links_to_the_field(village, sign_in):
    matter, _m = _meeting(village, present=8)
    head = sign_in(Client(), village["head"])
    with translation.override("en"):
        page = head.post(_url("console-result", matter), {"back": "meeting", "result-method": "hands",
                                                          "result-agree": "9", "result-disagree": "",
                                                          "result-other": "0"},
                         HTTP_ACCEPT_LANGUAGE="en")  # fmt: skip
    assert page.status_code == 422
    html = page.content.decode()
    assert 'id="error-summary"' in html and 'tabindex="-1"' in html and "autofocus" in html
    assert "js/error-summary.js" in html
    assert '<a href="#id_result-agree">' in html and '<a href="#id_result-disagree">' in html
    assert "from 0 to 8." in html
    assert not matter.participations.exists()


def test_count_messages_state_the_bounds_in_every_language():
    for language, expected in (("vi", "Nhập số hộ đồng ý, từ 0 đến 172."),
                               ("en", "Enter the number of households that agree, from 0 to 172.")):  # fmt: skip
        with translation.override(language):
            form = MeetingResultForm({"method": "hands", "agree": "173", "disagree": "0", "other": "0"}, most=172)
            assert not form.is_valid()
            assert form.errors["agree"] == [expected]
            empty = MeetingResultForm({"method": "hands", "agree": "", "disagree": "x", "other": "-1"}, most=172)
            assert not empty.is_valid() and set(empty.errors) == {"agree", "disagree", "other"}
            assert all("172" in str(e) for name in ("agree", "disagree", "other") for e in empty.errors[name])
    with translation.override("en"):
        unbounded = OptinForm({"yes": ""})
        assert not unbounded.is_valid()
        assert unbounded.errors["yes"] == ["Enter the number of households that chose online voting, 0 or more."]
        assert OptinForm(most=10)["yes"].field.widget.attrs["max"] == "10"


def test_the_summary_links_a_radio_choice_to_its_first_button_and_lists_errors_of_the_whole_form():
    form = MethodForm({"method": "", "yes": "3"}, prefix="method", most=2)
    assert not form.is_valid()
    anchors = [anchor for anchor, _message in form_errors([{"method": form}])]
    assert anchors == ["id_method-method_0", "id_method-yes"]
    assert form_errors([MethodForm(prefix="method")]) == []  # an unbound form has nothing to say


def test_a_page_without_errors_has_no_summary(village, sign_in):
    matter, _m = _meeting(village)
    page = sign_in(Client(), village["head"]).get(_url("console-meeting", matter))
    assert page.status_code == 200 and b"error-summary" not in page.content


# --- Confirmation of irreversible steps -------------------------------------------------------------
def test_recording_the_count_asks_for_confirmation_and_acts_only_with_it(village, sign_in):
    matter, meeting = _meeting(village, present=8)
    head = sign_in(Client(), village["head"])
    data = {"back": "meeting", "result-method": "hands", "result-agree": "6", "result-disagree": "2",
            "result-other": "0"}  # fmt: skip
    before = AuditEvent.objects.count()
    asked = head.post(_url("console-result", matter), data)
    assert asked.status_code == 200
    html = asked.content.decode()
    assert 'name="confirm" value="yes"' in html and "warning-button" in html
    assert 'name="result-agree" value="6"' in html  # the answers go again with the button
    assert "<dd>0</dd>" in html  # check your answers: "Other opinion 0" is shown too
    meeting.refresh_from_db()
    assert meeting.closed_at is None and AuditEvent.objects.count() == before
    done = head.post(_url("console-result", matter), {**data, "confirm": "yes"})
    assert done.status_code == 302
    meeting.refresh_from_db()
    assert meeting.closed_at is not None


def test_closing_filing_and_recognizing_act_only_when_confirmed(village, sign_in):
    matter, meeting = _meeting(village, present=8)
    head = sign_in(Client(), village["head"])
    actions.record_meeting_count(meeting, actor=village["head"], method="hands", agree=8, disagree=0, other=0)
    close = _url("console-close", matter)
    assert head.post(close).status_code == 200
    matter.refresh_from_db()
    assert matter.closed_at is None
    assert b'name="confirm" value="yes"' in head.get(close).content  # the close page is the confirmation page
    assert head.post(close, {"confirm": "yes"}).status_code == 302
    signatures = {"file-decision_text": "Làm đường.", "file-village_head": "A", "file-front_head": "B",
                  "file-representative_1": "C", "file-representative_2": "D"}  # fmt: skip
    asked = head.post(_url("console-file", matter), signatures)
    assert asked.status_code == 200 and "Làm đường." in asked.content.decode()
    matter.refresh_from_db()
    assert matter.filed_at is None
    assert head.post(_url("console-file", matter), {**signatures, "confirm": "yes"}).status_code == 302
    matter.refresh_from_db()
    assert matter.status == Status.FILED
    front = sign_in(Client(), village["commune_front"])  # item 5: recognized by the commune Front
    recognize = reverse("decisions:recognition-recognize", args=[matter.pk])
    assert front.post(recognize, {"effective_on": ""}).status_code == 200
    matter.refresh_from_db()
    assert matter.status == Status.FILED
    assert front.post(recognize, {"effective_on": "", "confirm": "yes"}).status_code == 302
    matter.refresh_from_db()
    assert matter.status == Status.RECOGNIZED


def test_a_user_of_another_commune_gets_no_confirmation_page(village, sign_in):
    matter, _m = _meeting(village)
    other = sign_in(Client(), village["official_b"])
    for name in ("console-close", "console-file", "console-result"):
        assert other.post(_url(name, matter), {"confirm": "yes"}).status_code == 404


# --- Steps: statuses and the numbers thresholds need --------------------------------------------
def _matter(**fields):  # type: ignore[no-untyped-def]
    defaults = {"item": 4, "scope": "village", "tabled_via": TabledVia.VILLAGE_HEAD, "status": Status.OPEN,
                "form": Form.MEETING, "round": 1, "household_count": 250}  # fmt: skip
    return Matter(**{**defaults, **fields})


def test_a_step_passed_without_being_taken_is_skipped_never_done():
    closed = _matter(status=Status.CLOSED, closed_at=timezone.now(), adopted=True)
    counted = MeetingFacts(round=1, present=200, households=250, reachable=True, quorum=True, falls_short=False,
                           counted=True)  # fmt: skip
    steps = {s.key: s for s in steps_for(closed, Facts(today=TODAY, households=250, meeting=counted))}
    for key in ("secretary", "method", "cluster_plan"):
        assert steps[key].state == "skipped" and not steps[key].done, key
        assert not steps[key].actionable
    assert steps["cluster_plan"].optional
    assert steps["attendance"].state == "done"


def test_steps_say_cannot_start_yet_with_the_reason_and_optional():
    matter = _matter()
    steps = {s.key: s for s in steps_for(matter, Facts(today=TODAY, households=250))}
    assert steps["attendance"].state == "blocked" and steps["attendance"].blocked_reason
    draft = _matter(item=6, status=Status.DRAFT, form="", household_count=None)
    drafted = {s.key: s for s in steps_for(draft, Facts(today=TODAY, households=250))}
    assert drafted["optin"].state == "optional" and drafted["open"].state == "blocked"


@pytest.mark.parametrize(("item", "households", "needed"), [(1, 250, 167), (4, 250, 126), (4, 251, 126),
                                                             (2, 3, 2), (6, 1, 1)])  # fmt: skip
def test_law_art_21_1_the_number_that_must_agree_is_the_least_the_rule_accepts(item, households, needed):
    rule_item = rules.Item(item)
    assert rules.least_agreeing_to_adopt(rule_item, households) == needed
    assert rules.village_adopts(rule_item, needed, households)
    assert not rules.village_adopts(rule_item, needed - 1, households)


@given(item=st.sampled_from(list(rules.Item)), households=st.integers(min_value=1, max_value=2000))
def test_the_number_needed_is_exactly_where_the_rule_starts_to_accept(item, households):
    needed = rules.least_agreeing_to_adopt(item, households)
    assert needed is not None and rules.village_adopts(item, needed, households)
    assert needed == 0 or not rules.village_adopts(item, needed - 1, households)
    present = rules.least_present_to_decide(item, households)
    assert present is not None and not rules.meeting_falls_short(item, present, households)
    assert present == 0 or rules.meeting_falls_short(item, present - 1, households)


def test_the_other_thresholds_give_their_numbers():
    assert rules.least_agreeing_to_adopt(rules.Item.OTHER, 0) is None
    assert rules.least_in_favour_present(8) == 5 and rules.least_in_favour_present(0) is None
    assert rules.least_choosing_online(10) == 6
    assert rules.least_consents_to_table(250) == 25
    assert rules.least_present_to_decide(rules.Item.INFRASTRUCTURE, 250) == 167
    assert rules.least_present_to_decide(rules.Item.CONVENTION, 250) == 126


def test_the_steps_show_the_number_needed():
    with translation.override("vi"):
        steps = {s.key: s for s in steps_for(_matter(item=1), Facts(today=TODAY, households=250))}
        assert "167 hộ" in steps["close"].needed and "167" in steps["attendance"].needed
    with translation.override("en"):
        steps = {s.key: s for s in steps_for(_matter(item=1), Facts(today=TODAY, households=250))}
        assert steps["close"].needed == "At least 167 households must agree."


def test_the_console_shows_the_number_needed_and_the_statuses(village, sign_in):
    matter, _m = _meeting(village, present=8)
    page = sign_in(Client(), village["head"]).get(_url("console", matter), HTTP_ACCEPT_LANGUAGE="en")
    html = page.content.decode()
    needed = rules.least_agreeing_to_adopt(rules.Item(matter.item), matter.household_count)
    assert f"{needed} households must agree" in html or f"{needed} hộ" in html
    assert "step-done" in html and "step-next" in html


# --- The meeting door ------------------------------------------------------------------------------
def test_the_door_search_folds_accents_like_the_register(village, sign_in):
    matter, _m = _meeting(village, present=0)
    rep = Representation.objects.filter(household__unit=village["a1"], valid_to__isnull=True).select_related(
        "resident", "household").first()  # fmt: skip
    rep.resident.full_name = "Nguyễn Văn Đức"
    rep.resident.save()
    found = actions.households_matching(matter, "nguyen van duc", 30)
    assert rep.household in found
    page = sign_in(Client(), village["head"]).get(_url("console-meeting", matter), {"q": "NGUYEN VAN DUC"})
    assert rep.household.code in page.content.decode()


def test_a_household_entered_twice_at_the_door_is_said_to_be_present_already(village, sign_in):
    matter, meeting = _meeting(village, present=0)
    rep = Representation.objects.filter(household__unit=village["a1"], valid_to__isnull=True).select_related(
        "resident", "household").first()  # fmt: skip
    head = sign_in(Client(), village["head"])
    url = _url("console-meeting", matter)
    assert head.post(url, {"attend-code": rep.household.code}).status_code == 302
    again = head.post(url, {"attend-code": rep.household.code})
    assert again.status_code == 422
    html = again.content.decode()
    assert rep.household.code in html and rep.resident.full_name in html and 'id="error-summary"' in html
    assert meeting.attendance.count() == 1


def test_empty_fields_say_what_to_enter(village, sign_in):
    matter, _m = _meeting(village, present=8)
    actions.record_meeting_count(_m, actor=village["head"], method="hands", agree=8, disagree=0, other=0)
    actions.close_matter(matter, actor=village["head"])
    with translation.override("en"):
        page = sign_in(Client(), village["head"]).post(_url("console-file", matter), {"file-village_head": "A"},
                                                       HTTP_ACCEPT_LANGUAGE="en")  # fmt: skip
    assert page.status_code == 422
    html = page.content.decode()
    assert "Write the decision as the households adopted it." in html
    assert html.count("Enter the name of the person who signs.") == 2 * 3  # in the summary and beside each field
    assert '<a href="#id_file-decision_text">' in html


def test_anonymizing_a_resident_goes_through_its_confirmation_page(world, sign_in):
    root = sign_in(Client(), UserFactory(username="root", is_staff=True, is_superuser=True))
    resident = Resident.objects.filter(anonymized_at__isnull=True).first()
    changelist = reverse("admin:people_resident_changelist")
    data = {"action": "anonymize", "_selected_action": [resident.pk]}
    asked = root.post(changelist, data)
    assert asked.status_code == 200 and b'name="confirmed" value="yes"' in asked.content
    resident.refresh_from_db()
    assert resident.anonymized_at is None
    assert root.post(changelist, {**data, "confirmed": "yes"}).status_code == 302
    resident.refresh_from_db()
    assert resident.anonymized_at is not None
