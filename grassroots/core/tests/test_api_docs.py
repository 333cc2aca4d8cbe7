"""The API's interactive documentation (/api/v1/docs) is served from the platform's own static files."""

import re

from django.contrib.staticfiles import finders


def test_the_interactive_documentation_is_served_without_a_cdn(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui-bundle.js" in html and "/api/v1/openapi.json" in html
    # Every script and stylesheet is the platform's own: nothing from another origin (communes run on intranets).
    assert not re.search(r'(src|href)="(https?:)?//', html)
    for asset in ("ninja/swagger-ui-bundle.js", "ninja/swagger-ui-init.js", "ninja/swagger-ui.css"):
        assert finders.find(asset), asset


def test_the_documentation_is_linked_from_the_api_tokens_page(client, world, sign_in):
    sign_in(client, world["resident_a1"])
    assert 'href="/api/v1/docs"' in client.get("/account/api-tokens/").content.decode()
