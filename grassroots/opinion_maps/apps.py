from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpinionMapsConfig(AppConfig):
    name = "grassroots.opinion_maps"
    label = "opinion_maps"
    verbose_name = _("Opinion maps")
