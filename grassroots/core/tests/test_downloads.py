"""One way to serve a file (core.downloads) and one way to draw an official paper (core.official.paper)."""

from __future__ import annotations

import io

import pytest
from django.http import Http404
from docx import Document

from grassroots.core.downloads import attachment, csv_attachment, paper_response
from grassroots.core.official.paper import Paper, render


def _paper() -> Paper:
    paper = Paper(
        "BIÊN BẢN",
        "Hội nghị thử",
        ("ỦY BAN NHÂN DÂN", "XÃ A"),
        "Xã A, ngày 01 tháng 12 năm 2026",
        [("1. Nội dung", ["Dòng một."])],
        [("CHỦ TỊCH", "Nguyễn Văn A")],
        table=(("STT", "Tên"), [("1", "Thôn Đông")]),
        basis=["Căn cứ Luật Thực hiện dân chủ ở cơ sở;"],
    )
    paper.items([], empty="Không có kiến nghị.")
    return paper


def test_a_paper_says_the_same_in_docx_and_pdf() -> None:
    paper = _paper()
    doc = Document(io.BytesIO(render(paper, "docx")))
    text = "\n".join(p.text for p in doc.paragraphs)
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert "Căn cứ Luật Thực hiện dân chủ ở cơ sở;" in text and "1. Nội dung" in text
    assert "- Không có kiến nghị." in text and "Thôn Đông" in cells
    assert render(paper, "pdf").startswith(b"%PDF")
    assert [kind for kind, _ in paper.blocks] == ["basis", "h", "p", "table", "i"]
    with pytest.raises(ValueError):
        render(paper, "odt")


def test_a_paper_download_is_private_and_other_formats_are_404() -> None:
    response = paper_response(_paper(), "bien-ban-1", "docx")
    assert response["Content-Disposition"] == 'attachment; filename="bien-ban-1.docx"'
    assert response["Cache-Control"] == "no-store" and response["X-Content-Type-Options"] == "nosniff"
    with pytest.raises(Http404):
        paper_response(_paper(), "bien-ban-1", "html")


def test_a_vietnamese_filename_keeps_an_ascii_fallback() -> None:
    response = attachment(b"x", "biên-bản.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        "attachment; filename=\"bien-ban.pdf\"; filename*=UTF-8''bi%C3%AAn-b%E1%BA%A3n.pdf"
    )


def test_open_data_csv_may_be_cached() -> None:
    response = csv_attachment("data.csv", public=True)
    assert response["Content-Type"] == "text/csv; charset=utf-8" and not response.has_header("Cache-Control")
