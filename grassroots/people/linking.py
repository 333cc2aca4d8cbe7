"""Linking an account to a resident record after verification (as Decidim and CONSUL do with a census).

Whoever is linked to the representative of a household votes for it (Law 10/2022/QH15 Art 18(2):
the household decides through its representative), so a link is made in one of two ways only:

- the resident's own proof: national ID number and date of birth (`verify_resident_link`);
- two officials of the commune: one proposes (`propose_resident_link`), a second one, not the
  proposer, confirms (`confirm_link_proposal`). A single official never links an account alone.

In both, an official never links their own account, and an account holding an official role
(accounts.OFFICIAL_ROLES) is never linked to a resident who represents a household: nobody who runs
a vote also casts a household's ballot in it. Every link is audited and the resident is told by SMS
at the phone number of the register, which the person who linked the account does not control.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Q
from django.utils import formats, timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from grassroots.accounts.models import User
from grassroots.accounts.roles import holds_official_role
from grassroots.core import audit, sms
from grassroots.core.errors import DomainError
from grassroots.core.models import AuditEvent

from .access import can_verify_links
from .crypto import national_id_hash
from .models import Household, LinkProposal, Representation, Resident
from .rules import is_well_formed_national_id

# Failed self-verifications allowed per account and day, so the form cannot be used to guess numbers.
MAX_VERIFICATION_ATTEMPTS_PER_DAY = 5
# Notices to residents go out in Vietnamese, the language of the communes (as decisions.notifications).
NOTICE_LANGUAGE = "vi"


def represents_a_household(resident: Resident, day: dt.date) -> bool:
    """Whether the resident represents a household on the day or from a later day."""
    return (
        Representation.objects.filter(resident=resident, household__dissolved_on__isnull=True)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=day))
        .exists()
    )


def _check_link(account: User, resident: Resident, *, actor: User | None) -> None:
    """Refuse a link that would let the wrong person vote for a household (each rule on its own line)."""
    today = timezone.localdate()
    # An official never links their own account.
    if actor is not None and actor.pk == account.pk:
        raise DomainError(
            _(
                "You cannot link your own account. Verify it yourself with your national ID number and "
                "date of birth, or ask two other officials of the commune."
            ),
            field="account",
        )
    # One account, one resident.
    if account.resident_id is not None and account.resident_id != resident.pk:
        raise DomainError(_("This account is already linked to another resident record."), field="account")
    # One resident, one account.
    if Resident.objects.filter(pk=resident.pk, user__isnull=False).exclude(user=account).exists():
        raise DomainError(_("This resident record is already linked to another account."), field="account")
    # Nobody who runs a vote also votes for a household.
    if holds_official_role(account, today) and represents_a_household(resident, today):
        raise DomainError(
            _(
                "An account that holds an official role cannot be linked to a household representative. "
                "The representative needs an account of their own."
            ),
            field="account",
        )


def _link(account: User, resident: Resident, *, by: User | None) -> None:
    account.resident = resident
    account.resident_verified_at = timezone.now()
    account.resident_verified_by = by
    account.save(update_fields=["resident", "resident_verified_at", "resident_verified_by"])


def _notify_resident(account: User, resident: Resident, *, actor: User, unit_id: int | None) -> None:
    """Tell the resident, at the phone number of the register, that an account was linked to their
    record; the audit event records that (and whether) a notice went out, never the number."""
    phone = resident.phone
    audit.record(
        "people.resident_link_notified",
        actor=actor,
        target=resident,
        unit_id=unit_id,
        data={"account": account.pk, "channel": "sms" if phone else "none"},
    )
    if not phone:
        return
    with translation.override(NOTICE_LANGUAGE):
        text = gettext(
            "Grassroots: on %(date)s the account %(account)s was linked to your record in the household "
            "register. If it is not yours, tell the commune People's Committee at once."
        ) % {"date": formats.date_format(timezone.localdate(), "SHORT_DATE_FORMAT"), "account": account.username}
    transaction.on_commit(lambda: sms.send_sms(phone, text))


def failed_attempts_today(user: User, today: dt.date) -> int:
    start = timezone.make_aware(dt.datetime.combine(today, dt.time.min))
    return AuditEvent.objects.filter(verb="accounts.verification_failed", actor=user, created_at__gte=start).count()


def verify_resident_link(user: User, *, national_id: str, birth_date: dt.date) -> Resident:
    """Link the account to the resident whose national ID number and date of birth both match."""
    if user.resident_id is not None:
        raise DomainError(_("Your account is already linked to a resident record."))
    if failed_attempts_today(user, timezone.localdate()) >= MAX_VERIFICATION_ATTEMPTS_PER_DAY:
        raise DomainError(_("Too many attempts today. Try again tomorrow or ask your village head."))
    resident = None
    if is_well_formed_national_id(national_id):
        resident = Resident.objects.filter(
            national_id_hash=national_id_hash(national_id), birth_date=birth_date, anonymized_at__isnull=True
        ).first()
    if resident is None:
        with transaction.atomic():
            audit.record("accounts.verification_failed", actor=user, target=user)
        # One message for every failure: it must not tell which of the two fields was right.
        raise DomainError(_("No resident record matches this national ID number and date of birth."))
    with transaction.atomic():
        _check_link(user, resident, actor=None)
        _link(user, resident, by=None)
        audit.record(
            "accounts.resident_linked", actor=user, target=user, data={"resident": resident.pk, "method": "self"}
        )
        _notify_resident(user, resident, actor=user, unit_id=None)
    return resident


def _require_verifier(actor: User, household: Household) -> None:
    if not can_verify_links(actor, household):
        raise DomainError(
            _("Only a commune official, the commune chair or the village head of this household can do this.")
        )


def propose_resident_link(account: User, resident: Resident, household: Household, *, actor: User) -> LinkProposal:
    """An official proposes that the account is this member's; a second official must confirm it."""
    _require_verifier(actor, household)
    if not resident.memberships.filter(household=household, valid_to__isnull=True).exists():
        raise DomainError(_("Only a current member of the household can be linked to an account."), field="resident")
    with transaction.atomic():
        _check_link(account, resident, actor=actor)
        if account.resident_id == resident.pk:
            raise DomainError(_("This account is already linked to this resident."), field="account")
        if LinkProposal.objects.filter(resident=resident, decided_at__isnull=True).exists():
            raise DomainError(
                _("A link for this resident is already waiting for confirmation. Confirm or withdraw it first."),
                field="account",
            )
        proposal = LinkProposal.objects.create(
            account=account, resident=resident, household=household, proposed_by=actor, proposed_at=timezone.now()
        )
        audit.record(
            "people.link_proposed",
            actor=actor,
            target=account,
            unit_id=household.unit_id,
            data={"resident": resident.pk, "proposal": proposal.pk},
        )
    return proposal


