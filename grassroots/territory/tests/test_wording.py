"""Units listed once each, in natural order (1, 2, 10, 11), and a former unit said to be one."""

import datetime as dt

import pytest
from django import forms

from grassroots.core.text import natural_key
from grassroots.territory.forms import UnitChoiceField, natural_units
from grassroots.territory.models import Unit, UnitKind
from grassroots.territory.tests.factories import UnitFactory, make_tree

pytestmark = pytest.mark.django_db


def test_natural_key_orders_numbers_by_value():
    names = ["Thôn 10", "Thôn 2", "Thôn 1", "Thôn 11", "thôn 3"]
    assert sorted(names, key=natural_key) == ["Thôn 1", "Thôn 2", "thôn 3", "Thôn 10", "Thôn 11"]


@pytest.fixture
def commune():  # type: ignore[no-untyped-def]
    tree = make_tree("N", villages=0)
    for n in (1, 10, 11, 2):
        UnitFactory(code=f"NV{n}", name=f"Thôn {n}", kind=UnitKind.VILLAGE, parent=tree["commune"])
    return tree["commune"]


def test_villages_are_listed_once_in_natural_order(commune):
    units = list(commune.children.all())
    assert [u.name for u in natural_units(units + units)] == ["Thôn 1", "Thôn 2", "Thôn 10", "Thôn 11"]


def test_a_unit_drop_down_offers_each_unit_once_in_natural_order_and_tells_namesakes_apart(commune):
    other = make_tree("M", villages=0)["commune"]
    UnitFactory(code="MV1", name="Thôn 1", kind=UnitKind.VILLAGE, parent=other)

    class F(forms.Form):
        unit = UnitChoiceField(queryset=Unit.objects.filter(kind=UnitKind.VILLAGE))

    labels = [label for _, label in F().fields["unit"].choices][1:]
    assert labels == ["Thôn 1 (Xã M)", "Thôn 1 (Xã N)", "Thôn 2", "Thôn 10", "Thôn 11"]


def test_the_register_village_filter_is_in_natural_order(client, commune, sign_in):
    from grassroots.accounts.models import Role
    from grassroots.accounts.tests.factories import UserFactory, grant

    official = UserFactory()
    grant(official, commune, Role.COMMUNE_OFFICIAL)
    sign_in(client, official)
    body = client.get(f"/register/unit/{commune.code}/").content.decode()
    positions = [body.index(f">Thôn {n}<") for n in (1, 2, 10, 11)]
    assert positions == sorted(positions)


def test_a_merged_unit_says_it_is_former_instead_of_zero_households(client, commune):
    new = UnitFactory(code="NEW-W", name="Phường Mới", kind=UnitKind.WARD, parent=commune.parent)
    old = UnitFactory(
        code="OLD-W", name="Phường Cũ", kind=UnitKind.WARD, parent=commune.parent, valid_to=dt.date(2025, 7, 1)
    )
    old.successors.add(new)
    body = client.get(f"/en/units/{commune.parent.code}/").content.decode()
    assert "Former unit (merged into Phường Mới)" in body
    # Current units first: the former one is listed last.
    assert body.index("Phường Mới") < body.index(">Phường Cũ<")
    body = client.get(f"/en/units/{old.code}/").content.decode()
    assert "Former unit (merged into Phường Mới)" in body
    body = client.get(f"/units/{old.code}/").content.decode()
    assert "Đơn vị cũ (đã nhập vào Phường Mới)" in body
