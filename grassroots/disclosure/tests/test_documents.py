"""The quarterly index (Law Art 13(2)), published as a disclosure itself; the disclosure plan and the
report to the People's Council (Art 14) as DOCX and PDF, read back."""

import datetime as dt

import pytest
from django.urls import reverse

from grassroots.core.errors import DomainError
from grassroots.core.tests.readback import docx_text, pdf_text
from grassroots.disclosure import actions, rules
from grassroots.disclosure.choices import Category, Channel

from .factories import make_item

pytestmark = pytest.mark.django_db
D = dt.date


def test_art13_2_the_quarterly_index_lists_the_quarter_and_is_published(world):
    official, commune = world["official_a"], world["a"]["commune"]
    in_q1 = make_item(official, commune, title="Quyết toán ngân sách 2025", published_on=D(2026, 3, 3))
    actions.log_posting(in_q1, actor=official, channel=Channel.COMMUNE_SEAT, started_on=D(2026, 3, 3),
                        ended_on=D(2026, 4, 1))  # fmt: skip
    make_item(official, commune, title="Kế hoạch quý 2", published_on=D(2026, 4, 2))
    make_item(world["official_b"], world["b"]["commune"], title="Của xã B", published_on=D(2026, 3, 3))
    index = actions.publish_quarterly_index(commune, 2026, 1, actor=official, today=D(2026, 4, 3))
    assert index.is_published and index.index_of == "2026-1" and index.category == Category.OTHER
    assert "Quyết toán ngân sách 2025" in index.body and "Niêm yết tại trụ sở" in index.body
    assert "Kế hoạch quý 2" not in index.body and "Của xã B" not in index.body
    with pytest.raises(DomainError):
        actions.publish_quarterly_index(commune, 2026, 1, actor=official, today=D(2026, 4, 3))


def test_art13_2_the_index_waits_for_the_end_of_the_quarter(world):
    with pytest.raises(DomainError):
        actions.publish_quarterly_index(world["a"]["commune"], 2026, 1, actor=world["official_a"], today=D(2026, 3, 31))


def test_art13_2_the_index_is_posted_at_the_seat_and_village_points():
    needed = {r.channel for r in rules.required_channels(Category.OTHER, has_loudspeaker=True, is_index=True)}
    assert needed == {Channel.WEB_PORTAL, Channel.COMMUNE_SEAT, Channel.VILLAGE_POINTS}


def test_another_communes_official_cannot_publish_the_index(world):
    with pytest.raises(DomainError):
        actions.publish_quarterly_index(world["a"]["commune"], 2026, 1, actor=world["official_b"], today=D(2026, 4, 3))


def test_the_index_documents_are_linked_from_the_index_and_read_back(client, world, sign_in):
    official, commune = world["official_a"], world["a"]["commune"]
    make_item(official, commune, title="Quyết toán ngân sách 2025", published_on=D(2026, 3, 3))
    index = actions.publish_quarterly_index(commune, 2026, 1, actor=official, today=D(2026, 4, 3))
    sign_in(client, official)
    page = client.get(reverse("disclosure:item", args=[index.pk])).content.decode()
    assert reverse("disclosure:index-docx", args=[index.pk]) in page
    docx = docx_text(client.get(reverse("disclosure:index-docx", args=[index.pk])).content)
    assert "DANH MỤC THÔNG TIN ĐÃ CÔNG KHAI" in docx and "Quyết toán ngân sách 2025" in docx
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in docx
    pdf = pdf_text(client.get(reverse("disclosure:index-pdf", args=[index.pk])).content)
    assert "Quý 1 năm 2026" in pdf


def test_the_index_page_generates_it(client, world, sign_in):
    sign_in(client, world["official_a"])
    response = client.post(reverse("disclosure:index-new", args=[world["a"]["commune"].code]),
                           {"year": 2025, "quarter": 4})  # fmt: skip
    assert response.status_code == 302


def test_art14_the_plan_lists_every_category_with_its_channels(client, world, sign_in):
    sign_in(client, world["official_a"])
    console = client.get(reverse("disclosure:console")).content.decode()
    code = world["a"]["commune"].code
    assert reverse("disclosure:plan-docx", args=[code]) in console
    docx = docx_text(client.get(reverse("disclosure:plan-docx", args=[code]), {"year": 2026}).content)
    assert "KẾ HOẠCH CÔNG KHAI THÔNG TIN" in docx and "Năm 2026" in docx
    assert "Ngân sách: dự toán" in docx  # each category by its Vietnamese name
    assert "Hệ thống loa truyền thanh" in docx and "ít nhất 30 ngày liên tục" in docx and "thường xuyên" in docx
    pdf = pdf_text(client.get(reverse("disclosure:plan-pdf", args=[code]), {"year": 2026}).content)
    assert "KẾ HOẠCH CÔNG KHAI THÔNG TIN" in pdf


def test_art14_the_report_to_the_peoples_council_counts_late_and_short_items(client, world, sign_in):
    official, commune = world["official_a"], world["a"]["commune"]
    make_item(
        official, commune, title="Phí chợ 2026", category=12, decided_on=D(2026, 1, 5), published_on=D(2026, 1, 20)
    )
    sign_in(client, official)
    code = commune.code
    assert reverse("disclosure:report-pdf", args=[code]) in client.get(reverse("disclosure:console")).content.decode()
    docx = docx_text(client.get(reverse("disclosure:report-docx", args=[code]), {"year": 2026}).content)
    assert "BÁO CÁO KẾT QUẢ CÔNG KHAI THÔNG TIN" in docx and "Hội đồng nhân dân" in docx
    assert "Phí chợ 2026" in docx and "công khai chậm" in docx
    assert "Mặt trận Tổ quốc" in docx and "ngày ngày" not in docx
    pdf = pdf_text(client.get(reverse("disclosure:report-pdf", args=[code]), {"year": 2026}).content)
    assert "BÁO CÁO KẾT QUẢ CÔNG KHAI THÔNG TIN" in pdf
