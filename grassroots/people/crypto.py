"""Protection of the national ID number: keyed hash for look-ups, AES-GCM for storage.

The key (FIELD_ENCRYPTION_KEY) lives outside the database (PDP law, Law 91/2025/QH15). Two
separate keys are derived from it so that the hash cannot be used to decrypt and vice versa.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from functools import cache

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings


@cache
def _keys(master: str) -> tuple[bytes, bytes]:
    root = master.encode()
    hash_key = hmac.new(root, b"grassroots national-id lookup v1", hashlib.sha256).digest()
    enc_key = hmac.new(root, b"grassroots national-id encryption v1", hashlib.sha256).digest()
    return hash_key, enc_key


def national_id_hash(national_id: str) -> str:
    # hmac.digest: OpenSSL's one-shot HMAC, the same bytes as hmac.new(...).digest() without its Python object.
    return hmac.digest(_keys(settings.FIELD_ENCRYPTION_KEY)[0], national_id.encode(), "sha256").hex()


@cache
def _aead(master: str) -> AESGCM:
    return AESGCM(_keys(master)[1])


def encrypt_national_id(national_id: str) -> str:
    nonce = os.urandom(12)
    sealed = _aead(settings.FIELD_ENCRYPTION_KEY).encrypt(nonce, national_id.encode(), b"national_id")
    return base64.b64encode(nonce + sealed).decode()


def decrypt_national_id(token: str) -> str:
    if not token:
        return ""
    raw = base64.b64decode(token)
    return _aead(settings.FIELD_ENCRYPTION_KEY).decrypt(raw[:12], raw[12:], b"national_id").decode()


def mask_national_id(national_id: str) -> str:
    """Show only the last three digits: 038090001234 → •••••••••234."""
    if not national_id:
        return ""
    return "•" * (len(national_id) - 3) + national_id[-3:]
