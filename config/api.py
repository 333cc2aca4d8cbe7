"""The JSON API (django-ninja) at /api/v1/, OpenAPI schema at /api/v1/openapi.json.

Deny by default: every operation needs a bearer token or a verified session unless it says
`auth=None` itself; the open ones are listed in grassroots/core/tests/test_api_deny_by_default.py.
"""

from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver
from ninja import NinjaAPI
from ninja.errors import AuthenticationError
from ninja.openapi.schema import OpenAPISchema

from grassroots.accounts.api_auth import token_auth, verified_session, www_authenticate


class GrassrootsAPI(NinjaAPI):
    """The schema depends only on the code, so it is built once per path prefix (and set of routers,
    which are registered when the URLconf loads), not per request."""

    def get_openapi_schema(self, *, path_prefix: str | None = None, path_params: Any = None) -> OpenAPISchema:
        if path_prefix is None:
            path_prefix = self.get_root_path(path_params or {})
        cache: dict[tuple[str, int], OpenAPISchema] = self.__dict__.setdefault("_schemas", {})
        key = (path_prefix, len(self._routers))
        if key not in cache:
            schema = super().get_openapi_schema(path_prefix=path_prefix)
            for item in schema["paths"].values():
                for operation in item.values():
                    operation["responses"].setdefault("400", INVALID_CHARACTER)
            cache[key] = schema
        return cache[key]


# Any request, to any operation, with a NUL byte or a lone surrogate in a field is answered 400 by
# RejectInvalidCharactersMiddleware before it reaches the API; every operation documents it.
INVALID_CHARACTER = {
    "description": "A field holds a NUL byte or an invalid code point (the field is named)",
    "content": {
        "application/json": {
            "schema": {
                "type": "object",
                "properties": {"detail": {"type": "string"}, "field": {"type": "string"}},
                "required": ["detail", "field"],
            }
        }
    },
}


# The OpenAPI schema at /api/v1/openapi.json and the interactive documentation at /api/v1/docs: Swagger UI
# from django-ninja's own static files (PyPI, collected with the rest), nothing from a CDN, since communes
# run on intranets. The page is public, as the schema is; every operation still asks for its credentials.
api = GrassrootsAPI(
    title="Grassroots API",
    version="1",
    urls_namespace="api",
    docs_url="/docs",
    auth=[token_auth, verified_session],
)


@api.exception_handler(AuthenticationError)
def unauthorized(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    """Every 401 says how to authenticate (RFC 9110 section 11.6.1)."""
    response = api.create_response(request, {"detail": str(exc)}, status=401)
    response["WWW-Authenticate"] = www_authenticate(exc)
    return response


def register_routers() -> None:
    from grassroots.annual_conferences.api import router as annual_conferences_router
    from grassroots.consultations.api import router as consultations_router
    from grassroots.conventions.api import router as conventions_router
    from grassroots.decisions.api import router as decisions_router
    from grassroots.dialogues.api import router as dialogues_router
    from grassroots.disclosure.api import router as disclosure_router
    from grassroots.elections.api import router as elections_router
    from grassroots.inspection.api import router as inspection_router
    from grassroots.investment_supervision.api import router as investment_supervision_router
    from grassroots.opinion_maps.api import router as opinion_maps_router
    from grassroots.people.api import router as people_router
    from grassroots.petitions.api import router as petitions_router
    from grassroots.service_ratings.api import router as service_ratings_router
    from grassroots.situation_reports.api import router as situation_reports_router
    from grassroots.territory.api import router as territory_router

    api.add_router("/units", territory_router)
    api.add_router("/register", people_router, auth=verified_session)
    api.add_router("/matters", decisions_router)
    api.add_router("/annual-conferences", annual_conferences_router)
    api.add_router("/conventions", conventions_router)
    api.add_router("/village-heads", elections_router)
    api.add_router("/disclosures", disclosure_router)
    api.add_router("/service-ratings", service_ratings_router)
    api.add_router("/dialogues", dialogues_router)
    api.add_router("/inspection-board", inspection_router)
    api.add_router("/opinion-maps", opinion_maps_router)
    api.add_router("/petitions", petitions_router)
    api.add_router("/investment-supervision", investment_supervision_router)
    api.add_router("/consultations", consultations_router)
    api.add_router("/situation-reports", situation_reports_router)


def api_urls() -> tuple[list[URLPattern | URLResolver], str, str]:
    """Ninja decides access per route (a token or session by default, `auth=None` for open data), so Django's
    LoginRequiredMiddleware, which would redirect API clients to an HTML page, is told to step aside."""
    register_routers()
    patterns, app_name, namespace = api.urls
    for pattern in patterns:
        if isinstance(pattern, URLPattern):
            pattern.callback = login_not_required(pattern.callback)
    return patterns, app_name, namespace
