"""The public register of village conventions (D61 Arts 9, 15): every convention with a posted version,
each version's text by article with its comments, the comparison of two versions, the province's statistics
(D61 Art 16), and the documents the public reads (the text, Forms 03–05)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from grassroots.core import csvexport
from grassroots.core.downloads import csv_attachment, paper_response
from grassroots.core.forms import run_form

from .. import actions, rules
from ..access import access_public_convention, access_public_version, can_run, can_see_console, may_comment_online
from ..deadlines import province_statistics
from ..documents import FORMS, available_forms, ruling_form, ruling_paper
from ..forms import CommentForm
from ..models import Convention, Ruling, VersionStatus

PER_PAGE = 30


@login_not_required
def register(request: HttpRequest) -> HttpResponse:
    """Every convention with a posted version, by village: the version in force and the latest draft."""
    conventions = (
        Convention.objects.public().select_related("village", "village__parent").order_by("village__path", "pk")
    )
    page = Paginator(conventions, PER_PAGE).get_page(request.GET.get("page"))
    rows = [(c, c.current(), c.latest()) for c in page]
    return render(request, "conventions/register.html", {"page": page, "rows": rows})


@login_not_required
def convention(request: HttpRequest, pk: int) -> HttpResponse:
    item = access_public_convention(pk)
    versions = item.versions.filter(posted_on__isnull=False).select_related("matter").order_by("-number")
    rulings = [(r, ruling_form(r)) for r in item.rulings.select_related("version")]
    context = {"convention": item, "current": item.current(), "versions": versions, "rulings": rulings,
               "reviews": item.reviews.all(), "team": item.team.all(),
               "review_on": rules.review_day(timezone.localdate().year, (item.review_month, item.review_day))}  # fmt: skip
    return render(request, "conventions/convention.html", context)


def _comment_form(version_articles: list[tuple[int, str]], data: object = None) -> CommentForm:
    return CommentForm(data, articles=version_articles)


def _articles(version) -> list[tuple[int, str]]:  # type: ignore[no-untyped-def]
    return [(a.number, f"Điều {a.number}. {a.title}") for a in version.articles.all() if a.number]


def _version_context(request: HttpRequest, version, form: CommentForm | None = None) -> dict[str, object]:  # type: ignore[no-untyped-def]
    comments = version.comments.select_related("article")
    by_article: dict[int | None, list[object]] = {}
    for comment in comments:
        by_article.setdefault(comment.article.number if comment.article else None, []).append(comment)
    articles = [(a, by_article.get(a.number, [])) for a in version.articles.all()]
    previous = version.convention.versions.filter(number__lt=version.number).order_by("-number").first()
    open_for_comment = version.status == VersionStatus.POSTED
    return {
        "version": version,
        "convention": version.convention,
        "articles": articles,
        "general_comments": by_article.get(None, []),
        "previous": previous,
        "documents": available_forms(version),
        "open_for_comment": open_for_comment,
        "may_comment": open_for_comment and may_comment_online(request.user, version),
        "runs": can_run(request.user, version.convention),
        "form": form or _comment_form(_articles(version)),
    }


@login_not_required
def version(request: HttpRequest, pk: int) -> HttpResponse:
    item = access_public_version(request.user, pk)
    return render(request, "conventions/version.html", _version_context(request, item))


@require_POST
def comment(request: HttpRequest, pk: int) -> HttpResponse:
    """A household representative comments online, on one article or the whole draft (D61 Art 9(2))."""
    item = access_public_version(request.user, pk)
    form = _comment_form(_articles(item), request.POST)
    here = reverse("conventions:version", args=[item.pk])
    return run_form(
        request,
        form,
        lambda d: actions.comment_online(item, user=request.user, body=d["body"], article=d["article"]),  # type: ignore[arg-type]
        success=here,
        template="conventions/version.html",
        context=lambda: _version_context(request, item, form),
        done=_done_comment(),
    )


def _done_comment() -> str:
    return gettext("Thank you: your comment is recorded and shown under the draft.")


@login_not_required
def compare(request: HttpRequest, pk: int) -> HttpResponse:
    """The changes from the previous version, article by article."""
    item = access_public_version(request.user, pk)
    previous = (
        item.convention.versions.filter(number__lt=item.number, posted_on__isnull=False).order_by("-number").first()
    )
    if previous is None:
        raise Http404
    changes = rules.compare(rules.split_articles(previous.text), rules.split_articles(item.text))
    return render(request, "conventions/compare.html", {"version": item, "previous": previous, "changes": changes,
                                                         "convention": item.convention})  # fmt: skip


@login_not_required
def document(request: HttpRequest, pk: int, form: str, ext: str) -> HttpResponse:
    """A version's document: the text (public once posted), Form 03 (public once recognized); Forms 01 and
    02 (the dossier, with the signatories' names) for the console of its village and commune only."""
    item = access_public_version(request.user, pk)
    if form not in available_forms(item) or form not in FORMS:
        raise Http404
    if form in {"01", "02"} and not can_see_console(request.user, item.convention):
        raise Http404
    paper = FORMS[form](item)
    return paper_response(paper, f"quy-uoc-{item.convention_id}-v{item.number}-{form}", ext)


@login_not_required
def ruling_document(request: HttpRequest, pk: int, ext: str) -> HttpResponse:
    ruling = Ruling.objects.filter(pk=pk).select_related("version__convention__village", "decided_by").first()
    if ruling is None or ruling_form(ruling) is None:
        raise Http404
    access_public_convention(ruling.convention_id)
    return paper_response(ruling_paper(ruling), f"quy-uoc-{ruling.convention_id}-mau-{ruling_form(ruling)}", ext)


def _year(request: HttpRequest) -> int:
    try:
        return int(request.GET.get("year", ""))
    except ValueError:
        return timezone.localdate().year


@login_not_required
def statistics(request: HttpRequest) -> HttpResponse:
    """D61 Art 16: per province, recognized / not recognized / amended / suspended / abolished, due before 30 November."""
    year = _year(request)
    context = {"year": year, "rows": province_statistics(year), "due_on": rules.statistics_due_on(year),
               "years": range(timezone.localdate().year, 2023, -1)}  # fmt: skip
    return render(request, "conventions/statistics.html", context)


@login_not_required
def statistics_csv(request: HttpRequest) -> HttpResponse:
    year = _year(request)
    response = csv_attachment(f"thong-ke-huong-uoc-quy-uoc-{year}.csv")
    out = csvexport.writer(response)
    out.writerow(
        ["Tỉnh, thành phố", "Được công nhận", "Không được công nhận", "Sửa đổi, bổ sung", "Tạm ngưng", "Bãi bỏ"]
    )
    for row in province_statistics(year):
        out.writerow(row.cells())
    return response
