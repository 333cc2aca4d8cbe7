"""Migration territory 0003 fills the empty paths the admin left, before the constraint forbids them."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("territory", "0002_unit_name_folded")]
AFTER = [("territory", "0003_unit_path_not_empty")]


@pytest.mark.django_db(transaction=True)
def test_units_saved_without_a_path_get_it_from_their_parents():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    try:
        Unit = executor.loader.project_state(BEFORE).apps.get_model("territory", "Unit")
        province = Unit.objects.create(code="P1", name="Tỉnh", kind="province", path="")
        commune = Unit.objects.create(code="C1", name="Xã", kind="commune", parent=province, path="")
        village = Unit.objects.create(code="C1-1", name="Thôn", kind="village", parent=commune, path="")
        executor = MigrationExecutor(connection)
        executor.migrate(AFTER)
        Unit = executor.loader.project_state(AFTER).apps.get_model("territory", "Unit")
        paths = dict(Unit.objects.filter(pk__in=[province.pk, commune.pk, village.pk]).values_list("code", "path"))
        assert paths == {"P1": "/P1/", "C1": "/P1/C1/", "C1-1": "/P1/C1/C1-1/"}
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
