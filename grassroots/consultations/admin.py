"""Read-only: consultations change only through the actions (rules and audit events)."""

from django.contrib import admin

from grassroots.core.admin import ReadOnlyAdminMixin

from .models import Consultation, Opinion, OpinionGroup


@admin.register(Consultation)
class ConsultationAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["title", "commune", "kind", "published_on", "closes_on", "closed_at"]
    list_filter = ["kind"]


@admin.register(Opinion)
class OpinionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["consultation", "channel", "stance", "given_on", "hidden_at"]
    list_filter = ["channel", "stance"]


@admin.register(OpinionGroup)
class OpinionGroupAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["consultation", "title", "take_up"]
