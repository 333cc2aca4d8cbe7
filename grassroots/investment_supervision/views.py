"""Pages of the Community Investment Supervision Board: the public page of each project (and the list of a
commune's projects, linked from the unit page), the console of the Front, the board, the commune and the village
heads, its steps (each a form through one action) and the papers (Law Arts 41–45; D59 Arts 16–19)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.forms import Form
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from grassroots.core.downloads import attachment
from grassroots.core.forms import Confirmation, run_form
from grassroots.core.official.paper import EXTENSIONS
from grassroots.territory.models import COMMUNE_KINDS, Unit

from . import access, actions, documents, forms, overview
from .models import Project

PER_PAGE = 25


# --- Public --------------------------------------------------------------------------------------
@login_not_required
def commune_projects(request: HttpRequest, code: str) -> HttpResponse:
    """The supervised projects of a commune, for residents (linked from the unit page)."""
    commune = get_object_or_404(Unit, code=code, kind__in=COMMUNE_KINDS)
    page = Paginator(overview.projects_of(commune), PER_PAGE).get_page(request.GET.get("page"))
    rows = [(p, overview.progress(list(p.board.items.all()))) for p in page.object_list]
    return render(request, "investment_supervision/commune.html", {"commune": commune, "rows": rows, "page": page})


@login_not_required
def public_project(request: HttpRequest, pk: int) -> HttpResponse:
    """The project, its board's members (names and roles only), the checklist's progress, the recommendations sent
    to the commune and its answers."""
    project = get_object_or_404(Project.objects.select_related("commune", "board"), pk=pk)
    board = project.board
    items = overview.items_of(board)
    context = {
        "project": project, "board": board, "members": overview.members_on_board(board),
        "items": [(i, overview.item_text(i)) for i in items], "progress": overview.progress(items),
        "recommendations": overview.recommendation_rows(board, sent_only=True),
        "parties": project.parties.all(),
    }  # fmt: skip
    return render(request, "investment_supervision/public.html", context)


# --- Console -------------------------------------------------------------------------------------
def console(request: HttpRequest) -> HttpResponse:
    """The projects the user sees; the commune Front sets up a new board here."""
    if not access.may_use_console(request.user):
        raise Http404
    communes = access.front_communes(request.user)
    commune = communes[0] if communes else None
    form = forms.BoardForm(request.POST or None, commune=commune) if commune else None
    if request.method == "POST" and (commune is None or form is None):
        raise Http404
    page = Paginator(access.visible_projects(request.user).order_by("-pk"), PER_PAGE).get_page(request.GET.get("page"))
    context = {"page": page, "commune": commune}
    if form is None:
        return render(request, "investment_supervision/console.html", {**context, "form": None})

    def act(data: dict[str, Any]) -> Any:
        return actions.set_up_board(actor=request.user, commune=commune, **data)  # type: ignore[arg-type]

    return run_form(
        request, form, act, success=lambda b: redirect("investment_supervision:project", b.project.pk),
        template="investment_supervision/console.html", context=context,
        done=_("The board is set up. Record the project's parties and the members."),
    )  # fmt: skip


def _page(request: HttpRequest, project: Project, status: int = 200, **bound: Any) -> HttpResponse:
    user, board = request.user, project.board
    items = overview.items_of(board)
    is_front, is_member = access.is_front(user, project), access.is_member(user, board)
    tableable = project.villages.filter(pk__in=[v.pk for v in project.villages.all() if access.can_table_in(user, v)])
    context = {
        "project": project, "board": board, "parties": project.parties.all(),
        "members": board.members.select_related("village", "matter").order_by("status", "position", "pk"),
        "items": [(i, overview.item_text(i)) for i in items], "progress": overview.progress(items),
        "recommendations": overview.recommendation_rows(board, sent_only=False),
        "composition": actions.composition(board),
        "is_front": is_front, "is_member": is_member, "can_answer": access.can_answer(user, project),
        "papers": documents.available(board), "open": not board.is_closed,
        "party_form": bound.get("party") or forms.PartyForm(),
        "member_form": bound.get("member") or forms.MemberForm(project=project),
        "declaration_form": forms.DeclarationForm(project=project),
        "notice_form": bound.get("notice") or forms.NoticeForm(),
        "item_form": bound.get("item") or forms.ItemForm(),
        "recommendation_form": bound.get("recommendation") or forms.RecommendationForm(),
        "send_form": forms.SendForm(), "answer_form": bound.get("answer") or forms.AnswerForm(),
        "close_form": bound.get("close") or forms.CloseForm(),
        "table_form": forms.TableForm(villages=tableable) if tableable.exists() else None,
    }  # fmt: skip
    return render(request, "investment_supervision/project.html", context, status=status)


def project(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, access.access_project(request.user, pk))


def _steps(
    request: HttpRequest, project: Project, target: int | None
) -> dict[str, tuple[Any, Callable[..., Any], Any]]:
    board, files = project.board, request.FILES or None
    actor: Any = request.user  # signed in: LoginRequiredMiddleware

    def member() -> Any:
        return get_object_or_404(board.members, pk=target)

    def item() -> Any:
        return get_object_or_404(board.items, pk=target)

    def rec() -> Any:
        return get_object_or_404(board.recommendations, pk=target)

    return {
        "party": (forms.PartyForm(request.POST), lambda f, d: actions.record_party(actor=actor, board=board, **d),
                  _("The party is recorded; every member declares again.")),
        "member": (forms.MemberForm(request.POST, project=project), lambda f, d: actions.add_member(
            actor=actor, board=board, full_name=d["full_name"], seat=d["seat"], position=d["position"],
            village=d["village"], user=actions.account(d["username"]), relations=f.relations()), _("The member is recorded.")),
        "declare": (forms.DeclarationForm(request.POST, project=project), lambda f, d: actions.declare(
            actor=actor, member=member(), relations=f.relations()), _("The declaration is recorded.")),
        "remove": (Form(request.POST), lambda f, d: actions.remove_member(actor=actor, member=member()),
                   _("The member has left the board.")),
        "table": (forms.TableForm(request.POST, villages=project.villages.all()), lambda f, d: actions.table_election(
            actor=actor, board=board, village=d["village"]),
            _("The election is tabled: prepare the community meeting from the decisions console.")),
        "notice": (forms.NoticeForm(request.POST), lambda f, d: actions.notify_investor(actor=actor, board=board, **d),
                   _("The notice to the investor is recorded.")),
        "item": (forms.ItemForm(request.POST, files), lambda f, d: actions.check_item(actor=actor, item=item(), **d),
                 _("The checklist item is saved.")),
        "recommendation": (forms.RecommendationForm(request.POST), lambda f, d: actions.draft_recommendation(
            actor=actor, board=board, **d), _("The recommendation is drafted; the Front certifies and sends it.")),
        "send": (forms.SendForm(request.POST), lambda f, d: actions.send_recommendation(
            actor=actor, recommendation=rec(), **d), _("The recommendation is sent: the commune answers within 15 days.")),
        "answer": (forms.AnswerForm(request.POST), lambda f, d: actions.answer_recommendation(
            actor=actor, recommendation=rec(), **d), _("The answer is recorded.")),
        "close": (forms.CloseForm(request.POST), lambda f, d: actions.close_board(actor=actor, board=board, **d),
                  _("The board is closed; its members' role has ended.")),
    }  # fmt: skip


IRREVERSIBLE = {
    "remove": (_("Remove from the board"), _("The member leaves the board and their role ends.")),
    "close": (_("Close the board"), _("The project is recorded as ended; the members leave and their role ends.")),
    "notice": (
        _("Record the notice to the investor"),
        _("The plan and the start of supervision can no longer change."),
    ),
    "send": (_("Send the recommendation"), _("The commune receives it; its 15 days to answer start.")),
}


@require_POST
def step(request: HttpRequest, pk: int, name: str, target: int | None = None) -> HttpResponse:
    project = access.access_project(request.user, pk)
    steps = _steps(request, project, target)
    if name not in steps:
        raise Http404
    form, act, done = steps[name]
    back = reverse("investment_supervision:project", args=[project.pk])
    confirm = None
    if name in IRREVERSIBLE:
        title, consequence = IRREVERSIBLE[name]
        confirm = Confirmation(title=title, consequence=consequence, button=title, back=back)
    return run_form(
        request, form, lambda d: act(form, d), success=back, done=done, confirm=confirm, refused_to=back,
        page=lambda s: _page(request, project, s, **{name: form}),
    )  # fmt: skip


def document(request: HttpRequest, pk: int, kind: str, ext: str) -> HttpResponse:
    """One of the board's papers as PDF or DOCX (Content-Disposition: attachment)."""
    project = access.access_project(request.user, pk)
    if kind not in documents.available(project.board) or ext not in EXTENSIONS:
        raise Http404
    return attachment(documents.render(project.board, kind, ext), documents.filename(project.board, kind, ext))


def evidence(request: HttpRequest, pk: int, item: int) -> FileResponse:
    """The evidence of a checklist item, to those who see the project in the console."""
    project = access.access_project(request.user, pk)
    found = get_object_or_404(project.board.items, pk=item)
    if not found.evidence:
        raise Http404
    return FileResponse(found.evidence.open("rb"), as_attachment=True, filename=found.evidence.name.rsplit("/", 1)[-1])
