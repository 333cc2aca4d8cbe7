"""Every page of the journeys cites the law in the official form of its language, never in the code's
shorthand ("Law Art 16(2)", "D59 Art 5"), and a citation of the Law or its decrees links to the library."""

import re

import pytest
from django.test import Client

from grassroots.accounts.models import User

from .pages import paths, seed

SHORTHAND = re.compile(r"\b(Law|D59|D61|D145|Decree 59|Decree 61)\s+Arts?\b")
ENGLISH_ARTICLE = re.compile(r"\bArts?\.? ?\d")  # "Art 16" on a Vietnamese or Russian page
# The official form of a library document's citation, as each language writes it.
OFFICIAL = {
    "vi": re.compile(r"Điều \d+ (Luật Thực hiện dân chủ ở cơ sở|Nghị định 59/2023/NĐ-CP|Nghị định 61/2023/NĐ-CP)"),
    "en": re.compile(r"(Law on Grassroots Democracy|Decree 59/2023/ND-CP|Decree 61/2023/ND-CP), Art \d+"),
    "ru": re.compile(r"ст\. \d+ (Закона о реализации демократии|Постановления 59/2023|Постановления 61/2023)"),
}
# Where a link cannot be (an option of a drop-down, a form label, the window title), or already is.
NOT_LINKABLE = re.compile(r"<a\b[^>]*>.*?</a>|<(select|label|title)\b.*?</\1>", re.S)
SKIP = re.compile(r"<(script|style|textarea)\b.*?</\1>|<input\b[^>]*>", re.S)


def _client(username: str | None) -> Client:
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client = Client()
    if username is None:
        return client
    user = User.objects.get(username=username)
    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is not None:
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


@pytest.mark.django_db
def test_pages_cite_the_law_in_the_official_form_and_link_it():  # type: ignore[no-untyped-def]
    seed()
    problems = []
    for language in ("vi", "en", "ru"):
        problems += _check(language)
    assert problems == [], "\n".join(problems)


def _check(language: str) -> list[str]:
    problems = []
    linked = 0
    for who, pages in paths(language).items():
        client = _client(who)
        for page in pages:
            response = client.get(page)
            if response.status_code != 200:
                problems.append(f"{who} {page}: {response.status_code}")
                continue
            html = SKIP.sub("", response.content.decode())
            for found in SHORTHAND.finditer(html):
                problems.append(f"{who} {page}: shorthand {html[max(0, found.start() - 60) : found.end() + 10]!r}")
            # The library has no Russian content yet: its pages say so and show the English summaries.
            if language == "vi" or (language == "ru" and "/library/" not in page):
                for found in ENGLISH_ARTICLE.finditer(html):
                    problems.append(f"{who} {page}: English {html[max(0, found.start() - 60) : found.end() + 10]!r}")
            # A citation outside every link is a citation nobody can follow to the library.
            unlinked = NOT_LINKABLE.sub("", html)
            for found in OFFICIAL[language].finditer(unlinked):
                problems.append(f"{who} {page}: not linked {found.group(0)!r}")
            linked += len(re.findall(r'<a href="(/en|/ru)?/library/[a-z0-9-]+/\d+/"', html))
    if linked < 10:  # the console, the refusals and the library link the articles they cite
        problems.append(f"{language}: only {linked} links to articles of the library")
    return problems
