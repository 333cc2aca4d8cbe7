"""Users and their place-scoped roles (vai trò theo địa bàn)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.contrib.auth.models import AbstractUser, AnonymousUser, UserManager
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    SYSTEM_ADMIN = "system_admin", _("system administrator")
    STEERING_MEMBER = "steering_member", _("steering committee member")
    COMMUNE_OFFICIAL = "commune_official", _("commune official")
    COMMUNE_CHAIR = "commune_chair", _("chair of the commune People's Committee")
    COMMUNE_FRONT = "commune_front", _("commune Fatherland Front committee")
    VILLAGE_HEAD = "village_head", _("village head / residential-group leader")
    VILLAGE_FRONT_HEAD = "village_front_head", _("head of the village Front work committee")
    INSPECTION_BOARD = "inspection_board", _("People's Inspection Board member")
    # Law Art 36: one head, elected by the board when the commune Front convenes it; a petitioner who asks
    # to stay hidden is known to the head alone (Law Art 9, the board's casework).
    INSPECTION_BOARD_HEAD = "inspection_board_head", _("head of the People's Inspection Board")
    INVESTMENT_SUPERVISION = "investment_supervision", _("Community Investment Supervision Board member")
    TRAINER = "trainer", _("trainer")
    DELEGATE = "delegate", _("delegate")
    HOUSEHOLD_REPRESENTATIVE = "household_representative", _("household representative")


# Roles that may read and keep the household register of their commune.
REGISTER_ROLES = frozenset({Role.COMMUNE_OFFICIAL, Role.COMMUNE_CHAIR})
# Roles that may confirm that an account belongs to a resident (accounts verification).
VERIFIER_ROLES = frozenset({Role.COMMUNE_OFFICIAL, Role.COMMUNE_CHAIR, Role.VILLAGE_HEAD})
# Every role but household representative (and the board's, below): those who run grassroots democracy rather than vote in it.
# An account holding one never represents a household (people.linking), so nobody who runs a vote
# also casts a household's ballot in it.
# The People's Inspection Board is not official: its members are residents elected by residents, barred from
# being officials themselves (Law Art 37), and nothing in the law stops them voting for their household.
INSPECTION_BOARD_ROLES = frozenset({Role.INSPECTION_BOARD, Role.INSPECTION_BOARD_HEAD})
OFFICIAL_ROLES = frozenset(Role) - {Role.HOUSEHOLD_REPRESENTATIVE} - INSPECTION_BOARD_ROLES


class User(AbstractUser):
    """Login by username or by phone number; linked to a resident only after verification."""

    phone = models.CharField(_("phone number"), max_length=20, unique=True, null=True, blank=True)
    resident = models.OneToOneField(
        "people.Resident",
        verbose_name=_("resident record"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="user",
    )
    resident_verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    resident_verified_by = models.ForeignKey(
        "self", verbose_name=_("verified by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The official who created the account from the register (people.resident_accounts); None otherwise.
    created_by = models.ForeignKey(
        "self", verbose_name=_("created by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = UserManager()  # type: ignore[misc]  # AbstractUser declares it a ClassVar

    # Set on each request by django_otp's OTPMiddleware: whether this session passed the second factor.
    is_verified: Callable[[], bool]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def get_full_name(self) -> str:
        # Vietnamese order: family name first (Nguyễn Thị Lan).
        return f"{self.last_name} {self.first_name}".strip()


# Whoever makes a request: a signed-in user or an anonymous visitor (functions that answer both).
AnyUser = User | AnonymousUser


class RoleAssignmentQuerySet(models.QuerySet["RoleAssignment"]):
    def active_on(self, day: dt.date) -> RoleAssignmentQuerySet:
        return self.filter(valid_from__lte=day).filter(Q(valid_to__isnull=True) | Q(valid_to__gt=day))


class RoleAssignment(models.Model):
    user = models.ForeignKey(User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="roles")
    unit = models.ForeignKey(
        "territory.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="role_assignments"
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid until"), null=True, blank=True)
    granted_by = models.ForeignKey(
        User, verbose_name=_("granted by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = RoleAssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        indexes = [models.Index(fields=["user", "role"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gt=models.F("valid_from")), name="role_valid_range"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.unit}"


class SignIn(models.Model):
    """One sign-in and its session: the user sees them all and can end any; so can an administrator."""

    user = models.ForeignKey(User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="sign_ins")
    session_key = models.CharField(max_length=64, db_index=True, editable=False)
    signed_in_at = models.DateTimeField(_("signed in at"), db_index=True)
    ip_address = models.GenericIPAddressField(_("address"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=200, blank=True)
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    ended_reason = models.CharField(_("how it ended"), max_length=20, blank=True)

    class Meta:
        ordering = ["-signed_in_at"]
        verbose_name = _("sign-in")
        verbose_name_plural = _("sign-ins")

    def __str__(self) -> str:
        return f"{self.user} @ {self.signed_in_at:%Y-%m-%d %H:%M}"


class TokenScope(models.TextChoices):
    READ = "read", _("read only")
    VOTE = "vote", _("read and vote")


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def usable_at(self, now: dt.datetime) -> ApiTokenQuerySet:
        """Neither revoked nor expired at `now`."""
        return self.filter(revoked_at__isnull=True, expires_at__gt=now)


class ApiToken(models.Model):
    """A token for machine clients of the JSON API (`Authorization: Bearer …`); only its hash is stored.

    It expires (`expires_at`), carries a scope (read, or read and vote), and is revoked by its owner,
    by an administrator, or when the owner's password changes (accounts.tokens).
    """

    user = models.ForeignKey(User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("starts with"), max_length=12, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    scope = models.CharField(_("scope"), max_length=8, choices=TokenScope.choices, default=TokenScope.READ)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"

    def is_usable_at(self, now: dt.datetime) -> bool:
        return self.revoked_at is None and self.expires_at > now


class CodePurpose(models.TextChoices):
    FIRST_SIGN_IN = "first_sign_in", _("first sign-in")
    RESET = "reset", _("password reset")


class CodeChannel(models.TextChoices):
    SMS = "sms", _("text message")
    LETTER = "letter", _("printed letter")


class LoginCodeQuerySet(models.QuerySet["LoginCode"]):
    def live_at(self, now: dt.datetime) -> LoginCodeQuerySet:
        """Neither used, nor replaced, nor expired at `now` (attempts are checked by accounts.codes)."""
        return self.filter(used_at__isnull=True, revoked_at__isnull=True, expires_at__gt=now)


class LoginCode(models.Model):
    """A one-time code to sign in for the first time or to set a new password (accounts.codes).

    Only a keyed hash of the code is stored, never the code itself: it exists in clear only in the
    text message or on the printed letter. A code works once, until `expires_at`, and for a few
    wrong tries only (`attempts`); a newer code of the same purpose replaces it (`revoked_at`).
    """

    user = models.ForeignKey(User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="login_codes")
    purpose = models.CharField(_("purpose"), max_length=16, choices=CodePurpose.choices)
    channel = models.CharField(_("sent by"), max_length=8, choices=CodeChannel.choices)
    code_hash = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(_("created at"))
    expires_at = models.DateTimeField(_("expires at"))
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("replaced at"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("wrong attempts"), default=0)
    # Who printed the letter (None: the resident asked for a text message).
    issued_by = models.ForeignKey(
        User, verbose_name=_("issued by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = LoginCodeQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("one-time code")
        verbose_name_plural = _("one-time codes")
        indexes = [models.Index(fields=["user", "used_at"])]

    def __str__(self) -> str:
        return f"{self.user} · {self.purpose} · {self.created_at:%Y-%m-%d %H:%M}"


class CodeRequest(models.Model):
    """One request for a code, or one code typed in, kept for an hour or so to throttle (accounts.codes).

    `subject` is a keyed hash of the phone number or username typed, never the number itself; the
    rows are counted per subject and per address, whether or not an account exists, so that the
    throttle answers the same for everyone.
    """

    class Kind(models.TextChoices):
        SEND = "send", _("code requested")
        CHECK = "check", _("code tried")

    kind = models.CharField(max_length=8, choices=Kind.choices)
    subject = models.CharField(max_length=64, db_index=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(db_index=True)
    succeeded = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("code request")
        verbose_name_plural = _("code requests")

    def __str__(self) -> str:
        return f"{self.kind} @ {self.created_at:%Y-%m-%d %H:%M}"
