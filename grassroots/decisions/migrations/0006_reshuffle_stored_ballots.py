"""Secret ballots (issue 8), step 3 of 3: rewrite the ballots already stored in a random order, so that
their ids (and SQLite rowids, PostgreSQL ctids) no longer follow the order in which households voted."""

import random

from django.db import migrations


def reshuffle_stored_ballots(apps, schema_editor):
    Ballot = apps.get_model("decisions", "Ballot")
    rng = random.SystemRandom()
    fields = ["matter_id", "round", "village_id", "channel", "choice", "comment", "token", "receipt_hash"]
    for matter_id in Ballot.objects.values_list("matter_id", flat=True).distinct():
        rows = list(Ballot.objects.filter(matter_id=matter_id).values(*fields))
        rng.shuffle(rows)
        Ballot.objects.filter(matter_id=matter_id).delete()
        Ballot.objects.bulk_create([Ballot(**row) for row in rows], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("decisions", "0005_sealed_ballots"),
    ]

    operations = [
        migrations.RunPython(reshuffle_stored_ballots, migrations.RunPython.noop),
    ]
