"""Secret ballots (issue 8), step 1 of 3: forget the receipts that idempotency records kept in clear."""

from django.db import migrations


def forget_plain_receipts(apps, schema_editor):
    # A receipt in clear hashes to its ballot's receipt_hash: it linked the account to the ballot. The
    # records only answer a retry of the same request; a retry after this upgrade is told "already voted".
    apps.get_model("decisions", "IdempotencyKey").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("decisions", "0003_cluster_plan_and_distribution"),
    ]

    operations = [
        migrations.RunPython(forget_plain_receipts, migrations.RunPython.noop),
    ]
