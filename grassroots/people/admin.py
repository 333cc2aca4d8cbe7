from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from grassroots.accounts.http import signed_in
from grassroots.core.admin import ReadOnlyAdminMixin

from .models import Household, LinkProposal, Membership, Representation, Resident
from .privacy import anonymize_resident

# The register changes only through people.actions, people.linking and the imports, each validated
# and audited: these admin pages are for viewing, and anonymizing a resident (an audited action).


@admin.register(Household)
class HouseholdAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["code", "unit", "address", "formed_on", "dissolved_on"]
    search_fields = ["code", "address"]


@admin.register(Membership)
class MembershipAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["resident", "household", "valid_from", "valid_to"]
    search_fields = ["household__code"]


@admin.register(Representation)
class RepresentationAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["resident", "household", "valid_from", "valid_to"]
    search_fields = ["household__code"]


@admin.register(LinkProposal)
class LinkProposalAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["account", "resident", "household", "proposed_by", "proposed_at", "outcome", "decided_by"]
    list_filter = ["outcome"]


@admin.register(Resident)
class ResidentAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    # The national ID number is not shown here: it is read only on the register screens, audited.
    list_display = ["full_name", "birth_date", "sex"]
    search_fields = ["full_name"]
    exclude = ["phone"]
    list_filter = ["anonymized_at"]
    actions = ["anonymize"]

    @admin.action(description=_("Anonymize the selected residents (cannot be undone)"))
    def anonymize(self, request: HttpRequest, queryset: QuerySet[Resident]) -> HttpResponse | None:
        # An irreversible step: show what will happen and ask for confirmation first.
        if request.POST.get("confirmed") != "yes":
            context = {**self.admin_site.each_context(request), "residents": queryset, "opts": self.model._meta,
                       "action": "anonymize", "title": _("Anonymize residents")}  # fmt: skip
            return TemplateResponse(request, "people/admin_anonymize_confirm.html", context)
        for resident in queryset:
            anonymize_resident(resident, actor=signed_in(request))
        self.message_user(
            request, _("Residents anonymized: %(count)s.") % {"count": queryset.count()}, messages.SUCCESS
        )
        return None
