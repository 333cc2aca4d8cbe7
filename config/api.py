"""The JSON API (django-ninja) at /api/v1/, OpenAPI schema at /api/v1/openapi.json."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver
from ninja import NinjaAPI
from ninja.errors import AuthenticationError

from grassroots.accounts.api_auth import verified_session, www_authenticate

# No interactive docs page: django-ninja's loads Swagger UI from a CDN, and communes run on
# intranets. The OpenAPI schema itself is served at /api/v1/openapi.json.
api = NinjaAPI(title="Grassroots API", version="1", urls_namespace="api", docs_url=None)


@api.exception_handler(AuthenticationError)
def unauthorized(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    """Every 401 says how to authenticate (RFC 9110 section 11.6.1)."""
    response = api.create_response(request, {"detail": str(exc)}, status=401)
    response["WWW-Authenticate"] = www_authenticate(exc)
    return response


def register_routers() -> None:
    from grassroots.decisions.api import router as decisions_router
    from grassroots.people.api import router as people_router
    from grassroots.territory.api import router as territory_router

    api.add_router("/units", territory_router)
    api.add_router("/register", people_router, auth=verified_session)
    api.add_router("/matters", decisions_router)


def api_urls() -> tuple[list[URLPattern | URLResolver], str, str]:
    """Ninja decides access per route (public open data or a session), so Django's
    LoginRequiredMiddleware, which would redirect API clients to an HTML page, is told to step aside."""
    register_routers()
    patterns, app_name, namespace = api.urls
    for pattern in patterns:
        if isinstance(pattern, URLPattern):
            pattern.callback = login_not_required(pattern.callback)
    return patterns, app_name, namespace
