"""The house rules that code review alone would let slip."""

import ast
import subprocess
import sys
from pathlib import Path

import kiosk

PACKAGE = Path(kiosk.__file__).parent
QT_MODULES = ("PySide6", "shiboken6", "PyQt5", "PyQt6")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def test_services_and_store_import_no_qt_in_source() -> None:
    offenders = []
    for folder in ("services", "store"):
        for path in (PACKAGE / folder).rglob("*.py"):
            for name in _imports(path):
                if name.split(".")[0] in QT_MODULES:
                    offenders.append(f"{path.relative_to(PACKAGE)}: {name}")
    assert offenders == []


def test_services_and_store_pull_in_no_qt_when_imported() -> None:
    modules = [
        f"kiosk.{folder}.{path.stem}"
        for folder in ("services", "store")
        for path in sorted((PACKAGE / folder).glob("*.py"))
        if path.stem != "__init__"
    ]
    script = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {QT_MODULES!r}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
