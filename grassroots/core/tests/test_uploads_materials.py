"""check_upload: documents (training materials) are refused when too large, of a kind we do not take,
empty, or when their first bytes do not agree with their extension."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from grassroots.core.uploads import check_upload

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n"
ZIP = b"PK\x03\x04" + b"\x00" * 40
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40
JPG = b"\xff\xd8\xff\xe0" + b"\x00" * 40


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def code_of(file, **kwargs) -> str:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as caught:
        check_upload(file, **kwargs)
    return caught.value.code or ""


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("luat.pdf", PDF),
        ("NGHI-DINH.PDF", PDF),
        ("slides.pptx", ZIP),
        ("de-cuong.docx", ZIP),
        ("a.png", PNG),
        ("b.jpg", JPG),
    ],
)
def test_documents_of_the_allowed_kinds_pass(name, content):
    check_upload(upload(name, content))


def test_the_file_is_left_at_its_start_for_whoever_stores_it():
    file = upload("luat.pdf", PDF)
    check_upload(file)
    assert file.read() == PDF


@pytest.mark.parametrize("name", ["run.exe", "notes.txt", "pdf", "archive.zip", "slides.ppt", "no-extension"])
def test_other_kinds_are_refused(name):
    assert code_of(upload(name, PDF)) == "bad_extension"


def test_a_renamed_file_whose_content_disagrees_with_its_extension_is_refused():
    assert code_of(upload("luat.pdf", b"MZ\x90\x00 this is a program")) == "bad_content"
    assert code_of(upload("photo.png", JPG)) == "bad_content"
    assert code_of(upload("slides.pptx", PDF)) == "bad_content"


def test_an_empty_file_is_refused():
    assert code_of(upload("luat.pdf", b"")) == "empty"


def test_the_size_limit_comes_from_the_argument_or_the_setting(settings):
    big = upload("luat.pdf", PDF + b"\x00" * (1024 * 1024))
    assert code_of(big, max_mb=1) == "too_large"
    check_upload(big, max_mb=2)
    settings.MAX_UPLOAD_MB = 1
    assert code_of(big) == "too_large"


def test_the_caller_chooses_the_kinds():
    check_upload(upload("list.xlsx", ZIP), extensions=("xlsx",))
    assert code_of(upload("luat.pdf", PDF), extensions=["png", ".jpg"]) == "bad_extension"
    check_upload(upload("photo.jpg", JPG), extensions=["png", ".jpg"])
