"""Who needs a second factor, and setting one up (django-otp TOTP devices + recovery codes)."""

from __future__ import annotations

import base64
import datetime as dt

import segno
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from grassroots.core import audit
from grassroots.core.errors import DomainError

from .models import Role, RoleAssignment, User

RECOVERY_CODES = 10
# Roles that sign in with a password alone: a resident acting for the household.
PASSWORD_ONLY_ROLES = frozenset({Role.HOUSEHOLD_REPRESENTATIVE})


def needs_second_factor(user: User, day: dt.date | None = None) -> bool:
    """Staff, and anyone holding a role above household representative, on the day."""
    cached = getattr(user, "_needs_second_factor", None)
    if cached is not None:
        return bool(cached)
    day = day or timezone.localdate()
    result = (
        user.is_staff
        or user.is_superuser
        or RoleAssignment.objects.active_on(day).filter(user=user).exclude(role__in=PASSWORD_ONLY_ROLES).exists()
    )
    user._needs_second_factor = result  # type: ignore[attr-defined]
    return result


def has_confirmed_device(user: User) -> bool:
    return bool(TOTPDevice.objects.filter(user=user, confirmed=True).exists())


def pending_device(user: User) -> TOTPDevice:
    """The authenticator being set up (one unconfirmed device per user, reused until confirmed)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)


def secret_for_display(device: TOTPDevice) -> str:
    key = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def qr_data_uri(device: TOTPDevice) -> str:
    return segno.make(device.config_url, error="m").svg_data_uri(scale=4, border=2)


def new_recovery_codes(user: User) -> list[str]:
    """Replace the user's recovery codes with fresh ones (each works once)."""
    device, _ = StaticDevice.objects.get_or_create(user=user, name="recovery")
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


@transaction.atomic
def confirm_device(user: User, device: TOTPDevice, token: str) -> list[str]:
    """Confirm the authenticator with its first code; returns the recovery codes to show once."""
    if device.user_id != user.pk or device.confirmed:
        raise DomainError("invalid device")
    if not device.verify_token(token):
        from django.utils.translation import gettext as _

        raise DomainError(
            _("The code is not right. Check the time on your phone and try the newest code."), field="token"
        )
    TOTPDevice.objects.filter(user=user, confirmed=True).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = new_recovery_codes(user)
    audit.record("accounts.second_factor_enabled", actor=user, target=user)
    return codes
