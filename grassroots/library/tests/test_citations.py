"""parse_citations reads the citation forms the code uses; link_citations links the ones the library holds."""

import pytest
from django.template import Context, Template
from django.utils import translation
from django.utils.safestring import mark_safe
from hypothesis import given, settings
from hypothesis import strategies as st

from grassroots.library.citations import D59, D61, LAW, Citation, parse_citations
from grassroots.library.templatetags.citations import link_citations


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Law Art 21(1)", [Citation(LAW, 21, "1")]),
        ("Art 16(3)", [Citation(LAW, 16, "3")]),
        ("D59 Art 5(1)(a)", [Citation(D59, 5, "1", "a")]),
        ("D59 Arts 3(5)(c), 4(3)", [Citation(D59, 3, "5", "c"), Citation(D59, 4, "3")]),
        ("D61 Art 10", [Citation(D61, 10)]),
        ("Law Art 17(2), Art 19(1)(b)", [Citation(LAW, 17, "2"), Citation(LAW, 19, "1", "b")]),
        ("Decree 59 Art 4", [Citation(D59, 4)]),
        ("Decree 59/2023/ND-CP Art 4", [Citation(D59, 4)]),
        ("(D59 Art 3(5)(c), Art 4(6)(a))", [Citation(D59, 3, "5", "c"), Citation(D59, 4, "6", "a")]),
        ("D59 Art 5(1)(a); Law Art 17(2)", [Citation(D59, 5, "1", "a"), Citation(LAW, 17, "2")]),
        ("Art 20(3); D59 Arts 3(7), 4(7)", [Citation(LAW, 20, "3"), Citation(D59, 3, "7"), Citation(D59, 4, "7")]),
        ("Art 21(2); D59 Arts 8–9: recognised", [Citation(LAW, 21, "2"), Citation(D59, 8), Citation(D59, 9)]),
        ("Law Art 15(1)–(6)", [Citation(LAW, 15, "1")]),
        ("Law Arts 11–14", [Citation(LAW, n) for n in (11, 12, 13, 14)]),
        ("Law 10/2022/QH15 Art 18(2)", [Citation(LAW, 18, "2")]),
        ("Arts 35(2)(đ), 40(1)(đ)", [Citation(LAW, 35, "2", "đ"), Citation(LAW, 40, "1", "đ")]),
        # A bare article after other words is the Law's again.
        ("D59 Art 4(4): publicity; Art 4(2): plan", [Citation(D59, 4, "4"), Citation(LAW, 4, "2")]),
        # Other documents keep their own articles.
        ("Civil Code 2015 (Bộ luật Dân sự 91/2015/QH13) Art 20(1)", [Citation("civil-code-2015", 20, "1")]),
        ("Circular 59/2021/TT-BCA Art 7(2)", [Citation("circular-59-2021", 7, "2")]),
        ("Decree 137/2015/ND-CP Art 7", [Citation("decree-137-2015", 7)]),
        ("MTTQ Law Art 6(3)", [Citation("law-mttq", 6, "3")]),
        ("Labour Code Art 63", [Citation("labour-code", 63)]),
        # Vietnamese forms.
        ("khoản 1 Điều 21 Luật", [Citation(LAW, 21, "1")]),
        ("điểm a khoản 1 Điều 5 Nghị định 59", [Citation(D59, 5, "1", "a")]),
        ("Điều 10 Nghị định số 61/2023/NĐ-CP", [Citation(D61, 10)]),
        ("Điều 12–14 Nghị định 59", [Citation(D59, n) for n in (12, 13, 14)]),
        ("Điều 5 Luật Đất đai", [Citation("law-other", 5)]),
        # Not citations.
        ("The art of 10.C.7–8 and 200 households", []),
        ("Art 1234", []),
        ("", []),
    ],
)
def test_reads_the_forms_the_code_uses(text, expected):
    assert parse_citations(text) == expected


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_never_raises_on_any_text(text):
    citations = parse_citations(text)
    assert all(c.article > 0 for c in citations)


CITATION_PIECES = st.sampled_from(
    ["Law ", "D59 ", "D61 ", "Decree 59 ", "Art ", "Arts ", "Điều ", "khoản ", "(", ")", ", ", "; ", "–", "-",
     "1", "21", "(1)", "(a)", "(đ)", "999", " and ", "Civil Code ", "/2023/ND-CP ", "Nghị định ", "Luật "]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(CITATION_PIECES, max_size=30).map("".join))
