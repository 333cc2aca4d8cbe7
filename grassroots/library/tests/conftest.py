import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _reset_language():  # type: ignore[no-untyped-def]
    """Requests to /en/… and /ru/… leave their language active; later tests expect the default."""
    yield
    translation.deactivate()
