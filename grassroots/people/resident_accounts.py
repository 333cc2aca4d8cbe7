"""Accounts residents can actually get (issue 9): the commune creates them from the register.

A commune official or the commune chair creates, in one go, an account for every current household
representative of the commune (or of one village) who has none. The accounts are new: they hold no
role, so no official's account ever represents a household (people.linking), and they have no
password. The representative chooses one with a one-time code (accounts.codes), sent by text
message to the phone number of the register or printed on a letter that the village head hands
over. Each account records who created it; each creation, and each letter, is audited, and the
resident is told by text message at the number of the register, which the official does not control.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from grassroots.accounts.codes import MESSAGE_LANGUAGE, issue_code
from grassroots.accounts.models import INSPECTION_BOARD_ROLES, CodeChannel, User
from grassroots.accounts.roles import holds_official_role, role_unit_ids
from grassroots.core import audit, sms
from grassroots.core.errors import DomainError
from grassroots.core.phone import normalize_phone
from grassroots.territory.models import Unit

from .access import can_create_accounts, can_print_sign_in_letter
from .models import Household, LinkProposal, Representation, Resident


class SkipReason:
    HAS_ACCOUNT = _("already has an account")
    LINK_WAITING = _("a link to an existing account waits for confirmation")


@dataclass(frozen=True)
class Skipped:
    representation: Representation
    reason: str


@dataclass(frozen=True)
class AccountPlan:
    to_create: list[Representation]
    skipped: list[Skipped]


@dataclass(frozen=True)
class Created:
    user: User
    household: Household
    by_sms: bool


@dataclass(frozen=True)
class AccountResult:
    created: list[Created]
    skipped: list[Skipped]


@dataclass(frozen=True)
class Letter:
    user: User
    resident: Resident
    household: Household
    code: str
    expires_at: dt.datetime


def current_representations(unit: Unit, day: dt.date) -> list[Representation]:
    """The representatives, on the day, of the households that live in the unit now (not dissolved)."""
    return list(
        Representation.objects.filter(valid_from__lte=day)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=day))
        .filter(
            household__dissolved_on__isnull=True,
            household__unit__path__startswith=unit.path,
            resident__anonymized_at__isnull=True,
        )
        .select_related("household", "resident", "resident__user")
        .order_by("household__code")
    )


def plan_representative_accounts(unit: Unit, day: dt.date) -> AccountPlan:
    """Which representatives would get an account, and which not and why (nothing is written)."""
    waiting = set(
        LinkProposal.objects.filter(decided_at__isnull=True, household__unit__path__startswith=unit.path).values_list(
            "resident_id", flat=True
        )
    )
    to_create: list[Representation] = []
    skipped: list[Skipped] = []
    for rep in current_representations(unit, day):
        # One resident, one account (people.linking).
        if getattr(rep.resident, "user", None) is not None:
            skipped.append(Skipped(rep, str(SkipReason.HAS_ACCOUNT)))
        # Officials are deciding which existing account is the resident's: do not pre-empt them.
        elif rep.resident_id in waiting:
            skipped.append(Skipped(rep, str(SkipReason.LINK_WAITING)))
        else:
            to_create.append(rep)
    return AccountPlan(to_create=to_create, skipped=skipped)


_NOT_IN_USERNAME = re.compile(r"[^a-z0-9._-]+")


def username_for(household: Household) -> str:
    """The household code in lower case plus a suffix: hh000123-1 (then -2 … if taken)."""
    base = _NOT_IN_USERNAME.sub("-", household.code.lower()).strip("-")[:140] or f"household-{household.pk}"
    n = 1
    while User.objects.filter(username__iexact=f"{base}-{n}").exists():
        n += 1
    return f"{base}-{n}"


def _sign_in_url() -> str:
    with translation.override(MESSAGE_LANGUAGE):
        return str(settings.SITE_URL).rstrip("/") + reverse("accounts:code-request")


def _notify(phone: str, text: str) -> None:
    transaction.on_commit(lambda: sms.send_sms(phone, text))


def create_representative_accounts(unit: Unit, *, actor: User) -> AccountResult:
    """Create an account, without a password or a role, for every current representative of the
    unit who has none; each is linked to the resident, records its creator, and is audited."""
    if not can_create_accounts(actor, unit):
        raise DomainError(_("Only a commune official or the commune chair of this commune can create accounts."))
    now = timezone.now()
    created: list[Created] = []
    with transaction.atomic():
        plan = plan_representative_accounts(unit, timezone.localdate())
        for rep in plan.to_create:
            resident = Resident.objects.select_for_update().get(pk=rep.resident_id)
            # Re-checked under the lock: another official may have created it a moment ago.
            if User.objects.filter(resident=resident).exists():
                continue
            phone = normalize_phone(resident.phone)
            # A number already on another account stays with it; this one is then reached by letter.
            if phone and User.objects.filter(phone=phone).exists():
                phone = None
            user = User(
                username=username_for(rep.household),
                phone=phone,
                resident=resident,
                resident_verified_at=now,
                resident_verified_by=actor,
                created_by=actor,
            )
            user.set_unusable_password()
            user.save()
            audit.record(
                "accounts.account_created_from_register",
                actor=actor,
                target=user,
                unit_id=rep.household.unit_id,
                data={"resident": resident.pk, "household": rep.household_id, "reachable_by_sms": bool(phone)},
            )
            if phone:
                with translation.override(MESSAGE_LANGUAGE):
                    text = gettext(
                        "Grassroots: the commune created an account for your household. To sign in, open "
                        "%(url)s and type this phone number to receive a code."
                    ) % {"url": _sign_in_url()}
                _notify(phone, text)
            created.append(Created(user=user, household=rep.household, by_sms=bool(phone)))
        audit.record(
            "people.representative_accounts_created",
            actor=actor,
            target=unit,
            unit_id=unit.pk,
            data={"created": len(created), "skipped": len(plan.skipped)},
        )
    return AccountResult(created=created, skipped=plan.skipped)


def representative_account(household: Household) -> tuple[Resident, User] | None:
    """The current representative of the household and their account, if both exist."""
    rep = (
        Representation.objects.filter(household=household, valid_from__lte=timezone.localdate())
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=timezone.localdate()))
        .select_related("resident", "resident__user")
        .first()
    )
    if rep is None:
        return None
    user = getattr(rep.resident, "user", None)
    if user is None:
        return None
    return rep.resident, user


def print_sign_in_letter(household: Household, *, actor: User) -> Letter:
    """A new code for the representative's account, to print on a letter; earlier codes of the same
    purpose stop working. The audit says who printed a letter for whom, never the code."""
    if not can_print_sign_in_letter(actor, household):
        raise DomainError(
            _("Only a commune official, the commune chair or the village head of this household can do this.")
        )
    found = representative_account(household)
    if found is None:
        raise DomainError(
            _("The representative of this household has no account yet. Create the accounts of the village first.")
        )
    resident, user = found
    if user.pk == actor.pk:
        raise DomainError(_("You cannot print a sign-in letter for your own account."))
    # A letter resets the password: never for an account that runs grassroots democracy or the site.
    # The People's Inspection Board's accounts are not official but see petitions (a hidden petitioner to its
    # head): they are protected the same way.
    if user.is_staff or user.is_superuser or holds_official_role(user) or role_unit_ids(user, INSPECTION_BOARD_ROLES):
        raise DomainError(
            _("This account holds an official role. Its holder resets the password with a code sent by SMS.")
        )
    if not user.is_active:
        raise DomainError(_("This account is disabled. Ask an administrator to enable it first."))
    # A letter is only ever a first sign-in: an account whose holder has chosen a password is theirs, and
    # one official alone may not reset it (linking takes two officials or the resident's own proof).
    if user.has_usable_password():
        raise DomainError(
            _(
                "The resident has already chosen a password. If it is forgotten, they ask for a code by SMS on the sign-in page, or the commune links a new account with two officials."
            )
        )
    with transaction.atomic():
        row, code = issue_code(user, channel=CodeChannel.LETTER, actor=actor)
        audit.record(
            "accounts.sign_in_letter_printed",
            actor=actor,
            target=user,
            unit_id=household.unit_id,
            data={"code": row.pk, "purpose": row.purpose, "resident": resident.pk, "household": household.pk},
        )
        phone = normalize_phone(resident.phone)
        if phone:
            with translation.override(MESSAGE_LANGUAGE):
                text = gettext(
                    "Grassroots: on %(date)s a sign-in letter for your account was printed. If you did not ask "
                    "for it, tell the commune People's Committee at once."
                ) % {"date": formats.date_format(timezone.localdate(), "SHORT_DATE_FORMAT")}
            _notify(phone, text)
    return Letter(user=user, resident=resident, household=household, code=code, expires_at=row.expires_at)


def expiry_in_words(expires_at: dt.datetime) -> str:
    """The end of a code's validity as a letter states it (in Vietnamese: 17:00, ngày 16 tháng 12 năm 2026)."""
    local = timezone.localtime(expires_at)
    return gettext("%(time)s, %(day)s/%(month)s/%(year)s") % {
        "time": local.strftime("%H:%M"),
        "day": local.day,
        "month": local.month,
        "year": local.year,
    }
