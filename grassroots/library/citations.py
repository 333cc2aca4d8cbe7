"""Legal citations as the code and its messages write them, read back into (document, article).

The forms understood (English, as in `rules.py` and refusal messages):

- "Law Art 21(1)", "Law 10/2022/QH15 Art 18(2)", "Art 16(3)" (a bare article is the Law's);
- "D59 Art 5(1)(a)", "Decree 59 Art 4", "Decree 59/2023/ND-CP Art 4", "D61 Art 10";
- lists and ranges: "D59 Arts 3(5)(c), 4(3)", "Arts 8–9", "Art 15(1)–(6)";
- a chain keeps its document: "Law Art 17(2), Art 19(1)(b)" and "D59 Art 3(5)(c), Art 4(6)(a)";
  a bare "Art" after other words is the Law's again ("D59 Art 4(4): …; Art 4(2)" reads Law Art 4);
- other documents are recognised so that their articles are not mistaken for the Law's, and get
  codes the library does not hold: "Civil Code 2015 (…) Art 20(1)" → "civil-code-2015",
  "Circular 59/2021/TT-BCA Art 7" → "circular-59-2021", "Decree 137/2015/ND-CP Art 7" →
  "decree-137-2015", "MTTQ Law Art 6" → "law-mttq";

and the usual Vietnamese forms: "Điều 21", "khoản 1 Điều 21 Luật", "điểm a khoản 1 Điều 5 Nghị định 59".

`parse_citations` never raises; text that is not a citation is simply not one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

LAW = "law-10-2022"
D59 = "decree-59-2023"
D61 = "decree-61-2023"
LIBRARY_DOCUMENTS = frozenset({LAW, D59, D61})

MAX_EXPANDED_RANGE = 100  # "Arts 46–82" lists every article; a longer "range" is a typo, not a citation


class Citation(NamedTuple):
    """One article (or clause, or point) of one document: the one citation type of the code.

    `official(language)` writes it as officials of that language write it, `url()` is its article's page
    in the library; the `cite`/`link_citations` filters and `official_form` all go through them."""

    document_code: str
    article: int
    clause: str = ""  # "1" in "Art 21(1)"
    point: str = ""  # "a" in "Art 5(1)(a)"

    def official(self, language: str | None, upto: str = "") -> str:
        """ "khoản 2 Điều 16 Luật Thực hiện dân chủ ở cơ sở" (vi), "Law on Grassroots Democracy, Art 16(2)"
        (en), "п. 2 ст. 16 Закона о реализации демократии на низовом уровне" (ru). `upto` is the last clause
        of a run of clauses ("16(2)–(3)")."""
        lang = _language(language)
        name = OFFICIAL_NAMES[lang].get(self.document_code, self.document_code)
        if lang == "en":
            return f"{name}, {self.english_item(upto)}"
        return f"{_item(lang, self.article, self.clause, self.point, upto)} {name}"

    def english_item(self, upto: str = "") -> str:
        """ "Art 5(1)(c)": the article as the English form writes it after the document's name."""
        parts = (f"({self.clause})" if self.clause else "") + (f"({self.point})" if self.point else "")
        return f"Art {self.article}{parts}" + (f"–({upto})" if upto else "")

    def url(self) -> str | None:
        """The article's page in the library, or None for a document the library does not hold."""
        if self.document_code not in LIBRARY_DOCUMENTS:
            return None
        from django.urls import reverse

        return reverse("library:article", args=[self.document_code, self.article])


class CitationSpan(NamedTuple):
    """Where a citation is written in the text; `start`/`end` are None for the inside of a range
    ("Arts 11–14" links 11 and 14 but also cites 12 and 13)."""

    start: int | None
    end: int | None
    citation: Citation


