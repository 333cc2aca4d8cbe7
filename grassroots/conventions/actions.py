"""Every write to a village convention: each in a transaction, each with an audit event (D61 Arts 7–16).

Adoption (D61 Art 10) is a community-decisions matter of item 3: `put_to_vote` tables it through
`decisions.actions.create_matter`; its meeting, the switch to ballots, the count, filing and recognition are
decisions' actions (its console runs the meeting). This module never counts votes: it files the dossier
through `decisions.actions.file_record` and recognizes through `decisions.actions.recognize` / `refuse`,
and keeps the convention's own dates around them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from grassroots.accounts.models import User
from grassroots.core import audit
from grassroots.core.errors import DomainError
from grassroots.decisions import actions as decisions_actions
from grassroots.decisions import rules as decision_rules
from grassroots.decisions.calendar import work_calendar
from grassroots.decisions.models import Matter, TabledVia
from grassroots.decisions.models import Status as MatterStatus
from grassroots.people.actions import household_count_on
from grassroots.territory.models import Unit

from . import rules
from .access import can_decide, can_run, is_front_head, is_village_head, may_comment_online
from .models import (
    Article,
    Comment,
    CommentChannel,
    Convention,
    ConventionStatus,
    DraftingMember,
    Kind,
    Outcome,
    ProposedVia,
    Review,
    Ruling,
    RulingKind,
    Version,
    VersionStatus,
)


def _event(verb: str, actor: Any, target: Convention | Version, **data: Any) -> None:
    convention = target if isinstance(target, Convention) else target.convention
    audit.record(f"conventions.{verb}", actor=actor, target=target, unit_id=convention.village_id, data=data)


def _refuse(verdict: decision_rules.Verdict, field: str | None = None) -> None:
    if not verdict.ok:
        raise DomainError(f"{verdict.reason} ({verdict.article})", field=field)


def _require_runner(actor: User, convention: Convention) -> None:
    if not can_run(actor, convention):
        raise DomainError(
            _("Only the village head or the head of the Front work committee of this village may do this.")
        )


def _require_decider(actor: User, convention: Convention) -> None:
    if not can_decide(actor, convention):
        raise DomainError(_("Only the commune People's Committee decides this. (D61 Arts 11–14)"))


def _require_version(version: Version, *statuses: str) -> None:
    if version.status not in statuses:
        raise DomainError(
            _("This step is not possible now: the version is “%(status)s”.") % {"status": version.get_status_display()}
        )


def _matter_of(version: Version) -> Matter:
    if version.matter is None:
        raise DomainError(_("This version was not put to the households."))
    return version.matter


def _today() -> dt.date:
    return timezone.localdate()


# --- D61 Art 7: the proposal -------------------------------------------------------------------------
@transaction.atomic
def propose(
    *,
    actor: User,
    village: Unit,
    kind: str,
    title: str,
    proposed_via: str,
    front_agreed: bool = False,
    consents: int | None = None,
    ethnic_minority: bool = False,
) -> Convention:
    """D61 Art 7(1): proposed (a) by the village head with the agreement of the Front work committee head,
    or (b) by citizens with the consent of at least 10% of households (`decisions.rules.
    convention_proposal_supported`); below 10% the Front work committee may still back it."""
    if not village.is_village_level:
        raise DomainError(_("A convention belongs to a village or residential group."), field="village")
    if kind not in Kind.values:
        raise DomainError(_("Choose hương ước or quy ước."), field="kind")
    if not (is_village_head(actor, village) or is_front_head(actor, village)):
        raise DomainError(
            _("Only the village head or the head of the Front work committee of this village may do this.")
        )
    households = household_count_on(village, _today())
    if proposed_via == ProposedVia.VILLAGE_HEAD:
        if not is_village_head(actor, village):
            raise DomainError(_("Only the village head proposes a convention in his own name. (D61 Art 7(1)(a))"))
        if not front_agreed:
            raise DomainError(
                _("The village head proposes with the agreement of the Front work committee head. (D61 Art 7(1)(a))"),
                field="front_agreed",
            )
        consents = None
    elif proposed_via == ProposedVia.CITIZENS:
        if consents is None or consents < 0 or consents > households:
            raise DomainError(_("Give the number of households that consented."), field="consents")
        if not (decision_rules.convention_proposal_supported(consents, households) or front_agreed):
            least = decision_rules.least_consents_to_propose_convention(households)
            raise DomainError(
                _(
                    "A citizens' proposal needs the consent of at least %(least)s of the %(households)s households (10%%), or the backing of the Front work committee. (D61 Art 7(1)(b))"
                )
                % {"least": least, "households": households},
                field="consents",
            )
    else:
        raise DomainError(_("Choose who proposes the convention."), field="proposed_via")
    if not title.strip():
        raise DomainError(_("Give the convention a title."), field="title")
    convention = Convention.objects.create(
        village=village, kind=kind, title=title.strip(), proposed_via=proposed_via, front_agreed=front_agreed,
        consents=consents, households=households, ethnic_minority=ethnic_minority, created_by=actor,
    )  # fmt: skip
    _event("proposed", actor, convention, proposed_via=proposed_via, consents=consents, households=households,
           ethnic_minority=ethnic_minority)  # fmt: skip
    return convention


# --- D61 Art 8: the drafting team --------------------------------------------------------------------
@transaction.atomic
def set_team(
    convention: Convention, *, actor: User, members: list[rules.TeamMember], roles: list[str] | None = None
) -> None:
    """Set up (or change) the drafting team; in an ethnic-minority community it includes elders or village
    chiefs and a speaker of the ethnic language (D61 Art 8(2), 10.J.29)."""
    _require_runner(actor, convention)
    members = [m for m in members if m.name.strip()]
    _refuse(rules.drafting_team_verdict(members, ethnic_minority=convention.ethnic_minority), field="members")
    convention.team.all().delete()
    labels = roles or [""] * len(members)
    DraftingMember.objects.bulk_create(
        DraftingMember(convention=convention, name=m.name.strip(), role=role, is_elder=m.is_elder,
                       speaks_language=m.speaks_language)
        for m, role in zip(members, labels, strict=False)
    )  # fmt: skip
    _event("team_set", actor, convention, members=len(members))


def _team_ok(convention: Convention) -> decision_rules.Verdict:
    members = [rules.TeamMember(m.name, m.is_elder, m.speaks_language) for m in convention.team.all()]
    return rules.drafting_team_verdict(members, ethnic_minority=convention.ethnic_minority)


# --- Drafts, amendments, replacements ------------------------------------------------------------------
OPEN_STATUSES = frozenset({VersionStatus.VOTING, VersionStatus.FILED})


@transaction.atomic
def add_version(convention: Convention, *, actor: User, text: str, change_note: str = "") -> Version:
    """A new draft: the first text, a revision after comments (D61 Art 9(3)), or an amendment or
    replacement of the convention in force, which goes through the same steps (D61 Art 13)."""
    _require_runner(actor, convention)
    if convention.status == ConventionStatus.ABOLISHED:
        raise DomainError(_("The convention was abolished: propose a new one."))
    _refuse(_team_ok(convention))
    clauses = rules.split_articles(text)
    if not any(c.number for c in clauses):
        raise DomainError(_("Write the text in articles, each beginning on a line “Điều 1. …”."), field="text")
    if convention.versions.filter(status__in=OPEN_STATUSES).exists():
        raise DomainError(_("A version is being decided or recognized: wait for the commune's decision."))
    today = _today()
    # An earlier draft not yet put to the vote is replaced by the revision.
    convention.versions.filter(status__in=[VersionStatus.DRAFT, VersionStatus.POSTED]).update(
        status=VersionStatus.SUPERSEDED, superseded_on=today
    )
    number = (convention.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    version = Version.objects.create(convention=convention, number=number, text=text.strip(),
                                     change_note=change_note.strip(), created_by=actor)  # fmt: skip
    Article.objects.bulk_create(Article(version=version, number=c.number, title=c.title[:300], body=c.body)
                                for c in clauses)  # fmt: skip
    _event("version_added", actor, version, number=number, articles=len(clauses))
    return version


# --- D61 Art 9: posting and comments -----------------------------------------------------------------
@transaction.atomic
def post_version(version: Version, *, actor: User, posted_on: dt.date, place: str) -> Version:
    """The draft is posted at the culture house or another public point; the posting lasts at least 30
    days (D61 Art 9(1)). The posting day cannot be later than today or earlier than the draft."""
    _require_runner(actor, version.convention)
    _require_version(version, VersionStatus.DRAFT)
    today = _today()
    if posted_on > today or posted_on < timezone.localdate(version.created_at):
        raise DomainError(_("The posting day is between the day of the draft and today."), field="posted_on")
    if not place.strip():
        raise DomainError(_("Say where the draft is posted."), field="place")
    version.posted_on, version.posting_place = posted_on, place.strip()
    version.posting_ends_on = rules.posting_ends_earliest(posted_on)
    version.status = VersionStatus.POSTED
    version.save(update_fields=["posted_on", "posting_place", "posting_ends_on", "status"])
    _event("posted", actor, version, posted_on=posted_on.isoformat(), ends_on=version.posting_ends_on.isoformat())
    return version


def _article(version: Version, number: int | None) -> Article | None:
    if number is None:
        return None
    article = version.articles.filter(number=number).first()
    if article is None:
        raise DomainError(_("This version has no such article."), field="article")
    return article


@transaction.atomic
def comment_online(version: Version, *, user: User, body: str, article: int | None = None) -> Comment:
    """A household representative of the village comments on a posted draft, on one article or the whole
    (D61 Art 9(2))."""
    _require_version(version, VersionStatus.POSTED)
    if not may_comment_online(user, version):
        raise DomainError(_("Only a household representative of this village comments online."))
    if not body.strip():
        raise DomainError(_("Write your comment."), field="body")
    name = f"{user.last_name} {user.first_name}".strip() or user.get_username()
    comment = Comment.objects.create(version=version, article=_article(version, article), channel=CommentChannel.ONLINE,
                                     author_name=name, body=body.strip(), given_on=_today(), author=user)  # fmt: skip
    _event("comment_given", user, version, comment=comment.pk, channel=CommentChannel.ONLINE, article=article)
    return comment


@transaction.atomic
def enter_comment(
    version: Version, *, actor: User, channel: str, author_name: str, body: str, given_on: dt.date,
    article: int | None = None,
) -> Comment:  # fmt: skip
    """A comment given on paper, in the box, at a meeting or on the social network, entered by the village
    head or the Front work committee head with its channel (D61 Art 9(2))."""
    _require_runner(actor, version.convention)
    _require_version(version, VersionStatus.POSTED)
    if channel not in CommentChannel.values or channel == CommentChannel.ONLINE:
        raise DomainError(_("Choose the channel the comment came by."), field="channel")
    if not body.strip():
        raise DomainError(_("Write the comment."), field="body")
    if version.posted_on is None or not version.posted_on <= given_on <= _today():
        raise DomainError(_("The comment was given between the posting and today."), field="given_on")
    comment = Comment.objects.create(
        version=version, article=_article(version, article), channel=channel,
        author_name=author_name.strip() or str(_("a household")), body=body.strip(), given_on=given_on,
        entered_by=actor,
    )  # fmt: skip
    _event("comment_entered", actor, version, comment=comment.pk, channel=channel, article=article)
    return comment


@transaction.atomic
def hide_comment(comment: Comment, *, actor: User, reason: str) -> Comment:
    """A comment is hidden with a reason that stays on the page, never deleted."""
    _require_runner(actor, comment.version.convention)
    if comment.hidden_at is not None:
        raise DomainError(_("This comment is already hidden."))
    if not reason.strip():
        raise DomainError(_("Give the reason for hiding the comment; it is shown in its place."), field="reason")
    comment.hidden_at, comment.hidden_reason, comment.hidden_by = timezone.now(), reason.strip(), actor
    comment.save(update_fields=["hidden_at", "hidden_reason", "hidden_by"])
    _event("comment_hidden", actor, comment.version, comment=comment.pk)
    return comment


# --- D61 Art 10: adoption, through community decisions -------------------------------------------------
@transaction.atomic
def put_to_vote(version: Version, *, actor: User) -> Version:
    """Table the posted draft as an item-3 community matter (Law Art 15(3); D61 Art 10), once the posting
    has lasted 30 days (D61 Art 9(1)). The meeting, with more than half of all households present and
    adopting by more than half of all households, or the ballots when it falls short, run in the community
    decisions console."""
    _require_runner(actor, version.convention)
    _require_version(version, VersionStatus.POSTED)
    _refuse(rules.posting_verdict(version.posted_on, _today()))
    convention = version.convention
    matter = decisions_actions.create_matter(
        actor=actor,
        unit=convention.village,
        item=decision_rules.Item.CONVENTION,
        title=f"{convention.title} (dự thảo lần {version.number})",
        question=f"Đồng ý thông qua {convention.title} gồm {version.articles.exclude(number=0).count()} điều?",
        description=version.change_note,
        tabled_via=TabledVia.VILLAGE_HEAD,
    )
    version.matter, version.status = matter, VersionStatus.VOTING
    version.save(update_fields=["matter", "status"])
    _event("put_to_vote", actor, version, matter=matter.pk)
    return version


def adoption_day(version: Version) -> dt.date | None:
    """The day of the meeting or of the end of the ballot (D61 Art 11(1)), once the matter is counted."""
    matter = version.matter
    if matter is None or matter.closed_at is None:
        return None
    return decisions_actions.filing_starts_on(matter, matter.closed_at)


# --- D61 Art 11: the dossier, recognition ------------------------------------------------------------
@transaction.atomic
def file_dossier(
    version: Version, *, actor: User, request_text: str, decision_text: str, signatories: dict[str, str]
) -> Version:
    """The village head sends the dossier, Form 01 request, Form 02 record and the adopted text, within 5
    working days of the meeting or the end of the ballot (D61 Art 11(1)); filed through decisions'
    `file_record`, which files the record of the matter (Law Art 20(3)). A convention not adopted is filed
    too and ends there."""
    _require_runner(actor, version.convention)
    _require_version(version, VersionStatus.VOTING)
    matter = version.matter
    # The record may already have been filed from the decisions console; the dossier then completes it.
    if matter is None or matter.status not in {MatterStatus.CLOSED, MatterStatus.FILED}:
        raise DomainError(_("The households have not decided yet: count the meeting or the ballots first."))
    if not request_text.strip():
        raise DomainError(_("Write the request to the commune People's Committee (Form 01)."), field="request_text")
    adopted_on = adoption_day(version) or _today()  # a closed matter has its closing time
    if matter.status == MatterStatus.CLOSED:
        decisions_actions.file_record(matter, actor=actor, decision_text=decision_text, signatories=signatories)
    today = _today()
    version.adopted_on = adopted_on if matter.adopted else None
    version.dossier_due_on = rules.dossier_due_on(adopted_on, work_calendar(adopted_on))
    version.dossier_filed_on = today
    version.request_text = request_text.strip()
    if matter.adopted:
        version.status = VersionStatus.FILED
        version.recognition_due_on = rules.recognition_due_on(today, work_calendar(today))
    else:
        version.status = VersionStatus.NOT_ADOPTED
    version.save(update_fields=["adopted_on", "dossier_due_on", "dossier_filed_on", "request_text", "status",
                                "recognition_due_on"])  # fmt: skip
    _event("dossier_filed", actor, version, adopted=bool(matter.adopted),
           late=rules.is_late(version.dossier_due_on, today, today))  # fmt: skip
    return version


@transaction.atomic
def recognize(version: Version, *, actor: User, decision_number: str = "") -> Version:
    """UBND xã recognizes the convention (Form 03) within 5 working days of the complete dossier (D61
    Art 11(3)); it takes effect on the date of the decision (Art 11(4)); the version it replaces, and any
    suspension, lapse on that day (Art 12(3)). Recorded on the matter by decisions' `recognize`, whose
    listener (`follow_decision`) puts the version in force: the same as when the chair recognizes the
    matter from the commune's decisions queue."""
    _require_decider(actor, version.convention)
    _require_version(version, VersionStatus.FILED)
    matter = _matter_of(version)
    if matter.status == MatterStatus.RECOGNIZED:
        _put_in_force(version, actor)  # recognized before the listener existed: follow that decision now
    else:
        decisions_actions.recognize(matter, actor=actor, effective_on=rules.effective_on(_today()))
    version.refresh_from_db()
    if decision_number.strip():
        version.decision_number = decision_number.strip()
        version.save(update_fields=["decision_number"])
    return version


