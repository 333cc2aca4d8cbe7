"""The library's content as loaded by the data migrations: complete against the digest, consistent, reversible."""

import importlib
import json
from pathlib import Path

import pytest
from django.apps import apps as global_apps
from django.db.models import F

from grassroots.core.text import fold
from grassroots.library.citations import LIBRARY_DOCUMENTS, parse_citations
from grassroots.library.models import Article, Chapter, Document, QuizQuestion

DATA = Path(__file__).resolve().parents[1] / "data"

# Every article the digest (docs/law.md) describes, singly or as part of a described group.
DIGEST_ARTICLES = {
    "law-10-2022": {*range(2, 56), 59, 60, 61, 62, 63, *range(64, 75), *range(77, 84), 85, 86, 87, 88, 89, 90, 91},
    "decree-59-2023": {*range(3, 28), 29},
    "decree-61-2023": {2, 4, *range(5, 17), 18, 19, 21, 23, 24},
}
# Chapters the digest names for the Law (I, II); the rest are grouped by the digest's sections.
LAW_CHAPTER_OF = {2: 1, 10: 1, 11: 2, 21: 2, 45: 2}

pytestmark = pytest.mark.django_db


def test_three_documents_with_their_dates():
    documents = {d.code: d for d in Document.objects.all()}
    assert set(documents) == LIBRARY_DOCUMENTS
    assert str(documents["law-10-2022"].in_force_on) == "2023-07-01"
    assert str(documents["decree-59-2023"].in_force_on) == "2023-08-15"
    assert str(documents["decree-61-2023"].in_force_on) == "2023-08-16"
    assert documents["law-10-2022"].short_name_en == "Law 10/2022/QH15"
    assert documents["law-10-2022"].short_name_vi == "Luật 10/2022/QH15"


def test_every_article_the_digest_describes_is_in_the_library_and_no_other():
    held: dict[str, set[int]] = {code: set() for code in LIBRARY_DOCUMENTS}
    for code, number in Article.objects.values_list("document__code", "number"):
        held[code].add(number)
    assert held == DIGEST_ARTICLES


def test_law_chapters_match_the_digest():
    law = Article.objects.filter(document__code="law-10-2022").select_related("chapter")
    chapter_of = {a.number: a.chapter.number for a in law}
    for number, chapter in LAW_CHAPTER_OF.items():
        assert chapter_of[number] == chapter
    assert Chapter.objects.filter(document__code="law-10-2022").count() == 6


def test_each_article_sits_in_a_chapter_of_its_own_document():
    assert not Article.objects.exclude(chapter__document=F("document")).exists()


def test_every_article_has_both_languages():
    for a in Article.objects.all():
        assert a.title_vi and a.title_en and a.summary_vi and a.summary_en, a
        assert (a.status_note_vi == "") == (a.status_note_en == ""), a


def test_uncertain_points_carry_a_note():
    # law.md marks these [U]: the 2025 amendments (Arts 11, 25, 36, 85, 86) and the 2/3-of-villages rule.
    for number in (11, 21, 25, 36, 85, 86):
        note = Article.objects.get(document__code="law-10-2022", number=number).status_note_en
        assert "[U]" in note, number


def test_the_folded_column_is_the_fold_of_the_text():
    for a in Article.objects.all():
        assert a.summary_folded == a.folded_text()
        assert a.summary_folded == fold(a.summary_folded)


def test_saving_an_article_refreshes_the_folded_column():
    article = Article.objects.get(document__code="law-10-2022", number=21)
    article.summary_en = "Hai phần ba"
    article.save(update_fields=["summary_en"])
    article.refresh_from_db()
    assert "hai phan ba" in article.summary_folded


def test_cross_references_in_summaries_resolve():
    held = set(Article.objects.values_list("document__code", "number"))
    for a in Article.objects.all():
        for text in (a.summary_vi, a.summary_en):
            for c in parse_citations(text):
                if c.document_code in LIBRARY_DOCUMENTS:
                    assert (c.document_code, c.article) in held, (a, c)


def test_the_fixture_is_what_was_loaded():
    data = json.loads((DATA / "articles.json").read_text(encoding="utf-8"))
    count = sum(len(c["articles"]) for d in data["documents"] for c in d["chapters"])
    assert Article.objects.count() == count


def test_the_data_migrations_reverse_and_apply_again():
    articles = importlib.import_module("grassroots.library.migrations.0002_load_articles")
    questions = importlib.import_module("grassroots.library.migrations.0003_load_questions")
    counts = (Document.objects.count(), Article.objects.count(), QuizQuestion.objects.count())
    questions.unload(global_apps, None)
    articles.unload(global_apps, None)
    assert (Document.objects.count(), Article.objects.count(), QuizQuestion.objects.count()) == (0, 0, 0)
    articles.load(global_apps, None)
    questions.load(global_apps, None)
    assert (Document.objects.count(), Article.objects.count(), QuizQuestion.objects.count()) == counts
