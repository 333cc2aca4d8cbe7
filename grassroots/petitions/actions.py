"""Every write of the casework: one transaction and one audit event each (Law Arts 38–40; D59 Art 14;
Law Art 9(2)). The actions check who acts (access.py) and the law (rules.py) themselves, so a view, the
API or the demo cannot skip a rule. Audit events carry the case number and the step, never the
petitioner's name, phone or words."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from grassroots.accounts.models import User
from grassroots.core import audit
from grassroots.core.errors import DomainError
from grassroots.territory.models import Unit

from . import access, identity, rules
from .calendar import working_days
from .choices import Channel, State
from .models import Petition, Photo
from .notify import tell


def _event(verb: str, actor: Any, petition: Petition, **data: Any) -> None:
    audit.record(f"petitions.{verb}", actor=actor, target=petition, unit_id=petition.commune_id, data=data)


def _day(day: dt.date) -> str:
    return formats.date_format(day, "DATE_FORMAT")


def _tell(petition: Petition, step: str) -> None:
    pk = petition.pk
    transaction.on_commit(lambda: tell.enqueue(pk, step))


def _lock(petition: Petition) -> Petition:
    return Petition.objects.select_for_update(of=("self",)).select_related("commune").get(pk=petition.pk)


def _move(petition: Petition, target: str) -> None:
    if not rules.may_move(petition.state, target):
        raise DomainError(_("This step does not follow from where the case stands now (%(state)s).")
                          % {"state": petition.get_state_display()})  # fmt: skip
    petition.state = target


def _not_future(day: dt.date, field: str) -> None:
    if day > timezone.localdate():
        raise DomainError(_("This day is still to come: record it on the day or after."), field=field)


def _require(allowed: bool, message: Any) -> None:
    if not allowed:
        raise DomainError(message)


BOARD_ONLY = _("Only a member of the commune's People's Inspection Board does this (Law Art 38).")


def _create(
    *,
    commune: Unit,
    village: Unit | None,
    subject: str,
    body: str,
    concerns: str,
    channel: str,
    received_on: dt.date,
    place: str,
    latitude: Decimal | None,
    longitude: Decimal | None,
    hide_identity: bool,
    who: identity.Identity,
    photos: Sequence[Any],
    entered_by: User | None,
) -> Petition:
    if not commune.is_commune_level:
        raise DomainError(_("Petitions go to the People's Inspection Board of a commune or ward."))
    if village is not None and not village.path.startswith(commune.path):
        raise DomainError(_("This village is not in the commune."), field="village")
    if (latitude is None) != (longitude is None):
        raise DomainError(_("Give both the latitude and the longitude, or neither."), field="latitude")
    petition = Petition(
        commune=commune, village=village, subject=subject.strip(), body=body.strip(), concerns=concerns.strip(),
        channel=channel, received_on=received_on, place=place.strip(), latitude=latitude, longitude=longitude,
        entered_by=entered_by, identity_hidden=hide_identity,
    )  # fmt: skip
    if hide_identity:
        petition.sealed_identity = identity.seal(petition, who)
        petition.filer_key = identity.filer_key(who.user_id) if who.user_id else ""
    else:
        petition.filed_by_id = who.user_id
        petition.petitioner_name, petition.petitioner_phone = who.name, who.phone
        petition.petitioner_address = who.address
    petition.save()
    for file in photos:
        Photo.objects.create(petition=petition, image=file)
    _tell(petition, "received")
    return petition


def file_petition(
    *,
    actor: User,
    commune: Unit,
    subject: str,
    body: str,
    concerns: str = "",
    village: Unit | None = None,
    place: str = "",
    latitude: Decimal | None = None,
    longitude: Decimal | None = None,
    hide_identity: bool = False,
    photos: Sequence[Any] = (),
) -> Petition:
    """A resident's petition online (Law Art 34(2), Art 38: the board receives petitions), with photos
    (checked by the form with core.uploads) and an optional place. With `hide_identity` the petitioner's
    name, phone and account are sealed (Law Art 9(2))."""
    if not actor.is_authenticated:
        raise DomainError(_("Sign in to send a petition."))
    who = identity.Identity(actor.get_full_name() or actor.username, actor.phone or "", "", actor.pk)
    with transaction.atomic():
        petition = _create(
            commune=commune, village=village, subject=subject, body=body, concerns=concerns, channel=Channel.ONLINE,
            received_on=timezone.localdate(), place=place, latitude=latitude, longitude=longitude,
            hide_identity=hide_identity, who=who, photos=photos, entered_by=None,
        )  # fmt: skip
        _event("filed", actor if not hide_identity else None, petition, channel=Channel.ONLINE,
               hidden=hide_identity, photos=len(photos))  # fmt: skip
    return petition


def enter_petition(
    *,
    actor: User,
    commune: Unit,
    channel: str,
    received_on: dt.date,
    subject: str,
    body: str,
    name: str = "",
    phone: str = "",
    address: str = "",
    concerns: str = "",
    village: Unit | None = None,
    place: str = "",
    hide_identity: bool = False,
    photos: Sequence[Any] = (),
) -> Petition:
    """A petition the board received from the suggestion box, a letter, a call or a visit (D59 Art 14),
    entered by a board member."""
    _require(access.is_board(actor, commune), BOARD_ONLY)
    if channel == Channel.ONLINE or channel not in Channel.values:
        raise DomainError(_("Choose how the petition was received."), field="channel")
    _not_future(received_on, "received_on")
    who = identity.Identity(name.strip(), phone.strip(), address.strip(), None)
    with transaction.atomic():
        petition = _create(
            commune=commune, village=village, subject=subject, body=body, concerns=concerns, channel=channel,
            received_on=received_on, place=place, latitude=None, longitude=None, hide_identity=hide_identity,
            who=who, photos=photos, entered_by=actor,
        )  # fmt: skip
        _event("entered", actor, petition, channel=channel, hidden=hide_identity)
    return petition


def triage(*, actor: User, petition: Petition, accept: bool, note: str = "") -> Petition:
    """The board decides whether to take a petition up (Law Art 38: it verifies cases on petition). One it
    does not take up gets the reason in writing (D59 Art 14), which closes it."""
    _require(access.is_board(actor, petition.commune), BOARD_ONLY)
    if not accept and not note.strip():
        raise DomainError(_("Say why the petition is not taken up: the petitioner receives it in writing."),
                          field="note")  # fmt: skip
    with transaction.atomic():
        petition = _lock(petition)
        _move(petition, State.ACCEPTED if accept else State.DECLINED)
        petition.triage_note = note.strip()
        if not accept:
            petition.result, petition.result_sent_on = note.strip(), timezone.localdate()
        petition.save()
        _event("triaged", actor, petition, accepted=accept)
        if not accept:
            _tell(petition, "result")
    return petition


def assign(*, actor: User, petition: Petition, members: Sequence[User]) -> Petition:
    """The board assigns members to verify the case (Law Art 39: it works collectively)."""
    _require(access.is_board(actor, petition.commune), BOARD_ONLY)
    if not members:
        raise DomainError(_("Choose at least one member."), field="members")
    for member in members:
        if not access.is_board(member, petition.commune):
            raise DomainError(_("Only members of this commune's board can be assigned."), field="members")
    with transaction.atomic():
        petition = _lock(petition)
        _move(petition, State.ASSIGNED)
        petition.save()
        petition.members.set(members)
        _event("assigned", actor, petition, members=sorted(m.pk for m in members))
    return petition


def send_plan(*, actor: User, petition: Petition, plan: str, sent_on: dt.date, acting_from: dt.date) -> Petition:
    """D59 Art 14: the specific inspection plan goes to MTTQ xã, the UBND Chair and the subject at least
    5 working days before the board acts."""
    _require(access.is_board(actor, petition.commune), BOARD_ONLY)
    _not_future(sent_on, "sent_on")
    if not rules.plan_in_time(sent_on, acting_from, working_days(sent_on)):
        earliest = rules.earliest_action(sent_on, working_days(sent_on))
        raise DomainError(
            _("The plan must reach the Front, the commune Chair and the subject at least 5 working days before "
              "the board acts: sent on %(sent)s, the board may act from %(earliest)s (D59 Art 14).")
            % {"sent": _day(sent_on), "earliest": _day(earliest)},
            field="acting_from",
        )  # fmt: skip
    with transaction.atomic():
        petition = _lock(petition)
        _move(petition, State.PLANNED)
        petition.plan, petition.plan_sent_on, petition.acting_from = plan.strip(), sent_on, acting_from
        petition.save()
        _event("plan_sent", actor, petition, sent_on=sent_on.isoformat(), acting_from=acting_from.isoformat())
        _tell(petition, "planned")
    return petition


def record_findings(*, actor: User, petition: Petition, findings: str, verified_on: dt.date) -> Petition:
    """Law Art 38: the board verifies the case; its members act only from the day the plan allows."""
    _require(access.is_board(actor, petition.commune), BOARD_ONLY)
    _not_future(verified_on, "verified_on")
    if petition.acting_from and verified_on < petition.acting_from:
        raise DomainError(
            _("The board may act only from %(day)s, 5 working days after its plan was sent (D59 Art 14).")
            % {"day": _day(petition.acting_from)},
            field="verified_on",
        )
    with transaction.atomic():
        petition = _lock(petition)
        _move(petition, State.VERIFIED)
        petition.findings, petition.verified_on = findings.strip(), verified_on
        petition.save()
        _event("verified", actor, petition, verified_on=verified_on.isoformat())
    return petition


def recommend(*, actor: User, petition: Petition, recommendation: str) -> Petition:
    """Law Art 38: the board recommends a remedy; the Front certifies it before it goes (Law Art 40(2))."""
    _require(access.is_board(actor, petition.commune), BOARD_ONLY)
    with transaction.atomic():
        petition = _lock(petition)
        _move(petition, State.RECOMMENDED)
        petition.recommendation = recommendation.strip()
        petition.save()
        _event("recommended", actor, petition)
        _tell(petition, "recommended")
    return petition


def certify(*, actor: User, petition: Petition, certified_on: dt.date) -> Petition:
    """Law Art 40(2): the commune Front certifies the board's recommendation; it is sent to the commune
    People's Committee the same day, and the 15 days of Law Art 40(1) run from then."""
    _require(access.is_front(actor, petition.commune),
             _("Only the commune Fatherland Front committee certifies the board's recommendations (Law Art 40(2))."))  # fmt: skip
    _not_future(certified_on, "certified_on")
    with transaction.atomic():
        petition = _lock(petition)
        _move(petition, State.SENT)
        petition.certified_on = petition.sent_on = certified_on
        petition.certified_by = actor
        petition.save()
        _event("certified", actor, petition, sent_on=certified_on.isoformat(),
               answer_due=rules.answer_due(certified_on).isoformat())  # fmt: skip
        _tell(petition, "sent")
    return petition


