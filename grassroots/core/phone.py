"""Vietnamese phone numbers, stored in one form: 0 followed by 9 digits (e.g. 0912345678)."""

import re

_DIGITS = re.compile(r"[\s.\-()]")


def normalize_phone(value: str) -> str | None:
    """Return the national form of a Vietnamese mobile/landline number, or None if it is not one."""
    digits = _DIGITS.sub("", value or "")
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) == 11:
        digits = "0" + digits[2:]
    if len(digits) == 10 and digits.startswith("0") and digits.isascii() and digits.isdigit():
        return digits
    return None


def mask_phone(value: str | None) -> str:
    """Show only the last three digits: 0912345678 → ••••••••678."""
    if not value:
        return ""
    return "•" * (len(value) - 3) + value[-3:]
