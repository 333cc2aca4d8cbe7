"""The pages and the API: a case through its steps by form, a refusal beside its field (422), a user of
another commune refused (pages and API), the public figures, the reports as documents."""

import pytest
from django.urls import reverse
from django.utils import timezone

from grassroots.accounts.models import Role
from grassroots.accounts.tests.factories import UserFactory, grant
from grassroots.petitions.models import Petition

from .conftest import days_ago, filed, through


def test_a_resident_files_online_and_sees_the_progress(cast, client, sign_in) -> None:  # type: ignore[no-untyped-def]
    sign_in(client, cast["petitioner"])
    response = client.post(reverse("petitions:new", args=[cast["commune"].code]),
                           {"subject": "Đèn đường hỏng", "body": "Ngõ 5 tối", "latitude": "21.0285",
                            "longitude": "105.8542"})  # fmt: skip
    p = Petition.objects.get()
    assert response.status_code == 302 and p.channel == "online" and p.filed_by == cast["petitioner"]
    assert "Đèn đường hỏng" in client.get(reverse("petitions:mine")).content.decode()
    assert client.get(reverse("petitions:case", args=[p.pk])).status_code == 200


def test_d59_art14_a_plan_too_late_is_a_422_beside_its_field(cast, client, sign_in) -> None:  # type: ignore[no-untyped-def]
    p = through(cast, filed(cast), "assigned")
    sign_in(client, cast["member"])
    url = reverse("petitions:step", args=[p.pk, "plan"])
    response = client.post(url, {"plan": "x", "sent_on": "2026-03-02", "acting_from": "2026-03-06"})
    assert response.status_code == 422 and "Nghị định 59/2023/NĐ-CP" in response.content.decode()
    response = client.post(url, {"plan": "x", "sent_on": "2026-03-02", "acting_from": "2026-03-09"})
    assert response.status_code == 302


def test_the_steps_by_form_from_certification_to_rating(cast, client, sign_in) -> None:  # type: ignore[no-untyped-def]
    p = through(cast, filed(cast), "recommended")
    sign_in(client, cast["front"])
    url = reverse("petitions:step", args=[p.pk, "certify"])
    assert "confirm" in client.post(url, {"certified_on": days_ago(1).isoformat()}).content.decode()
    client.post(url, {"certified_on": days_ago(1).isoformat(), "confirm": "yes"})
    sign_in(client, cast["chair"])
    client.post(reverse("petitions:step", args=[p.pk, "answer"]), {"text": "Đã xử lý", "answered_on": days_ago(0)})
    sign_in(client, cast["member"])
    client.post(reverse("petitions:step", args=[p.pk, "result"]), {"result": "Đã xử lý xong", "confirm": "yes"})
    sign_in(client, cast["petitioner"])
    client.post(reverse("petitions:step", args=[p.pk, "rate"]), {"rating": "5"})
    p.refresh_from_db()
    assert (p.state, p.rating) == ("closed", 5)


def test_a_user_of_another_commune_is_refused_pages_and_api(cast, client, sign_in) -> None:  # type: ignore[no-untyped-def]
    p = through(cast, filed(cast), "sent")
    board_b = UserFactory(username="board_b")
    grant(board_b, cast["b"]["commune"], Role.INSPECTION_BOARD_HEAD)
    grant(board_b, cast["b"]["commune"], Role.INSPECTION_BOARD)
    code = cast["commune"].code
    for user in (cast["official_b"], board_b):
        sign_in(client, user)
        for url in (reverse("petitions:case", args=[p.pk]), reverse("petitions:enter", args=[code]),
                    reverse("petitions:report", args=[code, "pdf"]) + "?kind=year&year=2026",
                    f"/api/v1/petitions/{p.pk}"):  # fmt: skip
            assert client.get(url).status_code == 404, url
        assert client.post(reverse("petitions:step", args=[p.pk, "answer"]),
                           {"text": "x", "answered_on": days_ago(0)}).status_code == 404  # fmt: skip
        assert client.post(reverse("petitions:reveal", args=[p.pk])).status_code == 404
        assert client.get("/api/v1/petitions/").json()["items"] == []
        assert f"/petitions/{p.pk}/" not in client.get(reverse("petitions:console")).content.decode()


def test_law_art40_1_the_public_figures_count_answers_in_time(cast, client) -> None:  # type: ignore[no-untyped-def]
    through(cast, filed(cast), "answered")  # sent 10 days ago, answered 3 days ago: in time, 7 days
    late = through(cast, filed(cast), "recommended")
    from grassroots.petitions import actions

    actions.certify(actor=cast["front"], petition=late, certified_on=days_ago(16))
    body = client.get(reverse("petitions:public", args=[cast["commune"].code])).content.decode()
    assert "1 / 1" in body  # answered in time / answered
    data = client.get(f"/api/v1/petitions/open/{cast['commune'].code}").json()
    assert (data["received"], data["answered_on_time"], data["overdue"], data["average_days_to_answer"]) == (2, 1, 1, 7)


@pytest.mark.parametrize("ext", ["pdf", "docx"])
def test_law_art39_reports_to_the_front_as_documents(ext, cast, client, sign_in) -> None:  # type: ignore[no-untyped-def]
    through(cast, filed(cast), "closed")
    year = timezone.localdate().year
    sign_in(client, cast["front"])
    for query in (f"kind=quarter&year={year}&number=4", f"kind=half&year={year}&number=2", f"kind=year&year={year}",
                  f"kind=term&year={year - 4}&last_year={year}"):  # fmt: skip
        response = client.get(reverse("petitions:report", args=[cast["commune"].code, ext]) + "?" + query)
        assert response.status_code == 200 and response.content[:4] in (b"%PDF", b"PK\x03\x04")
    assert client.get(reverse("petitions:console")).status_code == 200
    sign_in(client, cast["chair"])
    assert (
        client.get(reverse("petitions:report", args=[cast["commune"].code, ext]) + "?kind=year&year=2026").status_code
        == 404
    )
