"""Admin for the law library and the quiz bank.

Documents, chapters and articles are loaded from data/articles.json by a migration and are
read-only here: the fixture is the single source, reviewed against law.md. Quiz questions may be
edited (a trainer fixing a typo), within the one-correct-option constraint."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from grassroots.core.text import fold

from .models import Article, Chapter, Document, QuizOption, QuizQuestion


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Document)
class DocumentAdmin(ReadOnlyAdmin):
    list_display = ["code", "short_name_en", "short_name_vi", "in_force_on"]


@admin.register(Chapter)
class ChapterAdmin(ReadOnlyAdmin):
    list_display = ["document", "number", "title_en"]
    list_filter = ["document"]


@admin.register(Article)
class ArticleAdmin(ReadOnlyAdmin):
    list_display = ["document", "number", "title_en", "title_vi"]
    list_filter = ["document", "chapter"]
    search_fields = ["summary_folded"]
    list_select_related = ["document"]

    def get_search_results(self, request: HttpRequest, queryset: Any, search_term: str) -> Any:
        return super().get_search_results(request, queryset, fold(search_term))


class QuizOptionInline(admin.TabularInline):
    model = QuizOption
    extra = 0
    max_num = 4


@admin.register(QuizQuestion)
class QuizQuestionAdmin(admin.ModelAdmin):
    list_display = ["code", "topic", "difficulty", "article", "text_en"]
    list_filter = ["topic", "difficulty", "article__document"]
    search_fields = ["code", "text_en", "text_vi"]
    raw_id_fields = ["article"]
    list_select_related = ["article__document"]
    inlines = [QuizOptionInline]
