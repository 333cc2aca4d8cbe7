"""Every rule in the code that cites the law links to the library ("linked from every rule in the code").

Every citation of Law 10/2022, Decree 59 or Decree 61 written in grassroots/decisions/rules.py,
grassroots/decisions/actions/ and grassroots/people/rules.py must name an article the library holds.

Citations of documents the library does not hold are skipped; today these are, all in
grassroots/people/rules.py: Civil Code 2015 Art 20(1) (adulthood at 18), Decree 137/2015/ND-CP Art 7
and Circular 59/2021/TT-BCA Art 7 and Art 7(2) (the 12-digit personal identification number).
"""

import re
from pathlib import Path

import pytest

from grassroots.library.citations import LIBRARY_DOCUMENTS, parse_citations
from grassroots.library.models import Article

ROOT = Path(__file__).resolve().parents[3]
SOURCES = [
    "grassroots/decisions/rules.py",
    *sorted(str(p.relative_to(ROOT)) for p in (ROOT / "grassroots/decisions/actions").glob("*.py")),
    "grassroots/people/rules.py",
]
OUTSIDE_THE_LIBRARY = {"civil-code-2015", "decree-137-2015", "circular-59-2021"}


def _text(path: str) -> str:
    # Comments continue across lines ("Decree 137/2015/ND-CP\n# Art 7"): join them as prose.
    return re.sub(r"\n[ \t]*#[ \t]?", " ", (ROOT / path).read_text(encoding="utf-8"))


def _citations():  # type: ignore[no-untyped-def]
    return [(path, c) for path in SOURCES for c in parse_citations(_text(path))]


def test_the_sources_cite_the_law_at_all():
    cited = [c for _path, c in _citations() if c.document_code in LIBRARY_DOCUMENTS]
    assert len(cited) >= 40
    assert {c.document_code for c in cited} == LIBRARY_DOCUMENTS


def test_the_only_other_documents_cited_are_the_known_ones():
    others = {c.document_code for _path, c in _citations() if c.document_code not in LIBRARY_DOCUMENTS}
    assert others <= OUTSIDE_THE_LIBRARY


@pytest.mark.django_db
def test_every_citation_in_the_rules_resolves_to_an_article_of_the_library():
    held = set(Article.objects.values_list("document__code", "number"))
    missing = sorted(
        {
            f"{path}: {c.document_code} Art {c.article}"
            for path, c in _citations()
            if c.document_code in LIBRARY_DOCUMENTS and (c.document_code, c.article) not in held
        }
    )
    assert missing == []
