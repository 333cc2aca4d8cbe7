"""FIELD_ENCRYPTION_KEY must be a real key, checked when the project starts (issue 8)."""

import base64
import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from config.settings import field_encryption_key


# The random keys get readable ids: test ids must be the same in every pytest-xdist worker.
@pytest.mark.parametrize(
    "key",
    [
        secrets.token_urlsafe(32),
        secrets.token_urlsafe(50),  # what development generates into var/
        secrets.token_hex(32),
        base64.b64encode(secrets.token_bytes(32)).decode(),
        base64.urlsafe_b64encode(secrets.token_bytes(48)).decode(),
    ],
    ids=["urlsafe-32", "urlsafe-50", "hex-32", "base64-32", "urlsafe-base64-48"],
)
def test_a_key_of_32_random_bytes_in_base64_or_hex_is_accepted(key):
    assert field_encryption_key(key) == key


@pytest.mark.parametrize(
    "key",
    [
        "",
        "changeme",
        "test-field-key-for-check-deploy",  # a passphrase, not a key
        secrets.token_urlsafe(31),  # 31 bytes
        secrets.token_hex(31),  # 62 hex digits: 31 bytes
        secrets.token_hex(32)[:-1],  # a truncated copy
        "khóa bí mật của xã " * 5,  # long, but not base64 or hex
        secrets.token_urlsafe(32) + "!",
    ],
    ids=[
        "empty",
        "changeme",
        "passphrase",
        "urlsafe-31",
        "hex-31",
        "hex-truncated",
        "vietnamese-text",
        "trailing-bang",
    ],
)
def test_anything_else_is_refused(key):
    with pytest.raises(ImproperlyConfigured, match="FIELD_ENCRYPTION_KEY"):
        field_encryption_key(key)


def test_the_project_refuses_to_start_with_a_bad_key(tmp_path):
    env = {
        **os.environ,
        "FIELD_ENCRYPTION_KEY": "short-passphrase",
        "VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path}/x.sqlite3",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and "FIELD_ENCRYPTION_KEY" in result.stderr
    env["FIELD_ENCRYPTION_KEY"] = secrets.token_urlsafe(32)
    ok = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert ok.returncode == 0, ok.stderr