_PART = r"\((?:[0-9]{1,2}|[a-zđ])\)"
_KEYWORD = re.compile(r"\b(?P<kw>Articles?|Arts?)\.?\s+(?=[0-9])")
_REF = re.compile(
    rf"(?P<num>[0-9]{{1,3}})(?![0-9])(?P<parts>(?:{_PART})*)"
    rf"(?:\s*[–—-]\s*(?:(?P<to>[0-9]{{1,3}})(?![0-9(])|{_PART}(?:{_PART})*))?"
)
_LIST_SEPARATOR = re.compile(r"\s*(?:,|&|\band\b)\s*(?=[0-9])")
# What may stand between two citations of one chain: "Law Art 17(2), Art 19(1)(b)".
_CHAIN_GAP = re.compile(r"[\s,;&]*(?:(?:and|or|và|hoặc)[\s,;&]*)?")

_PAREN = r"(?:\s*\([^()\n]{0,100}\))?,?\s*$"  # "Civil Code 2015 (Bộ luật Dân sự 91/2015/QH13) Art 20(1)"
_DECREE_BEFORE = re.compile(
    rf"(?:\bD(?P<short>[0-9]{{1,3}})|\b(?:Decree|ND|NĐ)\s+(?:No\.?\s*)?(?P<n>[0-9]{{1,3}})"
    rf"(?:/(?P<y>[0-9]{{4}})(?:/[A-Za-zĐ-]+)?)?){_PAREN}"
)
_LAW_BEFORE = re.compile(
    rf"(?:\b(?P<q>[A-Z][A-Za-z]*)\s+)?\b(?P<law>Law)(?:\s+on\s+Grassroots\s+Democracy|\s+(?:No\.?\s*)?(?P<n>[0-9]{{1,3}})/(?P<y>[0-9]{{4}})(?:/QH[0-9]+)?)?{_PAREN}"
)
_CODE_BEFORE = re.compile(rf"\b(?P<name>Civil|Labou?r|Criminal)\s+Code(?:\s+(?P<y>[0-9]{{4}}))?{_PAREN}")
_LC_BEFORE = re.compile(rf"\bLC{_PAREN}")
_CIRCULAR_BEFORE = re.compile(
    rf"\b(?:Circular|TT)\s+(?:No\.?\s*)?(?P<n>[0-9]{{1,3}})/(?P<y>[0-9]{{4}})(?:/[A-Za-zĐ-]+)?{_PAREN}"
)
# "MTTQ Law", "Trade Union Law", "Land Law": laws other than Law 10/2022.
_OTHER_LAW_WORDS = frozenset(
    [
        "Union",
        "Labour",
        "Labor",
        "Youth",
        "Land",
        "Front",
        "Complaints",
        "Complaint",
        "Denunciations",
        "Denunciation",
        "Information",
        "Investment",
        "Planning",
        "Budget",
        "Election",
        "Organisation",
        "Organization",
        "Enterprise",
        "Enterprises",
        "Construction",
        "Housing",
        "Data",
        "Protection",
    ]
)

