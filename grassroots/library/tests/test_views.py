"""The public library pages: index, search with or without accents, article pages in every language."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import constants
from django.contrib.messages.storage.fallback import FallbackStorage
from django.template.loader import render_to_string
from django.test import RequestFactory

pytestmark = pytest.mark.django_db


def test_the_index_links_each_document_to_its_own_page(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        response = client.get("/library/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Luật Thực hiện dân chủ ở cơ sở" in html
    assert "Nghị định 59/2023/NĐ-CP" in html
    for code in ("law-10-2022", "decree-59-2023", "decree-61-2023"):
        assert f'href="/library/{code}/"' in html


@pytest.mark.parametrize("code", ["law-10-2022", "decree-59-2023", "decree-61-2023"])
def test_each_document_has_its_page_with_contents_by_chapter(client, code, django_assert_max_num_queries):
    from grassroots.library.models import Document

    document = Document.objects.get(code=code)
    with django_assert_max_num_queries(8):
        response = client.get(f"/library/{code}/")
    assert response.status_code == 200
    html = response.content.decode()
    chapters = list(document.chapters.order_by("number"))
    assert chapters
    for chapter in chapters:  # the contents link to every chapter, and every chapter is on the page
        assert f'href="#chapter-{chapter.number}"' in html
        assert f'id="chapter-{chapter.number}"' in html
    for article in document.articles.all():  # every article, with a link to its own page
        assert f'href="/library/{code}/{article.number}/"' in html
    assert "<details" in html  # chapters fold open without a script


def test_an_article_page_links_back_to_its_document_and_chapter(client):
    html = client.get("/library/decree-59-2023/5/").content.decode()
    assert 'href="/library/decree-59-2023/"' in html
    assert 'href="/library/decree-59-2023/#chapter-' in html


def test_an_unknown_document_is_not_found(client):
    assert client.get("/library/no-such-law/").status_code == 404


@pytest.mark.parametrize("q", ["bầu trưởng thôn", "bau truong thon", "BẦU TRƯỞNG THÔN", "Bau Truong Thon"])
def test_search_ignores_case_and_accents(client, q):
    response = client.get("/library/", {"q": q})
    assert response.status_code == 200
    assert 'href="/library/decree-59-2023/6/"' in response.content.decode()


def test_search_in_english_finds_the_same_article(client):
    response = client.get("/en/library/", {"q": "online voting"})
    assert 'href="/en/library/decree-59-2023/5/"' in response.content.decode()


def test_search_reads_a_citation(client):
    html = client.get("/library/", {"q": "D61 Art 10"}).content.decode()
    assert 'href="/library/decree-61-2023/10/"' in html


def test_search_with_no_match_says_so(client):
    response = client.get("/en/library/", {"q": "zzzz qqqq"})
    assert "No article matches your search." in response.content.decode()


def test_an_article_page_in_vietnamese_english_and_russian(client):
    vi = client.get("/library/decree-59-2023/5/").content.decode()
    assert "Biểu quyết trực tuyến" in vi
    en = client.get("/en/library/decree-59-2023/5/").content.decode()
    assert "Online voting" in en and "more than 50% of ALL household representatives" in en
    ru = client.get("/ru/library/decree-59-2023/5/")
    assert ru.status_code == 200
    assert "Online voting" in ru.content.decode()  # English content, with a note in the interface language


def test_an_article_links_the_articles_its_summary_cites(client):
    html = client.get("/en/library/law-10-2022/19/").content.decode()
    assert 'href="/en/library/law-10-2022/21/"' in html  # "Art 21(1)"
    assert 'href="/en/library/decree-59-2023/4/"' in html  # "D59 Art 4"


def test_an_uncertain_article_shows_its_note_without_the_editors_marker(client):
    for url in ["/en/library/law-10-2022/36/", "/library/law-10-2022/36/", "/en/library/law-10-2022/"]:
        html = client.get(url).content.decode()
        assert "Law 97/2025/QH15" in html or "97/2025/QH15" in html
        assert "[U]" not in html, url


def test_the_editors_marker_is_stripped_from_notes():
    from grassroots.library.models import strip_editor_markers

    assert strip_editor_markers("The rule may have changed in 2025 [U].") == "The rule may have changed in 2025."
    assert strip_editor_markers("31 articles. [U] Not verified.") == "31 articles. Not verified."


def test_a_missing_article_or_document_is_404(client):
    assert client.get("/library/law-10-2022/1/").status_code == 404
    assert client.get("/library/civil-code-2015/20/").status_code == 404


def test_refusal_messages_link_the_article_they_cite():
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    request.session = {}
    storage = FallbackStorage(request)
    storage.add(
        constants.ERROR,
        "Online voting is allowed only for other self-managed matters (item 6). (D59 Art 5(1)(a); Law Art 17(2))",
    )
    html = render_to_string("base.html", {"messages": storage}, request=request)
    assert '<a href="/library/decree-59-2023/5/"' in html
    assert '<a href="/library/law-10-2022/17/"' in html


def test_a_phrase_is_searched_as_a_phrase_first(client):
    html = client.get("/en/library/", {"q": "thanh tra"}).content.decode()
    assert 'href="/en/library/law-10-2022/36/"' in html  # Ban Thanh tra nhân dân
    assert 'href="/en/library/law-10-2022/7/"' not in html  # "thành quả … kiểm tra" is not a match


def test_words_apart_are_found_when_the_phrase_is_not(client):
    html = client.get("/en/library/", {"q": "dismissal interim"}).content.decode()
    assert 'href="/en/library/decree-59-2023/9/"' in html
