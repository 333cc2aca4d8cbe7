"""The pages: the public composition, the console of the commune Front and the board, every step through
its form, the plan documents, and another commune's user refused on every console page and the API."""

import pytest
from django.urls import reverse
from django.utils import timezone

from grassroots.accounts.models import Role
from grassroots.inspection import actions
from grassroots.inspection.choices import Departure
from grassroots.inspection.models import Member

from .conftest import days_ago, filed_matter, seat

pytestmark = pytest.mark.django_db

PLAN = {"period": "year", "year": "", "purpose": "Giám sát", "content": "Thu chi quỹ", "timing": "Cả năm",
        "budget": "Theo dự toán của Mặt trận", "organisation": "Cả ban"}  # fmt: skip


def test_the_public_page_shows_names_and_seats_only(client, cast):
    member = seat(cast, cast["residents"][1])
    text = client.get(reverse("inspection:public", args=["AC"])).content.decode()
    assert member.full_name in text and "Thôn A1" in text
    assert cast["households"]["a2"].code not in text and str(cast["residents"][1].birth_date.year) not in text
    unit_page = client.get(reverse("territory:unit-detail", args=["AC"]))
    assert reverse("inspection:public", args=["AC"]) in unit_page.content.decode()


def test_the_console_shows_the_size_rule_with_the_numbers(client, sign_in, cast):
    seat(cast, cast["residents"][1])
    sign_in(client, cast["cfront_a"])
    text = client.get(reverse("inspection:board", args=["AC"])).content.decode()
    assert "1" in text and "Thôn A2" in text  # A2 unrepresented
    console = client.get(reverse("inspection:console")).content.decode()
    assert "1/5" in console


def test_the_front_nominates_through_the_form_and_sees_the_eligibility_refusal(client, sign_in, cast):
    sign_in(client, cast["cfront_a"])
    village = cast["a"]["village1"]
    household = cast["households"]["a1"]
    resident = household.memberships.first().resident
    data = {"village": village.pk, "household_code": household.code, "full_name": resident.full_name,
            "declaration_recorded_on": days_ago(0).isoformat(), "replaces": ""}  # fmt: skip
    response = client.post(reverse("inspection:nominate", args=["AC"]), data)
    assert response.status_code == 302
    assert cast["board"].candidacies.filter(resident=resident).exists()
    response = client.post(reverse("inspection:nominate", args=["AC"]), {**data, "full_name": "Không Có Ai"})
    assert response.status_code == 422


def test_the_front_recognizes_and_removes_through_the_console(client, sign_in, cast):
    sign_in(client, cast["cfront_a"])
    candidacy = actions.nominate(actor=cast["cfront_a"], board=cast["board"], village=cast["a"]["village1"],
                                 resident=cast["residents"][1], declaration_recorded_on=days_ago(0))  # fmt: skip
    matter = filed_matter(cast["a"]["village1"], cast["head_a1"])
    assert client.post(reverse("inspection:link", args=["AC"]),
                       {"candidacy": candidacy.pk, "matter": matter.pk}).status_code == 302  # fmt: skip
    decide = {"candidacy": candidacy.pk, "decision": "recognize", "reason": ""}
    assert client.post(reverse("inspection:decide", args=["AC"]), decide).status_code == 200  # confirmation
    client.post(reverse("inspection:decide", args=["AC"]), {**decide, "confirm": "yes"})
    member = Member.objects.get()
    assert member.member_role is not None
    leave = {"member": member.pk, "how": "removed", "on": days_ago(0).isoformat(), "reason": "", "confirm": "yes"}
    assert client.post(reverse("inspection:leave", args=["AC"]), leave).status_code == 422
    client.post(reverse("inspection:leave", args=["AC"]), {**leave, "reason": "Không hoàn thành nhiệm vụ."})
    member.refresh_from_db()
    assert member.departure == Departure.REMOVED


def test_the_board_writes_a_plan_and_gets_it_as_pdf_and_docx(client, sign_in, cast):
    seat(cast, cast["residents"][1])
    sign_in(client, cast["member_user"])
    year = str(timezone.localdate().year)
    assert client.post(reverse("inspection:plan", args=["AC"]), {**PLAN, "year": year}).status_code == 302
    plan = cast["board"].plans.get()
    page = client.get(reverse("inspection:board", args=["AC"])).content.decode()
    pdf_url = reverse("inspection:plan-document", args=["AC", plan.pk, "pdf"])
    assert pdf_url in page
    assert client.get(pdf_url).content.startswith(b"%PDF")
    docx = client.get(reverse("inspection:plan-document", args=["AC", plan.pk, "docx"]))
    assert docx.content.startswith(b"PK")


def test_a_user_of_another_commune_is_refused_on_every_console_page_and_the_api(client, sign_in, cast):
    member = seat(cast, cast["residents"][1])
    plan = actions.write_plan(actor=cast["member_user"], board=cast["board"], period="year",
                              year=timezone.localdate().year, **{k: v for k, v in PLAN.items() if k not in ("period", "year")})  # fmt: skip
    sign_in(client, cast["cfront_b"])
    assert client.get(reverse("inspection:board", args=["AC"])).status_code == 404
    for name in (
        "open",
        "deputies",
        "nominate",
        "link",
        "decide",
        "officers",
        "announce",
        "leave",
        "close-term",
        "plan",
    ):
        assert client.post(reverse(f"inspection:{name}", args=["AC"]), {"confirm": "yes"}).status_code == 404, name
    for ext in ("pdf", "docx"):
        assert client.get(reverse("inspection:plan-document", args=["AC", plan.pk, ext])).status_code == 404
    # Nothing of commune A on B's console: not its board's page, not its name ("AC" alone could turn up
    # inside a CSRF token).
    console = client.get(reverse("inspection:console")).content.decode()
    assert reverse("inspection:board", args=["AC"]) not in console and cast["a"]["commune"].name not in console
    assert client.get("/api/v1/inspection-board/AC").status_code == 404
    assert client.get("/api/v1/inspection-board/BC").status_code == 200
    member.refresh_from_db()
    assert member.serving


def test_the_api_open_data_has_aggregates_and_names_only(client, cast):
    member = seat(cast, cast["residents"][1])
    data = client.get("/api/v1/inspection-board/open/AC").json()
    assert data["board"]["seats"] == 5 and data["board"]["members_serving"] == 1
    assert data["board"]["members"] == [{"full_name": member.full_name, "seat": "member", "village": "AC-1"}]
    assert client.get("/api/v1/inspection-board/open/AC-1").status_code == 404


def test_the_api_needs_a_login(client, cast):
    assert client.get("/api/v1/inspection-board/AC").status_code == 401


def test_a_resident_sees_no_console(client, sign_in, cast):
    sign_in(client, cast["resident_a1"])
    assert client.get(reverse("inspection:console")).status_code == 404
    assert client.get(reverse("inspection:board", args=["AC"])).status_code == 404
    assert Role.INSPECTION_BOARD
