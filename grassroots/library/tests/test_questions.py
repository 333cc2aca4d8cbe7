"""The quiz bank (issue 5 item 7): at least 60 questions across the four topics, each citing an article
the library holds, each with exactly one correct option, and none that treats anyone's religion as data."""

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from django.db import IntegrityError, transaction

from grassroots.library.citations import LIBRARY_DOCUMENTS
from grassroots.library.models import Article, QuizOption, QuizQuestion, Topic

DATA = Path(__file__).resolve().parents[1] / "data" / "questions.json"

# Asking for or recording a person's religion, beliefs or political views (PRODUCT.md, "What it must
# never do"). Naming religion among the grounds on which discrimination is prohibited is fine.
PROFILING = re.compile(
    r"tôn giáo của|tín ngưỡng của|đạo của|theo đạo|quan điểm chính trị của"
    r"|religion of|religious affiliation|(?:his|her|their|whose|resident's|person's|household's) (?:religion|faith|beliefs?)"
    r"|political views? of",
    re.IGNORECASE,
)

pytestmark = pytest.mark.django_db


def test_at_least_sixty_questions_and_fifteen_per_topic():
    assert QuizQuestion.objects.count() >= 72
    per_topic = Counter(QuizQuestion.objects.values_list("topic", flat=True))
    assert set(per_topic) == set(Topic.values)
    assert min(per_topic.values()) >= 15


def test_each_question_has_three_or_four_options_and_exactly_one_correct():
    for question in QuizQuestion.objects.prefetch_related("options"):
        options = list(question.options.all())
        assert 3 <= len(options) <= 4, question.code
        assert sum(o.is_correct for o in options) == 1, question.code
        assert len({o.text_en for o in options}) == len(options), question.code
        assert len({o.text_vi for o in options}) == len(options), question.code


def test_each_question_cites_an_article_of_the_library():
    for question in QuizQuestion.objects.select_related("article__document"):
        assert question.article.document.code in LIBRARY_DOCUMENTS
    # And the fixture names only articles that exist.
    held = set(Article.objects.values_list("document__code", "number"))
    for q in json.loads(DATA.read_text(encoding="utf-8"))["questions"]:
        assert (q["document"], q["article"]) in held, q["code"]


def test_decree_59_questions_cite_decree_59():
    for question in QuizQuestion.objects.filter(topic=Topic.DECREE_59).select_related("article__document"):
        assert question.article.document.code == "decree-59-2023", question.code


def test_both_languages_and_an_explanation_everywhere():
    for question in QuizQuestion.objects.prefetch_related("options"):
        assert question.text_vi and question.text_en and question.explanation_vi and question.explanation_en
        assert all(o.text_vi and o.text_en for o in question.options.all())


def test_no_question_or_option_treats_religion_as_data_about_a_person():
    texts = []
    for question in QuizQuestion.objects.prefetch_related("options"):
        texts += [question.text_vi, question.text_en, question.explanation_vi, question.explanation_en]
        texts += [t for o in question.options.all() for t in (o.text_vi, o.text_en)]
    offending = [t for t in texts if PROFILING.search(t)]
    assert offending == []


def test_the_guard_catches_what_it_is_for():
    assert PROFILING.search("Ghi tôn giáo của từng hộ")
    assert PROFILING.search("Record the religion of each resident")
    assert not PROFILING.search("discriminate on grounds of region, gender, religion or ethnicity")


def test_the_database_refuses_a_second_correct_option():
    question = QuizQuestion.objects.first()
    assert question is not None
    with pytest.raises(IntegrityError), transaction.atomic():
        QuizOption.objects.create(question=question, order=9, text_vi="Thêm", text_en="Extra", is_correct=True)
