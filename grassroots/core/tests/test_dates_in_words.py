"""Issue 9: dates in sentences read in words ("ngày 5 tháng 12 năm 2026"), never as ISO or bare numbers:
the formats of config/formats, and no sentence of a template or message that formats a date in figures."""

import datetime as dt
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import formats, timezone, translation

DAY = dt.date(2026, 12, 5)
ROOT = Path(settings.BASE_DIR)
MESSAGE = re.compile(r'_\(\s*(?:"(?:[^"\\]|\\.)*"\s*)+\)\s*%\s*\{[^}]*\}', re.S)


@pytest.mark.parametrize(
    ("language", "date", "moment"),
    [
        ("vi", "ngày 5 tháng 12 năm 2026", "14:30, ngày 5 tháng 12 năm 2026"),
        ("en", "5 December 2026", "5 December 2026, 14:30"),
        ("ru", "5 декабря 2026 г.", "5 декабря 2026 г., 14:30"),
    ],
)
def test_dates_in_prose_read_in_words(language, date, moment):
    at = timezone.make_aware(dt.datetime(2026, 12, 5, 14, 30))
    with translation.override(language):
        assert formats.date_format(DAY, "DATE_FORMAT") == date
        assert formats.date_format(at, "DATETIME_FORMAT") == moment


def _templates() -> list[Path]:
    return [p for p in [*ROOT.glob("grassroots/*/templates/**/*.html"), *ROOT.glob("templates/**/*.html")]]


def test_no_sentence_of_a_template_formats_a_date_in_figures():
    """A date inside {% blocktranslate %} is part of a sentence: DATE_FORMAT or DATETIME_FORMAT, never
    SHORT_* (05-12-2026), an ISO date (Y-m-d) or a hand-made d/m/Y."""
    figures = re.compile(r'\|date:"(SHORT_DATE_FORMAT|SHORT_DATETIME_FORMAT|[^"]*[Ymdnj][-/.][^"]*)"')
    offenders = []
    for path in _templates():
        for tag in re.findall(r"\{% blocktranslate [^%]*%\}", path.read_text(encoding="utf-8")):
            if figures.search(tag):
                offenders.append(f"{path.relative_to(ROOT)}: {tag}")
    assert not offenders, "\n".join(offenders)


def test_no_message_interpolates_an_iso_date():
    """A date put into a translated message goes through formats.date_format, not isoformat()/strftime."""
    pattern = re.compile(r'"[a-z_]+": [\w.()]+\.(isoformat\(\)|strftime\("%d/%m/%Y[^"]*"\))')
    # A translated message and the values put into it: _("…" "…") % {…}.
    offenders = []
    for path in ROOT.glob("grassroots/**/*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        for block in MESSAGE.findall(text):
            if pattern.search(block):
                offenders.append(f"{path.relative_to(ROOT)}: {block[:120]}")
    assert not offenders, "\n".join(offenders)