def _open_proposal(proposal: LinkProposal) -> LinkProposal:
    """The proposal, locked, if it is still waiting; a decided one cannot be decided again."""
    locked = LinkProposal.objects.select_for_update().select_related("account", "resident").get(pk=proposal.pk)
    if locked.decided_at is not None:
        raise DomainError(_("This link has already been confirmed or withdrawn."))
    return locked


def confirm_link_proposal(proposal: LinkProposal, *, actor: User) -> None:
    """A second official of the commune confirms the link: the account now acts for the resident."""
    _require_verifier(actor, proposal.household)
    with transaction.atomic():
        proposal = _open_proposal(proposal)
        # The four-eyes rule: the proposer never confirms.
        if actor.pk == proposal.proposed_by_id:
            raise DomainError(_("Another official of the commune must confirm the link you proposed."))
        _check_link(proposal.account, proposal.resident, actor=actor)
        _link(proposal.account, proposal.resident, by=actor)
        proposal.decided_by, proposal.decided_at = actor, timezone.now()
        proposal.outcome = LinkProposal.Outcome.CONFIRMED
        proposal.save(update_fields=["decided_by", "decided_at", "outcome"])
        unit_id = proposal.household.unit_id
        audit.record(
            "accounts.resident_linked",
            actor=actor,
            target=proposal.account,
            unit_id=unit_id,
            data={
                "resident": proposal.resident_id,
                "method": "confirmed",
                "proposal": proposal.pk,
                "proposed_by": proposal.proposed_by_id,
            },
        )
        _notify_resident(proposal.account, proposal.resident, actor=actor, unit_id=unit_id)


def withdraw_link_proposal(proposal: LinkProposal, *, actor: User) -> None:
    """The proposer, or another official of the commune, withdraws a proposal that is still waiting."""
    _require_verifier(actor, proposal.household)
    with transaction.atomic():
        proposal = _open_proposal(proposal)
        proposal.decided_by, proposal.decided_at = actor, timezone.now()
        proposal.outcome = LinkProposal.Outcome.WITHDRAWN
        proposal.save(update_fields=["decided_by", "decided_at", "outcome"])
        audit.record(
            "people.link_withdrawn",
            actor=actor,
            target=proposal.account,
            unit_id=proposal.household.unit_id,
            data={"resident": proposal.resident_id, "proposal": proposal.pk},
        )
