"""The JSON API of situation reports: the rounds a caller sees and, in a round, exactly the units the caller may
read; a round of another province is a 404, as on the pages."""

import pytest

from grassroots.accounts.models import Role
from grassroots.accounts.tests.factories import UserFactory, grant

from .conftest import open_round, submitted

ROUNDS = "/api/v1/situation-reports/rounds"


def test_the_list_of_rounds_refuses_the_anonymous_and_shows_outsiders_nothing(client, sign_in, cast):
    round_ = open_round(cast)
    assert client.get(ROUNDS).status_code == 401
    for who in ("official_b", "steering_b", "resident_a1"):
        sign_in(client, cast[who])
        response = client.get(ROUNDS)
        assert response.status_code == 200 and response.json() == [], who
    for who in ("official_a2", "head_a1", "official_a", "steering"):
        sign_in(client, cast[who])
        assert [r["id"] for r in client.get(ROUNDS).json()] == [round_.pk], who


@pytest.mark.parametrize("who", ["official_b", "steering_b", "resident_a1"])
def test_a_round_of_another_province_is_a_404(client, sign_in, cast, who):
    round_ = open_round(cast)
    sign_in(client, cast[who])
    assert client.get(f"{ROUNDS}/{round_.pk}").status_code == 404
    assert client.get(f"{ROUNDS}/{round_.pk + 1000}").status_code == 404


@pytest.mark.parametrize(
    ("who", "codes"),
    [("official_a2", {"A2C", "A2C-1"}), ("official_a", {"AC", "AC-1", "AC-2"}), ("head_a1", {"AC-1"}),
     ("vfront_a2", {"AC-2"}), ("steering", {"AC", "AC-1", "AC-2", "A2C", "A2C-1"})],
)  # fmt: skip
def test_a_round_lists_exactly_the_units_the_caller_may_read(client, sign_in, cast, who, codes):
    round_ = open_round(cast)
    submitted(cast, round_, cast["a"]["village1"], cast["head_a1"])
    sign_in(client, cast[who])
    response = client.get(f"{ROUNDS}/{round_.pk}")
    assert response.status_code == 200
    assert {u["code"] for u in response.json()["units"]} == codes


def test_a_steering_member_of_a_commune_sees_the_round_over_it_and_its_commune_with_the_villages(client, sign_in, cast):
    round_ = open_round(cast)
    member = UserFactory(username="steering_ac")
    grant(member, cast["a"]["commune"], Role.STEERING_MEMBER)
    sign_in(client, member)
    assert [r["id"] for r in client.get(ROUNDS).json()] == [round_.pk]
    assert {u["code"] for u in client.get(f"{ROUNDS}/{round_.pk}").json()["units"]} == {"AC", "AC-1", "AC-2"}
