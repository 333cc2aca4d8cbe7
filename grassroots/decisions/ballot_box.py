"""The ballot box: how a household's choice is kept so that nothing stored links it to the household.

A vote writes two things in one transaction: the household's `Participation` (who took part, public to the
village) and a `SealedBallot` (what was chosen). The sealed ballot holds the village, channel, choice,
comment and receipt hash encrypted and authenticated (AES-GCM, `core.sealing`) with a key derived from
FIELD_ENCRYPTION_KEY, which is not in the database, and padded to one fixed size, so neither its bytes nor
its length tell a reader of the database or of a backup anything. Its row sits next to the participation
(same transaction, neighbouring ids): that is harmless because it cannot be read.

At the count (`empty_box`, called by `close_matter` inside its transaction) every sealed ballot of the
round is opened, the box is checked against the participations of the same channels, and the ballots are
written as `Ballot` rows in a random order (secrets.SystemRandom), all in the one counting transaction:
their ids, SQLite rowids, PostgreSQL ctids and xmin follow the shuffle, not the order of voting, and carry
no date. The sealed rows are then deleted. See docs/architecture.md, "Secret ballots".
"""

from __future__ import annotations

import secrets
import struct
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from grassroots.core import sealing
from grassroots.core.errors import DomainError

from .models import Ballot, Channel, IdempotencyKey, Matter, Participation, SealedBallot

PURPOSE = "decisions.ballot"
MAX_COMMENT_CHARS = 2000
# village id, channel, choice, SHA-256 of the receipt (or zeros), comment length, then the comment
# (UTF-8 takes at most 4 bytes a character) padded with zeros: every sealed ballot has the same size.
_HEAD = struct.Struct(">Q10s10s32sH")
_COMMENT_BYTES = 4 * MAX_COMMENT_CHARS
PLAINTEXT_BYTES = _HEAD.size + _COMMENT_BYTES
# The channels whose ballots go through the box; a meeting's count is recorded as totals (no household).
SEALED_CHANNELS = (Channel.ONLINE, Channel.SLIP)


@dataclass(frozen=True)
class Content:
    village_id: int
    channel: str
    choice: str
    comment: str
    receipt_hash: str


def _context(matter_id: int, round_: int) -> str:
    return f"matter={matter_id};round={round_}"


def pack(content: Content) -> bytes:
    comment = content.comment[:MAX_COMMENT_CHARS].encode()
    digest = bytes.fromhex(content.receipt_hash) if content.receipt_hash else bytes(32)
    head = _HEAD.pack(content.village_id, content.channel.encode(), content.choice.encode(), digest, len(comment))
    return head + comment.ljust(_COMMENT_BYTES, b"\0")


def unpack(raw: bytes) -> Content:
    village_id, channel, choice, digest, length = _HEAD.unpack_from(raw)
    comment = raw[_HEAD.size : _HEAD.size + length].decode()
    return Content(
        village_id=village_id,
        channel=channel.rstrip(b"\0").decode(),
        choice=choice.rstrip(b"\0").decode(),
        comment=comment,
        receipt_hash="" if digest == bytes(32) else digest.hex(),
    )


def sealed(matter: Matter, content: Content) -> SealedBallot:
    """The ballot sealed for the box of the matter's current round, not yet saved: the sealing is done
    before the vote's transaction, which then only writes the row (`save()`)."""
    token = sealing.seal(PURPOSE, pack(content), context=_context(matter.pk, matter.round))
    return SealedBallot(matter=matter, round=matter.round, sealed=token)


def drop(matter: Matter, content: Content) -> None:
    """Put one ballot into the box of the matter's current round. Call inside the vote's transaction."""
    sealed(matter, content).save(force_insert=True)


def _open_all(matter: Matter) -> list[Content]:
    context = _context(matter.pk, matter.round)
    tokens = list(SealedBallot.objects.filter(matter=matter, round=matter.round).values_list("sealed", flat=True))
    if len(set(tokens)) != len(tokens):
        # Each seal has its own random nonce: two equal rows are a copy put into the box.
        raise DomainError(
            _("A sealed ballot of this matter was changed or moved: the count is refused. Tell the commune.")
        )
    try:
        return [unpack(sealing.unseal(PURPOSE, token, context=context)) for token in tokens]
    except sealing.SealBroken:
        raise DomainError(
            _("A sealed ballot of this matter was changed or moved: the count is refused. Tell the commune.")
        ) from None


def empty_box(matter: Matter) -> int:
    """Open the box of the current round into shuffled `Ballot` rows; returns how many. Call at the count,
    inside its transaction."""
    if SealedBallot.objects.filter(matter=matter).exclude(round=matter.round).exists():
        raise DomainError(
            _("A sealed ballot of this matter was changed or moved: the count is refused. Tell the commune.")
        )
    contents = _open_all(matter)
    receipts = [c.receipt_hash for c in contents if c.receipt_hash]
    if len(set(receipts)) != len(receipts):
        raise DomainError(
            _("A sealed ballot of this matter was changed or moved: the count is refused. Tell the commune.")
        )
    expected = Participation.objects.filter(matter=matter, round=matter.round, channel__in=SEALED_CHANNELS).count()
    if len(contents) != expected:
        raise DomainError(
            _(
                "The ballot box holds %(ballots)s ballots but %(households)s households took part online or by slip: the count is refused. Tell the commune."
            )
            % {"ballots": len(contents), "households": expected}
        )
    secrets.SystemRandom().shuffle(contents)
    Ballot.objects.bulk_create(_ballots(matter, contents), batch_size=500)
    deleted, _kinds = SealedBallot.objects.filter(matter=matter, round=matter.round).delete()
    if deleted != len(contents):  # another count got there first: write nothing
        raise DomainError(_("This vote is being counted already. Reload the page."))
    # The receipts kept to answer a retried request would now lead from an account to its ballot.
    IdempotencyKey.objects.filter(matter=matter).delete()
    return len(contents)


def _ballots(matter: Matter, contents: Iterable[Content]) -> list[Ballot]:
    return [
        Ballot(
            matter=matter,
            round=matter.round,
            village_id=c.village_id,
            channel=c.channel,
            choice=c.choice,
            comment=c.comment,
            token=secrets.token_hex(16),
            receipt_hash=c.receipt_hash,
        )
        for c in contents
    ]


def receipt_hashes_in_box(matter: Matter) -> list[str]:
    """The receipt hashes still sealed in the box (the crash benchmark checks them before the count)."""
    return [c.receipt_hash for c in _open_all(matter) if c.receipt_hash]
