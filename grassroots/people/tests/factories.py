import datetime as dt
import itertools

import factory

from grassroots.people.crypto import encrypt_national_id, national_id_hash
from grassroots.people.models import Household, HouseholdLocation, Membership, Representation, Resident

_serial = itertools.count(1)
REGISTERED_ON = dt.date(2025, 7, 1)


def national_id_for(birth: dt.date, sex: str) -> str:
    digit = (birth.year // 100 - 19) * 2 + (0 if sex == "M" else 1)
    return f"038{digit}{birth.year % 100:02d}{next(_serial):06d}"


class ResidentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resident
        exclude = ["national_id"]

    full_name = factory.Sequence(lambda n: f"Nguyễn Văn {n}")
    birth_date = dt.date(1980, 5, 17)
    sex = "M"
    national_id = factory.LazyAttribute(lambda o: national_id_for(o.birth_date, o.sex))
    national_id_hash = factory.LazyAttribute(lambda o: national_id_hash(o.national_id))
    national_id_encrypted = factory.LazyAttribute(lambda o: encrypt_national_id(o.national_id))
    phone = "0912345678"


class HouseholdFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Household

    code = factory.Sequence(lambda n: f"HH{n:06d}")
    address = factory.Sequence(lambda n: f"Số {n}, đường Lê Lợi")
    formed_on = REGISTERED_ON


def make_household(unit, *, members: int = 2, on: dt.date = REGISTERED_ON, **kwargs) -> Household:  # type: ignore[no-untyped-def]
    """A household with its location, members and an adult representative (the first member)."""
    household = HouseholdFactory(unit=unit, formed_on=on, **kwargs)
    HouseholdLocation.objects.create(household=household, unit=unit, address=household.address, valid_from=on)
    for i in range(members):
        resident = ResidentFactory(birth_date=dt.date(1970 + 10 * i, 3, 1))
        Membership.objects.create(resident=resident, household=household, valid_from=on)
        if i == 0:
            Representation.objects.create(household=household, resident=resident, valid_from=on)
    return household