def test_never_raises_on_near_citations(text):
    for c in parse_citations(text):
        assert c.document_code and 0 < c.article < 1000


@pytest.mark.django_db
def test_links_cited_articles_and_escapes_the_rest():
    with translation.override("en"):
        html = link_citations("Ballots only <now> (Law Art 17(2), Art 19(1)(b); D59 Art 99)")
    assert '<a href="/en/library/law-10-2022/17/"' in html
    assert ">Law on Grassroots Democracy, Art 17(2)</a>" in html
    assert '<a href="/en/library/law-10-2022/19/"' in html
    # not in the library: plain text, still in the official form
    assert "Decree 59/2023/ND-CP, Art 99" in html and "decree-59-2023/99" not in html
    assert "&lt;now&gt;" in html and "<now>" not in html


@pytest.mark.django_db
def test_leaves_documents_the_library_does_not_hold_as_text():
    assert link_citations("Civil Code 2015 Art 20(1)") == "Civil Code 2015 Art 20(1)"


@pytest.mark.django_db
def test_escapes_text_without_citations_and_leaves_safe_html_alone():
    assert link_citations("a < b") == "a &lt; b"
    safe = mark_safe("<b>Law Art 21</b>")
    assert link_citations(safe) == safe


@pytest.mark.django_db
def test_each_language_writes_and_links_its_official_form():
    from grassroots.library.citations import Citation

    citation = Citation("decree-59-2023", 5, "1", "c")
    assert citation.official("vi") == "điểm c khoản 1 Điều 5 Nghị định 59/2023/NĐ-CP"
    assert citation.official("en") == "Decree 59/2023/ND-CP, Art 5(1)(c)"
    assert citation.official("ru") == "подп. «c» п. 1 ст. 5 Постановления 59/2023/NĐ-CP"
    assert Citation("law-10-2022", 16, "2").official("vi") == "khoản 2 Điều 16 Luật Thực hiện dân chủ ở cơ sở"
    assert Citation("law-10-2022", 16, "2").official("en") == "Law on Grassroots Democracy, Art 16(2)"
    assert citation.url() == "/library/decree-59-2023/5/"
    for language in ("vi", "en", "ru"):
        with translation.override(language):
            html = link_citations(f"({citation.official(language)}; Law Art 16(2))")
        assert html.count('<a href="') == 2, html
        assert "/library/decree-59-2023/5/" in html and "/library/law-10-2022/16/" in html
        assert "Law Art" not in html


@pytest.mark.django_db
def test_the_filter_links_in_a_template():
    with translation.override("en"):
        rendered = Template("{% load citations %}{{ text|link_citations }}").render(
            Context({"text": "See D59 Art 5(1)(a)."})
        )
    assert rendered == (
        'See <a href="/en/library/decree-59-2023/5/" title="Decree 59/2023/ND-CP, Article 5: Online voting">'
        "Decree 59/2023/ND-CP, Art 5(1)(a)</a>."
    )


@pytest.mark.parametrize(
    ("shorthand", "language", "official"),
    [
        (
            "Law Arts 12(3), 13",
            "vi",
            "khoản 3 Điều 12 Luật Thực hiện dân chủ ở cơ sở, Điều 13 Luật Thực hiện dân chủ ở cơ sở",
        ),
        ("Law Arts 12(3), 13", "en", "Law on Grassroots Democracy, Art 12(3), Art 13"),
        (
            "D59 Arts 3(5)(c), 4(3)",
            "ru",
            "подп. «c» п. 5 ст. 3 Постановления 59/2023/NĐ-CP, п. 3 ст. 4 Постановления 59/2023/NĐ-CP",
        ),
        ("Law Arts 11, 12 and 13", "vi", "Điều 11, 12 và 13 Luật Thực hiện dân chủ ở cơ sở"),
        (
            "Law Arts 12(3) and 13",
            "vi",
            "khoản 3 Điều 12 Luật Thực hiện dân chủ ở cơ sở, Điều 13 Luật Thực hiện dân chủ ở cơ sở",
        ),
        ("D59 Arts 3–5", "vi", "Điều 3–5 Nghị định 59/2023/NĐ-CP"),
    ],
)
def test_a_list_of_articles_with_a_clause_gives_each_article_its_own_clause(shorthand, language, official):
    """Never "Điều 12 Luật …(3), 13": an article of a list that names its clause is written with it."""
    from grassroots.library.citations import official_form

    assert official_form(shorthand, language) == official
