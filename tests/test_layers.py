"""The layers hold: only simulator/ui imports Qt; the window reaches storage only through services."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import PROJECT_ROOT

PACKAGE = PROJECT_ROOT / "simulator"


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_only_the_ui_package_imports_qt() -> None:
    for path in PACKAGE.rglob("*.py"):
        if "ui" in path.relative_to(PACKAGE).parts:
            continue
        qt = {name for name in imported_modules(path) if name.split(".")[0] == "PySide6"}
        assert not qt, f"{path.relative_to(PROJECT_ROOT)} imports {qt}"


def test_the_ui_never_imports_storage() -> None:
    for path in (PACKAGE / "ui").rglob("*.py"):
        storage = {name for name in imported_modules(path) if name.startswith("simulator.storage")}
        assert not storage, f"{path.relative_to(PROJECT_ROOT)} imports {storage}: use simulator.services"
