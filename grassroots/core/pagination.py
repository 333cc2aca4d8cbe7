"""API pagination with bounds: a page number far past the end is an empty page, not a database error."""

from typing import Any

from ninja import Field, Schema
from ninja.pagination import PageNumberPagination

MAX_PAGE = 1_000_000
MAX_PAGE_SIZE = 500

# Responses every API route may give besides its 200, for the OpenAPI schema (schemathesis checks them).
ERROR_SCHEMA = {"type": "object", "properties": {"detail": {}}, "required": ["detail"]}


def error_responses(*codes: int) -> dict[str, Any]:
    descriptions = {401: "Not logged in, or the second step is missing", 403: "A session without its CSRF token",
                    404: "Not found, or not yours to see",
                    409: "Conflict", 422: "Invalid input"}  # fmt: skip
    return {
        "responses": {
            str(code): {"description": descriptions[code], "content": {"application/json": {"schema": ERROR_SCHEMA}}}
            for code in codes
        }
    }


class BoundedPagination(PageNumberPagination):
    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE)
        page_size: int | None = Field(None, ge=1, le=MAX_PAGE_SIZE)
