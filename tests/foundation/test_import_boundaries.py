"""The GUI and the CLI reach the core only through core/services: no module under
wacampaign_desktop/gui/ or wacampaign_desktop/cli/ imports core.store, in any form (absolute,
relative, `from … import store`, or inside a function)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "wacampaign_desktop"
STORE = "wacampaign_desktop.core.store"
THIN_LAYERS = ("gui", "cli")


def _module_name(path: Path, root: Path) -> str:
    parts = path.relative_to(root.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _absolute(path: Path, root: Path, node: ast.ImportFrom) -> str:
    """The absolute module an ImportFrom names (resolving `from ..core import x`)."""
    if not node.level:
        return node.module or ""
    package = _module_name(path, root).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    base = package[: len(package) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def store_imports(path: Path, root: Path = PACKAGE) -> list[str]:
    """Every import of core.store in `path` (a module of the package at `root`), as written."""
    found: list[str] = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            module = _absolute(path, root, node)
            names = [module] + [f"{module}.{alias.name}" for alias in node.names]
        if any(name == STORE or name.startswith(STORE + ".") for name in names):
            found.append(f"line {node.lineno}: {ast.unparse(node)}")
    return found


def offenders() -> dict[str, list[str]]:
    result: dict[str, list[str]] = {}
    for layer in THIN_LAYERS:
        for path in sorted((PACKAGE / layer).rglob("*.py")):
            imports = store_imports(path)
            if imports:
                result[str(path.relative_to(PACKAGE.parent))] = imports
    return result


def test_the_checker_sees_every_form_of_import(tmp_path):
    package = tmp_path / "wacampaign_desktop"
    (package / "gui" / "views").mkdir(parents=True)
    samples = {
        "a.py": "from wacampaign_desktop.core.store.models import Contact\n",
        "b.py": "import wacampaign_desktop.core.store.database as db\n",
        "c.py": "from wacampaign_desktop.core import store\n",
        "d.py": "def f():\n    from ...core.store import models\n",
        "e.py": "from ...core.services.queries import Queries\nimport wacampaign_desktop.core.storage\n",
    }
    for name, text in samples.items():
        (package / "gui" / "views" / name).write_text(text)
    found = {path.name for path in package.rglob("*.py") if store_imports(path, package)}
    assert found == {"a.py", "b.py", "c.py", "d.py"}


def test_gui_and_cli_do_not_import_the_store():
    found = offenders()
    report = "\n".join(f"{path}: {'; '.join(lines)}" for path, lines in found.items())
    assert not found, f"{len(found)} modules import core.store (use core/services):\n{report}"