def answer(*, actor: User, petition: Petition, text: str, answered_on: dt.date) -> Petition:
    """Law Art 40(1): the commune People's Committee resolves the recommendation and notifies the result
    within 15 days of receipt (a late answer is recorded as late, not refused)."""
    _require(access.is_committee(actor, petition.commune),
             _("Only the commune People's Committee answers the board's recommendations (Law Art 40(1))."))  # fmt: skip
    _not_future(answered_on, "answered_on")
    if petition.sent_on and answered_on < petition.sent_on:
        raise DomainError(_("The answer cannot come before the recommendation was received."), field="answered_on")
    with transaction.atomic():
        petition = _lock(petition)
        _move(petition, State.ANSWERED)
        petition.answer, petition.answered_on, petition.answered_by = text.strip(), answered_on, actor
        petition.save()
        on_time = rules.answered_in_time(petition.sent_on, answered_on) if petition.sent_on else True
        _event("answered", actor, petition, answered_on=answered_on.isoformat(), on_time=on_time)
        _tell(petition, "answered")
    return petition


def send_result(*, actor: User, petition: Petition, result: str) -> Petition:
    """D59 Art 14: the board notifies the petitioner of the result in writing."""
    _require(access.is_board(actor, petition.commune), BOARD_ONLY)
    with transaction.atomic():
        petition = _lock(petition)
        _move(petition, State.CLOSED)
        petition.result, petition.result_sent_on = result.strip(), timezone.localdate()
        petition.save()
        _event("result_sent", actor, petition)
        _tell(petition, "result")
    return petition


