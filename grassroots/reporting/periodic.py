"""Periodic reports of a unit to the steering committee: a quarter, a half-year or a year, as a paper ready to sign
(DOCX, PDF: `core.official.paper`) and as a workbook (XLSX).

What a report says, all read from the stored figures (`figures`), never recomputed: the unit's indicators for
the period (the figure, numerator / denominator, "chưa có số liệu" when there is none) with the rule each
cites, the same figures for the previous period of the same kind, the units directly below ranked, the overdue
items (counts by indicator and the oldest), and the situation reports' roll-up (`situation_reports_rollup`).

A half-year is not a stored period: its figure is the sum of its two quarters' numerators, denominators and
items (the sums are additive by construction, `refresh`).

The words of the paper are Vietnamese on purpose (an official document, not interface strings).
"""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from grassroots.accounts.models import AnyUser
from grassroots.core import audit
from grassroots.core.errors import DomainError
from grassroots.core.indicators import Indicator
from grassroots.core.official.paper import Paper
from grassroots.core.official.text import nfc, place_date, vn_date
from grassroots.situation_reports import overview as situation_overview
from grassroots.territory.models import COMMUNE_KINDS, VILLAGE_KINDS, Unit, UnitKind

from . import dashboard, registry
from .figures import Tally, children_figures, overdue_below, unit_figures
from .models import OverdueItem, PeriodKind

HALF_YEAR = "H"
REPORT_KINDS = ("Q", HALF_YEAR, "Y")
NO_DATA = "chưa có số liệu"
OLDEST_OVERDUE = 20
# The "Căn cứ" cell of an indicator no article sets (the situation reports' deadlines are the round's own).
NO_CITATION = "—"


@dataclass(frozen=True)
class Period:
    """A quarter (number 1–4), a half-year (1–2) or a year (number 1) of a report."""

    kind: str
    year: int
    number: int = 1

    @property
    def start(self) -> dt.date:
        if self.kind == PeriodKind.QUARTER:
            return dt.date(self.year, 3 * self.number - 2, 1)
        if self.kind == HALF_YEAR:
            return dt.date(self.year, 6 * self.number - 5, 1)
        return dt.date(self.year, 1, 1)

    @property
    def end(self) -> dt.date:
        months = {PeriodKind.QUARTER: 3, HALF_YEAR: 6}.get(self.kind, 12)
        month = self.start.month - 1 + months
        return dt.date(self.year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)

    def stored(self) -> list[tuple[str, dt.date]]:
        """The stored periods whose sum is this one: itself, or a half-year's two quarters."""
        if self.kind == HALF_YEAR:
            first = 2 * self.number - 1
            return [(PeriodKind.QUARTER, dt.date(self.year, 3 * q - 2, 1)) for q in (first, first + 1)]
        return [(self.kind, self.start)]

    def previous(self) -> Period:
        if self.kind == PeriodKind.YEAR:
            return Period(self.kind, self.year - 1)
        last = 4 if self.kind == PeriodKind.QUARTER else 2
        return (
            Period(self.kind, self.year, self.number - 1) if self.number > 1 else Period(self.kind, self.year - 1, last)
        )

    def words(self) -> str:
        """The period as a Vietnamese paper names it: "quý I năm 2026", "6 tháng đầu năm 2026", "năm 2026"."""
        if self.kind == PeriodKind.QUARTER:
            return f"quý {('I', 'II', 'III', 'IV')[self.number - 1]} năm {self.year}"
        if self.kind == HALF_YEAR:
            return f"{'6 tháng đầu' if self.number == 1 else '6 tháng cuối'} năm {self.year}"
        return f"năm {self.year}"

    def label(self) -> str:
        """The period in the interface language."""
        if self.kind == PeriodKind.QUARTER:
            roman = ("I", "II", "III", "IV")[self.number - 1]
            return _("Quarter %(quarter)s/%(year)d") % {"quarter": roman, "year": self.year}
        if self.kind == HALF_YEAR:
            if self.number == 1:
                return _("First half of %(year)d") % {"year": self.year}
            return _("Second half of %(year)d") % {"year": self.year}
        return _("Year %(year)d") % {"year": self.year}

    @property
    def slug(self) -> str:
        return f"{self.year}-{self.kind}{self.number}" if self.kind != PeriodKind.YEAR else f"{self.year}-Y"


