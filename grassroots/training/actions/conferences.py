"""Writes for training conferences, each in a transaction with an audit event."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from grassroots.accounts.models import RoleAssignment, User
from grassroots.core import audit
from grassroots.core.errors import DomainError
from grassroots.territory.models import Unit

from .. import rules
from ..access import can_organize
from ..models import TOLD_STATUSES, Conference, Delegate, InvitationRule, Material, Session, Topic
from .invitations import tell_delegates

# The template reproduces the 2024 city conference: four topics, then the exchange (PRODUCT.md).
TEMPLATE_SESSIONS = [Topic.LAW, Topic.DECREE_59, Topic.TASKS, Topic.SITUATION, Topic.EXCHANGE]


def _event(verb: str, actor: Any, conference: Conference, **data: Any) -> None:
    audit.record(f"training.{verb}", actor=actor, target=conference, unit_id=conference.organizer_unit_id, data=data)


def is_over(conference: Conference) -> bool:
    return (conference.ends_on or conference.starts_on) < timezone.localdate()


def _require_not_over(conference: Conference) -> None:
    if is_over(conference):
        raise DomainError(_("The conference has already taken place."))


def _require_organizer(actor: User, conference: Conference) -> None:
    if not can_organize(actor, conference.organizer_unit):
        raise DomainError(_("Only the steering committee of this unit may do this."))


@transaction.atomic
def create_conference(*, actor: User, unit: Unit, title: str, starts_on: dt.date, venue: str = "",
                      from_template: bool = True, ends_on: dt.date | None = None, online_link: str = "",
                      after_test_attempts: int = rules.AFTER_TEST_ATTEMPTS) -> Conference:  # fmt: skip
    if not can_organize(actor, unit):
        raise DomainError(_("Only the steering committee of this unit may do this."))
    if ends_on is not None and ends_on < starts_on:
        raise DomainError(_("The last day cannot be before the first."), field="ends_on")
    _check_attempts(after_test_attempts)
    conference = Conference.objects.create(organizer_unit=unit, title=title, starts_on=starts_on, ends_on=ends_on,
                                           venue=venue, online_link=online_link, created_by=actor,
                                           after_test_attempts=after_test_attempts)  # fmt: skip
    if from_template:
        Session.objects.bulk_create(
            [
                Session(conference=conference, topic=topic, title=str(topic.label), position=i)
                for i, topic in enumerate(TEMPLATE_SESSIONS)
            ]
        )
    _event("conference_created", actor, conference, template=from_template)
    return conference


def _check_attempts(attempts: int) -> None:
    if not 1 <= attempts <= rules.MAX_AFTER_TEST_ATTEMPTS:
        raise DomainError(
            _("Allow from 1 to %(most)s attempts at the test after the course.")
            % {"most": rules.MAX_AFTER_TEST_ATTEMPTS},
            field="after_test_attempts",
        )


@transaction.atomic
def update_conference(conference: Conference, *, actor: User, title: str, starts_on: dt.date,
                      ends_on: dt.date | None = None, venue: str = "", online_link: str = "",
                      after_test_attempts: int | None = None) -> Conference:  # fmt: skip
    _require_organizer(actor, conference)
    if ends_on is not None and ends_on < starts_on:
        raise DomainError(_("The last day cannot be before the first."), field="ends_on")
    if after_test_attempts is not None:
        _check_attempts(after_test_attempts)
        conference.after_test_attempts = after_test_attempts
    conference.title, conference.starts_on, conference.ends_on = title, starts_on, ends_on
    conference.venue, conference.online_link = venue, online_link
    conference.save(update_fields=["title", "starts_on", "ends_on", "venue", "online_link", "after_test_attempts"])
    _event("conference_updated", actor, conference)
    return conference


def _check_session_times(conference: Conference, starts_at: dt.datetime | None, ends_at: dt.datetime | None) -> None:
    if starts_at is not None and not rules.on_conference_days(
        timezone.localdate(starts_at), conference.starts_on, conference.ends_on
    ):
        raise DomainError(_("The session must take place on a day of the conference."), field="starts_at")
    if starts_at is not None and ends_at is not None and ends_at <= starts_at:
        raise DomainError(_("The session must end after it starts."), field="ends_at")


@transaction.atomic
def add_session(conference: Conference, *, actor: User, topic: str, title: str, speaker: str = "",
                starts_at: dt.datetime | None = None, ends_at: dt.datetime | None = None) -> Session:  # fmt: skip
    _require_organizer(actor, conference)
    _check_session_times(conference, starts_at, ends_at)
    last = conference.sessions.order_by("-position").values_list("position", flat=True).first()
    session = Session.objects.create(conference=conference, topic=topic, title=title or str(Topic(topic).label), speaker=speaker,
                                     starts_at=starts_at, ends_at=ends_at, position=0 if last is None else last + 1)  # fmt: skip
    _event("session_added", actor, conference, session=session.pk)
    return session


@transaction.atomic
def update_session(session: Session, *, actor: User, topic: str, title: str, speaker: str = "",
                   starts_at: dt.datetime | None = None, ends_at: dt.datetime | None = None) -> Session:  # fmt: skip
    """Organizers set the speaker and the time of each session, or change its topic and title."""
    _require_organizer(actor, session.conference)
    _check_session_times(session.conference, starts_at, ends_at)
    session.topic, session.title, session.speaker = topic, title or str(Topic(topic).label), speaker
    session.starts_at, session.ends_at = starts_at, ends_at
    session.save(update_fields=["topic", "title", "speaker", "starts_at", "ends_at"])
    _event("session_updated", actor, session.conference, session=session.pk)
    return session


@transaction.atomic
def remove_session(session: Session, *, actor: User) -> None:
    _require_organizer(actor, session.conference)
    if session.questions.exists():
        raise DomainError(_("Delegates have asked questions in this session; it cannot be removed."))
    _event("session_removed", actor, session.conference, session=session.pk, title=session.title)
    session.delete()


@transaction.atomic
def add_material(conference: Conference, *, actor: User, title: str, file: UploadedFile | None = None, url: str = "",
                 session: Session | None = None) -> Material:  # fmt: skip
    """A document for the delegates: an uploaded file (checked by the form with core.uploads.check_upload)
    or a link, never both."""
    _require_organizer(actor, conference)
    if (file is None) == (not url):
        raise DomainError(_("Upload a file or give a link, not both."), field="file")
    if session is not None and session.conference_id != conference.pk:
        raise DomainError(_("This session belongs to another conference."), field="session")
    material = Material(conference=conference, session=session, title=title, url=url, added_by=actor)
    if file is not None:
        material.file.save(file.name or "material", file, save=False)
    material.save()
    _event("material_added", actor, conference, material=material.pk, kind="file" if file is not None else "link")
    return material


@transaction.atomic
def remove_material(material: Material, *, actor: User) -> None:
    _require_organizer(actor, material.conference)
    _event("material_removed", actor, material.conference, material=material.pk, title=material.title)
    stored = material.file.name if material.file else ""
    storage = material.file.storage
    material.delete()
    if stored:
        # The file goes only once the row is gone for good.
        transaction.on_commit(lambda: storage.delete(stored))


@transaction.atomic
def add_rule(
    conference: Conference, *, actor: User, role: str, unit_kinds: Iterable[str], within: Unit | None = None
) -> InvitationRule:
    _require_organizer(actor, conference)
    within = within or conference.organizer_unit
    if not within.path.startswith(conference.organizer_unit.path):
        raise DomainError(_("Invitations reach only the units under the organizing unit."), field="within")
    kinds = sorted(set(unit_kinds))
    if not kinds:
        raise DomainError(_("Choose at least one kind of unit."), field="unit_kinds")
    rule = InvitationRule.objects.create(conference=conference, role=role, unit_kinds=kinds, within=within)
    _event("rule_added", actor, conference, role=role, kinds=kinds, within=within.code)
    return rule


@transaction.atomic
def remove_rule(rule: InvitationRule, *, actor: User) -> None:
    """Remove a rule; its delegates stay until the list is resolved again (then those the other rules
    do not reach are withdrawn)."""
    conference = rule.conference
    _require_organizer(actor, conference)
    _event("rule_removed", actor, conference, role=rule.role, kinds=rule.unit_kinds, within=rule.within.code)
    rule.delete()


def holders(rule: InvitationRule, day: dt.date) -> list[tuple[int, int]]:
    """(user id, unit id) of everyone who holds the rule's role in a matching unit on the day."""
    return list(
        RoleAssignment.objects.active_on(day)
        .filter(
            role=rule.role,
            unit__kind__in=rule.unit_kinds,
            unit__path__startswith=rule.within.path,
            user__is_active=True,
        )
        .values_list("user_id", "unit_id")
        .distinct()
    )


