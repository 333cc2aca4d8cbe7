"""Imports flow one way (docs/architecture.md): an app imports only from apps to its left."""

import ast
from pathlib import Path

ORDER = ["core", "library", "territory", "accounts", "people", "portal"]
ROOT = Path(__file__).resolve().parents[2]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_apps_import_only_from_apps_to_their_left():
    wrong = []
    for app in ORDER:
        for path in (ROOT / app).rglob("*.py"):
            if "tests" in path.parts or "migrations" in path.parts:
                continue
            for module in _imports(path):
                parts = module.split(".")
                if parts[0] != "grassroots" or len(parts) < 2 or parts[1] not in ORDER:
                    continue
                if ORDER.index(parts[1]) > ORDER.index(app):
                    wrong.append(f"{path.relative_to(ROOT)} imports {module}")
    assert wrong == []