def parse_period(kind: str, year: int, number: int) -> Period:
    """A report period from the URL, or 404."""
    limits = {PeriodKind.QUARTER: 4, HALF_YEAR: 2, PeriodKind.YEAR: 1}
    if kind not in limits or not 1 <= number <= limits[kind] or not 2000 <= year <= 2100:
        raise Http404
    return Period(kind, year, number)


def choices(today: dt.date, years: int = 3) -> list[Period]:
    """The periods to choose from on the page: this year's and the `years - 1` before, newest first, none
    beginning after today."""
    found = []
    for year in range(today.year, today.year - years, -1):
        found.append(Period(PeriodKind.YEAR, year))
        found += [Period(HALF_YEAR, year, n) for n in (2, 1)]
        found += [Period(PeriodKind.QUARTER, year, n) for n in (4, 3, 2, 1)]
    return [p for p in found if p.start <= today]


# --- figures ---------------------------------------------------------------------------------------------


def _sum(parts: list[dict[str, Tally]]) -> dict[str, Tally]:
    total: dict[str, Tally] = {}
    for part in parts:
        for code, t in part.items():
            was = total.get(code, Tally(0, 0, 0))
            total[code] = Tally(was.numerator + t.numerator, was.denominator + t.denominator, was.items + t.items)
    return total


def period_figures(unit: Unit, period: Period) -> dict[str, Tally]:
    """The unit's figures for the period, by indicator code (a half-year: the sum of its quarters)."""
    return _sum([unit_figures(unit, kind, start) for kind, start in period.stored()])


def period_children_figures(unit_ids: list[int], period: Period) -> dict[int, dict[str, Tally]]:
    parts = [children_figures(unit_ids, kind, start) for kind, start in period.stored()]
    return {uid: _sum([p.get(uid, {}) for p in parts]) for uid in unit_ids}


def standing(indicator: Indicator, tally: Tally | None) -> Fraction | None:
    """How well a figure does, from 0 to 1 (1 − ratio where lower is better); None without data."""
    if tally is None or tally.ratio is None:
        return None
    return tally.ratio if indicator.higher_is_better else 1 - tally.ratio


def figure_words(tally: Tally | None) -> str:
    """ "75,0% (3/4)", or "chưa có số liệu"."""
    if tally is None or tally.ratio is None:
        return NO_DATA
    return f"{percent_words(tally.ratio)} ({tally.numerator}/{tally.denominator})"


def percent_words(ratio: Fraction) -> str:
    tenths = round(ratio * 1000)
    return f"{tenths // 10},{tenths % 10}%"


def change_words(now: Tally | None, before: Tally | None) -> str:
    """The change in percentage points, or "—" when either side has no data."""
    if now is None or before is None or now.ratio is None or before.ratio is None:
        return "—"
    tenths = round((now.ratio - before.ratio) * 1000)
    sign = "+" if tenths > 0 else "−" if tenths < 0 else "±"
    return f"{sign}{abs(tenths) // 10},{abs(tenths) % 10} điểm %"


@dataclass
class IndicatorRow:
    indicator: Indicator
    now: Tally | None
    before: Tally | None

    @property
    def citation(self) -> str:
        """The rule in the official Vietnamese form ("khoản 3 Điều 12 Luật Thực hiện dân chủ ở cơ sở"), or "—"."""
        return dashboard.citation_words(self.indicator, "vi") or NO_CITATION


@dataclass
class UnitRow:
    unit: Unit
    rank: int | None
    standing: Fraction | None  # the mean standing over the indicators with data
    with_data: int
    figures: dict[str, Tally]


@dataclass
class Report:
    unit: Unit
    period: Period
    issued_on: dt.date
    rows: list[IndicatorRow]
    below: list[UnitRow]
    overdue_counts: list[tuple[Indicator | None, str, int]]
    oldest_overdue: list[OverdueItem]
    overdue_total: int
    situation: list[tuple[str, str]] = field(default_factory=list)

    @property
    def previous(self) -> Period:
        return self.period.previous()


