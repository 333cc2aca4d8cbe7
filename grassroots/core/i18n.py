from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.views.i18n import set_language


def set_language_from_any_page(request: HttpRequest) -> HttpResponse:
    """Django's set_language, run in the language of the page it came from, so that `next=/en/…`
    or `/ru/…` can be translated to the chosen language (it only understands the active one)."""
    next_url = request.POST.get("next", request.GET.get("next", "")) or ""
    current = translation.get_language_from_path(next_url)
    if current:
        with translation.override(current):
            return set_language(request)
    return set_language(request)
