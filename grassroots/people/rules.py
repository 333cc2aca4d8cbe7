"""Pure rules of the register: age, adulthood, and the structure of the national ID number.

No ORM, settings or clock here: the caller passes the day.
"""

from __future__ import annotations

import datetime as dt

from django.db.models.enums import TextChoices
from django.utils.translation import gettext_lazy as _

# Civil Code 2015 (Bộ luật Dân sự 91/2015/QH13) Art 20(1): "Người thành niên là người từ đủ mười tám
# tuổi trở lên" — an adult is a person aged 18 or over. The household representative must be an
# adult with full civil capacity (Law 10/2022/QH15 Art 18(2); law.md rule 10.A.1).
ADULT_AGE = 18

# The personal identification number (số định danh cá nhân) has 12 digits: Decree 137/2015/ND-CP
# Art 7 as amended, and Circular 59/2021/TT-BCA Art 7: 3 digits of the birth province, 1 digit for
# century and sex, 2 for the year of birth, 6 random digits.
NATIONAL_ID_LENGTH = 12


class Sex(TextChoices):
    """The one definition, used by the rules and as the choices of Resident.sex (an enum, not the ORM)."""

    MALE = "M", _("male")
    FEMALE = "F", _("female")


def age_on(birth_date: dt.date, day: dt.date) -> int:
    """Whole years of age on `day` (a person born on 29 February turns a year older on 1 March)."""
    years = day.year - birth_date.year
    if (day.month, day.day) < (birth_date.month, birth_date.day):
        years -= 1
    return years


def is_adult(birth_date: dt.date, day: dt.date) -> bool:
    """Civil Code 2015 Art 20(1): an adult is 18 or over."""
    return age_on(birth_date, day) >= ADULT_AGE


def is_well_formed_national_id(value: str) -> bool:
    return len(value) == NATIONAL_ID_LENGTH and value.isascii() and value.isdigit()


def national_id_century_and_sex(value: str) -> tuple[int, Sex]:
    """Digit 4 codes century and sex (Circular 59/2021/TT-BCA Art 7(2)): 0/1 for the 1900s
    (male/female), 2/3 for the 2000s, 4/5 for the 2100s, 6/7 for the 2200s, 8/9 for the 2300s."""
    code = int(value[3])
    century = 1900 + 100 * (code // 2)
    return century, Sex.MALE if code % 2 == 0 else Sex.FEMALE


def national_id_mismatches(value: str, birth_date: dt.date, sex: Sex) -> list[str]:
    """Which of the embedded fields disagree with the record: 'sex', 'birth_year' (possibly both)."""
    century, id_sex = national_id_century_and_sex(value)
    year = century + int(value[4:6])
    problems: list[str] = []
    if id_sex != sex:
        problems.append("sex")
    if year != birth_date.year:
        problems.append("birth_year")
    return problems
