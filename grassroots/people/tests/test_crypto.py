"""The stored look-up hash of a national ID must never change: every row already in the register is
found by it. It is HMAC-SHA256 under a key derived from FIELD_ENCRYPTION_KEY, in lowercase hex."""

import hashlib
import hmac

from grassroots.people.crypto import decrypt_national_id, encrypt_national_id, national_id_hash


def test_the_national_id_hash_is_hmac_sha256_under_the_derived_lookup_key(settings):
    settings.FIELD_ENCRYPTION_KEY = "a fixed test key"
    lookup_key = hmac.new(b"a fixed test key", b"grassroots national-id lookup v1", hashlib.sha256).digest()
    expected = hmac.new(lookup_key, b"038070000001", hashlib.sha256).hexdigest()
    assert national_id_hash("038070000001") == expected
    assert national_id_hash("038070000001") != national_id_hash("038070000002")


def test_an_encrypted_national_id_decrypts_and_differs_every_time():
    first, second = encrypt_national_id("038070000001"), encrypt_national_id("038070000001")
    assert first != second
    assert decrypt_national_id(first) == decrypt_national_id(second) == "038070000001"