def rate(*, actor: User, petition: Petition, rating: int, comment: str = "") -> Petition:
    """Law Art 34(1), Art 35(2)(a): the petitioner rates their satisfaction with the outcome, once."""
    _require(access.is_petitioner(actor, petition), _("Only the petitioner rates the outcome."))
    if petition.state not in (State.CLOSED, State.DECLINED):
        raise DomainError(_("The outcome can be rated once the written result is sent."))
    if not rules.RATING_MIN <= rating <= rules.RATING_MAX:
        raise DomainError(_("Choose from 1 to 5."), field="rating")
    with transaction.atomic():
        petition = _lock(petition)
        if petition.rating is not None:
            raise DomainError(_("You have already rated this outcome."))
        petition.rating, petition.rating_comment = rating, comment.strip()
        petition.save()
        _event("rated", None if petition.identity_hidden else actor, petition, rating=rating)
    return petition


def reveal_identity(*, actor: User, petition: Petition) -> identity.Identity:
    """Law Art 9(2): only the board's head sees a hidden petitioner, on an explicit request; each time is
    audited (who, which case, when), never what was shown."""
    _require(access.is_head(actor, petition.commune),
             _("Only the head of the People's Inspection Board may see a hidden petitioner (Law Art 9(2))."))  # fmt: skip
    if not petition.identity_hidden:
        raise DomainError(_("This petitioner did not ask to be hidden."))
    with transaction.atomic():
        _event("identity_revealed", actor, petition)
    return identity.unseal(petition)
