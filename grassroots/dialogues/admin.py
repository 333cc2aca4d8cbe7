"""Read-only: dialogues and questions change only through the actions (rules and audit events)."""

from django.contrib import admin

from grassroots.core.admin import ReadOnlyAdminMixin

from .models import Dialogue, Question


@admin.register(Dialogue)
class DialogueAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["commune", "planned_on", "front_agreed_on", "notice_published_on", "held_on", "closed_at"]
    search_fields = ["commune__name", "commune__code"]


@admin.register(Question)
class QuestionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["dialogue", "channel", "status", "received_on"]
    list_filter = ["channel", "status"]
    exclude = ["asker"]