def rank_units(units: list[Unit], figures: dict[int, dict[str, Tally]], indicators: list[Indicator]) -> list[UnitRow]:
    """The units ranked by the mean standing of their indicators with data; units without any data last,
    unranked ("no data yet" is not a bottom rank)."""
    rows = []
    for unit in units:
        own = figures.get(unit.pk, {})
        standings = [s for s in (standing(i, own.get(i.code)) for i in indicators) if s is not None]
        mean = sum(standings, Fraction(0)) / len(standings) if standings else None
        rows.append(UnitRow(unit, None, mean, len(standings), own))
    rows.sort(key=lambda r: (r.standing is None, -(r.standing or 0), r.unit.name))
    for n, row in enumerate(r for r in rows if r.standing is not None):
        row.rank = n + 1
    return rows


def situation_reports_rollup(unit: Unit, period: Period, today: dt.date) -> list[tuple[str, str]]:
    """The situation reports of the period, summed for the unit (`situation_reports.overview.paper_summary`)."""
    return situation_overview.paper_summary(unit, period.start, period.end, today)


def build(unit: Unit, period: Period, today: dt.date | None = None) -> Report:
    today = today or timezone.localdate()
    indicators = list(registry.all_indicators())
    now = period_figures(unit, period)
    before = period_figures(unit, period.previous())
    rows = [IndicatorRow(i, now.get(i.code), before.get(i.code)) for i in indicators]
    # The units that existed during the period, as on the dashboards: a commune merged in 2025 is not in 2026's.
    children = dashboard.children_of(unit, period)
    below = rank_units(children, period_children_figures([c.pk for c in children], period), indicators)
    overdue = overdue_below(unit)
    by_code = {i.code: i for i in indicators}
    counts = Counter(overdue.values_list("indicator", flat=True))
    overdue_counts = [
        (by_code.get(code), str(by_code[code].title) if code in by_code else code, n)
        for code, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    return Report(
        unit=unit,
        period=period,
        issued_on=today,
        rows=rows,
        below=below,
        overdue_counts=overdue_counts,
        oldest_overdue=list(overdue.order_by("deadline", "path", "id")[:OLDEST_OVERDUE]),
        overdue_total=sum(counts.values()),
        situation=situation_reports_rollup(unit, period, today),
    )


# --- the paper -------------------------------------------------------------------------------------------

# The kind words a place line drops ("Xã Quảng Phú" → "Quảng Phú, ngày …"), a village's too ("Thôn Đông Hòa").
PLACE_PREFIXES = (
    "Đặc khu ", "Thị trấn ", "Phường ", "Xã ", "Tỉnh ", "Thành phố ", "Thị xã ", "Huyện ", "Quận ",
    "Tổ dân phố ", "Thôn ",
)  # fmt: skip
# The kind words a village's own name may start with ("Thôn 2", "Tổ dân phố 2", "Ấp 3", "Bản Nà").
VILLAGE_WORDS = ("tổ dân phố", "thôn", "làng", "xóm", "ấp", "bản", "buôn", "plei", "phum", "sóc", "khu phố", "khóm")


def _place(name: str) -> str:
    """The place of the place-and-date line: the name without its kind word, unless only a number is left
    ("Phường 2", "Thôn 3" stay whole)."""
    for prefix in PLACE_PREFIXES:
        rest = name[len(prefix) :]
        if name.startswith(prefix) and rest and not rest[0].isdigit():
            return rest
    return name


def _village_name(village: Unit) -> str:
    """ "Thôn Đông Hòa": the village's name with its kind word, not said twice ("Thôn 2", not "Thôn Thôn 2")."""
    name = nfc(village.name)
    lowered = name.casefold()
    if any(lowered == w or lowered.startswith(w + " ") for w in VILLAGE_WORDS):
        return name
    return f"{'Tổ dân phố' if village.kind == UnitKind.RESIDENTIAL_GROUP else 'Thôn'} {name}"


def issuer(unit: Unit) -> tuple[tuple[str, str], str]:
    """Who issues the unit's report (the two lines top left) and who signs it.

    A commune's report is the commune People's Committee's, which reports on disclosure, the people's
    decisions and consultation (Law Arts 14(3), 23(1), 28(5)), signed by its chair; a village's is its head's,
    who reports to the commune (Law Art 23(2); D59 Art 11); a province's or a district's is its steering
    committee's for grassroots democracy (law.md §8.3: a reporting target, not an actor of the Law)."""
    name = nfc(unit.name)
    if unit.kind in COMMUNE_KINDS:
        return ("ỦY BAN NHÂN DÂN", name.upper()), "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH"
    if unit.kind in VILLAGE_KINDS:
        commune = nfc(unit.parent.name).upper() if unit.parent else ""
        head = "TỔ TRƯỞNG TỔ DÂN PHỐ" if unit.kind == UnitKind.RESIDENTIAL_GROUP else "TRƯỞNG THÔN"
        return (commune, _village_name(unit).upper()), head
    return (f"BAN CHỈ ĐẠO THỰC HIỆN DÂN CHỦ Ở CƠ SỞ {name.upper()}", ""), "TM. BAN CHỈ ĐẠO\nTRƯỞNG BAN"


def _title_vi(indicator: Indicator) -> str:
    from django.utils import translation

    with translation.override("vi"):
        return nfc(str(indicator.title))


def paper(report: Report) -> Paper:
    unit, period = report.unit, report.period
    name = nfc(unit.name)
    lines, signer = issuer(unit)
    doc = Paper(
        "BÁO CÁO",
        f"Kết quả thực hiện dân chủ ở cơ sở {period.words()} của {name}",
        lines,
        place_date(_place(name), report.issued_on),
        basis=[
            "Căn cứ Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15 và Nghị định 59/2023/NĐ-CP;",
        ],
    )
    doc.paragraph(
        f"Kỳ báo cáo: {period.words()}, từ {vn_date(period.start)} đến {vn_date(period.end)}. "
        f"Kỳ so sánh: {period.previous().words()}. Số liệu tổng hợp từ hệ thống, một chỉ tiêu không có số liệu "
        f"được ghi “{NO_DATA}”, không tính bằng không."
    )
    doc.heading("I. KẾT QUẢ CÁC CHỈ TIÊU")
    doc.add_table(
        ("STT", "Chỉ tiêu", "Căn cứ", "Kỳ này", "Kỳ trước", "Thay đổi"),
        [
            (
                str(n),
                _title_vi(r.indicator),
                r.citation,
                figure_words(r.now),
                figure_words(r.before),
                change_words(r.now, r.before),
            )
            for n, r in enumerate(report.rows, 1)
        ],
    )
    if any(r.citation == NO_CITATION for r in report.rows):
        doc.paragraph(f"Chỉ tiêu ghi “{NO_CITATION}” ở cột Căn cứ: không có điều, khoản nào quy định chỉ tiêu này.")
    doc.heading("II. XẾP HẠNG CÁC ĐƠN VỊ TRỰC THUỘC")
    if report.below:
        doc.paragraph("Xếp theo mức đạt bình quân của các chỉ tiêu có số liệu (đơn vị chưa có số liệu không xếp hạng).")
        doc.add_table(
            ("Hạng", "Đơn vị", "Mức đạt bình quân", "Số chỉ tiêu có số liệu"),
            [
                (
                    str(r.rank) if r.rank else "—",
                    nfc(r.unit.name),
                    percent_words(r.standing) if r.standing is not None else NO_DATA,
                    str(r.with_data),
                )
                for r in report.below
            ],
        )
    else:
        doc.paragraph("Không có đơn vị trực thuộc.")
    doc.heading("III. CÁC VIỆC QUÁ HẠN")
    doc.paragraph(f"Tổng số việc quá hạn theo lần cập nhật gần nhất: {report.overdue_total}.")
    doc.items([f"{title}: {n}" for _i, title, n in report.overdue_counts], empty="Không có việc quá hạn.")
    if report.oldest_overdue:
        doc.paragraph("Các việc quá hạn lâu nhất:")
        doc.add_table(
            ("Việc", "Đơn vị", "Hạn", "Trách nhiệm"),
            [
                (nfc(o.title), nfc(o.unit.name), o.deadline.strftime("%d/%m/%Y") if o.deadline else "—", o.responsible)
                for o in report.oldest_overdue
            ],
        )
    doc.heading("IV. TỔNG HỢP BÁO CÁO TÌNH HÌNH")
    if report.situation:
        for heading, text in report.situation:
            doc.paragraph(heading, bold=True)
            doc.paragraph(text)
    else:
        doc.paragraph("Chưa có báo cáo tình hình trong kỳ.")
    doc.heading("V. ĐÁNH GIÁ CHUNG, ĐỀ XUẤT, KIẾN NGHỊ")
    doc.paragraph("…………………………………………………………………………………………")
    doc.signatures = [(signer, "")]
    return doc


def _append(sheet: Any, values: list[object]) -> None:
    """One row, every text cell written as text: openpyxl would store a title typed as "=HYPERLINK(…)" as a
    live formula (the injection `core.csvexport` guards the CSVs against), run on the official's computer."""
    sheet.append(values)
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"


def workbook(report: Report) -> bytes:
    """The report's figures as a workbook: the indicators, the units below, the overdue items."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Chỉ tiêu"
    _append(sheet, [nfc(report.unit.name), report.period.words()])
    _append(
        sheet,
        [
            "Mã",
            "Chỉ tiêu",
            "Căn cứ",
            "Tử số",
            "Mẫu số",
            "Tỷ lệ (%)",
            "Tử số kỳ trước",
            "Mẫu số kỳ trước",
            "Tỷ lệ kỳ trước (%)",
        ],
    )
    for r in report.rows:
        _append(sheet, [r.indicator.code, _title_vi(r.indicator), r.citation, *_cells(r.now), *_cells(r.before)])
    below = book.create_sheet("Đơn vị trực thuộc")
    indicators = [r.indicator for r in report.rows]
    _append(below, ["Hạng", "Mã", "Đơn vị", "Mức đạt bình quân (%)", *[f"{i.code} (%)" for i in indicators]])
    for u in report.below:
        _append(
            below,
            [
                u.rank,
                u.unit.code,
                nfc(u.unit.name),
                round(100 * float(u.standing), 1) if u.standing is not None else NO_DATA,
                *[_percent(u.figures.get(i.code)) for i in indicators],
            ],
        )
    overdue = book.create_sheet("Việc quá hạn")
    _append(overdue, ["Chỉ tiêu", "Việc", "Đơn vị", "Hạn", "Trách nhiệm", "Liên kết"])
    for o in report.oldest_overdue:
        _append(overdue, [o.indicator, nfc(o.title), nfc(o.unit.name), o.deadline, o.responsible, o.url])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _cells(tally: Tally | None) -> list[object]:
    if tally is None or tally.percent is None:
        return [tally.numerator if tally else None, tally.denominator if tally else None, NO_DATA]
    return [tally.numerator, tally.denominator, tally.percent]


def _percent(tally: Tally | None) -> object:
    return NO_DATA if tally is None or tally.percent is None else tally.percent


EXTENSIONS = ("docx", "pdf", "xlsx")


def render(report: Report, ext: str) -> bytes:
    from grassroots.core.official.paper import render as render_paper

    if ext == "xlsx":
        return workbook(report)
    return render_paper(paper(report), ext)


def filename(unit: Unit, period: Period, ext: str) -> str:
    return f"bao-cao-{unit.code}-{period.slug}.{ext}"


def issue_report(*, actor: AnyUser, unit: Unit, period: Period, ext: str, today: dt.date | None = None) -> bytes:
    """Build the report and record that it was issued (who, which unit, which period and format). A period that
    has not begun is refused: its report would say "no data yet" of everything and still look official."""
    today = today or timezone.localdate()
    if period.start > today:
        raise DomainError(
            _("%(period)s has not started yet: choose a period that has begun.") % {"period": period.label()},
            field="period",
        )
    report = build(unit, period, today)
    content = render(report, ext)
    with transaction.atomic():
        audit.record(
            "reporting.report_issued",
            actor=actor,
            target=unit,
            unit_id=unit.pk,
            data={"kind": period.kind, "year": period.year, "number": period.number, "format": ext},
        )
    return content
