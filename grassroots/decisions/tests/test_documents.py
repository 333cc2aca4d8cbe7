"""The documents of a matter: the decision record (Art 20(2), Form 03) as DOCX and PDF, the household
ballot slips (Art 19(3); D59 Art 4(5)), and the printable Form 01 notice and Form 02/04 count minutes."""

import datetime as dt
import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from grassroots.accounts.tests.factories import UserFactory
from grassroots.core.downloads import CONTENT_TYPES
from grassroots.core.tests.readback import docx_text, read_pdf
from grassroots.decisions import actions, documents
from grassroots.decisions.models import Form, TabledVia
from grassroots.decisions.tests.conftest import close_now
from grassroots.people.models import Household, Representation, Resident
from grassroots.people.tests.factories import make_household

pytestmark = pytest.mark.django_db

SIGNATORIES = {
    "village_head": "Lê Văn Trưởng",
    "front_head": "Phạm Thị Mặt Trận",
    "representative_1": "Đỗ Thị Hộ Một",
    "representative_2": "Vũ Văn Hộ Hai",
}
DECISION = "Lắp 12 đèn LED trên ngõ 5; mỗi hộ đóng góp 200.000 đồng."


@pytest.fixture
def counted(online_matter, village):  # type: ignore[no-untyped-def]
    """The online matter of village A1 counted (6 agree, 1 other of 10 households) and filed; one more
    household of the village has no representative on the day."""
    for i, voter in enumerate(village["voters"][:7]):
        choice, comment = ("other", "Nên lắp thêm 2 bóng ở đầu ngõ") if i == 6 else ("agree", "")
        actions.cast_online_vote(online_matter.pk, user=voter, choice=choice, comment=comment)
    orphan = make_household(village["a1"], members=1)
    Representation.objects.filter(household=orphan).delete()
    close_now(online_matter, actor=village["head"])
    actions.file_record(online_matter, actor=village["head"], decision_text=DECISION, signatories=SIGNATORIES)
    online_matter.refresh_from_db()
    return online_matter


def _open(village, form, item=6):  # type: ignore[no-untyped-def]
    head = village["head"]
    matter = actions.create_matter(actor=head, unit=village["a1"], item=item, title="Nạo vét mương thủy lợi",
                                   question="Hộ gia đình có đồng ý nạo vét mương trước mùa mưa?",
                                   tabled_via=TabledVia.VILLAGE_HEAD)  # fmt: skip
    actions.record_agreement(matter, actor=head, who="head")
    actions.record_agreement(matter, actor=village["front"], who="front")
    return actions.open_matter(matter, actor=head, form=form, closes_at=timezone.now() + dt.timedelta(days=5))


@pytest.fixture
def ballot_matter(village):  # type: ignore[no-untyped-def]
    return _open(village, Form.BALLOT)


@pytest.fixture
def meeting_matter(village):  # type: ignore[no-untyped-def]
    matter = _open(village, Form.MEETING)
    actions.schedule_meeting(matter, actor=village["head"], starts_at=timezone.now() + dt.timedelta(days=3),
                             place="Nhà văn hóa thôn A1", notice_sent_on=timezone.localdate())  # fmt: skip
    actions.set_team(matter, actor=village["head"], team="counting",
                     members=[("Ngô Văn Kiểm", "Trưởng ban", True), ("Bùi Thị Phiếu", "", False), ("Hà Văn Số", "", False)])  # fmt: skip
    actions.set_team(matter, actor=village["head"], team="witness",
                     members=[("Trịnh Văn Chứng", "", False), ("Lý Thị Kiến", "", False)])  # fmt: skip
    return matter


def _mandatory(text: str, matter) -> None:  # type: ignore[no-untyped-def]
    flat = re.sub(r"\s+", " ", text)
    day = timezone.localdate(matter.closed_at)
    assert documents.vn_date(day) in flat  # (a) the date
    assert "Tổng số hộ gia đình: 10 hộ" in flat  # (b) H
    assert "biểu quyết trực tuyến: 7 hộ" in flat  # (b) present (took part)
    assert "không có người đại diện: 1 hộ" in flat  # (b) unrepresented
    assert "Khoản 6 Điều 15" in flat and "Lắp đèn đường ngõ 5" in flat and "Đồng ý lắp đèn đường?" in flat  # (c)
    assert "Biểu quyết trực tuyến (điểm c khoản 1 Điều 17)" in flat  # (d) the form
    assert "Tán thành: 6/10" in flat and "Ý kiến khác: 1/10" in flat and "ĐƯỢC THÔNG QUA" in flat  # (e)
    assert "Nên lắp thêm 2 bóng ở đầu ngõ" in flat  # (e) the other opinion
    assert DECISION in flat  # (f)
    for name in SIGNATORIES.values():  # (g)
        assert name in flat
    assert "TRƯỞNG THÔN" in flat and "TRƯỞNG BAN CÔNG TÁC MẶT TRẬN" in flat and flat.count("ĐẠI DIỆN HỘ GIA ĐÌNH") == 2
    assert documents.NATIONAL_NAME in flat and documents.MOTTO in flat and documents.RECORD_TITLE in flat


