"""Role titles do not repeat the kind of unit: "Tổ trưởng Tổ dân phố 2", not "Tổ trưởng tổ dân phố Tổ dân phố 2"."""

from types import SimpleNamespace

import pytest

from grassroots.decisions.documents.facts import head_of_community
from grassroots.territory.models import UnitKind


def _matter(name: str, kind: str, scope: str = "village"):  # type: ignore[no-untyped-def]
    return SimpleNamespace(scope=scope, unit=SimpleNamespace(name=name, kind=kind))


@pytest.mark.parametrize(
    "name,kind,title",
    [
        ("Tổ dân phố 2", UnitKind.RESIDENTIAL_GROUP, "Tổ trưởng Tổ dân phố 2"),
        ("Hòa Bình", UnitKind.RESIDENTIAL_GROUP, "Tổ trưởng tổ dân phố Hòa Bình"),
        ("Thôn 2", UnitKind.VILLAGE, "Trưởng Thôn 2"),
        ("Ấp 3", UnitKind.VILLAGE, "Trưởng Ấp 3"),
        ("Đông Hòa", UnitKind.VILLAGE, "Trưởng thôn Đông Hòa"),
        ("Thống Nhất", UnitKind.VILLAGE, "Trưởng thôn Thống Nhất"),
    ],
)
def test_the_title_names_the_kind_once(name, kind, title):  # type: ignore[no-untyped-def]
    assert head_of_community(_matter(name, kind)) == title
    assert "tổ dân phố Tổ dân phố" not in head_of_community(_matter(name, kind))
