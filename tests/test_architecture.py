"""The layering rules hold: Qt only in ui, SQL only in storage, pandas only in analysis.

Checked on the source text so a violation fails CI the day it is written.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT

PACKAGE = REPO_ROOT / "tracker"
LAYERS = ("domain", "storage", "analysis", "services", "cli", "ui")
# Which layers each layer may import (its own and the ones below it).
ALLOWED = {
    "domain": {"domain"},
    "storage": {"domain", "storage"},
    "analysis": {"domain", "analysis"},
    "services": {"domain", "storage", "analysis", "services"},
    "cli": {"domain", "services", "cli"},
    "ui": {"domain", "services", "ui"},
}
ENTRY_POINT = PACKAGE / "cli" / "main.py"
SQL = re.compile(r"\b(SELECT\s+.+\s+FROM|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|"
                 r"CREATE\s+TABLE)\b", re.IGNORECASE | re.DOTALL)


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py"))


def _layer(path: Path) -> str | None:
    parts = path.relative_to(PACKAGE).parts
    if parts[0] == "cli.py":
        return "cli"
    return parts[0] if parts[0] in LAYERS else None


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):  # imports for type checking only are never executed
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING":
            node.body = []
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(REPO_ROOT)))
def test_layer_imports(path: Path) -> None:
    layer = _layer(path)
    imports = _imports(path)
    top = {name.split(".")[0] for name in imports}
    if layer != "ui":
        assert not top & {"PySide6", "pyqtgraph"}, "Qt belongs in tracker/ui only"
    if layer != "analysis":
        assert not top & {"pandas", "numpy"}, "pandas belongs in tracker/analysis only"
    if layer != "storage":
        assert "sqlite3" not in top, "SQL belongs in tracker/storage only"
    if layer is None:
        return
    for name in imports:
        if path == ENTRY_POINT and name == "tracker.ui.shell.app":
            continue  # the command opens the window when given no subcommand
        parts = name.split(".")
        if parts[0] == "tracker" and len(parts) > 1 and parts[1] in LAYERS:
            assert parts[1] in ALLOWED[layer], f"{layer} must not import tracker.{parts[1]}"


@pytest.mark.parametrize("path", [p for p in _modules() if _layer(p) != "storage"],
                         ids=lambda p: str(p.relative_to(REPO_ROOT)))
def test_no_sql_outside_storage(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            assert not SQL.search(node.value), f"SQL text in {path.name}: {node.value[:60]!r}"


def test_every_package_is_installed() -> None:
    """A package missing from pyproject's list works from a checkout but not once installed."""
    import tomllib

    listed = set(tomllib.loads((REPO_ROOT / "pyproject.toml").read_text())["tool"]["setuptools"][
        "packages"])
    found = {".".join(p.parent.relative_to(REPO_ROOT).parts)
             for p in PACKAGE.rglob("__init__.py")}
    assert found - listed == set(), "add these to [tool.setuptools] packages in pyproject.toml"
