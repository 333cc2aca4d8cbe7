"""Read-only: conventions change only through their actions (every change is audited)."""

from django.contrib import admin

from grassroots.core.admin import ReadOnlyAdminMixin

from .models import Comment, Convention, Review, Ruling, Version


@admin.register(Convention)
class ConventionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["title", "village", "kind", "status", "created_at"]
    list_filter = ["status", "kind"]
    search_fields = ["title"]


@admin.register(Version)
class VersionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["convention", "number", "status", "posted_on", "recognized_on", "effective_on"]
    list_filter = ["status"]


@admin.register(Comment)
class CommentAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["version", "channel", "given_on", "hidden_at"]
    list_filter = ["channel"]


@admin.register(Ruling)
class RulingAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["convention", "kind", "whole", "received_on", "due_on", "outcome", "decided_on"]


@admin.register(Review)
class ReviewAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["convention", "held_on"]
