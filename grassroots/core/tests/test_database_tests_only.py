"""`.ci/run`'s PostgreSQL leg takes only the tests that reach the database (`--database-tests-only`, conftest.py).
A test that reaches it by a marker, a fixture of its own or a fixture's fixture must be kept; one that cannot must
be the only kind left out."""

import pytest

from conftest import reaches_the_database


@pytest.fixture
def built_on_the_database(db):  # type: ignore[no-untyped-def]
    return None


def test_a_test_without_the_database_is_left_out(request):  # type: ignore[no-untyped-def]
    assert not reaches_the_database(request.node)


@pytest.mark.django_db
def test_a_marked_test_is_kept(request):  # type: ignore[no-untyped-def]
    assert reaches_the_database(request.node)


def test_a_test_with_the_db_fixture_is_kept(db, request):  # type: ignore[no-untyped-def]
    assert reaches_the_database(request.node)


def test_a_test_reaching_it_through_another_fixture_is_kept(built_on_the_database, request):  # type: ignore[no-untyped-def]
    assert reaches_the_database(request.node)


def test_a_transactional_test_is_kept(transactional_db, request):  # type: ignore[no-untyped-def]
    assert reaches_the_database(request.node)
