"""Imports flow one way (docs/architecture.md), and the layers come from INSTALLED_APPS.

The project's apps are layered in the order INSTALLED_APPS lists them. The foundation (every app up to and
including `people`) is a stack: each imports only from apps listed before it. The feature apps after it
(decisions, training, and disclosure, consultation, supervision… as they come) are siblings on one layer:
they import from the foundation, never from each other. The village institutions (`elections`,
`conventions`, `annual_conferences`) are built on community decisions (Law Art 15(3)-(4), Art 33; Decree 59
Arts 6-11; Decree 61): they run their votes and meetings through `decisions`, so they sit one layer above
the feature apps and are siblings of each other. The composers (`portal`, later `reporting`) sit on top and
may import from everything. A new app is covered as soon as it is installed.
"""

from __future__ import annotations

import ast
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
LAST_OF_FOUNDATION = "people"
COMPOSERS = {"portal", "reporting"}
BUILT_ON_DECISIONS = {"elections", "conventions", "annual_conferences", "inspection", "investment_supervision"}


def project_apps() -> list[str]:
    return [app.split(".")[1] for app in settings.INSTALLED_APPS if app.startswith("grassroots.")]


def layers() -> dict[str, int]:
    """App → layer number: the foundation one layer each, every feature app one shared layer, the village
    institutions one layer above it (built on decisions), composers last."""
    apps = project_apps()
    split = apps.index(LAST_OF_FOUNDATION) + 1
    layer = {app: i for i, app in enumerate(apps[:split])}
    for app in apps[split:]:
        layer[app] = split + 2 if app in COMPOSERS else split + 1 if app in BUILT_ON_DECISIONS else split
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
    assert layer["decisions"] < layer["elections"] == layer["conventions"] == layer["annual_conferences"]
    assert layer["elections"] < layer["portal"]
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


def _module_name(path: Path, root: Path = ROOT) -> str:
    parts = ("grassroots", *path.relative_to(root).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _intra_app_imports(path: Path, modules: set[str], root: Path = ROOT) -> set[str]:
    """The app's own modules that `path` imports, at the top or inside a function, absolute or relative."""
    name = _module_name(path, root)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            # `from .x import y` loads x, and y too when y is a module of its own.
            targets = [base, *(f"{base}.{alias.name}" for alias in node.names)]
        else:
            continue
        for target in targets:
            # Importing a.b.c runs the package a.b first, unless the importer is inside it already.
            parts = target.split(".")
            for end in range(3, len(parts) + 1):
                module = ".".join(parts[:end])
                if module in modules and module != name and not name.startswith(f"{module}."):
                    found.add(module)
    return found


def _import_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One cycle per strongly connected group of modules that import each other (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for other in sorted(graph[module]):
            if other not in index:
                visit(other)
                low[module] = min(low[module], low[other])
            elif other in stack:
                low[module] = min(low[module], index[other])
        if low[module] == index[module]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == module:
                    break
            if len(group) > 1 or module in graph[module]:
                cycles.append(sorted(group))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return cycles


def test_imports_inside_each_app_flow_one_way():
    """No two modules of an app import each other, directly or round a loop, not even from inside a
    function (the usual way to dodge the ImportError a cycle causes): each app reads bottom-up."""
    cycles = []
    for app in layers():
        paths = _sources(app)
        modules = {_module_name(p) for p in paths}
        graph = {_module_name(p): _intra_app_imports(p, modules) for p in paths}
        cycles += _import_cycles(graph)
    assert cycles == []


def test_the_cycle_check_finds_a_loop_through_a_function_level_import(tmp_path):
    app = tmp_path / "demoapp"
    app.mkdir()
    (app / "a.py").write_text("from .b import thing\n")
    (app / "b.py").write_text("def thing():\n    from grassroots.demoapp import a\n")
    (app / "c.py").write_text("from . import a\n")
    (app / "pkg").mkdir()
    (app / "pkg" / "__init__.py").write_text("from .d import thing\n")
    (app / "pkg" / "d.py").write_text("from ..c import a\n")
    (app / "e.py").write_text("from .pkg.d import thing\n")
    (app / "f.py").write_text("import grassroots.demoapp.g\n")
    (app / "g.py").write_text("from .pkg import d\nfrom . import f\n")
    modules = {_module_name(p, tmp_path) for p in app.rglob("*.py")}
    graph = {_module_name(p, tmp_path): _intra_app_imports(p, modules, tmp_path) for p in app.rglob("*.py")}
    demo = "grassroots.demoapp"
    assert graph[f"{demo}.c"] == {f"{demo}.a"}
    # A submodule imported from outside its package runs the package's __init__ too.
    assert graph[f"{demo}.e"] == {f"{demo}.pkg", f"{demo}.pkg.d"}
    assert graph[f"{demo}.pkg.d"] == {f"{demo}.c"}
    assert _import_cycles(graph) == [[f"{demo}.a", f"{demo}.b"], [f"{demo}.f", f"{demo}.g"]]
