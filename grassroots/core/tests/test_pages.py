from pathlib import Path

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def test_home_page_stays_under_150_kb_with_its_assets(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content
    assets = [settings.BASE_DIR / "static/css/app.css", settings.BASE_DIR / "static/vendor/htmx.min.js"]
    total = len(html) + sum(Path(a).stat().st_size for a in assets)
    assert total < 150 * 1024, f"first load is {total} bytes"
    assert b"//cdn" not in html and b"https://" not in html  # no CDN: communes run on intranets


def test_pages_have_no_inline_script(client, world):
    for url in ["/", "/units/", "/units/AC/"]:
        body = client.get(url).content.decode()
        assert "<script>" not in body and "onclick=" not in body, url
