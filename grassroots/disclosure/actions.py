"""Writes of the disclosure register (STYLE: every write is an action, in one transaction, audited).

Each action re-checks that the actor keeps the register of the item's commune (`access.can_edit`),
so a view, the API or a command cannot skip it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from grassroots.accounts.models import AnyUser, User
from grassroots.core import audit
from grassroots.core.errors import DomainError
from grassroots.core.uploads import check_upload
from grassroots.territory.models import Unit

from . import documents, notify, reports, rules
from .access import can_edit, commune_of
from .choices import Category, Channel, RequestKind
from .models import Attachment, Item, Posting, Request, Setup, Subscription, Version

# Attachments: PDF, pictures and office documents, checked by their first bytes (core.uploads).
ATTACHMENT_EXTENSIONS = ("pdf", "docx", "xlsx", "pptx", "jpg", "jpeg", "png")
ATTACHMENT_MAX_MB = 20
# Proof of a posting is a photograph of the notice board.
PROOF_EXTENSIONS = ("jpg", "jpeg", "png")
PROOF_MAX_MB = 10


def _event(verb: str, actor: AnyUser, item: Item, **data: Any) -> None:
    audit.record(f"disclosure.{verb}", actor=actor, target=item, unit_id=item.unit_id, data=data)


def _require_editor(actor: AnyUser, unit: Unit) -> None:
    if not can_edit(actor, unit):
        raise DomainError(_("Only the officials of this commune keep its disclosure register."))


def _checked(file: UploadedFile, *, extensions: tuple[str, ...], max_mb: int, field: str) -> None:
    try:
        check_upload(file, extensions=extensions, max_mb=max_mb)
    except ValidationError as exc:
        raise DomainError(exc.messages[0], field=field) from None


# --- Items ----------------------------------------------------------------------------------------
@transaction.atomic
def create_item(
    *,
    actor: User,
    unit: Unit,
    category: int,
    title: str,
    source_document: str,
    decided_on: dt.date,
    body: str = "",
) -> Item:
    """A draft disclosure: nothing is public until it is published."""
    _require_editor(actor, unit)
    if not (unit.is_commune_level or unit.is_village_level):
        raise DomainError(_("A disclosure concerns a commune or one of its villages."), field="unit")
    item = Item.objects.create(
        unit=unit,
        category=Category(category),
        title=title.strip(),
        body=body.strip(),
        source_document=source_document.strip(),
        decided_on=decided_on,
        created_by=actor,
    )
    _event("item_created", actor, item, category=item.category)
    return item


EDITABLE = ("category", "title", "body", "source_document", "decided_on")


@transaction.atomic
def update_item(item: Item, *, actor: User, change_note: str = "", today: dt.date | None = None, **values: Any) -> Item:
    """Change an item. A draft is simply changed. A published item keeps its earlier text as a
    `Version` and says what changed (Law Art 14: a change to information already disclosed is itself
    disclosed promptly); its subscribers are told."""
    _require_editor(actor, item.unit)
    changed = [name for name in EDITABLE if name in values and values[name] != getattr(item, name)]
    if not changed:
        return item
    if item.is_published:
        if not change_note.strip():
            raise DomainError(_("Say what changed: the change is disclosed with the new text."), field="change_note")
        Version.objects.create(
            item=item,
            number=item.version,
            title=item.title,
            body=item.body,
            source_document=item.source_document,
            decided_on=item.decided_on,
            change_note=change_note.strip()[:300],
            replaced_on=today or timezone.localdate(),
            replaced_by=actor,
        )
        item.version += 1
    for name in changed:
        setattr(item, name, values[name])
    item.save(update_fields=[*changed, "version"])
    _event("item_changed", actor, item, fields=changed, version=item.version)
    if item.is_published:
        transaction.on_commit(lambda: notify.tell_subscribers.enqueue(item.pk, changed=True))
    return item


@transaction.atomic
def publish_item(item: Item, *, actor: User, today: dt.date | None = None) -> Item:
    """Publish a draft: it appears on the residents' pages, the feed and the open data from today, and
    its posting on the commune's web page (Law Art 13, for every item) is logged from today."""
    _require_editor(actor, item.unit)
    item = Item.objects.select_for_update().get(pk=item.pk)
    if item.is_published:
        raise DomainError(_("This disclosure is already published."))
    day = today or timezone.localdate()
    item.status, item.published_on = Item.Status.PUBLISHED, day
    item.save(update_fields=["status", "published_on"])
    Posting.objects.create(item=item, channel=Channel.WEB_PORTAL, started_on=day, posted_by=actor)
    _event("item_published", actor, item, published_on=day.isoformat())
    transaction.on_commit(lambda: notify.tell_subscribers.enqueue(item.pk))
    return item


