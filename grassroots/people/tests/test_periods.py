import datetime as dt

import pytest
from django.apps import apps
from django.db import IntegrityError, models, transaction

from grassroots.people import rules
from grassroots.people.models import HouseholdLocation, Membership, Period, Representation, Resident

DAY = dt.date(2026, 3, 1)


def _dated_models() -> list[type[models.Model]]:
    """Every model of the register with a valid_from / valid_to pair."""
    fields = {"valid_from", "valid_to"}
    return [m for m in apps.get_app_config("people").get_models() if fields <= {f.name for f in m._meta.fields}]


def test_every_dated_register_row_is_a_period_with_its_own_named_rules():
    assert set(_dated_models()) == {HouseholdLocation, Membership, Representation}
    names = set()
    for model in _dated_models():
        assert issubclass(model, Period)
        checks = [c for c in model._meta.constraints if isinstance(c, models.CheckConstraint)]
        opens = [c for c in model._meta.constraints if isinstance(c, models.UniqueConstraint) and c.condition]
        assert len(checks) == 1 and checks[0].name.endswith("_period")
        assert len(opens) == 1
        names.update(c.name for c in model._meta.constraints)
    # The names the migrations created stay, so the abstraction needed no migration.
    assert {"household_location_period", "membership_period", "representation_period"} <= names


@pytest.mark.django_db
def test_a_period_cannot_end_before_it_starts_and_only_one_is_open(world):
    household = world["households"]["a1"]
    representative = Representation.objects.current().get(household=household)
    with pytest.raises(IntegrityError), transaction.atomic():
        Representation.objects.filter(pk=representative.pk).update(valid_to=representative.valid_from - dt.timedelta(1))
    with pytest.raises(IntegrityError), transaction.atomic():
        Representation.objects.create(household=household, resident=representative.resident, valid_from=DAY)
    assert Representation.objects.on(DAY).filter(household=household).get() == representative


def test_the_register_and_the_rules_share_one_sex_enum():
    assert Resident._meta.get_field("sex").choices == rules.Sex.choices
    assert rules.national_id_century_and_sex("038170000001")[1] is rules.Sex.FEMALE