@dataclass(frozen=True)
class Resolution:
    added: int
    withdrawn: int
    kept: int


@transaction.atomic
def resolve_invitations(conference: Conference, *, actor: User) -> Resolution:
    """Turn the rules into delegates: exactly the people who hold each role on the conference date.

    Run it again after a role changes hands: the new holder is invited, and the former holder's
    invitation (if it came from a rule, and they did not check in) is withdrawn.
    """
    _require_organizer(actor, conference)
    wanted: dict[int, tuple[int, InvitationRule]] = {}
    for rule in conference.rules.select_related("within"):
        for user_id, unit_id in holders(rule, conference.starts_on):
            wanted.setdefault(user_id, (unit_id, rule))
    existing = {d.user_id: d for d in conference.delegates.all()}
    added = kept = withdrawn = 0
    for user_id, (unit_id, rule) in wanted.items():
        delegate = existing.get(user_id)
        if delegate is None:
            Delegate.objects.create(conference=conference, user_id=user_id, unit_id=unit_id, role=rule.role, rule=rule)
            added += 1
        else:
            if delegate.status == Delegate.Status.WITHDRAWN:
                delegate.status = Delegate.Status.INVITED
                delegate.save(update_fields=["status"])
            kept += 1
    for user_id, delegate in existing.items():
        if (
            user_id not in wanted
            and delegate.rule_id is not None
            and delegate.checked_in_at is None
            and delegate.status != Delegate.Status.WITHDRAWN
        ):
            delegate.status = Delegate.Status.WITHDRAWN
            delegate.save(update_fields=["status"])
            withdrawn += 1
    if conference.status == Conference.Status.DRAFT:
        conference.status = Conference.Status.INVITING
        conference.save(update_fields=["status"])
    _event("invitations_resolved", actor, conference, added=added, withdrawn=withdrawn, kept=kept)
    return Resolution(added, withdrawn, kept)