@transaction.atomic
def delete_draft(item: Item, *, actor: User) -> None:
    """A draft that was never published may be dropped; a published item stays (it was disclosed)."""
    _require_editor(actor, item.unit)
    if item.is_published:
        raise DomainError(_("A published disclosure is kept; change it instead."))
    _event("draft_deleted", actor, item, title=item.title)
    stored = [(a.file.storage, a.file.name) for a in item.attachments.all()]
    item.delete()
    for storage, name in stored:
        transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))  # type: ignore[misc]


@transaction.atomic
def publish_quarterly_index(
    commune: Unit, year: int, quarter: int, *, actor: User, today: dt.date | None = None
) -> Item:
    """Law Art 13(2): the list of everything disclosed in a quarter, with channel and timing, published
    as a disclosure itself once the quarter is over (then posted at the seat and village points)."""
    _require_editor(actor, commune)
    if not commune.is_commune_level:
        raise DomainError(_("The quarterly index is the commune's."))
    day = today or timezone.localdate()
    _first, last = rules.quarter_bounds(year, quarter)
    if day <= last:
        raise DomainError(_("The quarter is not over yet."), field="quarter")
    key = f"{year}-{quarter}"
    if Item.objects.filter(unit=commune, index_of=key).exists():
        raise DomainError(_("The index of this quarter is already published."), field="quarter")
    items = reports.quarter_items(commune, year, quarter)
    item = Item.objects.create(
        unit=commune,
        category=Category.OTHER,
        title=f"Danh mục thông tin đã công khai quý {quarter} năm {year}",
        body=documents.index_text(items),
        source_document="Khoản 2 Điều 13 Luật Thực hiện dân chủ ở cơ sở",
        decided_on=day,
        status=Item.Status.PUBLISHED,
        published_on=day,
        index_of=key,
        created_by=actor,
    )
    Posting.objects.create(item=item, channel=Channel.WEB_PORTAL, started_on=day, posted_by=actor)
    _event("index_published", actor, item, quarter=key, items=len(items))
    transaction.on_commit(lambda: notify.tell_subscribers.enqueue(item.pk))
    return item


# --- Attachments ----------------------------------------------------------------------------------
@transaction.atomic
def add_attachment(item: Item, *, actor: User, file: UploadedFile) -> Attachment:
    """A PDF, picture or office document, checked by size, extension and first bytes (core.uploads)."""
    _require_editor(actor, item.unit)
    _checked(file, extensions=ATTACHMENT_EXTENSIONS, max_mb=ATTACHMENT_MAX_MB, field="file")
    name = (file.name or "file").rsplit("/", 1)[-1][:200]
    attachment = Attachment(item=item, name=name, size=file.size or 0, added_by=actor)
    attachment.file.save(name, file, save=False)
    attachment.save()
    _event("attachment_added", actor, item, attachment=attachment.pk, name=name, size=attachment.size)
    return attachment


@transaction.atomic
def remove_attachment(attachment: Attachment, *, actor: User) -> None:
    """Only from a draft: what was published stays as it was disclosed."""
    item = attachment.item
    _require_editor(actor, item.unit)
    if item.is_published:
        raise DomainError(_("A file of a published disclosure is kept."))
    _event("attachment_removed", actor, item, attachment=attachment.pk, name=attachment.name)
    storage, stored = attachment.file.storage, attachment.file.name
    attachment.delete()
    transaction.on_commit(lambda: storage.delete(stored))


# --- Postings -------------------------------------------------------------------------------------
@transaction.atomic
def log_posting(
    item: Item,
    *,
    actor: User,
    channel: str,
    started_on: dt.date,
    ended_on: dt.date | None = None,
    place: str = "",
    proof: UploadedFile | None = None,
) -> Posting:
    """Log one use of a channel (Law Art 13; 10.L.32): where, from when, until when (the last day it
    was up; empty while it is up), who, and optionally a photo as proof."""
    _require_editor(actor, item.unit)
    if not item.is_published:
        raise DomainError(_("Publish the disclosure before logging where it was posted."))
    if channel == Channel.WEB_PORTAL:
        raise DomainError(_("The web page is logged when the disclosure is published."), field="channel")
    if ended_on is not None and ended_on < started_on:
        raise DomainError(_("The last day cannot come before the first."), field="ended_on")
    posting = Posting(
        item=item, channel=Channel(channel), place=place.strip()[:200], started_on=started_on, ended_on=ended_on,
        posted_by=actor,
    )  # fmt: skip
    if proof is not None:
        _checked(proof, extensions=PROOF_EXTENSIONS, max_mb=PROOF_MAX_MB, field="proof")
        posting.proof.save((proof.name or "photo").rsplit("/", 1)[-1], proof, save=False)
    posting.save()
    _event("posting_logged", actor, item, posting=posting.pk, channel=channel, started_on=started_on.isoformat(),
           ended_on=ended_on.isoformat() if ended_on else None)  # fmt: skip
    return posting


