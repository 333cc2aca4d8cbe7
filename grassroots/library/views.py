"""The public law library: documents by chapter, article pages and a search box."""

from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import translation

from grassroots.core.text import fold

from .citations import LIBRARY_DOCUMENTS, parse_citations
from .models import Article, Document

PER_PAGE = 30
MAX_QUERY = 100


def _content_note() -> bool:
    """The Russian interface shows the English summaries (there is no Russian content yet)."""
    return (translation.get_language() or "").startswith("ru")


@login_not_required
def index(request: HttpRequest) -> HttpResponse:
    """Documents with their chapters and articles, or the articles matching a search.

    The search folds case and accents ("bau truong thon" finds "bầu trưởng thôn") and also reads
    citations ("D59 Art 5", "Điều 21"), which come first."""
    q = request.GET.get("q", "").strip()[:MAX_QUERY]
    context: dict[str, object] = {"q": q, "content_note": _content_note()}
    if q:
        cited = [c for c in parse_citations(q) if c.document_code in LIBRARY_DOCUMENTS]
        by_citation = Q(pk__in=[])
        for c in cited:
            by_citation |= Q(document__code=c.document_code, number=c.article)
        # Vietnamese words are syllables, so the folded query is first looked for as a phrase
        # ("thanh tra" must not match "thành quả … kiểm tra"); only when no article holds the phrase
        # is every word looked for on its own.
        folded = fold(q)
        articles = Article.objects.select_related("document", "chapter")
        direct = list(articles.filter(by_citation)) if cited else []
        matches = articles.filter(summary_folded__contains=folded).exclude(pk__in=[a.pk for a in direct])
        if not matches.exists():
            by_words = Q()
            for word in folded.split():
                by_words &= Q(summary_folded__contains=word)
            matches = articles.filter(by_words).exclude(pk__in=[a.pk for a in direct])
        page = Paginator(matches.order_by("document__order", "number"), PER_PAGE).get_page(request.GET.get("page"))
        context.update({"direct": direct, "page": page})
    else:
        context["documents"] = Document.objects.annotate(
            chapter_count=Count("chapters", distinct=True), article_count=Count("articles", distinct=True)
        )
    return render(request, "library/index.html", context)


@login_not_required
def document(request: HttpRequest, document: str) -> HttpResponse:
    """One document on its own page: a table of contents by chapter, then every chapter's articles with
    their summaries. Each chapter folds open (no script), so a long decree stays usable on a phone."""
    item = get_object_or_404(Document, code=document)
    chapters = list(
        item.chapters.order_by("number").prefetch_related(
            Prefetch("articles", queryset=Article.objects.filter(document=item).order_by("number"))
        )
    )
    context = {"document": item, "chapters": chapters, "content_note": _content_note()}
    return render(request, "library/document.html", context)


@login_not_required
def article(request: HttpRequest, document: str, number: int) -> HttpResponse:
    """One article: the project's plain-language summary, its status note, and its neighbours."""
    item = get_object_or_404(
        Article.objects.select_related("document", "chapter"), document__code=document, number=number
    )
    siblings = Article.objects.filter(document=item.document)
    context = {
        "article": item,
        "previous": siblings.filter(number__lt=item.number).order_by("-number").first(),
        "next": siblings.filter(number__gt=item.number).order_by("number").first(),
        "question_count": item.quiz_questions.count(),
        "content_note": _content_note(),
    }
    return render(request, "library/article.html", context)
