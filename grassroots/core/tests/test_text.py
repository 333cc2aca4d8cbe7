import importlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from grassroots.core.text import fold


@pytest.mark.parametrize(
    ("text", "folded"),
    [("Xã Đông Tiến", "xa dong tien"), ("PHƯỜNG HẠC THÀNH", "phuong hac thanh"), ("  Tổ  dân phố 1 ", "to dan pho 1"),
     ("Nguyễn Thị Ánh", "nguyen thi anh")],
)  # fmt: skip
def test_fold_ignores_case_and_accents(text, folded):
    assert fold(text) == folded


@given(st.text(max_size=50))
def test_the_migrations_copy_of_fold_matches(text):
    migration = importlib.import_module("grassroots.territory.migrations.0002_unit_name_folded")
    assert migration.fold(text) == fold(text)
    assert fold(fold(text)) == fold(text)
