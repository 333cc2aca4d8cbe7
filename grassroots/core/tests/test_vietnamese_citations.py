"""Vietnamese pages cite the law as Vietnamese officials write it ("khoản 2 Điều 16 Luật Thực hiện dân chủ
ở cơ sở", "điểm c khoản 5 Điều 3 Nghị định 59/2023/NĐ-CP"), never in the English shorthand of the code."""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

from grassroots.library.templatetags.citations import link_citations

SHORTHAND = re.compile(r"\b(Law|D59|D61|D145)\s+Arts?\b|\bArt\s+\d")


def _vi() -> polib.POFile:
    return polib.pofile(str(Path(settings.BASE_DIR) / "locale" / "vi" / "LC_MESSAGES" / "django.po"))


def test_no_vietnamese_message_cites_the_law_in_english_shorthand():
    wrong = [
        e.msgid[:80]
        for e in _vi()
        if not e.obsolete and any(SHORTHAND.search(t or "") for t in [e.msgstr, *e.msgstr_plural.values()])
    ]
    assert wrong == []


@pytest.mark.django_db
def test_a_vietnamese_refusal_links_each_article_it_cites():
    with translation.override("vi"):
        from django.utils.translation import gettext

        text = gettext("Record the 2 household representatives who witness the count. (D59 Art 4(6)(a))")
        html = link_citations(text)
    assert "điểm a khoản 6 Điều 4 Nghị định 59/2023/NĐ-CP" in text
    assert 'href="/library/decree-59-2023/4/"' in html


def test_citations_kept_as_data_render_in_the_official_form_of_the_page():
    from grassroots.library.citations import official_form

    assert official_form("Law Art 17, Art 19(1); D59 Art 5(1)", "vi") == (
        "Điều 17 Luật Thực hiện dân chủ ở cơ sở, khoản 1 Điều 19 Luật Thực hiện dân chủ ở cơ sở; "
        "khoản 1 Điều 5 Nghị định 59/2023/NĐ-CP"
    )
    assert official_form("Law Art 16(2)–(3)", "vi") == "khoản 2 và khoản 3 Điều 16 Luật Thực hiện dân chủ ở cơ sở"
    assert official_form("D59 Art 5(1)(a)", "en") == "Decree 59/2023/ND-CP, Art 5(1)(a)"
    assert official_form("Law Art 16(2)", "ru") == "п. 2 ст. 16 Закона о реализации демократии на низовом уровне"


SHORT = re.compile(r"\b(Law|D59|D61|D145|Decree 59|Decree 61)\s+Arts?\b")


@pytest.mark.parametrize("language", ["en", "ru"])
def test_english_and_russian_messages_cite_the_law_in_their_official_form(language):
    """ "Law on Grassroots Democracy, Art 16(2)" and "п. 2 ст. 16 Закона о реализации демократии на низовом
    уровне", never "Law Art 16(2)" (a Russian message left untranslated would show the shorthand too)."""
    po = polib.pofile(str(Path(settings.BASE_DIR) / "locale" / language / "LC_MESSAGES" / "django.po"))
    wrong = []
    for e in po:
        if e.obsolete or not SHORT.search(e.msgid):
            continue
        texts = list(e.msgstr_plural.values()) if e.msgid_plural else [e.msgstr]
        if any(not t or SHORT.search(t) or (language == "ru" and re.search(r"\bArts? \d", t)) for t in texts):
            wrong.append(e.msgid[:80])
    assert wrong == []


def test_several_articles_in_the_official_form_of_each_language():
    from grassroots.library.citations import official_form

    assert official_form("D59 Arts 10–11", "vi") == "Điều 10–11 Nghị định 59/2023/NĐ-CP"
    assert official_form("D59 Arts 12, 13 and 14", "vi") == "Điều 12, 13 và 14 Nghị định 59/2023/NĐ-CP"
    assert official_form("D59 Arts 10–11", "en") == "Decree 59/2023/ND-CP, Arts 10–11"
    assert official_form("Law Arts 60–63", "ru") == "ст. 60–63 Закона о реализации демократии на низовом уровне"