def test_the_docx_record_has_every_field_of_art_20_2(counted):
    _mandatory(docx_text(documents.decision_record_docx(counted)), counted)


def test_the_pdf_record_has_every_field_of_art_20_2_in_vietnamese(counted):
    reader, text = read_pdf(documents.decision_record_pdf(counted))
    _mandatory(text, counted)
    assert len(reader.pages) >= 1


def test_the_record_of_a_meeting_counts_the_households_present(meeting_matter, village):
    meeting = meeting_matter.meetings.get()
    for household in Household.objects.filter(unit=village["a1"])[:8]:
        actions.record_attendance(meeting, actor=village["head"], household=household)
    actions.record_meeting_result(meeting, actor=village["head"], agree=7, disagree=1, other=0)
    close_now(meeting_matter, actor=village["head"])
    meeting_matter.refresh_from_db()
    _reader, text = read_pdf(documents.decision_record_pdf(meeting_matter))
    flat = re.sub(r"\s+", " ", text)
    assert "Số đại diện hộ gia đình có mặt: 8 hộ" in flat and "Họp cộng đồng dân cư (điểm a khoản 1 Điều 17)" in flat
    assert "Nhà văn hóa thôn A1" in flat and "Tán thành: 7/10" in flat
    docx = docx_text(documents.decision_record_docx(meeting_matter))
    assert "Số đại diện hộ gia đình có mặt: 8 hộ" in docx and "Tán thành: 7/10" in docx


def test_the_place_and_date_line_uses_leading_zeros_of_administrative_documents():
    assert documents.vn_date(dt.date(2026, 2, 5)) == "ngày 05 tháng 02 năm 2026"
    assert documents.vn_date(dt.date(2026, 11, 20)) == "ngày 20 tháng 11 năm 2026"


def test_one_slip_per_household_with_its_code_and_no_personal_data(ballot_matter, village):
    codes = sorted(Household.objects.filter(unit=village["a1"]).values_list("code", flat=True))
    assert len(codes) == 10
    reader, text = read_pdf(documents.ballot_slips_pdf(ballot_matter))
    assert len(reader.pages) == 10
    for page, code in zip(reader.pages, codes, strict=True):
        page_text = page.extract_text()
        assert code in page_text and "Nạo vét mương thủy lợi" in page_text
        assert len(page.images) == 1  # the QR code of the household code
    assert text.count(documents.SLIP_TITLE) == 10
    for label in ("Tán thành", "Không tán thành", "Ý kiến khác (nếu có)", "Hạn nộp phiếu", "TRƯỞNG THÔN"):
        assert label in text
    assert "Dấu UBND xã" not in text  # a village matter: the head signs at the lower right
    for resident in Resident.objects.all():
        assert resident.full_name not in text


def test_commune_wide_slips_cover_every_village_and_carry_the_seal_area(village):
    chair = village["chair"]
    matter = actions.create_matter(actor=chair, unit=village["a"]["commune"], item=1, title="Bê tông hóa đường liên thôn",
                                   question="Đồng ý mỗi hộ góp 500.000 đồng?", tabled_via=TabledVia.COMMUNE_CHAIR)  # fmt: skip
    actions.open_matter(matter, actor=chair, form=Form.BALLOT)
    reader, text = read_pdf(documents.ballot_slips_pdf(matter))
    assert len(reader.pages) == 11  # 10 households in A1, 1 in A2
    assert text.count("Dấu UBND xã") == 11 and "TRƯỞNG THÔN" not in text
    assert village["households"]["a2"].code in text


def test_a_large_village_gets_one_slip_per_household(ballot_matter):
    # Speed is measured by hand (about 2.5 s for 480 slips), not asserted: no timed unit tests.
    slips = [documents.Slip(f"HH{i:06d}", f"Số {i}, ngõ {i % 17}, thôn A1", "Thôn A1") for i in range(480)]
    content = documents.ballot_slips_pdf(ballot_matter, slips)
    assert len(re.findall(rb"/Type /Page\b", content)) == 480


def _urls(matter):  # type: ignore[no-untyped-def]
    return [reverse(f"decisions:{name}", args=[matter.pk]) for name in ("record-docx", "record-pdf", "slips-pdf", "notice", "minutes")]  # fmt: skip


