"""The gettext catalogs (vi, en, ru) are complete, well-formed and in step with the source.

Regenerate and compile them from the project root with:

    .venv/bin/python manage.py makemessages -l vi -l en -l ru --no-obsolete --ignore=.venv \
        --ignore=node_modules --ignore=static --ignore=bench --ignore=e2e --ignore=var
    .venv/bin/python manage.py compilemessages --ignore=.venv --ignore=node_modules
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

BASE_DIR = Path(settings.BASE_DIR)
LANGUAGES = ["vi", "en", "ru"]
EXPECTED_NPLURALS = {"vi": 1, "en": 2, "ru": 3}
# The same --ignore list as the regeneration command in the module docstring.
IGNORED = [".venv", "node_modules", "static", "bench", "e2e", "var"]
SOURCE_DIRS = ["grassroots", "templates", "config"]

# A printf-style conversion as Python's % operator reads it: %(name)s, %s, %d, %.1f; "%%" is a literal.
PLACEHOLDER = re.compile(r"%(?:\((?P<name>[^)]*)\))?[#0 +-]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[diouxXeEfFgGcrsa%]")


@pytest.fixture(autouse=True)
def _restore_language():
    """A request to /ru/ leaves Russian active in this thread; later tests must not inherit it."""
    yield
    translation.deactivate()


def catalog_path(lang: str) -> Path:
    return BASE_DIR / "locale" / lang / "LC_MESSAGES" / "django.po"


def load(lang: str) -> polib.POFile:
    path = catalog_path(lang)
    assert path.exists(), f"{path} is missing; run makemessages"
    return polib.pofile(str(path))


def entries(po: polib.POFile) -> list[polib.POEntry]:
    return [e for e in po if not e.obsolete]


def label(entry: polib.POEntry) -> str:
    return f"{entry.msgctxt}|{entry.msgid!r}" if entry.msgctxt else repr(entry.msgid)


def nplurals(po: polib.POFile) -> int:
    match = re.search(r"nplurals\s*=\s*(\d+)", po.metadata.get("Plural-Forms", ""))
    assert match, "the header has no Plural-Forms"
    return int(match.group(1))


def placeholders(text: str) -> Counter[str]:
    """Named placeholders by name, positional ones in order (their order is part of their meaning)."""
    found: Counter[str] = Counter()
    position = 0
    for m in PLACEHOLDER.finditer(text):
        if m.group() == "%%":
            continue
        if m.group("name") is not None:
            found[m.group()] += 1
        else:
            found[f"#{position}:{m.group()}"] += 1
            position += 1
    return found


@pytest.mark.parametrize("lang", LANGUAGES)
def test_header(lang):
    po = load(lang)
    assert not po.metadata_is_fuzzy, f"{lang}: the header is marked fuzzy"
    assert po.metadata.get("Language") == lang, f"{lang}: header Language is {po.metadata.get('Language')!r}"
    assert "charset=UTF-8" in po.metadata.get("Content-Type", ""), f"{lang}: the catalog is not declared UTF-8"
    assert nplurals(po) == EXPECTED_NPLURALS[lang], f"{lang}: Plural-Forms is {po.metadata.get('Plural-Forms')!r}"


def test_russian_has_three_plural_forms():
    po = load("ru")
    assert nplurals(po) == 3
    for entry in entries(po):
        if entry.msgid_plural:
            assert sorted(entry.msgstr_plural) == [0, 1, 2], f"ru: {label(entry)} needs 3 plural forms"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_entry_is_translated_and_not_fuzzy(lang):
    po = load(lang)
    n = nplurals(po)
    problems = []
    for entry in entries(po):
        if "fuzzy" in entry.flags:
            problems.append(f"fuzzy: {label(entry)}")
        if entry.msgid_plural:
            forms = [entry.msgstr_plural.get(i, "") for i in range(n)]
            if not all(f.strip() for f in forms) or len(entry.msgstr_plural) != n:
                problems.append(f"plural forms not all filled ({n} needed): {label(entry)}")
        elif not entry.msgstr.strip():
            problems.append(f"untranslated: {label(entry)}")
    assert not problems, f"{lang}: " + "\n".join(problems)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_translations_keep_the_placeholders(lang):
    po = load(lang)
    problems = []
    for entry in entries(po):
        if entry.msgid_plural:
            # The singular form may serve other numbers too (Russian 21, 31…), so every form keeps them.
            expected = placeholders(entry.msgid_plural) | placeholders(entry.msgid)
            translations = list(entry.msgstr_plural.values())
        else:
            expected = placeholders(entry.msgid)
            translations = [entry.msgstr]
        for text in translations:
            if text and placeholders(text) != expected:
                problems.append(
                    f"{label(entry)}: expected {sorted(expected)}, got {sorted(placeholders(text))} in {text!r}"
                )
    assert not problems, f"{lang}:\n" + "\n".join(problems)


def test_catalogs_are_up_to_date_with_the_source(tmp_path):
    """makemessages on a copy of the source finds no string that the catalogs lack."""
    work = tmp_path / "src"
    work.mkdir()
    skip = shutil.ignore_patterns("__pycache__", "*.pyc", "*.mo", "*.po")
    for name in SOURCE_DIRS:
        shutil.copytree(BASE_DIR / name, work / name, ignore=skip)
    shutil.copy2(BASE_DIR / "manage.py", work / "manage.py")
    # settings.LOCALE_PATHS is <copy>/locale, next to the copied config/: the real catalogs stay untouched.
    (work / "locale").mkdir()
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "DJANGO_SETTINGS_MODULE"}}
    env.update(DJANGO_SETTINGS_MODULE="config.settings", VAR_DIR=str(tmp_path / "var"), PRODUCTION="0")
    real_before = {lang: catalog_path(lang).read_bytes() for lang in LANGUAGES}
    result = subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "en", "--no-obsolete", "--no-location", "-v0"]
        + [f"--ignore={pattern}" for pattern in IGNORED],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert {lang: catalog_path(lang).read_bytes() for lang in LANGUAGES} == real_before, "real catalogs changed"
    fresh_path = work / "locale" / "en" / "LC_MESSAGES" / "django.po"
    assert fresh_path.exists(), f"makemessages wrote no catalog into the copy: {result.stdout}{result.stderr}"
    fresh = {(e.msgctxt, e.msgid, e.msgid_plural) for e in entries(polib.pofile(str(fresh_path)))}
    assert fresh, "makemessages found no translatable strings in the copy"
    for lang in LANGUAGES:
        known = {(e.msgctxt, e.msgid, e.msgid_plural) for e in entries(load(lang))}
        missing = sorted(fresh - known, key=lambda key: (key[0] or "", key[1]))
        assert not missing, (
            f"{lang}: {len(missing)} source strings are missing from locale/{lang}/LC_MESSAGES/django.po "
            "(run makemessages, translate, compilemessages):\n"
            + "\n".join(f"  {ctxt + '|' if ctxt else ''}{msgid!r}" for ctxt, msgid, _ in missing)
        )


@pytest.mark.django_db
@pytest.mark.parametrize(("url", "lang"), [("/", "vi"), ("/en/", "en"), ("/ru/", "ru")])
def test_pages_are_served_in_their_language(client, url, lang):
    response = client.get(url)
    assert response.status_code == 200
    assert f'<html lang="{lang}">' in response.content.decode()


@pytest.mark.django_db
def test_vietnamese_home_page_shows_the_slogan_in_vietnamese(client):
    # The unprefixed URL is Vietnamese whatever the browser asks for.
    body = client.get("/", headers={"Accept-Language": "en"}).content.decode()
    assert '<html lang="vi">' in body
    assert "Dân biết, dân bàn" in body
    assert "Residents know" not in body


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "slogan"),
    [("/en/", "Residents know, discuss"), ("/ru/", "Народ знает, народ обсуждает")],
)
def test_other_home_pages_show_the_slogan_in_their_language(client, url, slogan):
    assert slogan in client.get(url).content.decode()
