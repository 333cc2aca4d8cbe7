"""The law library (thư viện pháp luật) and the quiz question bank.

Law 10/2022/QH15, Decree 59/2023/ND-CP and Decree 61/2023/ND-CP, organised by chapter and article.
Every article carries a plain-language summary written by the project from the legal digest
(docs/law.md), never the statute's own text. Titles and summaries are content, not
gettext material: each is stored in Vietnamese and English and shown in Vietnamese under the
default language, in English otherwise (the Russian interface shows English content with a note).

The content is loaded by data migrations from `data/articles.json` and `data/questions.json`.
"""

from __future__ import annotations

import re
from typing import Any

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from grassroots.core.text import fold

ROMAN = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]


def content_language() -> str:
    """The language of library content for the active interface language: "vi" or "en"."""
    return "vi" if (translation.get_language() or "vi").startswith("vi") else "en"


def pick(obj: models.Model, name: str) -> str:
    """`obj.<name>` in the content language, from its `<name>_vi` / `<name>_en` fields."""
    value: str = getattr(obj, f"{name}_{content_language()}")
    return value or getattr(obj, f"{name}_vi")


# The digest's editor's marker "[U]" (uncertain, unverified): kept in the data for the editors, never shown
# to the public (issue 9), where the note's own words say what is uncertain.
EDITOR_MARKER = re.compile(r"\s*\[U\]\s*")


def strip_editor_markers(text: str) -> str:
    """The text without the editor's "[U]" markers: "… in 2025 [U]." reads "… in 2025."."""
    return EDITOR_MARKER.sub(" ", text).replace(" .", ".").strip()


def pick_note(obj: models.Model) -> str:
    if not (getattr(obj, "status_note_vi", "") or getattr(obj, "status_note_en", "")):
        return ""
    return strip_editor_markers(pick(obj, "status_note"))


