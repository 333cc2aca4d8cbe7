"""The project's URLs plus the benchmark's bare vote view (bench/votes.py, never in production).

The bare view is the floor the API is measured against: the same server, settings and middleware,
and the rows a vote writes, with nothing else. It includes:

- the bearer token checked the cheapest correct way: one SELECT of the token's hash that is not
  revoked nor expired and whose user is active (no `last_used_at` write);
- the household taken from the URL (no look-up of the caller's household, no access check);
- one transaction: INSERT of the `Participation` and of the `SealedBallot` (the ballot with its
  receipt hash sealed with AES-GCM into the ballot box, as `ballot_box.drop` does), then COMMIT;
- the receipt in a JSON answer (201).

Not included: the matter's status and closing time, the audit event and its chain head, the
Idempotency-Key, django-ninja's validation and the OpenAPI-described answers.
"""

from __future__ import annotations

import hashlib
import json
import secrets

from django.contrib.auth.decorators import login_not_required
from django.db import connection, transaction
from django.http import HttpRequest, JsonResponse
from django.urls import path
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from config.urls import urlpatterns as project_urlpatterns
from grassroots.accounts.models import ApiToken
from grassroots.accounts.tokens import PREFIX, _hash
from grassroots.core import sealing
from grassroots.decisions import ballot_box
from grassroots.decisions.models import Matter, Participation, SealedBallot

_q = connection.ops.quote_name
PARTICIPATION = (
    f"INSERT INTO {_q(Participation._meta.db_table)} (matter_id, round, household_id, channel, recorded_on, "
    "recorded_by_id) VALUES (%s, %s, %s, %s, %s, %s)"
)
BALLOT = f"INSERT INTO {_q(SealedBallot._meta.db_table)} (matter_id, round, sealed) VALUES (%s, %s, %s)"
_matters: dict[int, tuple[int, int]] = {}  # matter id: (round, village id), read once per process


@csrf_exempt
@login_not_required
@require_POST
def bare_vote(request: HttpRequest, matter_id: int, household_id: int) -> JsonResponse:
    bearer = request.headers.get("Authorization", "")
    token = bearer.removeprefix("Bearer ").strip()
    user_id = None
    if token.startswith(PREFIX):
        user_id = (
            ApiToken.objects.usable_at(timezone.now())
            .filter(key_hash=_hash(token), user__is_active=True)
            .values_list("user_id", flat=True)
            .first()
        )
    if user_id is None:
        return JsonResponse({"detail": "invalid token"}, status=401)
    choice = json.loads(request.body)["choice"]
    if matter_id not in _matters:
        _matters[matter_id] = Matter.objects.values_list("round", "unit_id").get(pk=matter_id)
    round_, village_id = _matters[matter_id]
    receipt = secrets.token_hex(10).upper()
    content = ballot_box.Content(village_id=village_id, channel="online", choice=choice, comment="",
                                 receipt_hash=hashlib.sha256(receipt.encode()).hexdigest())  # fmt: skip
    sealed = sealing.seal(ballot_box.PURPOSE, ballot_box.pack(content), context=f"matter={matter_id};round={round_}")
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(PARTICIPATION, [matter_id, round_, household_id, "online", timezone.localdate(), user_id])
        cursor.execute(BALLOT, [matter_id, round_, sealed])
    return JsonResponse({"matter": matter_id, "receipt": receipt, "created": True}, status=201)


urlpatterns = [path("bench/bare-vote/<int:matter_id>/<int:household_id>", bare_vote), *project_urlpatterns]
