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
def _forget_open_matters():  # type: ignore[no-untyped-def]
    """The vote path's per-process copies of open matters (decisions.actions.voting) belong to one test's
    database: ids are given again after its rollback."""
    from grassroots.decisions.actions.voting import _OPEN_MATTERS

    _OPEN_MATTERS.clear()


@pytest.fixture(autouse=True)
def _reset_language():  # type: ignore[no-untyped-def]
    """A request to /en/… or /ru/… leaves its language active in the thread; every test starts from
    the default again, so none depends on the order the tests run in."""
    yield
    translation.deactivate()


# Fixtures through which a test reaches the database (pytest-django refuses any other access).
# (pytest-django's database fixtures all go through `_django_db_helper`: a new one is caught by it too.)
DATABASE_FIXTURES = {
    "_django_db_helper",
    "db",
    "transactional_db",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
    "live_server",
}


def pytest_addoption(parser):  # type: ignore[no-untyped-def]
    parser.addoption(
        "--database-tests-only",
        action="store_true",
        help="Run only the tests that reach the database (for a second run on another database engine: "
        "a test that cannot touch the database gives the same answer on both).",
    )


def reaches_the_database(item: pytest.Item) -> bool:
    return bool(item.get_closest_marker("django_db")) or bool(
        DATABASE_FIXTURES & set(getattr(item, "fixturenames", ()))
    )


def pytest_collection_modifyitems(config, items):  # type: ignore[no-untyped-def]
    if not config.getoption("--database-tests-only"):
        return
    kept = [item for item in items if reaches_the_database(item)]
    config.hook.pytest_deselected(items=[item for item in items if not reaches_the_database(item)])
    items[:] = kept