def test_the_village_head_downloads_the_record(client, sign_in, counted, village):
    sign_in(client, village["head"])
    response = client.get(reverse("decisions:record-docx", args=[counted.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == CONTENT_TYPES["docx"]
    assert response["Content-Disposition"] == f'attachment; filename="van-ban-quyet-dinh-{counted.pk}.docx"'
    assert response["Cache-Control"] == "no-store"
    assert "Lê Văn Trưởng" in docx_text(response.content)
    response = client.get(reverse("decisions:record-pdf", args=[counted.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "no-store" and response.content.startswith(b"%PDF")


def test_the_commune_receives_the_record_but_cannot_print_the_village_slips(
    client, sign_in, counted, ballot_matter, world
):
    sign_in(client, world["official_a"])
    assert client.get(reverse("decisions:record-pdf", args=[counted.pk])).status_code == 200
    assert client.get(reverse("decisions:slips-pdf", args=[ballot_matter.pk])).status_code == 404
    assert client.get(reverse("decisions:notice", args=[ballot_matter.pk])).status_code == 404


def test_the_record_exists_only_once_the_matter_is_counted(client, sign_in, online_matter, village):
    sign_in(client, village["head"])
    assert client.get(reverse("decisions:record-docx", args=[online_matter.pk])).status_code == 404
    assert client.get(reverse("decisions:record-pdf", args=[online_matter.pk])).status_code == 404


def test_the_village_head_prints_the_slips(client, sign_in, ballot_matter, village):
    sign_in(client, village["head"])
    response = client.get(reverse("decisions:slips-pdf", args=[ballot_matter.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="phieu-lay-y-kien-{ballot_matter.pk}.pdf"'
    assert response["Cache-Control"] == "no-store"
    assert len(PdfReader(io.BytesIO(response.content)).pages) == 10


def test_slips_only_for_a_ballot_matter(client, sign_in, online_matter, village):
    sign_in(client, village["head"])
    assert client.get(reverse("decisions:slips-pdf", args=[online_matter.pk])).status_code == 404
    assert client.get(reverse("decisions:notice", args=[online_matter.pk])).status_code == 404
    assert client.get(reverse("decisions:minutes", args=[online_matter.pk])).status_code == 404


def test_the_printable_notice_and_count_minutes(client, sign_in, meeting_matter, village):
    sign_in(client, village["head"])
    response = client.get(reverse("decisions:notice", args=[meeting_matter.pk]))
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    page = response.content.decode()
    for text in ("THÔNG BÁO", "Nhà văn hóa thôn A1", "Nạo vét mương thủy lợi", "Thành phần tham dự", "TRƯỞNG THÔN",
                 documents.NATIONAL_NAME, 'href="/static/css/print.css" media="print"'):  # fmt: skip
        assert text in page
    assert "style=" not in page and "<script" not in page  # the strict CSP
    response = client.get(reverse("decisions:minutes", args=[meeting_matter.pk]))
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    page = response.content.decode()
    for text in ("BIÊN BẢN KIỂM PHIẾU", "Mẫu số 02", "Ngô Văn Kiểm", "Trưởng ban", "Trịnh Văn Chứng", "Lý Thị Kiến",
                 "03 bản", "Ủy ban nhân dân xã", "Ủy ban Mặt trận Tổ quốc Việt Nam xã"):  # fmt: skip
        assert text in page


def test_the_count_minutes_of_household_ballots_are_form_04(client, sign_in, ballot_matter, village):
    sign_in(client, village["head"])
    page = client.get(reverse("decisions:minutes", args=[ballot_matter.pk])).content.decode()
    assert "Mẫu số 04" in page and "Tổ phát phiếu" in page


@pytest.mark.parametrize("who", ["official_b", "resident_a1", "voter", "stranger"])
def test_everyone_else_gets_404_for_every_document(
    client, sign_in, counted, ballot_matter, meeting_matter, village, who
):
    users = {"voter": village["voters"][0], "stranger": UserFactory(username="stranger")}
    user = users.get(who) or village[who]
    sign_in(client, user)
    for matter in (counted, ballot_matter, meeting_matter):
        for url in _urls(matter):
            assert client.get(url).status_code == 404, url


def test_a_commune_wide_record_has_the_table_of_villages_in_docx_and_pdf(counted, village):
    """Art 21(1): a commune-wide matter is adopted by its villages; the record lists each one's count."""
    from grassroots.decisions.models import Matter, Scope

    a1, a2 = village["a1"], village["a"]["village2"]
    villages = [
        {"unit": a1.code, "households": 11, "agree": 8, "disagree": 1, "other": 1, "adopted": True},
        {"unit": a2.code, "households": 1, "agree": 0, "disagree": 1, "other": 0, "adopted": False},
    ]
    Matter.objects.filter(pk=counted.pk).update(
        scope=Scope.COMMUNE, unit=village["a"]["commune"], result={**counted.result, "villages": villages}
    )
    counted.refresh_from_db()
    text = docx_text(documents.decision_record_docx(counted))
    assert a1.name in text and a2.name in text, text
    assert "8 (" in text and "Không đạt" in text, text
    _reader, pdf_text = read_pdf(documents.decision_record_pdf(counted))
    assert a2.name in pdf_text and "Không đạt" in pdf_text
