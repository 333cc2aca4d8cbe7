"""The audit event's `data` is written as canonical JSON (core.models.CanonicalJSONEncoder).

The encoder lives in Python only: the column is unchanged, so the state changes and the database does not
(SQLite would otherwise copy the whole audit table for an AlterField). Events written before keep their text
and are checked by audit_verify's parsing path."""

from django.db import migrations, models

import grassroots.core.models


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_notice"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="auditevent",
                    name="data",
                    field=models.JSONField(
                        blank=True,
                        default=dict,
                        encoder=grassroots.core.models.CanonicalJSONEncoder,
                        verbose_name="details",
                    ),
                ),
            ],
            database_operations=[],
        ),
    ]
