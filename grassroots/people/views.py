import json

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from grassroots.accounts.http import AuthedRequest
from grassroots.accounts.models import User
from grassroots.core.downloads import attachment
from grassroots.core.errors import DomainError
from grassroots.core.forms import run_action
from grassroots.core.phone import mask_phone
from grassroots.core.text import fold
from grassroots.core.worker import waiting_since
from grassroots.territory.forms import natural_units

from .access import (
    access_accounts_unit,
    access_household,
    access_import_job,
    access_import_unit,
    access_register_unit,
    can_create_accounts,
    can_import_register,
    can_keep_register,
    can_print_sign_in_letter,
    can_reveal_national_id,
    can_verify_links,
    register_scopes,
)
from .actions import reveal_national_id, start_resident_import
from .crypto import decrypt_national_id, mask_national_id
from .forms import LinkAccountForm, RegisterImportForm, VerifyResidentForm
from .importing import COLUMNS
from .imports import MAX_STORED_PROBLEMS
from .linking import confirm_link_proposal, propose_resident_link, verify_resident_link, withdraw_link_proposal
from .models import Household, ImportJob, LinkProposal, Membership, Representation, Resident
from .privacy import export_person, record_export
from .resident_accounts import (
    create_representative_accounts,
    expiry_in_words,
    plan_representative_accounts,
    print_sign_in_letter,
)

PER_PAGE = 50
RECENT_IMPORTS = 20


def register_home(request: AuthedRequest) -> HttpResponse:
    scopes = register_scopes(request.user)
    if not scopes:
        raise Http404
    if len(scopes) == 1:
        return redirect("people:register-unit", code=scopes[0].code)
    return render(request, "people/register_home.html", {"scopes": scopes})


def register_unit(request: AuthedRequest, code: str) -> HttpResponse:
    """The household register of a commune (or a village), with search and paging."""
    unit = access_register_unit(request.user, code)
    q = request.GET.get("q", "").strip()[:100]
    village = request.GET.get("village", "").strip()[:32]
    households = Household.objects.active().filter(unit__path__startswith=unit.path).select_related("unit")
    if village:
        households = households.filter(unit__code=village)
    if q:
        folded = fold(q)
        members = Membership.objects.filter(valid_to__isnull=True, resident__name_folded__contains=folded)
        households = households.filter(
            Q(code__icontains=q) | Q(address_folded__contains=folded) | Q(pk__in=members.values("household_id"))
        )
    reps = Representation.objects.filter(valid_to__isnull=True).select_related("resident")
    households = households.prefetch_related(Prefetch("representations", queryset=reps, to_attr="current_reps"))
    page = Paginator(households.order_by("code"), PER_PAGE).get_page(request.GET.get("page"))
    villages = natural_units(unit.children.all()) if unit.is_commune_level else []
    context = {
        "unit": unit,
        "page": page,
        "q": q,
        "village": village,
        "villages": villages,
        "total": Household.objects.active().filter(unit__path__startswith=unit.path).count(),
        "can_import": can_import_register(request.user, unit),
        "can_create_accounts": can_create_accounts(request.user, unit),
        "can_keep": can_keep_register(request.user, unit),
    }
    # A history restore (Back after htmx navigation) needs the whole page, not the rows.
    partial = request.htmx and not request.htmx.history_restore_request
    template = "people/register_unit.html#household-rows" if partial else "people/register_unit.html"
    response = render(request, template, context)
    response["Vary"] = "HX-Request"
    return response


def _members(
    household: Household, revealed: dict[int, str] | None = None, proposals: dict[int, LinkProposal] | None = None
) -> list[dict[str, object]]:
    today = timezone.localdate()
    rep = Representation.objects.filter(household=household, valid_to__isnull=True).first()
    rows = []
    for membership in (
        Membership.objects.filter(household=household)
        .select_related("resident", "resident__user")
        .order_by("valid_to", "resident__birth_date")
    ):
        resident = membership.resident
        rows.append(
            {
                "resident": resident,
                "membership": membership,
                "is_current": membership.valid_to is None or membership.valid_to > today,
                "is_representative": rep is not None and rep.resident_id == resident.pk,
                "national_id_masked": mask_national_id(decrypt_national_id(resident.national_id_encrypted)),
                "phone_masked": mask_phone(resident.phone),
                "account": getattr(resident, "user", None),
                "revealed": (revealed or {}).get(resident.pk, ""),
                "proposal": (proposals or {}).get(resident.pk),
            }
        )
    return rows


