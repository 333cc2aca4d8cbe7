"""Text folding for search: case- and accent-insensitive Vietnamese ("Đông Tiến" ~ "dong tien").

SQLite's LIKE folds ASCII case only, so we store a folded copy of searchable text and fold the query.
"""

import unicodedata


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text or "")
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return " ".join(stripped.replace("đ", "d").replace("Đ", "D").lower().split())
