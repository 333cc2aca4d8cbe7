"""Votes: online (D59 Art 5), with idempotent receipts, and returned household ballot slips (D59 Art 4)."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Callable
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from grassroots.accounts.models import User
from grassroots.core import audit, sealing
from grassroots.core.errors import DomainError
from grassroots.core.prepared import SAMPLE_INT, Prepared, columns, instance, prepared_cursor, sent_together
from grassroots.people.models import Household
from grassroots.territory.models import Unit

from .. import ballot_box, rules
from ..access import voting_household
from ..models import Channel, Form, IdempotencyKey, Matter, Participation, SealedBallot, SlipDistribution, Status
from ._guards import AlreadyVoted, _event, _require_manager, _require_status


# --- Online voting (D59 Art 5) ------------------------------------------------------------------
def _receipt() -> str:
    return secrets.token_hex(10).upper()


def receipt_hash(receipt: str) -> str:
    return hashlib.sha256(receipt.encode()).hexdigest()


def _log_second_attempt(matter_id: int, actor: User, channel: str) -> None:
    """A refused second vote is logged — outside the rolled-back transaction of the attempt."""
    matter = Matter.objects.only("unit_id").get(pk=matter_id)
    with transaction.atomic():
        audit.record(
            "decisions.second_vote_refused",
            actor=actor,
            target=matter,
            unit_id=matter.unit_id,
            data={"channel": channel},
        )


def cast_online_vote(
    matter_id: int,
    *,
    user: User,
    choice: str,
    comment: str = "",
    idempotency_key: str | None = None,
    in_transaction: Callable[[], object] | None = None,
) -> tuple[str, bool]:
    try:
        return _cast_online_vote(matter_id, user=user, choice=choice, comment=comment, idempotency_key=idempotency_key,
                                 in_transaction=in_transaction)  # fmt: skip
    except AlreadyVoted:
        _log_second_attempt(matter_id, user, Channel.ONLINE)
        raise


def _cast_online_vote(
    matter_id: int,
    *,
    user: User,
    choice: str,
    comment: str = "",
    idempotency_key: str | None = None,
    in_transaction: Callable[[], object] | None = None,
) -> tuple[str, bool]:
    """One household, one vote, exactly once (D59 Art 5; 10.A.1). Returns (receipt, created).

    The same `idempotency_key` from the same user returns the first receipt and records nothing.
    `in_transaction`: the caller's own write for this request (the API token's last use), done in the
    vote's transaction, before the audit chain's head is taken, so that a vote commits once.
    """
    if choice not in {c.value for c in rules.Choice}:
        raise DomainError(_("Choose agree, disagree or other opinion."), field="choice")
    if choice == rules.Choice.OTHER and not comment.strip():
        raise DomainError(_("Write your other opinion."), field="comment")
    key = _key_digest(user.pk, idempotency_key) if idempotency_key else None
    if key is not None and (receipt := _known_receipt(user, key, matter_id)) is not None:
        return receipt, False
    # Everything that can be read or made before the write is done here, outside the transaction: the
    # transaction holds SQLite's only write lock (BEGIN IMMEDIATE) and, at its end, the audit chain's head,
    # where all voters queue, so it does nothing but the writes and one look at the matter's status.
    now = timezone.now()
    matter, remembered = _open_online_matter(matter_id)
    try:
        household = _voter_of(matter, user, now)
    except DomainError:
        if not remembered:
            raise
        forget_matter(matter_id)  # a refusal is never decided on a remembered copy: read the matter again
        matter, _remembered = _open_online_matter(matter_id)
        household = _voter_of(matter, user, now)
    receipt = _receipt()
    ballot = ballot_box.sealed(matter, ballot_box.Content(village_id=household.unit_id, channel=Channel.ONLINE,
                               choice=choice, comment=comment.strip(), receipt_hash=receipt_hash(receipt)))  # fmt: skip
    kept = (
        None
        if key is None
        else IdempotencyKey(user=user, key=key, matter=matter, sealed_receipt=sealing.seal(
            RECEIPT_PURPOSE, receipt.encode(), context=_receipt_context(user.pk, key)))
    )  # fmt: skip
    try:
        with transaction.atomic(), prepared_cursor() as cursor, prepared_cursor() as box:
            # On PostgreSQL the writes go to the server together, in one round trip (core.prepared).
            with sent_together():
                _write_vote(cursor, box, matter, household.pk, user.pk, timezone.localdate(now), ballot.sealed)
                if kept is not None:
                    _insert_key(cursor, kept)
                if in_transaction is not None:
                    in_transaction()
                # The event records the participation (who, which channel), never the ballot.
                audit.record(
                    "decisions.vote_cast", actor=user, target=matter, unit_id=matter.unit_id, data={"channel": "online"}
                )
            if box.rowcount != 1:  # the matter was no longer open in this round: nothing is kept
                forget_matter(matter_id)
                raise DomainError(_("The vote was closed and counted a moment ago; your vote was not recorded."))
    except IntegrityError:
        # A retry with the same Idempotency-Key can race its first request: both pass the look-up above,
        # the unique index makes this one wait until the first commits, and by then its key is visible:
        # answer with the first receipt, or refuse a key first used for another matter. Any other
        # failure is the household's participation, recorded already.
        if key is not None and (known := _known_receipt(user, key, matter_id)) is not None:
            return known, False
        raise AlreadyVoted(_("Your household has already voted on this matter.")) from None
    return receipt, True


def _voter_of(matter: Matter, user: User, now: dt.datetime) -> Household:
    """The household the user votes for in this matter, or the reason why not."""
    if matter.status != Status.OPEN or matter.form != Form.ONLINE:
        raise DomainError(_("This matter is not open for online voting."))
    if matter.closes_at is not None and now >= matter.closes_at:
        raise DomainError(_("The online vote has ended."))
    household = voting_household(user, matter)
    if household is None:
        raise DomainError(_("Only the verified representative of a household of this village can vote."))
    return household


# Matters open for online voting, by id, as read by this process: at the close of a commune-wide vote
# every vote asks for the same matter. What a vote takes from the copy does not change while the vote is
# open (the unit, the round, when it opened and ends: `open_matter` sets them once, and an online vote is
# never reopened); its status does, and the ballot's insert looks at the status and round in the database
# itself (`_write_vote`). A refusal is decided on a fresh read only. A change saved in this process
# forgets the copy at once (`forget_matter`, connected in apps.py).
_OPEN_MATTERS: dict[int, Matter] = {}
_OPEN_MATTERS_KEPT = 1000


def _open_online_matter(matter_id: int) -> tuple[Matter, bool]:
    """(the matter, True if it is this process's remembered copy)."""
    if (kept := _OPEN_MATTERS.get(matter_id)) is not None:
        return kept, True
    matter = _matter_with_unit(matter_id)
    if matter.status == Status.OPEN and matter.form == Form.ONLINE:
        if len(_OPEN_MATTERS) >= _OPEN_MATTERS_KEPT:
            _OPEN_MATTERS.clear()
        _OPEN_MATTERS[matter_id] = matter
    return matter, False


def forget_matter(matter_id: int) -> None:
    _OPEN_MATTERS.pop(matter_id, None)


def forget_saved_matter(instance: Matter, **_kwargs: object) -> None:
    """post_save and post_delete of a Matter."""
    forget_matter(instance.pk)


_MATTER_COLUMNS = columns(Matter)
# Every vote reads its matter (core.prepared: compiled once per process).
_MATTER = Prepared(
    lambda matter_id: Matter.objects.filter(pk=matter_id).values_list(*_MATTER_COLUMNS, *columns(Unit, "unit__")),
    matter_id=SAMPLE_INT,
)


def _matter_with_unit(matter_id: int) -> Matter:
    """`Matter.objects.select_related("unit").get(pk=matter_id)`, at the cost of the SQL alone."""
    row = _MATTER.first(matter_id=matter_id)
    if row is None:
        raise Matter.DoesNotExist(f"no matter {matter_id}")
    matter: Matter = instance(Matter, row[: len(_MATTER_COLUMNS)])
    matter.unit = instance(Unit, row[len(_MATTER_COLUMNS) :])
    return matter


def _known_receipt(user: User, key: str, matter_id: int) -> str | None:
    """The receipt already returned for this Idempotency-Key (its keyed hash), if it was used for this matter."""
    known = IdempotencyKey.objects.filter(user=user, key=key).first()
    if known is None:
        return None
    if known.matter_id != matter_id:
        raise DomainError(_("This Idempotency-Key was already used for another matter."), field="idempotency_key")
    return _open_receipt(known)


RECEIPT_PURPOSE = "decisions.idempotent-receipt"


def _write_vote(cursor: Any, box: Any, matter: Matter, household_id: int, user_id: int, day: dt.date,
                sealed: str) -> None:  # fmt: skip
    """The household's `Participation`, then its sealed ballot into the `box` cursor, in plain SQL (the peak
    path). The caller checks `box.rowcount` (1: the ballot is in) once the statements have been answered.

    The participation is the transaction's first write: its IntegrityError (the household took part
    already) ends the transaction before anything else is written, so no savepoint is needed. The ballot
    goes into the box only if the matter is still open in the same round, looked at after the
    participation is written, on both databases: the vote read the matter before its transaction, and a
    count that started meanwhile holds the matter's row on PostgreSQL (so the participation's insert
    waited for it) or committed before the write lock was ours on SQLite."""
    q = connection.ops.quote_name
    participation, ballots, matters = (q(m._meta.db_table) for m in (Participation, SealedBallot, Matter))
    cursor.execute(
        f"INSERT INTO {participation} (matter_id, round, household_id, channel, recorded_on, recorded_by_id)"  # noqa: S608
        " VALUES (%s, %s, %s, %s, %s, %s)",
        [matter.pk, matter.round, household_id, Channel.ONLINE.value, connection.ops.adapt_datefield_value(day),
         user_id],
    )  # fmt: skip
    box.execute(
        f"INSERT INTO {ballots} (matter_id, round, sealed) SELECT %s, %s, %s"  # noqa: S608 - the models' tables
        f" WHERE EXISTS (SELECT 1 FROM {matters} WHERE id = %s AND status = %s AND round = %s)",
        [matter.pk, matter.round, sealed, matter.pk, Status.OPEN.value, matter.round],
    )


def _insert_key(cursor: Any, kept: IdempotencyKey) -> None:
    """`kept.save(force_insert=True)` without reading its id back (which would wait for the answer)."""
    q = connection.ops.quote_name
    cursor.execute(
        f"INSERT INTO {q(IdempotencyKey._meta.db_table)} (user_id, {q('key')}, matter_id, sealed_receipt)"  # noqa: S608
        " VALUES (%s, %s, %s, %s)",
        [kept.user_id, kept.key, kept.matter_id, kept.sealed_receipt],
    )


def _require_still_open(matter: Matter) -> None:
    """Checked after the participation is written: a count that started meanwhile holds the matter's row
    (close_matter), so the insert waited for it, and a vote that arrives as the box is emptied is refused
    rather than left outside the count with a receipt. SQLite needs no second look: its write transaction
    (BEGIN IMMEDIATE) started before the status was read, so no count can have committed in between."""
    if connection.vendor == "sqlite":
        return
    if not Matter.objects.filter(pk=matter.pk, status=Status.OPEN, round=matter.round).exists():
        raise DomainError(_("The vote was closed and counted a moment ago; your vote was not recorded."))


def _key_digest(user_id: int, key: str) -> str:
    """The Idempotency-Key is the client's text, which could say anything ("vote-agree-…"): only a keyed
    hash of it is stored."""
    return sealing.keyed_hash("decisions.idempotency-key", f"{user_id}:{key}")


def _receipt_context(user_id: int, key: str) -> str:
    return f"user={user_id};key={key}"


def _open_receipt(known: IdempotencyKey) -> str:
    return sealing.unseal(
        RECEIPT_PURPOSE, known.sealed_receipt, context=_receipt_context(known.user_id, known.key)
    ).decode()


def record_slip(matter: Matter, *, actor: User, household_code: str, choice: str, comment: str = "") -> None:
    """A returned household ballot slip, entered by its code (D59 Art 4)."""
    try:
        _record_slip(matter, actor=actor, household_code=household_code, choice=choice, comment=comment)
    except AlreadyVoted:
        _log_second_attempt(matter.pk, actor, Channel.SLIP)
        raise


@transaction.atomic
def _record_slip(matter: Matter, *, actor: User, household_code: str, choice: str, comment: str = "") -> None:
    _require_manager(actor, matter)
    _require_status(matter, Status.OPEN)
    if matter.form != Form.BALLOT:
        raise DomainError(_("This matter is not being decided by ballot slips."))
    household = (
        Household.objects.filter(code=household_code.strip(), unit__path__startswith=matter.unit.path)
        .select_related("unit")
        .first()
    )
    if household is None:
        raise DomainError(
            _("No household of this village has the code %(code)s.") % {"code": household_code}, field="household_code"
        )
    if choice not in {c.value for c in rules.Choice}:
        raise DomainError(_("Choose agree, disagree or other opinion."), field="choice")
    if not SlipDistribution.objects.filter(matter=matter, round=matter.round, household=household).exists():
        raise DomainError(
            _(
                "The slip of household %(code)s was never marked as delivered: slips are delivered by hand to each household and collected from it. Mark it delivered first. (D59 Art 4(5)–(6))"
            )
            % {"code": household.code},
            field="household_code",
        )
    try:
        with transaction.atomic():
            Participation.objects.create(matter=matter, round=matter.round, household=household, channel=Channel.SLIP,
                                         recorded_on=timezone.localdate(), recorded_by=actor)  # fmt: skip
            _require_still_open(matter)
    except IntegrityError:
        raise AlreadyVoted(_("A slip from this household was already counted."), field="household_code") from None
    ballot_box.drop(matter, ballot_box.Content(village_id=household.unit_id, channel=Channel.SLIP, choice=choice,
                                               comment=comment.strip(), receipt_hash=""))  # fmt: skip
    _event("slip_recorded", actor, matter)
