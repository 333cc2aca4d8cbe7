"""A unit saved anywhere gets its path computed and its parent kind checked; an empty path, which lies
under every path (a role on it would open every register), is refused by the database."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from grassroots.territory.models import Unit, UnitKind
from grassroots.territory.tests.factories import make_tree

pytestmark = pytest.mark.django_db


def test_a_unit_created_without_a_path_gets_it_from_its_parent():
    tree = make_tree("A", villages=1)
    village = Unit.objects.create(code="AC-9", name="Thôn 9", kind=UnitKind.VILLAGE, parent=tree["commune"])
    assert village.path == "/AP/AC/AC-9/"
    assert Unit.objects.get(pk=village.pk).path == "/AP/AC/AC-9/"


def test_a_root_unit_gets_a_path_of_its_own():
    province = Unit.objects.create(code="79", name="TP Hồ Chí Minh", kind=UnitKind.PROVINCE)
    assert province.path == "/79/"


def test_a_wrong_path_given_by_the_caller_is_replaced():
    tree = make_tree("A", villages=0)
    village = Unit(code="AC-5", name="Thôn 5", kind=UnitKind.VILLAGE, parent=tree["commune"], path="/")
    village.save()
    assert village.path == "/AP/AC/AC-5/"


@pytest.mark.parametrize(
    ("kind", "parent_key"),
    [
        (UnitKind.VILLAGE, "province"),
        (UnitKind.COMMUNE, "commune"),
        (UnitKind.PROVINCE, "province"),
        (UnitKind.VILLAGE, None),
    ],
)
def test_a_unit_under_a_parent_of_the_wrong_kind_is_refused(kind, parent_key):
    tree = make_tree("A", villages=0)
    parent = tree[parent_key] if parent_key else None
    with pytest.raises(ValidationError) as excinfo:
        Unit.objects.create(code="X1", name="X", kind=kind, parent=parent)
    assert "parent" in excinfo.value.message_dict
    assert not Unit.objects.filter(code="X1").exists()


def test_a_unit_with_units_under_it_cannot_be_moved():
    a, b = make_tree("A", villages=1), make_tree("B", villages=0)
    commune = a["commune"]
    commune.parent = b["province"]
    with pytest.raises(ValidationError):
        commune.save()
    assert Unit.objects.get(pk=a["village1"].pk).path == "/AP/AC/AC-1/"


def test_a_leaf_unit_moved_to_another_commune_gets_its_new_path():
    a, b = make_tree("A", villages=1), make_tree("B", villages=0)
    village = a["village1"]
    village.parent = b["commune"]
    village.save(update_fields=["parent"])
    assert Unit.objects.get(pk=village.pk).path == "/BP/BC/AC-1/"


@pytest.mark.parametrize("path", ["", "/", "AC-1"])
def test_the_database_refuses_an_empty_or_malformed_path(path):
    tree = make_tree("A", villages=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Unit.objects.filter(pk=tree["village1"].pk).update(path=path)
