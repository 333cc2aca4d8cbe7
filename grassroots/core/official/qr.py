"""QR codes on official documents: a full QR symbol (not Micro QR, which many phone readers do not
decode) with medium error correction."""

from __future__ import annotations

import io

import segno


def qr_png(data: str, *, scale: int = 4, border: int = 2) -> io.BytesIO:
    """A PNG to draw on a printed page (fpdf2's `image` reads the buffer)."""
    buffer = io.BytesIO()
    segno.make_qr(data, error="m").save(buffer, kind="png", scale=scale, border=border)
    buffer.seek(0)
    return buffer


def qr_svg_data_uri(data: str, *, scale: int = 5, border: int = 2) -> str:
    """An inline SVG image (a data: URI, which the content security policy allows for images)."""
    return segno.make(data, error="m").svg_data_uri(scale=scale, border=border)
