"""Sealing: authenticated encryption with a key that lives outside the database.

Used where the database must hold something that a reader of the database or of a backup may not read,
and that nobody may change unnoticed: a ballot waiting in the box for its count, the receipt kept to answer
a repeated request. Each use names a purpose; the key for it is derived from FIELD_ENCRYPTION_KEY with that
purpose, so a sealed ballot can never be opened as anything else. `context` binds a sealed value to where it
is stored (a matter and round, an account and key): moved elsewhere, it no longer opens.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from functools import cache

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings

NONCE_BYTES = 12


class SealBroken(Exception):
    """A sealed value was changed, moved, or sealed under another key."""


@cache
def _aead(master: str, purpose: str) -> AESGCM:
    key = hmac.new(master.encode(), b"grassroots seal v1 " + purpose.encode(), hashlib.sha256).digest()
    return AESGCM(key)


def seal(purpose: str, plaintext: bytes, *, context: str) -> str:
    nonce = os.urandom(NONCE_BYTES)
    sealed = _aead(settings.FIELD_ENCRYPTION_KEY, purpose).encrypt(nonce, plaintext, context.encode())
    return base64.b64encode(nonce + sealed).decode()


def unseal(purpose: str, token: str, *, context: str) -> bytes:
    try:
        raw = base64.b64decode(token, validate=True)
        return _aead(settings.FIELD_ENCRYPTION_KEY, purpose).decrypt(
            raw[:NONCE_BYTES], raw[NONCE_BYTES:], context.encode()
        )
    except (InvalidTag, ValueError) as exc:
        raise SealBroken(purpose) from exc


def keyed_hash(purpose: str, text: str) -> str:
    """HMAC-SHA256 of `text` under the purpose's key: the same text gives the same hash (for look-ups),
    and nobody without the key can tell what text it was."""
    key = hmac.new(
        settings.FIELD_ENCRYPTION_KEY.encode(), b"grassroots keyed hash v1 " + purpose.encode(), hashlib.sha256
    )
    return hmac.new(key.digest(), text.encode(), hashlib.sha256).hexdigest()
