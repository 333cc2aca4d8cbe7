"""Disclosure items for tests, built through the actions as an official would."""

from __future__ import annotations

import datetime as dt
from typing import Any

from grassroots.disclosure import actions
from grassroots.disclosure.models import Item

DECIDED = dt.date(2026, 3, 2)


def make_item(official: Any, unit: Any, *, publish: bool = True, title: str = "Dự toán ngân sách năm 2026",
              category: int = 2, decided_on: dt.date = DECIDED, published_on: dt.date | None = None,
              body: str = "Tổng thu ngân sách xã.") -> Item:  # fmt: skip
    item = actions.create_item(actor=official, unit=unit, category=category, title=title, body=body,
                               source_document="Quyết định số 12/QĐ-UBND", decided_on=decided_on)  # fmt: skip
    if publish:
        item = actions.publish_item(item, actor=official, today=published_on or decided_on + dt.timedelta(days=1))
    return item


# The smallest files whose first bytes match their extension (core.uploads.SIGNATURES).
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