_VI_NUMBER = r"[0-9]{1,3}(?![0-9])(?:\s*[–—-]\s*[0-9]{1,3}(?![0-9]))?"
_VIETNAMESE = re.compile(
    r"(?:(?:[Đđ]iểm\s+(?P<point>[a-zđ])\s*,?\s+)?[Kk]hoản\s+(?P<clause>[0-9]{1,2})\s*,?\s+)?"
    rf"\b[Đđ]iều\s+(?P<nums>{_VI_NUMBER}(?:\s*(?:,|và)\s*{_VI_NUMBER})*)"
    r"(?:\s+(?:của\s+)?(?:"
    r"(?P<law>Luật(?:\s+(?:số\s+)?(?P<ln>[0-9]{1,3})/(?P<ly>[0-9]{4})(?:/QH[0-9]+)?"
    r"|\s+Thực\s+hiện\s+dân\s+chủ\s+ở\s+cơ\s+sở)?(?=\s+(?P<lword>\w+))?)"
    r"|(?P<code>Bộ\s+luật\s+(?P<cname>Dân\s+sự|Lao\s+động|Hình\s+sự)(?:\s+(?:năm\s+)?(?P<cy>[0-9]{4}))?)"
    r"|(?:Nghị\s+định|NĐ)\s+(?:số\s+)?(?P<dn>[0-9]{1,3})(?:/(?P<dy>[0-9]{4})(?:/NĐ-CP)?)?"
    r"|Thông\s+tư\s+(?:số\s+)?(?P<tn>[0-9]{1,3})/(?P<ty>[0-9]{4})(?:/[A-ZĐ-]+)?"
    r"))?"
)
_RUSSIAN = re.compile(
    r"(?:подп\.\s*«(?P<point>[a-zđ])»\s+)?(?:пп?\.\s*(?P<clause>[0-9]{1,2})(?:\s+и\s+[0-9]{1,2})?\s+)?"
    r"(?<!\w)ст\.\s*(?P<num>[0-9]{1,3})(?![0-9])(?:(?:\s*[–—-]\s*|,\s*|\s+и\s+)[0-9]{1,3}(?![0-9]))*"
    r"(?:\s+(?:(?P<law>Закона\s+о\s+реализации\s+демократии\s+на\s+низовом\s+уровне)"
    r"|Постановления\s+(?:№\s*)?(?P<dn>[0-9]{1,3})(?:/(?P<dy>[0-9]{4})(?:/N[ĐD]-CP)?)?))?"
)
_VI_ITEM = re.compile(r"(?P<num>[0-9]{1,3})(?![0-9])(?:\s*[–—-]\s*(?P<to>[0-9]{1,3})(?![0-9]))?")


def parse_citations(text: str) -> list[Citation]:
    """Every article cited in `text`, in order (ranges expanded)."""
    return [span.citation for span in citation_spans(text)]


def citation_spans(text: str) -> list[CitationSpan]:
    """The citations of `text` with their positions, sorted by position."""
    if not isinstance(text, str) or not text:
        return []
    keyed = [*_keyed(_english_spans(text)), *_keyed(_vietnamese_spans(text)), *_keyed(_russian_spans(text))]
    return [span for _key, span in sorted(keyed, key=lambda pair: pair[0])]


def _keyed(spans: Iterator[CitationSpan]) -> Iterator[tuple[int, CitationSpan]]:
    """Sort keys that keep the inside of a range right after its first article (a stable sort)."""
    key = -1
    for span in spans:
        key = span.start if span.start is not None else key
        yield key, span


def _decree_code(number: str, year: str | None) -> str:
    n = int(number)
    if n == 59 and year in (None, "2023"):
        return D59
    if n == 61 and year in (None, "2023"):
        return D61
    return f"decree-{n}-{year}" if year else f"decree-{n}"


def _law_code(number: str | None, year: str | None, qualifier: str | None) -> str:
    if number is not None:
        return LAW if (int(number), year) == (10, "2022") else f"law-{int(number)}-{year}"
    if qualifier and (qualifier in _OTHER_LAW_WORDS or (len(qualifier) > 1 and qualifier.isupper())):
        return f"law-{qualifier.lower()}"
    return LAW


def _document_before(before: str) -> tuple[str, int] | None:
    """The document named right before an "Art", and where its name starts in `before`."""
    if m := _DECREE_BEFORE.search(before):
        if m.group("short"):
            return _decree_code(m.group("short"), None), m.start()
        return _decree_code(m.group("n"), m.group("y")), m.start()
    if m := _CODE_BEFORE.search(before):
        name = m.group("name").lower().replace("labor", "labour")
        return f"{name}-code" + (f"-{m.group('y')}" if m.group("y") else ""), m.start()
    if m := _LC_BEFORE.search(before):
        return "labour-code", m.start()
    if m := _CIRCULAR_BEFORE.search(before):
        return f"circular-{int(m.group('n'))}-{m.group('y')}", m.start()
    if m := _LAW_BEFORE.search(before):
        qualifier = m.group("q")
        code = _law_code(m.group("n"), m.group("y"), qualifier)
        return code, (m.start("law") if code == LAW else m.start())
    return None


