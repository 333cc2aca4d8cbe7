"""Every document the platform generates (a PDF, DOCX, CSV or JSON download, or a page to print) is
linked from somewhere: a document that no page links to is a document nobody finds."""

import inspect
import re
from pathlib import Path

from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver

DOCUMENT_ROUTE = re.compile(r"\.(pdf|docx|csv|json|xlsx)$")
# A view that sends a file, or renders one of the printable pages (templates under print/).
DOCUMENT_VIEW = re.compile(r"Content-Disposition|_download\(|FileResponse|csvexport\.|/print/|\.pdf\"|print\.html")
# Printed pages the detection cannot tell from their view's source.
PRINTED = {"people:sign-in-letter"}
KNOWN = {
    "decisions:record-pdf",
    "decisions:record-docx",
    "decisions:slips-pdf",
    "decisions:notice",
    "decisions:minutes",
    "decisions:bulletin-csv",
    "training:certificate",
}


def _patterns(resolver: URLResolver, namespace: str = "") -> list[tuple[str, URLPattern]]:
    found = []
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            if p.namespace in ("admin", "api", "api-1.0.0"):
                continue
            found += _patterns(p, f"{namespace}{p.namespace}:" if p.namespace else namespace)
        elif p.name:
            found.append((f"{namespace}{p.name}", p))
    return found


def document_url_names() -> set[str]:
    names = set(PRINTED)
    for name, pattern in _patterns(get_resolver()):
        module = getattr(pattern.callback, "__module__", "")
        if not module.startswith("grassroots."):
            continue
        try:
            source = inspect.getsource(pattern.callback)
        except (OSError, TypeError):
            source = ""
        if DOCUMENT_ROUTE.search(str(pattern.pattern)) or DOCUMENT_VIEW.search(source):
            names.add(name)
    return names


def _linking_text() -> str:
    """Every template, and the code that builds links (not tests, not the URL configuration itself)."""
    base = Path(settings.BASE_DIR)
    texts = [p.read_text() for p in [*base.glob("templates/**/*.html"), *base.glob("grassroots/*/templates/**/*.html")]]
    for p in base.glob("grassroots/**/*.py"):
        if "tests" not in p.parts and p.name != "urls.py":
            texts.append(p.read_text())
    return "\n".join(texts)


def test_every_document_url_is_linked_from_a_page():
    names = document_url_names()
    assert names >= KNOWN  # the detection still sees the documents we know of
    text = _linking_text()
    unlinked = sorted(
        name
        for name in names
        if not re.search(rf"""\{{%\s*url\s+['"]{re.escape(name)}['"]|['"]{re.escape(name)}['"]""", text)
    )
    assert unlinked == []
