"""Text folding for search: case- and accent-insensitive Vietnamese ("Đông Tiến" ~ "dong tien").

SQLite's LIKE folds ASCII case only, so we store a folded copy of searchable text and fold the query.
"""

import re
import unicodedata
from typing import Any


class _WithoutMarks(dict[int, int | None]):
    """A str.translate table that drops nonspacing marks (category Mn, the accents after NFD) and keeps
    every other character. Filled as characters are met, so after the first few rows every look-up
    is a plain dict hit in C instead of a Python call per character (the register import folds two
    million strings)."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.category(chr(code)) == "Mn" else code
        self[code] = kept
        return kept


_WITHOUT_MARKS = _WithoutMarks()


def fold(text: str) -> str:
    stripped = unicodedata.normalize("NFD", text or "").translate(_WITHOUT_MARKS)
    return " ".join(stripped.replace("đ", "d").replace("Đ", "D").lower().split())


class FoldedFieldsMixin:
    """Keeps folded copies of text fields for search: `folded_fields = {"name_folded": "name"}`.

    Filled on every save (and added to `update_fields` when their source is in it). Bulk inserts skip
    save(), so code that bulk-creates rows fills the copies itself with `fold`.
    """

    folded_fields: dict[str, str] = {}

    def save(self, *args: Any, **kwargs: Any) -> None:
        update_fields = kwargs.get("update_fields")
        for target, source in self.folded_fields.items():
            setattr(self, target, fold(getattr(self, source)))
            if update_fields is not None and source in update_fields:
                update_fields = {*update_fields, target}
        if update_fields is not None:
            kwargs["update_fields"] = update_fields
        super().save(*args, **kwargs)  # type: ignore[misc]


_NUMBER = re.compile(r"(\d+)")


def natural_key(text: str) -> tuple[tuple[int, int, str], ...]:
    """Sort key in natural order, by folded text and numbers by value: "Thôn 2" before "Thôn 10".

    Sorting in Python, so the order is the same on SQLite and PostgreSQL whatever their collation."""
    return tuple(
        (1, int(part), "") if part.isdigit() else (0, 0, part) for part in _NUMBER.split(fold(text)) if part != ""
    )