def _clause_and_point(parts: str) -> tuple[str, str]:
    found = re.findall(r"\(([0-9]{1,2}|[a-zđ])\)", parts)
    clause = found[0] if found and found[0].isdigit() else ""
    letters = [p for p in found if not p.isdigit()]
    return clause, (letters[0] if letters else "")


def _english_spans(text: str) -> Iterator[CitationSpan]:
    previous_end: int | None = None
    previous_document = LAW
    for keyword in _KEYWORD.finditer(text):
        if previous_end is not None and keyword.start() < previous_end:
            continue  # inside the list just read
        window = max(0, keyword.start() - 160)
        named = _document_before(text[window : keyword.start()])
        if named is not None:
            document, start = named[0], window + named[1]
        elif previous_end is not None and _CHAIN_GAP.fullmatch(text, previous_end, keyword.start()):
            document, start = previous_document, keyword.start()
        else:
            document, start = LAW, keyword.start()
        plural = keyword.group("kw") in ("Arts", "Articles")
        position = keyword.end()
        first = True
        while True:
            ref = _REF.match(text, position)
            if ref is None:
                break
            yield from _ref_spans(ref, document, start if first else ref.start())
            first = False
            position = previous_end = ref.end()
            previous_document = document
            if not plural:
                break
            separator = _LIST_SEPARATOR.match(text, position)
            if separator is None:
                break
            position = separator.end()


def _ref_spans(ref: re.Match[str], document: str, start: int) -> Iterator[CitationSpan]:
    number = int(ref.group("num"))
    clause, point = _clause_and_point(ref.group("parts"))
    last = int(ref.group("to")) if ref.group("to") else number
    if number == 0:
        return
    if last <= number or last - number > MAX_EXPANDED_RANGE:
        yield CitationSpan(start, ref.end("parts"), Citation(document, number, clause, point))
        return
    yield CitationSpan(start, ref.end("parts"), Citation(document, number, clause, point))
    for inner in range(number + 1, last):
        yield CitationSpan(None, None, Citation(document, inner))
    yield CitationSpan(ref.start("to"), ref.end("to"), Citation(document, last))


def _russian_spans(text: str) -> Iterator[CitationSpan]:
    """ "п. 2 ст. 16 Закона о реализации демократии на низовом уровне", "ст. 5 Постановления 59/2023/NĐ-CP"."""
    for m in _RUSSIAN.finditer(text):
        document = _decree_code(m.group("dn"), m.group("dy")) if m.group("dn") else LAW
        number = int(m.group("num"))
        if number:
            yield CitationSpan(
                m.start(), m.end(), Citation(document, number, m.group("clause") or "", m.group("point") or "")
            )


