from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    name = "grassroots.library"
    label = "library"
    verbose_name = _("Law library")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from .models import Article, Chapter, Document
        from .templatetags.citations import forget_library

        # Cache invalidation only: the citation links are built from the articles once per process.
        for model in (Article, Chapter, Document):
            post_save.connect(forget_library, sender=model, dispatch_uid=f"library-forget-{model.__name__}")
            post_delete.connect(forget_library, sender=model, dispatch_uid=f"library-forget-d-{model.__name__}")
