"""Units saved without a path (the Django admin used to leave it empty) get it computed from their
parents, then a constraint forbids an empty path: it lies under every path, so a role on such a unit
opened every register."""

from django.db import migrations, models


def fill_empty_paths(apps, schema_editor):  # type: ignore[no-untyped-def]
    Unit = apps.get_model("territory", "Unit")
    # Parents first: repeat until no unit with an empty path has a parent whose path is known.
    while True:
        changed = 0
        for unit in Unit.objects.filter(path="").select_related("parent"):
            if unit.parent_id is None:
                unit.path = f"/{unit.code}/"
            elif unit.parent.path:
                unit.path = f"{unit.parent.path}{unit.code}/"
            else:
                continue
            unit.save(update_fields=["path"])
            changed += 1
        if not changed:
            return


class Migration(migrations.Migration):
    dependencies = [
        ("territory", "0002_unit_name_folded"),
    ]

    operations = [
        migrations.RunPython(fill_empty_paths, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="unit",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("path__startswith", "/"), ("path__endswith", "/"), models.Q(("path", "/"), _negated=True)
                ),
                name="unit_path_not_empty",
            ),
        ),
    ]