def _vietnamese_spans(text: str) -> Iterator[CitationSpan]:
    for m in _VIETNAMESE.finditer(text):
        if m.group("dn"):
            document = _decree_code(m.group("dn"), m.group("dy"))
        elif m.group("tn"):
            document = f"circular-{int(m.group('tn'))}-{m.group('ty')}"
        elif m.group("code"):
            name = {"dân": "civil", "lao": "labour", "hình": "criminal"}[m.group("cname").split()[0].lower()]
            document = f"{name}-code" + (f"-{m.group('cy')}" if m.group("cy") else "")
        elif m.group("law") and m.group("ln"):
            document = _law_code(m.group("ln"), m.group("ly"), None)
        elif m.group("law") and (m.group("lword") or "")[:1].isupper() and m.group("lword") != "Thực":
            document = "law-other"  # "Điều 5 Luật Đất đai": another law
        else:
            document = LAW
        items = list(_VI_ITEM.finditer(text, m.start("nums"), m.end("nums")))
        if len(items) == 1 and not items[0].group("to"):
            # "khoản 1 Điều 21 Luật": the whole phrase is the link.
            number = int(items[0].group("num"))
            if number:
                citation = Citation(document, number, m.group("clause") or "", m.group("point") or "")
                yield CitationSpan(m.start(), m.end(), citation)
            continue
        for index, item in enumerate(items):
            start = m.start() if index == 0 else item.start()
            number = int(item.group("num"))
            last = int(item.group("to")) if item.group("to") else number
            if number == 0:
                continue
            first_clause = (m.group("clause") or "", m.group("point") or "") if index == 0 else ("", "")
            yield CitationSpan(start, item.end("num"), Citation(document, number, *first_clause))
            if number < last <= number + MAX_EXPANDED_RANGE:
                for inner in range(number + 1, last):
                    yield CitationSpan(None, None, Citation(document, inner))
                yield CitationSpan(item.start("to"), item.end("to"), Citation(document, last))


# --- The code's shorthand in the official form of each language ------------------------------------
# The code and its English messages cite "Law Art 16(2)", "D59 Art 3(5)(c), Art 4(6)(a)"; pages show what
# officials write: "khoản 2 Điều 16 Luật Thực hiện dân chủ ở cơ sở", "điểm c khoản 5 Điều 3 Nghị định
# 59/2023/NĐ-CP" (vi); "Law on Grassroots Democracy, Art 16(2)", "Decree 59/2023/ND-CP, Art 3(5)(c)" (en);
# "п. 2 ст. 16 Закона о реализации демократии на низовом уровне", "подп. «c» п. 5 ст. 3 Постановления
# 59/2023/NĐ-CP" (ru). The catalogs are written in these forms (a test checks them); `official_form`
# renders citations that the code keeps as data (a console step's article) through `Citation.official`.
OFFICIAL_NAMES = {
    "vi": {LAW: "Luật Thực hiện dân chủ ở cơ sở", D59: "Nghị định 59/2023/NĐ-CP", D61: "Nghị định 61/2023/NĐ-CP"},
    "en": {LAW: "Law on Grassroots Democracy", D59: "Decree 59/2023/ND-CP", D61: "Decree 61/2023/ND-CP"},
    "ru": {
        LAW: "Закона о реализации демократии на низовом уровне",
        D59: "Постановления 59/2023/NĐ-CP",
        D61: "Постановления 61/2023/NĐ-CP",
    },
}
VIETNAMESE_NAMES = {
    "Law": OFFICIAL_NAMES["vi"][LAW],
    "D59": OFFICIAL_NAMES["vi"][D59],
    "D61": OFFICIAL_NAMES["vi"][D61],
}
_SHORT_DOCUMENTS = {"Law": LAW, "D59": D59, "D61": D61}
_SHORT_ITEM = re.compile(r"Art (\d+)((?:\(\w+\))*)(?:–((?:\(\w+\))+))?")
_SHORT_GROUP = re.compile(
    r"\b(Law|D59|D61) (Art \d+(?:\(\w+\))*(?:–(?:\(\w+\))+)?(?:, Art \d+(?:\(\w+\))*(?:–(?:\(\w+\))+)?)*)"
)


# "D59 Arts 10–11", "D59 Arts 12, 13 and 14": several whole articles of one document.
_SHORT_PLURAL = re.compile(
    r"\b(Law|D59|D61) Arts ([0-9]+(?:\s*[–-]\s*[0-9]+|(?:,\s*[0-9]+)*,?\s+and\s+[0-9]+|(?:,\s*[0-9]+)+)?)"
)


