"""The words every official document shares, and dates in the Vietnamese administrative style."""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Any

from django.utils import timezone

NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
BLANK = "…………………………"
SIGN_HINT = "(Ký, ghi rõ họ tên)"


def nfc(text: Any) -> str:
    """Composed Unicode: the fonts draw "ệ" as one letter, not "e" with two combining marks."""
    return unicodedata.normalize("NFC", str(text))


def vn_date(day: dt.date) -> str:
    """ "ngày 05 tháng 02 năm 2026": a day below 10 and a month below 3 take a leading zero (Decree 30/2020)."""
    d = f"{day.day:02d}" if day.day < 10 else str(day.day)
    m = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {d} tháng {m} năm {day.year}"


def vn_datetime(moment: dt.datetime) -> str:
    local = timezone.localtime(moment)
    return f"{local.hour} giờ {local.minute:02d}, {vn_date(local.date())}"


def place_date(place: str, day: dt.date | None) -> str:
    """The line under the motto ("Quảng Phú, ngày 05 tháng 02 năm 2026"), with blanks when the day is unknown."""
    if day is None:
        return f"{place}, ngày …… tháng …… năm ……"
    return f"{place}, {vn_date(day)}"


def vn_percent(part: int, whole: int) -> str:
    """Two decimals with a decimal comma, integer arithmetic only ("66,67%")."""
    if whole <= 0:
        return "—"
    hundredths = (part * 10000 * 2 + whole) // (2 * whole)
    return f"{hundredths // 100},{hundredths % 100:02d}%"
