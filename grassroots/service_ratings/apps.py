from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServiceRatingsConfig(AppConfig):
    name = "grassroots.service_ratings"
    label = "service_ratings"
    verbose_name = _("Satisfaction ratings")