def _detail_context(user: User, household: Household, revealed: dict[int, str] | None = None) -> dict[str, object]:
    proposals = LinkProposal.objects.filter(household=household, decided_at__isnull=True).select_related(
        "account", "resident", "proposed_by"
    )
    return {
        "can_reveal": can_reveal_national_id(user, household),
        "can_link": can_verify_links(user, household),
        "can_print_letter": can_print_sign_in_letter(user, household),
        "can_keep": can_keep_register(user, household.unit) and household.dissolved_on is None,
        "household": household,
        "members": _members(household, revealed, {p.resident_id: p for p in proposals}),
        "locations": list(household.locations.select_related("unit").order_by("-valid_from")),
        "derived_from": list(household.derived_from.all()),
        "link_form": LinkAccountForm(),
    }


def household_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    household = access_household(request.user, pk)
    return render(request, "people/household_detail.html", _detail_context(request.user, household))


@require_POST
def reveal_id(request: AuthedRequest, pk: int) -> HttpResponse:
    """Show one national ID number in full (POST, so it never lands in a URL or a history)."""
    household = access_household(request.user, pk)
    # Reading the register is not enough: only an official of the commune or the village head (privacy.md).
    if not can_reveal_national_id(request.user, household):
        raise PermissionDenied
    resident = Resident.objects.filter(
        pk=request.POST.get("resident", "0") or 0, memberships__household=household
    ).first()
    if resident is None:
        raise Http404
    number = reveal_national_id(resident, actor=request.user, unit_id=household.unit_id)
    if request.htmx:
        response = render(request, "people/household_detail.html#national-id", {"number": number})
        response["Cache-Control"] = "no-store"
        return response
    response = render(
        request, "people/household_detail.html", _detail_context(request.user, household, {resident.pk: number})
    )
    response["Cache-Control"] = "no-store"
    return response


@require_POST
def link_account(request: AuthedRequest, pk: int) -> HttpResponse:
    """An official proposes that an account is a member's; a second official confirms it (people.linking)."""
    household = access_household(request.user, pk)
    form = LinkAccountForm(request.POST)
    if form.is_valid():
        resident = Resident.objects.filter(pk=form.cleaned_data["resident"], memberships__household=household).first()
        if resident is None:
            raise Http404
        try:
            propose_resident_link(form.cleaned_data["account"], resident, household, actor=request.user)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request,
                _("The link to %(name)s is proposed. Another official of the commune must now confirm it.")
                % {"name": resident.full_name},
            )
    else:
        for error in form.errors.get("account", []):
            messages.error(request, str(error))
    return redirect("people:household-detail", pk=household.pk)


def _proposal(request: AuthedRequest, pk: int, proposal_pk: int) -> tuple[Household, LinkProposal]:
    household = access_household(request.user, pk)
    proposal = LinkProposal.objects.filter(pk=proposal_pk, household=household).select_related("household").first()
    if proposal is None:
        raise Http404
    return household, proposal


@require_POST
def confirm_link(request: AuthedRequest, pk: int, proposal_pk: int) -> HttpResponse:
    household, proposal = _proposal(request, pk, proposal_pk)
    return run_action(
        request,
        lambda: confirm_link_proposal(proposal, actor=request.user),
        done=_("The account is now linked to %(name)s.") % {"name": proposal.resident.full_name},
        then=reverse("people:household-detail", args=[household.pk]),
    )


@require_POST
def withdraw_link(request: AuthedRequest, pk: int, proposal_pk: int) -> HttpResponse:
    household, proposal = _proposal(request, pk, proposal_pk)
    return run_action(
        request,
        lambda: withdraw_link_proposal(proposal, actor=request.user),
        done=_("The proposed link has been withdrawn."),
        then=reverse("people:household-detail", args=[household.pk]),
    )


