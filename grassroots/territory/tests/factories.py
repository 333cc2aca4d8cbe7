import factory

from grassroots.territory.models import Unit, UnitKind, unit_path


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    code = factory.Sequence(lambda n: f"U{n:05d}")
    name = factory.Sequence(lambda n: f"Đơn vị {n}")
    kind = UnitKind.PROVINCE
    parent = None
    path = factory.LazyAttribute(lambda o: unit_path(o.parent, o.code))


def make_tree(prefix: str = "A", villages: int = 2) -> dict[str, Unit]:
    """A province with one commune and its villages: {"province", "commune", "village1", …}."""
    province = UnitFactory(code=f"{prefix}P", name=f"Tỉnh {prefix}", kind=UnitKind.PROVINCE)
    commune = UnitFactory(code=f"{prefix}C", name=f"Xã {prefix}", kind=UnitKind.COMMUNE, parent=province)
    tree = {"province": province, "commune": commune}
    for i in range(1, villages + 1):
        tree[f"village{i}"] = UnitFactory(
            code=f"{prefix}C-{i}", name=f"Thôn {prefix}{i}", kind=UnitKind.VILLAGE, parent=commune
        )
    return tree
