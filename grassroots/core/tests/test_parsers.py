"""Properties of the parsers every import relies on: core.csvimport.read_rows, core.phone and the
upload check core.uploads.check_csv_upload."""

import csv
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from hypothesis import example, given, settings
from hypothesis import strategies as st

from grassroots.core.csvimport import EXTRA_VALUES, HeaderError, ImportFailed, read_rows
from grassroots.core.phone import mask_phone, normalize_phone
from grassroots.core.uploads import SNIFF_BYTES, check_csv_upload

COLUMN = st.from_regex(r"[a-z][a-z0-9_]{0,11}", fullmatch=True)
# Cells as a spreadsheet may hold them: any text (quotes, commas, line breaks, Vietnamese), but
# without the surrounding white space that read_rows strips. Short enough to stay under the csv
# module's field limit (131,072 characters), past which it raises csv.Error (see below).
CELL = st.text(max_size=40).map(str.strip)


def _read(text: str, required: list[str], optional: list[str] = ()) -> list[tuple[int, dict[str, str]]]:  # type: ignore[assignment]
    return list(read_rows(io.StringIO(text, newline=""), required=required, optional=optional))


@settings(max_examples=300)
@given(text=st.text(max_size=300), required=st.lists(COLUMN, max_size=3), optional=st.lists(COLUMN, max_size=2))
@example(text="", required=[], optional=[])
@example(text="a,b\n\n\n1\n1,2,3\n", required=["a"], optional=["b"])
@example(text='a\n"unclosed\n', required=["a"], optional=[])
@example(text="a\x00,b\n\x00,\r\r\n", required=[], optional=["a\x00", "b"])
def test_read_rows_raises_nothing_but_a_header_error(text, required, optional):
    try:
        rows = _read(text, required, optional)
    except HeaderError as exc:
        assert str(exc)  # a message for the user
        return
    except ImportFailed as exc:
        assert exc.problems and all(p.row >= 2 for p in exc.problems)  # a broken row, named
        return
    header = next(csv.reader(io.StringIO(text, newline="")))
    names = {h.strip().lower() for h in header}
    assert set(required) <= names and names <= set(required) | set(optional)
    numbers = [number for number, _row in rows]
    assert numbers == sorted(set(numbers)) and all(number >= 2 for number in numbers)
    for _number, row in rows:
        assert set(row) - {EXTRA_VALUES} == names
        assert all(value == value.strip() for value in row.values())


@given(
    header=st.lists(COLUMN, min_size=2, max_size=5, unique=True),
    data=st.data(),
)
def test_read_rows_gives_back_what_csv_writer_wrote(header, data):
    rows = data.draw(st.lists(st.lists(CELL, min_size=len(header), max_size=len(header)), max_size=8))
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow([name.upper() if i % 2 else f" {name} " for i, name in enumerate(header)])  # case, spaces
    writer.writerows(rows)
    read = _read(out.getvalue(), required=header[:1], optional=header[1:])
    assert read == [(i, dict(zip(header, row, strict=True))) for i, row in enumerate(rows, start=2)]


@given(header=st.lists(COLUMN, min_size=1, max_size=4, unique=True), extra=COLUMN)
def test_read_rows_names_the_missing_and_the_unknown_columns(header, extra):
    if extra in header:
        return
    with translation.override("en"), pytest.raises(HeaderError, match="missing columns: " + extra):
        _read(",".join(header) + "\n", required=[*header, extra])
    with translation.override("en"), pytest.raises(HeaderError, match="unknown columns: " + extra):
        _read(",".join([*header, extra]) + "\n", required=header)


@pytest.mark.usefixtures("english")
def test_read_rows_refuses_an_empty_file():
    with pytest.raises(HeaderError, match="the file is empty"):
        _read("", required=["a"])


def test_a_field_past_the_csv_field_limit_is_a_problem_naming_the_row():
    with pytest.raises(ImportFailed) as failed:
        _read("a,b\n" + "x" * (csv.field_size_limit() + 1) + ",y\n", required=["a", "b"])
    assert failed.value.problems[0].row == 2


# Phone numbers: one stored form, 0 followed by nine digits.