@transaction.atomic
def invite_by_name(conference: Conference, *, actor: User, user: User, unit: Unit) -> Delegate:
    _require_organizer(actor, conference)
    delegate, created = Delegate.objects.get_or_create(conference=conference, user=user, defaults={"unit": unit})
    if created:
        _event("delegate_invited", actor, conference, user=user.pk)
    return delegate


@transaction.atomic
def send_substitute(delegate: Delegate, *, actor: User, deputy: User) -> Delegate:
    """A unit sends a deputy in place of its head; recorded as such (issue 5, item 2)."""
    conference = delegate.conference
    if actor.pk != delegate.user_id and not can_organize(actor, conference.organizer_unit):
        raise DomainError(_("Only the delegate or the organizers may send a substitute."))
    if delegate.checked_in_at is not None:
        raise DomainError(_("This delegate has already arrived."))
    if Delegate.objects.filter(conference=conference, user=deputy).exists():
        raise DomainError(_("This person is already a delegate of the conference."), field="deputy")
    if delegate.status in {Delegate.Status.REPLACED, Delegate.Status.WITHDRAWN}:
        raise DomainError(
            _("This invitation is no longer valid: %(status)s.") % {"status": delegate.get_status_display()}
        )
    if not deputy.is_active:
        raise DomainError(_("This account is not active."), field="deputy")
    substitute = Delegate.objects.create(conference=conference, user=deputy, unit=delegate.unit, role=delegate.role,
                                         substitute_for=delegate, status=Delegate.Status.REGISTERED)  # fmt: skip
    delegate.status = Delegate.Status.REPLACED
    delegate.save(update_fields=["status"])
    _event("substitute_sent", actor, conference, delegate=delegate.pk, substitute=substitute.pk)
    # The deputy gets an invitation of their own, with their own code for the door.
    transaction.on_commit(lambda: tell_delegates.enqueue(conference.pk, [substitute.pk]))
    return substitute