@transaction.atomic
def refuse(version: Version, *, actor: User, reason: str) -> Version:
    """A refusal is written and reasoned (D61 Art 11(3)); decisions' `refuse` records it on the matter and its
    listener (`follow_decision`) records it on the version."""
    _require_decider(actor, version.convention)
    _require_version(version, VersionStatus.FILED)
    matter = _matter_of(version)
    if matter.status == MatterStatus.REFUSED:
        _record_refusal(version, actor)
    else:
        decisions_actions.refuse(matter, actor=actor, reason=reason)
    version.refresh_from_db()
    return version


def follow_decision(matter: Matter, actor: User) -> None:
    """decisions' listener (registered in apps.py): a convention's adoption matter recognized or refused, from
    the conventions console or the commune's decisions queue, changes the version in the same transaction."""
    version = Version.objects.filter(matter=matter, status=VersionStatus.FILED).select_related("convention").first()
    if version is None:
        return
    if matter.status == MatterStatus.RECOGNIZED:
        _put_in_force(version, actor)
    elif matter.status == MatterStatus.REFUSED:
        _record_refusal(version, actor)


def _put_in_force(version: Version, actor: User) -> None:
    matter = _matter_of(version)
    today = timezone.localdate(matter.decided_at) if matter.decided_at is not None else _today()
    convention = version.convention
    for old in convention.versions.filter(status=VersionStatus.IN_FORCE).exclude(pk=version.pk):
        old.status, old.superseded_on = VersionStatus.SUPERSEDED, today
        old.save(update_fields=["status", "superseded_on"])
    version.status, version.recognized_on, version.effective_on = (
        VersionStatus.IN_FORCE,
        today,
        rules.effective_on(today),
    )
    version.decided_by = actor
    version.distribution_due_on = rules.distribution_due_on(today, work_calendar(today))
    version.save(update_fields=["status", "recognized_on", "effective_on", "decided_by", "distribution_due_on"])
    convention.status = ConventionStatus.IN_FORCE
    convention.save(update_fields=["status"])
    _event("recognized", actor, version, late=rules.is_late(version.recognition_due_on, today, today))


