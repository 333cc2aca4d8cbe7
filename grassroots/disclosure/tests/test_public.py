"""The residents' side (issue 12, item 5): per commune and village, newest first, filterable, searchable
without diacritics; the Atom feed and open data (JSON, CSV); only published items, never drafts; light."""

import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from grassroots.disclosure.models import Item
from grassroots.disclosure.public import search

from .factories import make_item

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def items(world):  # type: ignore[no-untyped-def]
    official = world["official_a"]
    return {
        "budget": make_item(official, world["a"]["commune"], title="Công khai dự toán ngân sách xã", category=2,
                            published_on=D(2026, 3, 3)),
        "poor": make_item(official, world["a"]["village1"], title="Danh sách hộ nghèo thôn A1", category=7,
                          published_on=D(2026, 3, 10), body="Danh sách kèm theo."),
        "draft": make_item(official, world["a"]["commune"], title="Bản nháp bí mật về ngân sách", publish=False),
        "other": make_item(world["official_b"], world["b"]["commune"], title="Ngân sách xã B",
                           published_on=D(2026, 3, 5)),
    }  # fmt: skip


def test_the_commune_page_lists_its_and_its_villages_published_items_newest_first(client, items, world):
    page = client.get(reverse("disclosure:unit", args=[world["a"]["commune"].code]))
    assert page.status_code == 200
    html = page.content.decode()
    assert html.index("Danh sách hộ nghèo thôn A1") < html.index("Công khai dự toán ngân sách xã")
    assert "Bản nháp bí mật" not in html
    assert "Ngân sách xã B" not in html


def test_a_village_page_lists_its_own_and_its_communes_items(client, items, world):
    html = client.get(reverse("disclosure:unit", args=[world["a"]["village2"].code])).content.decode()
    assert "Công khai dự toán ngân sách xã" in html
    assert "Danh sách hộ nghèo thôn A1" not in html


def test_a_search_without_diacritics_finds_items_written_with_them(client, items, world):
    html = client.get(
        reverse("disclosure:unit", args=[world["a"]["commune"].code]), {"q": "ngan sach"}
    ).content.decode()
    assert "Công khai dự toán ngân sách xã" in html
    assert "Danh sách hộ nghèo" not in html
    assert "Bản nháp" not in html
    found = search(Item.objects.published(), "NGÂN SÁCH", None)
    assert {i.title for i in found} == {"Công khai dự toán ngân sách xã", "Ngân sách xã B"}
    assert [i.title for i in search(Item.objects.published(), "ho ngheo", None)] == ["Danh sách hộ nghèo thôn A1"]


def test_the_list_filters_by_category(client, items, world):
    html = client.get(reverse("disclosure:unit", args=[world["a"]["commune"].code]), {"category": 7}).content.decode()
    assert "Danh sách hộ nghèo thôn A1" in html and "dự toán ngân sách" not in html


def test_a_draft_is_not_found_by_anyone_but_its_officials(client, items, world, sign_in):
    url = reverse("disclosure:item", args=[items["draft"].pk])
    assert client.get(url).status_code == 404
    sign_in(client, world["resident_a1"])
    assert client.get(url).status_code == 404
    sign_in(client, world["official_b"])
    assert client.get(url).status_code == 404
    sign_in(client, world["official_a"])
    assert client.get(url).status_code == 200


def test_the_atom_feed_has_only_published_items(client, items, world):
    response = client.get(reverse("disclosure:feed", args=[world["a"]["commune"].code]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)  # noqa: S314 (our own feed)
    titles = [e.text for e in root.iter("{http://www.w3.org/2005/Atom}title")]
    assert "Danh sách hộ nghèo thôn A1" in titles and "Công khai dự toán ngân sách xã" in titles
    assert not any("nháp" in (t or "") for t in titles)


def test_the_csv_open_data_has_only_published_items(client, items, world):
    response = client.get(reverse("disclosure:csv", args=[world["a"]["commune"].code]))
    assert response["Content-Disposition"].startswith("attachment;")
    text = response.content.decode()
    assert text.splitlines()[0].startswith("id,unit_code,unit,category,title")
    assert "Công khai dự toán ngân sách xã" in text and "nháp" not in text


def test_the_json_open_data_has_only_published_items(client, items, world):
    data = client.get("/api/v1/disclosures/", {"unit": world["a"]["commune"].code}).json()
    assert [i["title"] for i in data["items"]] == ["Danh sách hộ nghèo thôn A1", "Công khai dự toán ngân sách xã"]
    assert client.get(f"/api/v1/disclosures/{items['draft'].pk}").status_code == 404
    one = client.get(f"/api/v1/disclosures/{items['budget'].pk}").json()
    assert one["body"] and one["unit"] == world["a"]["commune"].code
    searched = client.get("/api/v1/disclosures/", {"q": "ngan sach"}).json()
    assert {i["title"] for i in searched["items"]} == {"Công khai dự toán ngân sách xã", "Ngân sách xã B"}


def test_fifty_items_are_light_and_read_in_a_fixed_number_of_queries(client, world, django_assert_max_num_queries):
    official = world["official_a"]
    for i in range(55):
        make_item(official, world["a"]["village1" if i % 2 else "commune"], title=f"Thông báo số {i} về phí chợ",
                  category=12, body="Nội dung dài " * 40, published_on=D(2026, 1, 1) + dt.timedelta(days=i))  # fmt: skip
    url = reverse("disclosure:unit", args=[world["a"]["commune"].code])
    with django_assert_max_num_queries(8):
        response = client.get(url)
    assert response.content.decode().count('href="/disclosure/item/') == 50
    assert len(response.content) < 100 * 1024


def test_the_unit_page_and_the_menu_link_to_the_disclosures(client, items, world):
    unit_page = client.get(reverse("territory:unit-detail", args=[world["a"]["commune"].code])).content.decode()
    assert reverse("disclosure:unit", args=[world["a"]["commune"].code]) in unit_page
    assert reverse("disclosure:index") in unit_page  # the menu
    index = client.get(reverse("disclosure:index")).content.decode()
    assert reverse("disclosure:unit", args=[world["a"]["commune"].code]) in index