NOBODY_TO_INVITE = _(
    "There is nobody to send the invitation to: the conference has no delegate yet. Add a rule and resolve the "
    "list, or invite people by name, then send the invitations."
)


def invited_count(conference: Conference) -> int:
    """Delegates whose invitation stands (not withdrawn, replaced or declined), told or not."""
    return conference.delegates.filter(status__in=TOLD_STATUSES).count()


def waiting_for_invitation(conference: Conference) -> int:
    """Delegates still to be told (not withdrawn, replaced or declined, and not yet sent the invitation)."""
    return conference.delegates.filter(invitation_sent_at__isnull=True, status__in=TOLD_STATUSES).count()


@transaction.atomic
def send_invitations(conference: Conference, *, actor: User) -> int:
    """Send the invitation, in the app, by e-mail and by SMS, to every delegate not yet told. The e-mails go
    from a background task (training.actions.invitations), which tells each delegate once however often it runs."""
    _require_organizer(actor, conference)
    _require_not_over(conference)
    waiting = waiting_for_invitation(conference)
    if waiting == 0 and invited_count(conference) == 0:
        raise DomainError(NOBODY_TO_INVITE)
    if waiting == 0:
        raise DomainError(_("Every delegate has already been sent the invitation."))
    if conference.status == Conference.Status.DRAFT:
        conference.status = Conference.Status.INVITING
        conference.save(update_fields=["status"])
    _event("invitations_sent", actor, conference, delegates=waiting)
    transaction.on_commit(lambda: tell_delegates.enqueue(conference.pk))
    return waiting


@transaction.atomic
def respond(delegate: Delegate, *, actor: User, attending: bool) -> Delegate:
    if actor.pk != delegate.user_id:
        raise DomainError(_("Only the delegate may answer the invitation."))
    if delegate.status in {Delegate.Status.REPLACED, Delegate.Status.WITHDRAWN}:
        raise DomainError(
            _("This invitation is no longer valid: %(status)s.") % {"status": delegate.get_status_display()}
        )
    if delegate.checked_in_at is not None:
        raise DomainError(_("This delegate has already arrived."))
    delegate.status = Delegate.Status.REGISTERED if attending else Delegate.Status.DECLINED
    delegate.save(update_fields=["status"])
    _event("invitation_answered", actor, delegate.conference, attending=attending)
    return delegate


@transaction.atomic
def check_in(conference: Conference, *, actor: User, token: str) -> Delegate:
    """Check in at the door by the delegate's QR code. A code of another conference is refused."""
    _require_organizer(actor, conference)
    delegate = (
        Delegate.objects.filter(conference=conference, checkin_token=token.strip())
        .select_related("user", "unit")
        .first()
    )
    if delegate is None:
        raise DomainError(_("This code is not a delegate of this conference."), field="token")
    if delegate.status in {Delegate.Status.REPLACED, Delegate.Status.WITHDRAWN}:
        raise DomainError(
            _("This invitation is no longer valid: %(status)s.") % {"status": delegate.get_status_display()},
            field="token",
        )
    if delegate.checked_in_at is None:
        delegate.checked_in_at = timezone.now()
        delegate.save(update_fields=["checked_in_at"])
        _event("checked_in", actor, conference, delegate=delegate.pk)
    return delegate


@transaction.atomic
def record_leave(delegate: Delegate, *, actor: User) -> Delegate:
    _require_organizer(actor, delegate.conference)
    if delegate.checked_in_at is None:
        raise DomainError(_("This delegate has not arrived."))
    if delegate.left_at is not None:
        raise DomainError(_("The departure of this delegate is already recorded."))
    delegate.left_at = timezone.now()
    delegate.save(update_fields=["left_at"])
    _event("left_early", actor, delegate.conference, delegate=delegate.pk)
    return delegate