def _record_refusal(version: Version, actor: User) -> None:
    matter = _matter_of(version)
    refused_on = timezone.localdate(matter.decided_at) if matter.decided_at is not None else _today()
    version.status, version.refused_on = VersionStatus.REFUSED, refused_on
    version.refusal_reason, version.decided_by = matter.refusal_reason.strip(), actor
    version.save(update_fields=["status", "refused_on", "refusal_reason", "decided_by"])
    _event("refused", actor, version)


@transaction.atomic
def record_distribution(version: Version, *, actor: User, distributed_on: dt.date, also_via: str = "") -> Version:
    """The recognized text sent to the village head and MTTQ xã within 2 working days (D61 Art 18(1)(a));
    the other channels it is disseminated by (Art 15(1))."""
    _require_decider(actor, version.convention)
    _require_version(version, VersionStatus.IN_FORCE)
    if version.distributed_on is not None:
        raise DomainError(_("The distribution was already recorded."))
    if version.recognized_on is None or not version.recognized_on <= distributed_on <= _today():
        raise DomainError(_("The text is sent between its recognition and today."), field="distributed_on")
    version.distributed_on, version.disseminated_via = distributed_on, also_via.strip()
    version.save(update_fields=["distributed_on", "disseminated_via"])
    _event("distributed", actor, version, late=rules.is_late(version.distribution_due_on, distributed_on, _today()))
    return version


