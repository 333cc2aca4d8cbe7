"""Pages, CSV and API of the satisfaction ratings: a resident rates; the console scopes officials; the
public side never names a rater and withholds an official's results below 5 ratings (Law Art 35(2)(a))."""

import json

from django.urls import reverse

from grassroots.service_ratings import actions

from .conftest import rate

PUBLIC = "/service-ratings/public/AC/"
CSV = "/service-ratings/public/AC/ratings.csv"
OPEN = "/api/v1/service-ratings/open/AC"


def _names(cast):  # type: ignore[no-untyped-def]
    return [u.resident.full_name for u in cast["residents"]] + [u.username for u in cast["residents"]]


def test_a_resident_rates_through_the_page(client, sign_in, cast):
    sign_in(client, cast["residents"][0])
    assert client.get(reverse("service_ratings:rate")).status_code == 200
    data = {"service": cast["service"].pk, "timeliness": "5", "guidance": "4", "official": cast["clerk_a"].pk,
            "official_score": "5", "comment": "Rất tốt"}  # fmt: skip
    assert client.post(reverse("service_ratings:rate"), data).status_code == 302
    again = client.post(reverse("service_ratings:rate"), data)
    assert again.status_code == 422
    assert "Art 35(2)(a)" in again.content.decode() or "Điều 35" in again.content.decode()


def test_a_score_out_of_range_is_a_422_on_its_field(client, sign_in, cast):
    sign_in(client, cast["residents"][0])
    response = client.post(
        reverse("service_ratings:rate"), {"service": cast["service"].pk, "timeliness": "9", "guidance": "4"}
    )
    assert response.status_code == 422


def test_no_residents_identity_in_public_pages_csv_or_api(client, cast):
    for i in range(6):
        r = rate(cast, i, official=cast["clerk_a"], official_score=4, comment=f"Góp ý số {i}")
        actions.publish_comment(actor=cast["official_a"], rating=r)
    api = json.dumps(client.get(OPEN).json(), ensure_ascii=False)
    bodies = [client.get(PUBLIC).content.decode(), client.get(CSV).content.decode(), api]
    assert "Góp ý số 3" in bodies[0] and "Góp ý số 3" in bodies[2]
    for body in bodies:
        for name in _names(cast):
            assert name not in body


def test_law_art35_2_a_an_official_with_4_ratings_is_not_shown_publicly_with_5_they_are(client, cast):
    for i in range(4):
        rate(cast, i, official=cast["clerk_a"], official_score=2)
    name = cast["clerk_a"].get_full_name()
    assert name not in client.get(PUBLIC).content.decode()
    assert name not in client.get(CSV).content.decode()
    assert client.get(OPEN).json()["officials"] == []
    rate(cast, 4, official=cast["clerk_a"], official_score=2)
    assert name in client.get(PUBLIC).content.decode()
    assert name in client.get(CSV).content.decode()
    [row] = client.get(OPEN).json()["officials"]
    assert row["ratings"] == 5 and row["official"] == 2.0


def test_pending_and_hidden_comments_stay_off_the_public_page(client, cast):
    rate(cast, 0, comment="Chưa duyệt")
    hidden = rate(cast, 1, comment="Bị ẩn")
    actions.hide_comment(actor=cast["official_a"], rating=hidden, reason="Xúc phạm")
    body = client.get(PUBLIC).content.decode()
    assert "Chưa duyệt" not in body and "Bị ẩn" not in body


def test_the_rated_official_sees_only_their_aggregates_not_comments_about_them(client, sign_in, cast):
    rate(cast, 0, official=cast["clerk_a"], official_score=1, comment="Về cán bộ một cửa")
    rate(cast, 1, comment="Về dịch vụ")
    sign_in(client, cast["clerk_a"])
    body = client.get(reverse("service_ratings:commune", args=["AC"])).content.decode()
    assert "Về dịch vụ" in body and "Về cán bộ một cửa" not in body
    about_me = cast["service"].ratings.get(official=cast["clerk_a"])
    assert client.post(reverse("service_ratings:publish-comment", args=[about_me.pk])).status_code == 404
    sign_in(client, cast["chair_a"])
    body = client.get(reverse("service_ratings:commune", args=["AC"])).content.decode()
    assert "Về cán bộ một cửa" in body


def test_an_official_sees_only_their_own_row_the_chair_every_row(client, sign_in, cast):
    for i in range(5):
        rate(cast, i, official=cast["clerk_a"], official_score=3)
    sign_in(client, cast["official_a"])
    assert client.get("/api/v1/service-ratings/communes/AC").json()["officials"] == []
    sign_in(client, cast["chair_a"])
    [row] = client.get("/api/v1/service-ratings/communes/AC").json()["officials"]
    assert row["ratings"] == 5


def test_a_user_of_another_commune_is_refused_pages_and_api(client, sign_in, cast):
    r = rate(cast, 0, comment="Bình luận")
    sign_in(client, cast["official_b"])
    assert client.get(reverse("service_ratings:commune", args=["AC"])).status_code == 404
    assert client.post(reverse("service_ratings:commune", args=["AC"]), {"name": "X"}).status_code == 404
    assert client.post(reverse("service_ratings:publish-comment", args=[r.pk])).status_code == 404
    assert client.post(reverse("service_ratings:hide-comment", args=[r.pk]), {"reason": "x"}).status_code == 404
    assert client.post(reverse("service_ratings:service-offered", args=[cast["service"].pk])).status_code == 404
    assert client.get("/api/v1/service-ratings/communes/AC").status_code == 404
    sign_in(client, cast["resident_b"])
    response = client.post(
        reverse("service_ratings:rate"), {"service": cast["service"].pk, "timeliness": "3", "guidance": "3"}
    )
    assert response.status_code == 422
    assert not cast["service"].ratings.filter(rater=cast["resident_b"]).exists()


def test_the_console_lists_and_keeps_services(client, sign_in, cast):
    sign_in(client, cast["official_a"])
    assert client.get(reverse("service_ratings:console")).status_code == 302
    assert (
        client.post(reverse("service_ratings:commune", args=["AC"]), {"name": "Đăng ký khai sinh"}).status_code == 302
    )
    assert cast["commune"].rated_services.filter(name="Đăng ký khai sinh").exists()


def test_the_private_api_needs_a_login(client, cast):
    assert client.get("/api/v1/service-ratings/communes/AC").status_code == 401
    assert client.get("/api/v1/service-ratings/open/nope").status_code == 404
