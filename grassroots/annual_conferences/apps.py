from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnnualConferencesConfig(AppConfig):
    name = "grassroots.annual_conferences"
    label = "annual_conferences"
    verbose_name = _("Annual community conferences")