# --- D61 Arts 12, 14: suspension and abolition ----------------------------------------------------------
@transaction.atomic
def receive_report(
    convention: Convention, *, actor: User, kind: str, whole: bool, articles: str, report: str, reported_by: str,
    received_on: dt.date,
) -> Ruling:  # fmt: skip
    """A written report asking the commune to suspend (answer within 3 working days, D61 Art 12(2)) or to
    abolish (within 5 working days, Art 14(3)) the convention in force."""
    _require_decider(actor, convention)
    version = convention.current()
    if version is None:
        raise DomainError(_("No version of this convention is in force."))
    if kind not in RulingKind.values:
        raise DomainError(_("Choose suspension or abolition."), field="kind")
    if not whole and not articles.strip():
        raise DomainError(_("Name the articles concerned."), field="articles")
    if not report.strip() or not reported_by.strip():
        raise DomainError(_("Write the report and who sent it."), field="report")
    if received_on > _today():
        raise DomainError(_("The report cannot be received in the future."), field="received_on")
    calendar = work_calendar(received_on)
    due = (rules.suspension_due_on if kind == RulingKind.SUSPENSION else rules.abolition_due_on)(received_on, calendar)
    ruling = Ruling.objects.create(convention=convention, version=version, kind=kind, whole=whole,
                                   articles=articles.strip(), report=report.strip(), reported_by=reported_by.strip(),
                                   received_on=received_on, due_on=due, recorded_by=actor)  # fmt: skip
    _event("report_received", actor, convention, ruling=ruling.pk, kind=kind, whole=whole, due_on=due.isoformat())
    return ruling


