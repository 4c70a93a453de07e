"""The accounts app sits at the bottom of the app graph: it imports no other domain app."""

from __future__ import annotations

import ast
from pathlib import Path

ACCOUNTS = Path(__file__).resolve().parents[2] / "src" / "pingxing" / "accounts"
ABOVE = ("pingxing.orgs", "pingxing.members", "pingxing.audit", "pingxing.ratings")


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def test_accounts_imports_no_app_above_it():
    offenders = {
        str(path.relative_to(ACCOUNTS)): sorted(n for n in _imports(path) if n.startswith(ABOVE))
        for path in ACCOUNTS.rglob("*.py")
    }
    assert {path: names for path, names in offenders.items() if names} == {}
