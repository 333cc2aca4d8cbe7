"""Secret ballots (issue 8), step 2 of 3: a sealed ballot box, a sealed receipt, no date on a ballot."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("decisions", "0004_forget_plain_receipts"),
    ]

    operations = [
        migrations.RemoveField(model_name="idempotencykey", name="receipt"),
        migrations.RemoveField(model_name="idempotencykey", name="created_at"),
        migrations.AddField(
            model_name="idempotencykey",
            name="sealed_receipt",
            field=models.TextField(default=""),
            preserve_default=False,
        ),
        migrations.RemoveField(model_name="ballot", name="cast_on"),
        migrations.CreateModel(
            name="SealedBallot",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("round", models.PositiveSmallIntegerField()),
                ("sealed", models.TextField()),
                (
                    "matter",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="+", to="decisions.matter"
                    ),
                ),
            ],
        ),
    ]