NINE_DIGITS = st.from_regex(r"[0-9]{9}", fullmatch=True)


@settings(max_examples=300)
@given(value=st.text(max_size=30) | st.from_regex(r"\+?(84|0)?[0-9 .\-()]{6,16}", fullmatch=True))
@example(value="")
@example(value="+84")
@example(value="84912345678")
def test_normalize_phone_returns_none_or_the_stored_form(value):
    phone = normalize_phone(value)
    if phone is None:
        return
    assert len(phone) == 10 and phone.startswith("0") and phone.isdigit()
    assert normalize_phone(phone) == phone  # idempotent: a stored number reads back as itself
    assert mask_phone(phone) == "•" * 7 + phone[-3:]


@given(digits=NINE_DIGITS, style=st.sampled_from(["0{}", "+84{}", "84{}", "+84 {} ", "0{}"]))
def test_every_way_of_writing_a_number_gives_the_same_stored_form(digits, style):
    stored = "0" + digits
    assert normalize_phone(style.format(digits)) == stored
    grouped = f"{stored[:4]} {stored[4:7]}.{stored[7:]}"
    assert normalize_phone(grouped) == stored
    assert normalize_phone(f"({stored[:4]}) {stored[4:7]}-{stored[7:]}") == stored


@given(value=st.text(max_size=20))
def test_mask_phone_keeps_the_length_and_only_the_last_three_characters(value):
    masked = mask_phone(value)
    if not value:
        assert masked == ""
        return
    assert len(masked) == len(value) and masked.endswith(value[-3:])
    assert set(masked[:-3]) <= {"•"}


def test_normalize_phone_accepts_ascii_digits_only():
    assert normalize_phone("0٩١٢٣٤٥٦٧٨") is None  # Arabic-Indic digits after a leading 0


# The upload check: ValidationError or nothing, and it leaves the file at its start.


@settings(max_examples=300)
@given(
    content=st.binary(max_size=200) | st.text(max_size=200).map(str.encode),
    name=st.sampled_from(["a.csv", "A.CSV", "a.txt", "a", "csv"]),
)
@example(content=b"\xef\xbb\xbfa,b\r\n1,2\r\n", name="a.csv")
@example(content=b"\xff\xfea\x00,\x00b\x00", name="a.csv")
def test_check_csv_upload_raises_nothing_but_a_validation_error(content, name):
    upload = SimpleUploadedFile(name, content)
    try:
        check_csv_upload(upload, required=["a"])
    except ValidationError as exc:
        assert exc.messages and exc.code
    else:
        header = content.removeprefix(b"\xef\xbb\xbf").decode(errors="replace").splitlines()[0]
        assert name.lower().endswith(".csv") and "a" in header.lower()
    assert upload.tell() == 0


def test_check_csv_upload_accepts_a_bom_and_a_character_cut_at_the_sniffing_limit():
    header = "\ufeffhousehold_code,full_name\n".encode()
    filler = b"x" * (SNIFF_BYTES - len(header) - 1)
    content = header + filler + "ễ".encode() + b"\n"  # the 64 KiB cut falls inside "ễ"
    check_csv_upload(SimpleUploadedFile("r.csv", content), required=["household_code"])


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"a" * (SNIFF_BYTES + 10), "no_header"),  # no line break in the first 64 KiB
        (b"a,b\n\xc3\x28\n", "not_utf8"),
        ("a,b\n".encode("utf-16-le"), "binary"),  # UTF-16 without a byte-order mark
        (b"a,,b\n", "no_header"),
    ],
)
def test_check_csv_upload_refuses(content, code):
    with pytest.raises(ValidationError) as caught:
        check_csv_upload(SimpleUploadedFile("r.csv", content))
    assert caught.value.code == code


def test_check_csv_upload_refuses_a_file_over_the_limit(settings):
    settings.MAX_UPLOAD_MB = 1
    with pytest.raises(ValidationError) as caught:
        check_csv_upload(SimpleUploadedFile("r.csv", b"a,b\n" + b"1,2\n" * (1024 * 1024 // 4)))
    assert caught.value.code == "too_large"