@transaction.atomic
def end_posting(posting: Posting, *, actor: User, ended_on: dt.date) -> Posting:
    """Record the last day a posting was up (the notice was taken down, the broadcast ended)."""
    item = posting.item
    _require_editor(actor, item.unit)
    if ended_on < posting.started_on:
        raise DomainError(_("The last day cannot come before the first."), field="ended_on")
    posting.ended_on = ended_on
    posting.save(update_fields=["ended_on"])
    _event("posting_ended", actor, item, posting=posting.pk, ended_on=ended_on.isoformat())
    return posting


@transaction.atomic
def set_loudspeaker(commune: Unit, *, actor: User, has_loudspeaker: bool) -> Setup:
    """Whether the commune has a loudspeaker system (Law Art 13: broadcasts only where it has one)."""
    _require_editor(actor, commune)
    setup, _created = Setup.objects.update_or_create(commune=commune, defaults={"has_loudspeaker": has_loudspeaker})
    audit.record("disclosure.setup_changed", actor=actor, target=setup, unit_id=commune.pk,
                 data={"has_loudspeaker": has_loudspeaker})  # fmt: skip
    return setup


# --- Residents' questions and requests (Law Art 14) ------------------------------------------------
@transaction.atomic
def ask(*, actor: User, unit: Unit, kind: str, text: str, item: Item | None = None) -> Request:
    """A resident's question about a published item, or request for information (Law Art 14: when it
    should have been disclosed and was not, its period has expired, or they could not reach it)."""
    if not actor.is_authenticated:
        raise DomainError(_("Log in to ask."))
    if item is not None and (not item.is_published or item.unit_id != unit.pk):
        raise DomainError(_("This disclosure cannot be asked about."))
    if not text.strip():
        raise DomainError(_("Write your question or request."), field="text")
    request = Request.objects.create(
        unit=unit, item=item, kind=RequestKind(kind), text=text.strip(), asked_by=actor, asked_at=timezone.now()
    )
    audit.record("disclosure.request_made", actor=actor, target=request, unit_id=unit.pk,
                 data={"kind": kind, "item": item.pk if item else None})  # fmt: skip
    commune = commune_of(unit)
    transaction.on_commit(lambda: notify.tell_officials_of_request.enqueue(request.pk, commune.pk))
    return request


@transaction.atomic
def answer(request: Request, *, actor: User, text: str) -> Request:
    """The commune's answer; when it came is recorded and shown with the time it took."""
    _require_editor(actor, request.unit)
    if request.answered_at is not None:
        raise DomainError(_("This request has already been answered."))
    if not text.strip():
        raise DomainError(_("Write the answer."), field="text")
    request.answer, request.answered_at, request.answered_by = text.strip(), timezone.now(), actor
    request.save(update_fields=["answer", "answered_at", "answered_by"])
    audit.record("disclosure.request_answered", actor=actor, target=request, unit_id=request.unit_id, data={})
    transaction.on_commit(lambda: notify.tell_asker.enqueue(request.pk))
    return request


# --- Subscriptions --------------------------------------------------------------------------------
@transaction.atomic
def subscribe(*, actor: User, unit: Unit, by_email: bool = False) -> Subscription:
    """Be told of every disclosure the unit publishes or changes (in the app; by e-mail if asked)."""
    subscription, _created = Subscription.objects.update_or_create(
        user=actor, unit=unit, defaults={"by_email": by_email}
    )
    audit.record("disclosure.subscribed", actor=actor, target=subscription, unit_id=unit.pk,
                 data={"by_email": by_email})  # fmt: skip
    return subscription


@transaction.atomic
def unsubscribe(*, actor: User, unit: Unit) -> None:
    deleted, _rows = Subscription.objects.filter(user=actor, unit=unit).delete()
    if deleted:
        audit.record("disclosure.unsubscribed", actor=actor, target=("territory.unit", unit.pk), unit_id=unit.pk)
