"""`{{ text|link_citations }}`: the text, escaped, with every citation of an article the library holds
turned into a link to that article's page, the code's shorthand ("… (D59 Art 5(1)(a); Law Art 17(2))")
written in the official form of the page's language first."""

import re
from collections.abc import Callable
from functools import cache

from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import SafeData, SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from grassroots.library.citations import LIBRARY_DOCUMENTS, citation_spans, official_form
from grassroots.library.models import Article

register = template.Library()


@cache
def _library(language: str | None) -> dict[tuple[str, int], tuple[str, str]]:
    """(document code, article number) → (URL, link title) of every article, per interface language.

    The library's content comes with the code (a data migration; the admin shows it read-only), so it is
    read once per process: a page full of citations, such as a decree's own page, makes no query for them.
    `library.apps` clears it when an article or document is saved."""
    found = {}
    for a in Article.objects.select_related("document"):
        title = _("%(document)s, Article %(number)s: %(title)s") % {
            "document": a.document.short_name,
            "number": a.number,
            "title": a.title,
        }
        found[(a.document.code, a.number)] = (a.get_absolute_url(), title)
    return found


def forget_library(**_kwargs: object) -> None:
    _library.cache_clear()


@register.filter(is_safe=True)
def link_citations(value: object, mode: str = "") -> SafeString:
    """Plain text: escaped, its citations linked. Already-safe HTML is left alone, unless `mode` is "html"
    (`{% translate "… (Law Art 21(2))" as cited %}{{ cited|link_citations:"html" }}`): then the citations
    in its text, outside tags and outside existing links, are linked."""
    if isinstance(value, SafeData):
        if mode != "html":
            return value  # type: ignore[return-value]  # already HTML: linking inside it could break its markup
        return mark_safe(_link_in_html(str(value)))  # noqa: S308 — the text pieces are already HTML
    return mark_safe(_link(str(value), escape))  # noqa: S308 — every piece is escaped or built by format_html


_TAG = re.compile(r"(<a\b.*?</a>|<[^>]*>)", re.S)


def _link_in_html(html: str) -> str:
    return "".join(
        piece if index % 2 else _link(piece, lambda text: text) for index, piece in enumerate(_TAG.split(html))
    )


def _link(text: str, escaped: Callable[[str], str]) -> str:
    """`text` in the official form of the page's language, with every citation of an article the
    library holds linked; `escaped` makes the other pieces HTML."""
    text = official_form(text, get_language())  # a message from the code may still cite "D59 Art 5"
    spans = [s for s in citation_spans(text) if s.start is not None and s.citation.document_code in LIBRARY_DOCUMENTS]
    if not spans:
        return str(escaped(text))
    articles = _library(get_language())
    pieces = []
    position = 0
    for s in spans:
        found = articles.get((s.citation.document_code, s.citation.article))
        if found is None or s.start is None or s.end is None or s.start < position:
            continue
        pieces.append(str(escaped(text[position : s.start])))
        pieces.append(format_html('<a href="{}" title="{}">{}</a>', found[0], found[1], text[s.start : s.end]))
        position = s.end
    pieces.append(str(escaped(text[position:])))
    return "".join(pieces)


@register.filter
def cite(value: object) -> SafeString:
    """A citation kept as data in the code's shorthand ("D59 Art 5(1)(a)"), in the official form of the
    page's language and linked to the library: `{{ step.article|cite }}`."""
    return link_citations(str(value))
