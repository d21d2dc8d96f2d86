"""The layering rules hold: Qt only in ui, SQL only in storage, pandas only in analysis;
and no two modules of tracker/ import each other, however indirectly.

Checked on the source text so a violation fails CI the day it is written.

How imports count for cycles: an import at module level and one inside a
function (a lazy import) count the same. A lazy import is for load time (pandas,
pyqtgraph and the dialogs stay off the path to the first window); it does not
make two modules that need each other independent, and the next person to move
it to the top gets an ImportError. Only imports under ``if TYPE_CHECKING:`` are
left out: they never run and serve annotations alone.
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
# Import cycles known today, each to be removed by the change that breaks it (the test
# fails once a listed cycle is gone, so the list cannot go stale).
EXPECTED_CYCLES: set[frozenset[str]] = set()
SQL = re.compile(r"\b(SELECT\s+.+\s+FROM|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|"
                 r"CREATE\s+TABLE)\b", re.IGNORECASE | re.DOTALL)


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py"))


def _layer(path: Path) -> str | None:
    parts = path.relative_to(PACKAGE).parts
    if parts[0] == "cli.py":
        return "cli"
    return parts[0] if parts[0] in LAYERS else None


def _runnable_tree(path: Path) -> ast.Module:
    """The module's syntax tree without its ``if TYPE_CHECKING:`` bodies, which never run."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and ast.unparse(node.test) in (
                "TYPE_CHECKING", "typing.TYPE_CHECKING"):
            node.body = []
    return tree


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(_runnable_tree(path)):
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


def test_helper_scripts_run_the_installed_package() -> None:
    """A script the tests start as a child puts the checkout *after* site-packages:
    prepended, it runs the checkout's tracker/, which has no tracker.resources, so it
    passes with an editable install and fails in CI's regular one."""
    prepending = [p.name for p in sorted((REPO_ROOT / "tests").glob("*.py"))
                  if "sys.path.insert(0," in p.read_text(encoding="utf-8")
                  and p.name != Path(__file__).name]
    assert prepending == []


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path: Path, root: Path) -> set[str]:
    """The modules ``path`` imports when it runs (at module level or in a function), as
    absolute names; ``from package import name`` counts ``package.name`` too."""
    name = module_name(path, root)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(_runnable_tree(path)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[:len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def import_cycles(root: Path) -> set[frozenset[str]]:
    """Each set of modules of the package at ``root`` that import one another in a circle
    (the strongly connected components of the import graph with more than one module)."""
    modules = {module_name(p, root): p for p in sorted(root.rglob("*.py"))}
    graph = {name: sorted((imported_modules(path, root) & modules.keys()) - {name})
             for name, path in modules.items()}
    order: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles: set[frozenset[str]] = set()

    def visit(module: str) -> None:  # Tarjan's algorithm; the graph is a few hundred nodes
        order[module] = low[module] = len(order)
        stack.append(module)
        for target in graph[module]:
            if target not in order:
                visit(target)
                low[module] = min(low[module], low[target])
            elif target in stack:
                low[module] = min(low[module], order[target])
        if low[module] == order[module]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == module:
                    break
            if len(component) > 1:
                cycles.add(frozenset(component))

    for module in graph:
        if module not in order:
            visit(module)
    return cycles


def check_no_import_cycles(root: Path, expected: set[frozenset[str]]) -> None:
    """Fail on any import cycle under ``root`` except the ``expected`` ones, and on an
    expected one that is gone."""
    found = import_cycles(root)
    new = [", ".join(sorted(cycle)) for cycle in found - expected]
    assert not new, f"import cycles (see this module's docstring): {new}"
    gone = [", ".join(sorted(cycle)) for cycle in expected - found]
    assert not gone, f"these cycles are gone; remove them from EXPECTED_CYCLES: {gone}"


def test_no_import_cycles() -> None:
    check_no_import_cycles(PACKAGE, EXPECTED_CYCLES)


def _package(root: Path, files: dict[str, str]) -> Path:
    package = root / "pkg"
    for name, text in {"__init__.py": "", **files}.items():
        (package / name).parent.mkdir(parents=True, exist_ok=True)
        (package / name).write_text(text, encoding="utf-8")
    return package


@pytest.mark.parametrize("files", [
    {"a.py": "from pkg import b\n", "b.py": "import pkg.a\n"},
    {"a.py": "from pkg.b import thing\n", "b.py": "from pkg.c import other\n",
     "c.py": "def f():\n    from pkg import a\n"},
    {"a.py": "from . import b\n", "b.py": "from .a import thing\n"},
    {"sub/__init__.py": "", "sub/a.py": "from ..b import thing\n",
     "b.py": "class C:\n    def m(self):\n        if True:\n            import pkg.sub.a\n"},
], ids=["module level", "lazy, through three modules", "relative", "nested in a method"])
def test_the_cycle_check_fails_on_a_cycle(tmp_path: Path, files: dict[str, str]) -> None:
    package = _package(tmp_path, files)
    assert import_cycles(package)
    with pytest.raises(AssertionError, match="import cycles"):
        check_no_import_cycles(package, set())


def test_type_checking_imports_and_one_way_imports_are_no_cycle(tmp_path: Path) -> None:
    package = _package(tmp_path, {
        "a.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg import b\n",
        "b.py": "from pkg import a\n",
        "c.py": "def f():\n    from pkg import a, b\n",
    })
    check_no_import_cycles(package, set())


def test_an_expected_cycle_that_is_gone_must_be_unlisted(tmp_path: Path) -> None:
    package = _package(tmp_path, {"a.py": "from pkg import b\n", "b.py": ""})
    with pytest.raises(AssertionError, match="EXPECTED_CYCLES"):
        check_no_import_cycles(package, {frozenset({"pkg.a", "pkg.b"})})
