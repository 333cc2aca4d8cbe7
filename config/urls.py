from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path

from config.api import api_urls
from grassroots.core.i18n import set_language_from_any_page

urlpatterns = [
    path("api/v1/", api_urls()),
    path("i18n/setlang/", login_not_required(set_language_from_any_page), name="set_language"),
    path("admin/", admin.site.urls),
]
urlpatterns += i18n_patterns(
    path("", include("grassroots.portal.urls")),
    path("", include("grassroots.library.urls")),
    path("", include("grassroots.accounts.urls")),
    path("", include("grassroots.territory.urls")),
    path("", include("grassroots.people.urls")),
    path("", include("grassroots.decisions.urls")),
    path("", include("grassroots.training.urls")),
    path("", include("grassroots.disclosure.urls")),
    path("", include("grassroots.elections.urls")),
    path("", include("grassroots.conventions.urls")),
    path("", include("grassroots.annual_conferences.urls")),
    path("", include("grassroots.service_ratings.urls")),
    path("", include("grassroots.dialogues.urls")),
    path("", include("grassroots.inspection.urls")),
    path("", include("grassroots.opinion_maps.urls")),
    path("", include("grassroots.petitions.urls")),
    path("", include("grassroots.investment_supervision.urls")),
    path("", include("grassroots.consultations.urls")),
    path("", include("grassroots.situation_reports.urls")),
    path("reporting/", include("grassroots.reporting.urls_reports")),
    prefix_default_language=False,
)
