"""A vote cast through the API with a NUL in its comment is a 400 naming the field, not a 500 from
PostgreSQL, and no ballot is written."""

import pytest

from grassroots.accounts.tokens import create_token
from grassroots.decisions.models import Ballot

pytestmark = pytest.mark.django_db


def test_a_vote_comment_with_an_escaped_nul_is_a_400_and_no_ballot(online_matter, village, client):
    token = create_token(village["voters"][0], "test")
    response = client.post(
        f"/api/v1/matters/{online_matter.pk}/votes",
        data='{"choice": "other", "comment": "L\\u0000p \\u0111\\u00e8n"}',
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 400
    assert response.json()["field"] == "comment"
    assert not Ballot.objects.filter(matter=online_matter).exists()
