from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConventionsConfig(AppConfig):
    name = "grassroots.conventions"
    label = "conventions"
    verbose_name = _("Village conventions")