# "Law Arts 12(3), 13": a list in which an article names its clause is read as the chain "Law Art 12(3), Art 13",
# so that each article is written with its own clause ("khoản 3 Điều 12 …, Điều 13 …"), never "Điều 12 …(3), 13".
_SHORT_PLURAL_WITH_PARTS = re.compile(
    r"\b(Law|D59|D61) Arts ([0-9]+(?:\((?:[0-9]{1,2}|[a-zđ])\))*(?:(?:,\s*|,?\s+and\s+)[0-9]+(?:\((?:[0-9]{1,2}|[a-zđ])\))*)+)"
)


def _chain(match: re.Match[str]) -> str:
    items = [item.strip() for item in re.split(r",\s*(?:and\s+)?|\s+and\s+", match.group(2))]
    if not any("(" in item for item in items):
        return match.group(0)
    return f"{match.group(1)} " + ", ".join(f"Art {item}" for item in items)


def _plural(match: re.Match[str], language: str) -> str:
    document = _SHORT_DOCUMENTS[match.group(1)]
    numbers = match.group(2)
    name = OFFICIAL_NAMES[language][document]
    if language == "en":
        return f"{name}, Arts {numbers}"
    numbers = re.sub(r",?\s+and\s+", " và " if language == "vi" else " и ", numbers)
    return f"Điều {numbers} {name}" if language == "vi" else f"ст. {numbers} {name}"


def _language(language: str | None) -> str:
    code = (language or "en")[:2]
    return code if code in OFFICIAL_NAMES else "en"


def _item(language: str, article: int, clause: str, point: str, upto: str) -> str:
    """The article part of the Vietnamese or Russian form: "điểm c khoản 1 Điều 5", "подп. «c» п. 1 ст. 5"."""
    if language == "ru":
        if clause and upto:
            return f"пп. {clause} и {upto} ст. {article}"
        if clause and point:
            return f"подп. «{point}» п. {clause} ст. {article}"
        return f"п. {clause} ст. {article}" if clause else f"ст. {article}"
    if clause and upto:
        return f"khoản {clause} và khoản {upto} Điều {article}"
    if clause and point:
        return f"điểm {point} khoản {clause} Điều {article}"
    return f"khoản {clause} Điều {article}" if clause else f"Điều {article}"


def _short_citation(document: str, item: re.Match[str]) -> tuple[Citation, str]:
    parts = re.findall(r"\((\w+)\)", item.group(2) or "")
    upto = re.findall(r"\((\w+)\)", item.group(3) or "")
    citation = Citation(document, int(item.group(1)), parts[0] if parts else "", parts[1] if len(parts) > 1 else "")
    return citation, (upto[0] if upto and parts else "")


def official_form(text: str, language: str | None) -> str:
    """`text` with the code's citation shorthand ("Law Art 16(2)", "D59 Art 3(5)(c), Art 4(3)") in the
    official form of `language`."""
    lang = _language(language)

    def group(match: re.Match[str]) -> str:
        document = _SHORT_DOCUMENTS[match.group(1)]
        cited = [_short_citation(document, i) for i in _SHORT_ITEM.finditer(match.group(2))]
        if lang == "en":  # "Decree 59/2023/ND-CP, Art 3(5)(c), Art 4(3)": the name once
            items = ", ".join(c.english_item(upto) for c, upto in cited)
            return f"{OFFICIAL_NAMES['en'][document]}, {items}"
        return ", ".join(c.official(lang, upto) for c, upto in cited)

    text = _SHORT_PLURAL_WITH_PARTS.sub(_chain, text)
    return _SHORT_GROUP.sub(group, _SHORT_PLURAL.sub(lambda m: _plural(m, lang), text))


def citation_pattern(shorthand: str) -> str:
    """A regular expression for text that cites `shorthand` ("D59 Art 14") in the code's form or in the official
    form of any of the three languages (the catalogs cite the law as officials write it): for tests and search."""
    forms = {shorthand, *(official_form(shorthand, language) for language in ("vi", "en", "ru"))}
    return "|".join(re.escape(form) for form in sorted(forms))