def verify(request: AuthedRequest) -> HttpResponse:
    """A resident links the account to the register by national ID number and date of birth."""
    if request.user.resident_id is not None:
        messages.info(request, _("Your account is already linked to a resident record."))
        return redirect("accounts:profile")
    form = VerifyResidentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            verify_resident_link(request.user, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(exc.field, exc.message)
        else:
            messages.success(request, _("Your account is now linked to your resident record."))
            return redirect("accounts:profile")
    return render(request, "people/verify.html", {"form": form}, status=422 if form.errors else 200)


def my_data(request: AuthedRequest) -> HttpResponse:
    """A person downloads everything the system holds about them and their household (PDP law)."""
    if request.method != "POST":
        return render(request, "people/my_data.html", {"linked": request.user.resident_id is not None})
    data = export_person(request.user)
    record_export(request.user)
    return attachment(json.dumps(data, ensure_ascii=False, indent=2), "grassroots-my-data.json")


def register_import(request: AuthedRequest, code: str) -> HttpResponse:
    """Upload the household register of a commune; the import runs in the background."""
    unit = access_import_unit(request.user, code)
    if request.method == "POST":
        form = RegisterImportForm(request.POST, request.FILES)
        if form.is_valid():
            job = start_resident_import(
                unit, form.cleaned_data["file"], actor=request.user, original_name=form.original_name
            )
            messages.success(request, _("The file has been received and its import is queued."))
            return redirect("people:import-job", pk=job.pk)
    else:
        form = RegisterImportForm()
    jobs = ImportJob.objects.filter(unit=unit).defer("problems").select_related("uploaded_by")[:RECENT_IMPORTS]
    context = {
        "unit": unit,
        "form": form,
        "jobs": jobs,
        "columns": ",".join(COLUMNS),
        "max_mb": settings.MAX_UPLOAD_MB,
        "worker_waiting_since": waiting_since(),
    }
    return render(request, "people/register_import.html", context, status=422 if form.errors else 200)


def _phase_label(phase: str) -> str:
    labels = {
        "validate": _("Checking the file"),
        "validated": _("The file is clean: writing the register"),
        "households": _("Writing the households"),
        "write": _("Writing the residents"),
    }
    return labels.get(phase, "")


def import_job(request: AuthedRequest, pk: int) -> HttpResponse:
    """The status of an import: progress while it runs (htmx polls #job-status), then the outcome."""
    job = access_import_job(request.user, pk)
    page = Paginator(job.problems, PER_PAGE).get_page(request.GET.get("page")) if job.problems else None
    percent = min(100, job.rows_done * 100 // job.rows_total) if job.rows_total else None
    context = {
        "job": job,
        "unit": job.unit,
        "page": page,
        "percent": percent,
        "phase": _phase_label(job.phase),
        "problems_cut": job.error_count + job.warning_count > len(job.problems),
        "max_problems": MAX_STORED_PROBLEMS,
        "worker_waiting_since": waiting_since() if job.status == "queued" else None,
    }
    template = "people/import_job.html#job-status" if request.htmx else "people/import_job.html"
    response = render(request, template, context)
    response["Vary"] = "HX-Request"
    return response


def register_accounts(request: AuthedRequest, code: str) -> HttpResponse:
    """Create accounts for the household representatives of a commune or village: how many, then done."""
    unit = access_accounts_unit(request.user, code)
    if request.method == "POST":
        try:
            result = create_representative_accounts(unit, actor=request.user)
        except DomainError as exc:
            raise PermissionDenied(str(exc.message)) from exc
        context = {
            "unit": unit,
            "created": result.created,
            "by_sms": sum(1 for c in result.created if c.by_sms),
            "by_letter": sum(1 for c in result.created if not c.by_sms),
            "skipped": result.skipped,
        }
        return render(request, "people/register_accounts_done.html", context)
    plan = plan_representative_accounts(unit, timezone.localdate())
    villages = natural_units(unit.children.all()) if unit.is_commune_level else []
    context = {"unit": unit, "count": len(plan.to_create), "skipped": plan.skipped, "villages": villages}
    return render(request, "people/register_accounts.html", context)


@require_POST
def sign_in_letter(request: AuthedRequest, pk: int) -> HttpResponse:
    """Print a sign-in letter with a new code for the household's representative (POST: it issues the
    code and replaces the earlier ones). The letter is in Vietnamese, the language of the commune."""
    household = access_household(request.user, pk)
    if not can_print_sign_in_letter(request.user, household):
        raise PermissionDenied
    try:
        letter = print_sign_in_letter(household, actor=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("people:household-detail", pk=household.pk)
    with translation.override("vi"):
        context = {
            "letter": letter,
            "expires": expiry_in_words(letter.expires_at),
            "unit": household.unit,
            "sign_in_url": str(settings.SITE_URL).rstrip("/") + reverse("accounts:code-enter"),
        }
        response = render(request, "people/sign_in_letter.html", context)
    # The code is on this page: no cache may keep it.
    response["Cache-Control"] = "no-store"
    return response
