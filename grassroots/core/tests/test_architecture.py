"""Imports flow one way (docs/architecture.md), and the layers come from INSTALLED_APPS.

The project's apps are layered in the order INSTALLED_APPS lists them. The foundation (every app up to and
including `people`) is a stack: each imports only from apps listed before it. The feature apps after it
(decisions, training, and disclosure, consultation, supervision… as they come) are siblings on one layer:
they import from the foundation, never from each other. The composers (`portal`, later `reporting`) sit on
top and may import from everything. A new app is covered as soon as it is installed.
"""

from __future__ import annotations

import ast
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
LAST_OF_FOUNDATION = "people"
COMPOSERS = {"portal", "reporting"}


def project_apps() -> list[str]:
    return [app.split(".")[1] for app in settings.INSTALLED_APPS if app.startswith("grassroots.")]


def layers() -> dict[str, int]:
    """App → layer number: the foundation one layer each, every feature app one shared layer, composers last."""
    apps = project_apps()
    split = apps.index(LAST_OF_FOUNDATION) + 1
    layer = {app: i for i, app in enumerate(apps[:split])}
    for app in apps[split:]:
        layer[app] = split + 1 if app in COMPOSERS else split
    return layer


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def _sources(app: str) -> list[Path]:
    return [p for p in (ROOT / app).rglob("*.py") if "tests" not in p.parts and "migrations" not in p.parts]


def test_every_project_app_is_layered():
    on_disk = {p.parent.name for p in ROOT.glob("*/apps.py")}
    assert on_disk == set(project_apps()), "an app on disk is not in INSTALLED_APPS, or the other way round"
    assert {"decisions", "training"} <= set(layers())


def test_apps_import_neither_upward_nor_sideways():
    layer = layers()
    wrong = []
    for app in layer:
        for path in _sources(app):
            for module in _imports(path):
                parts = module.split(".")
                if parts[0] != "grassroots" or len(parts) < 2 or parts[1] not in layer or parts[1] == app:
                    continue
                if layer[parts[1]] >= layer[app]:
                    wrong.append(f"{path.relative_to(ROOT)} imports {module}")
    assert wrong == []


def test_the_check_fails_on_an_upward_and_a_sideways_import():
    layer = layers()
    assert layer["people"] < layer["decisions"] == layer["training"] < layer["portal"]
    assert layer["core"] < layer["library"] < layer["territory"] < layer["accounts"] < layer["people"]


def _views_modules(app: str) -> list[Path]:
    return [
        p for p in _sources(app) if p.name == "views.py" or p.name.startswith("views_") or "views" in p.parent.parts
    ]


def _foreign_queries(path: Path, app: str) -> list[str]:
    """`Model.objects…` in a views module, where Model comes from another app's models."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    foreign = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            parts = node.module.split(".")
            if parts[0] == "grassroots" and len(parts) >= 3 and parts[1] != app and parts[2] == "models":
                foreign.update(alias.asname or alias.name for alias in node.names)
    found = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and node.attr in {"objects", "_default_manager"}
            and isinstance(node.value, ast.Name)
            and node.value.id in foreign
        ):
            found.append(f"{path.relative_to(ROOT)}:{node.lineno} queries {node.value.id}")
    return found


def test_views_do_not_query_another_apps_models():
    """A view asks the app that owns the rows (its QuerySets, access functions or actions)."""
    wrong = [q for app in layers() for path in _views_modules(app) for q in _foreign_queries(path, app)]
    assert wrong == []