class Document(models.Model):
    code = models.SlugField(_("code"), max_length=32, unique=True)  # "law-10-2022", "decree-59-2023"…
    short_name_vi = models.CharField(_("short name (Vietnamese)"), max_length=80)
    short_name_en = models.CharField(_("short name (English)"), max_length=80)
    title_vi = models.CharField(_("title (Vietnamese)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300)
    in_force_on = models.DateField(_("in force from"))
    status_note_vi = models.TextField(_("status note (Vietnamese)"), blank=True)
    status_note_en = models.TextField(_("status note (English)"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("legal document")
        verbose_name_plural = _("legal documents")

    def __str__(self) -> str:
        return self.short_name_en

    @property
    def short_name(self) -> str:
        return pick(self, "short_name")

    @property
    def title(self) -> str:
        return pick(self, "title")

    @property
    def status_note(self) -> str:
        return pick_note(self)


class Chapter(models.Model):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="chapters")
    number = models.PositiveSmallIntegerField(_("number"))
    title_vi = models.CharField(_("title (Vietnamese)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300)
    status_note_vi = models.TextField(_("status note (Vietnamese)"), blank=True)
    status_note_en = models.TextField(_("status note (English)"), blank=True)

    class Meta:
        ordering = ["document__order", "number"]
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="library_chapter_unique_number")]
        verbose_name = _("chapter")
        verbose_name_plural = _("chapters")

    def __str__(self) -> str:
        return f"{self.document} — {self.roman}"

    @property
    def roman(self) -> str:
        return ROMAN[self.number] if self.number < len(ROMAN) else str(self.number)

    @property
    def title(self) -> str:
        return pick(self, "title")

    @property
    def status_note(self) -> str:
        return pick_note(self)


class Article(models.Model):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="articles")
    chapter = models.ForeignKey(Chapter, on_delete=models.CASCADE, related_name="articles")
    number = models.PositiveSmallIntegerField(_("number"))
    title_vi = models.CharField(_("title (Vietnamese)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300)
    summary_vi = models.TextField(_("summary (Vietnamese)"))
    summary_en = models.TextField(_("summary (English)"))
    # Both languages, folded by core.text.fold, so that "bau truong thon" finds "bầu trưởng thôn".
    summary_folded = models.TextField(editable=False, default="")
    # Where the digest marks a point [U] (uncertain, unverified, or the 2025 amendments not checked).
    status_note_vi = models.TextField(_("status note (Vietnamese)"), blank=True)
    status_note_en = models.TextField(_("status note (English)"), blank=True)

    class Meta:
        ordering = ["document__order", "number"]
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="library_article_unique_number")]
        verbose_name = _("article")
        verbose_name_plural = _("articles")

    def __str__(self) -> str:
        return f"{self.document} Art {self.number}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.summary_folded = self.folded_text()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "summary_folded"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("library:article", args=[self.document.code, self.number])

    def folded_text(self) -> str:
        return fold(" ".join([self.title_vi, self.title_en, self.summary_vi, self.summary_en]))

    @property
    def title(self) -> str:
        return pick(self, "title")

    @property
    def summary(self) -> str:
        return pick(self, "summary")

    @property
    def status_note(self) -> str:
        return pick_note(self)


class Topic(models.TextChoices):
    """The four topics of a training conference (PRODUCT.md, Thanh Hóa, September 2024).

    The last topic keeps the conference's own name. Its questions stay with procedures, duties and
    aggregate reporting about units: none asks about, records or profiles anyone's religion."""

    LAW = "law", _("The main content of the Law")
    DECREE_59 = "decree-59", _("Decree 59/2023, which details the Law")
    TASKS = "tasks", _("Key tasks and solutions for grassroots democracy in the new situation")
    METHODS = "methods", _("Methods for grasping the situation of the people, of the grassroots and of religion")


class Difficulty(models.IntegerChoices):
    EASY = 1, _("easy")
    MEDIUM = 2, _("medium")
    HARD = 3, _("hard")


class QuizQuestion(models.Model):
    """A question of the bank, citing the article that answers it.

    Questions are about procedures, numbers and duties; none records or asks about anyone's
    religion or beliefs (PRODUCT.md, "What it must never do")."""

    code = models.SlugField(_("code"), max_length=32, unique=True)  # stable id in data/questions.json
    topic = models.CharField(_("topic"), max_length=16, choices=Topic.choices)
    text_vi = models.TextField(_("question (Vietnamese)"))
    text_en = models.TextField(_("question (English)"))
    explanation_vi = models.TextField(_("explanation (Vietnamese)"))
    explanation_en = models.TextField(_("explanation (English)"))
    article = models.ForeignKey(Article, on_delete=models.PROTECT, related_name="quiz_questions")
    difficulty = models.PositiveSmallIntegerField(_("difficulty"), choices=Difficulty.choices, default=Difficulty.EASY)

    class Meta:
        ordering = ["topic", "code"]
        verbose_name = _("quiz question")
        verbose_name_plural = _("quiz questions")

    def __str__(self) -> str:
        return self.code

    @property
    def text(self) -> str:
        return pick(self, "text")

    @property
    def explanation(self) -> str:
        return pick(self, "explanation")


class QuizOption(models.Model):
    question = models.ForeignKey(QuizQuestion, on_delete=models.CASCADE, related_name="options")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    text_vi = models.CharField(_("option (Vietnamese)"), max_length=300)
    text_en = models.CharField(_("option (English)"), max_length=300)
    is_correct = models.BooleanField(_("correct"), default=False)

    class Meta:
        ordering = ["question", "order"]
        constraints = [
            # At most one correct option per question; the tests check there is exactly one.
            models.UniqueConstraint(
                fields=["question"], condition=Q(is_correct=True), name="library_quizoption_one_correct"
            )
        ]
        verbose_name = _("quiz option")
        verbose_name_plural = _("quiz options")

    def __str__(self) -> str:
        return self.text_en

    @property
    def text(self) -> str:
        return pick(self, "text")