@transaction.atomic
def answer_report(
    ruling: Ruling, *, actor: User, founded: bool, reasons: str, fix_by: dt.date | None = None,
    decision_number: str = "",
) -> Ruling:  # fmt: skip
    """The commune's answer: the report is unfounded; or the suspension (Form 04) with its reasons and the
    deadline for correcting it, in force on signing (D61 Art 12(2)); or the abolition (Form 05, Art 14)."""
    convention = ruling.convention
    _require_decider(actor, convention)
    if ruling.outcome != Outcome.PENDING:
        raise DomainError(_("This report was already answered."))
    if not reasons.strip():
        raise DomainError(_("Give the reasons in writing."), field="reasons")
    today = _today()
    if founded and ruling.kind == RulingKind.SUSPENSION:
        if fix_by is None or fix_by <= today:
            raise DomainError(_("Set the deadline for correcting the convention. (D61 Art 12(2))"), field="fix_by")
        convention.status = ConventionStatus.SUSPENDED if ruling.whole else ConventionStatus.PARTLY_SUSPENDED
        convention.save(update_fields=["status"])
    elif founded:
        fix_by = None
        if ruling.whole:
            version = ruling.version
            version.status, version.superseded_on = VersionStatus.ABOLISHED, today
            version.save(update_fields=["status", "superseded_on"])
            convention.status = ConventionStatus.ABOLISHED
            convention.save(update_fields=["status"])
    else:
        fix_by = None
    ruling.outcome = Outcome.DONE if founded else Outcome.UNFOUNDED
    ruling.decided_on, ruling.reasons, ruling.fix_by, ruling.decided_by = today, reasons.strip(), fix_by, actor
    ruling.decision_number = decision_number.strip()
    ruling.save(update_fields=["outcome", "decided_on", "reasons", "fix_by", "decided_by", "decision_number"])
    _event("report_answered", actor, convention, ruling=ruling.pk, founded=founded,
           late=rules.is_late(ruling.due_on, today, today))  # fmt: skip
    return ruling


# --- D61 Art 15(2): the yearly review ----------------------------------------------------------------
@transaction.atomic
def record_review(convention: Convention, *, actor: User, held_on: dt.date, summary: str) -> Review:
    _require_runner(actor, convention)
    if convention.current() is None:
        raise DomainError(_("Only a convention in force is reviewed."))
    if held_on > _today():
        raise DomainError(_("Record the review after it is held."), field="held_on")
    if not summary.strip():
        raise DomainError(_("Summarize the review."), field="summary")
    review = Review.objects.create(convention=convention, held_on=held_on, summary=summary.strip(), recorded_by=actor)
    _event("reviewed", actor, convention, held_on=held_on.isoformat())
    return review


@transaction.atomic
def set_review_day(convention: Convention, *, actor: User, month: int, day: int) -> Convention:
    """The community may choose another review day than 18 November (D61 Art 15(2))."""
    _require_runner(actor, convention)
    try:
        dt.date(2024, month, day)  # a leap year accepts 29 February
    except ValueError as exc:
        raise DomainError(_("Choose a real day of the year."), field="day") from exc
    convention.review_month, convention.review_day = month, day
    convention.save(update_fields=["review_month", "review_day"])
    _event("review_day_set", actor, convention, month=month, day=day)
    return convention
