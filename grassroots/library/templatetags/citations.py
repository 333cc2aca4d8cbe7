"""`{{ text|link_citations }}`: the text, escaped, with every citation of an article the library holds
turned into a link to that article's page ("… (D59 Art 5(1)(a); Law Art 17(2))")."""

from django import template
from django.db.models import Q
from django.utils.html import escape, format_html
from django.utils.safestring import SafeData, SafeString, mark_safe
from django.utils.translation import gettext as _

from grassroots.library.citations import LIBRARY_DOCUMENTS, citation_spans
from grassroots.library.models import Article

register = template.Library()


@register.filter(is_safe=True)
def link_citations(value: object) -> SafeString:
    if isinstance(value, SafeData):
        return value  # type: ignore[return-value]  # already HTML: linking inside it could break its markup
    text = str(value)
    spans = [s for s in citation_spans(text) if s.start is not None and s.citation.document_code in LIBRARY_DOCUMENTS]
    if not spans:
        return escape(text)
    wanted = Q(pk__in=[])
    for s in spans:
        wanted |= Q(document__code=s.citation.document_code, number=s.citation.article)
    articles = {(a.document.code, a.number): a for a in Article.objects.filter(wanted).select_related("document")}
    pieces = []
    position = 0
    for s in spans:
        found = articles.get((s.citation.document_code, s.citation.article))
        if found is None or s.start is None or s.end is None or s.start < position:
            continue
        pieces.append(escape(text[position : s.start]))
        pieces.append(
            format_html(
                '<a href="{}" title="{}">{}</a>',
                found.get_absolute_url(),
                _("%(document)s, Article %(number)s: %(title)s")
                % {"document": found.document.short_name, "number": found.number, "title": found.title},
                text[s.start : s.end],
            )
        )
        position = s.end
    pieces.append(escape(text[position:]))
    return mark_safe("".join(pieces))  # noqa: S308 — every piece is escaped or built by format_html
