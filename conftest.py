"""Test-wide settings: fast password hashing, in-memory e-mail and tasks run at once."""

import pytest
from django.utils import translation
from hypothesis import HealthCheck, settings

# Property tests judge results, not speed: on a shared or loaded machine a slow example is not a failure
# (speed is measured in bench/). The same examples run everywhere.
settings.register_profile("grassroots", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("grassroots")


@pytest.fixture(autouse=True)
def _test_settings(settings):  # type: ignore[no-untyped-def]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    # No anchor log shared between tests, each with its own database; anchor tests set their own.
    settings.AUDIT_ANCHOR_FILE = ""
    settings.STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _reset_language():  # type: ignore[no-untyped-def]
    """A request to /en/… or /ru/… leaves its language active in the thread; every test starts from
    the default again, so none depends on the order the tests run in."""
    yield
    translation.deactivate()
