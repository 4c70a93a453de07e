"""The shape of the code base: core is a base, apps form no circles, every app the same files.

Read from the source with `ast` (no import), so a forbidden import is found even in a
module no test happens to load."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "pingxing"
PURE = ("rubric", "documents")  # no Django and nothing of ours but themselves
COMMON_FILES = ("models", "services", "queries", "permissions", "access", "forms", "views", "api", "urls", "apps")


def _apps() -> list[str]:
    return sorted(p.name for p in SRC.iterdir() if (p / "apps.py").is_file() and p.name != "core")


def _imports_of(package: str) -> dict[str, set[str]]:
    """module path → the pingxing packages it imports (top-level and inside functions)."""
    found: dict[str, set[str]] = {}
    for path in (SRC / package).rglob("*.py"):
        if "migrations" in path.parts:
            continue
        names: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            modules = []
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                modules = [node.module]
            elif isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            for module in modules:
                parts = module.split(".")
                if parts[0] == "pingxing" and len(parts) > 1:
                    names.add(parts[1])
        found[str(path.relative_to(SRC))] = names
    return found


def _graph() -> dict[str, set[str]]:
    return {
        app: {dep for deps in _imports_of(app).values() for dep in deps if dep in _apps() and dep != app}
        for app in _apps()
    }


def test_core_imports_no_app():
    allowed = {"core", *PURE}  # the pure packages sit below core (core.excel uses rubric.xlsxguard)
    offenders = {path: sorted(deps - allowed) for path, deps in _imports_of("core").items() if deps - allowed}
    assert offenders == {}


@pytest.mark.parametrize("package", PURE)
def test_the_pure_packages_import_neither_django_nor_an_app(package):
    offenders = {}
    for path in (SRC / package).rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            module = node.module if isinstance(node, ast.ImportFrom) else None
            names = [module] if module else [a.name for a in node.names] if isinstance(node, ast.Import) else []
            bad = [n for n in names if n and (n.startswith("django") or (n.startswith("pingxing.")
                   and not n.startswith(f"pingxing.{package}")))]
            if bad:
                offenders.setdefault(str(path.relative_to(SRC)), []).extend(bad)
    assert offenders == {}


def test_no_two_apps_import_each_other_in_a_circle():
    graph = _graph()
    cycles = []

    def visit(app: str, trail: list[str]) -> None:
        for dep in sorted(graph[app]):
            if dep in trail:
                cycles.append(trail[trail.index(dep):] + [dep])
            else:
                visit(dep, [*trail, dep])

    for app in graph:
        visit(app, [app])
    assert cycles == []


def test_every_permissions_module_is_pure():
    for app in _apps():
        path = SRC / app / "permissions.py"
        if path.exists():
            assert not any(name.startswith("django") for name in _module_imports(path)), app


def _module_imports(path: Path) -> list[str]:
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
        elif isinstance(node, ast.Import):
            names.extend(a.name for a in node.names)
    return names


@pytest.mark.parametrize("app", _apps())
def test_every_domain_app_has_the_same_inner_files(app):
    missing = [name for name in COMMON_FILES
               if not (SRC / app / f"{name}.py").exists() and not (SRC / app / name).is_dir()]
    assert missing == []
