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
    for folder in ("services", "store", "sync"):
        for path in (PACKAGE / folder).rglob("*.py"):
            for name in _imports(path):
                if name.split(".")[0] in QT_MODULES:
                    offenders.append(f"{path.relative_to(PACKAGE)}: {name}")
    assert offenders == []


def test_services_and_store_pull_in_no_qt_when_imported() -> None:
    modules = [
        ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        for folder in ("services", "store", "sync")
        for path in sorted((PACKAGE / folder).rglob("*.py"))
        if path.stem != "__init__" and "migrations" not in path.parts
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


# --- the capability house ------------------------------------------------------------------

ROOT = PACKAGE.parent


def _capability_names() -> set[str]:
    from kiosk.capabilities import CAPABILITIES

    return {ref.name for ref in CAPABILITIES}


def _capability_of(path: Path) -> str | None:
    """The capability a kiosk file belongs to, or None for platform code."""
    parts = path.relative_to(PACKAGE).parts
    if len(parts) > 2 and parts[0] in ("services", "ui") and parts[1] in _capability_names():
        return parts[1]
    return None


def _imported_capabilities(path: Path) -> set[str]:
    found = set()
    for name in _imports(path):
        parts = name.split(".")
        in_capability_folder = len(parts) > 2 and parts[1] in ("services", "ui")
        if parts[0] == "kiosk" and in_capability_folder and parts[2] in _capability_names():
            found.add(parts[2])
    return found


def test_every_registered_capability_has_its_two_folders() -> None:
    for name in _capability_names():
        assert (PACKAGE / "services" / name / "capability.py").is_file(), name
        assert (PACKAGE / "ui" / name / "capability.py").is_file(), name


def test_only_a_capability_and_the_registry_import_a_capability() -> None:
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if path == PACKAGE / "capabilities.py":
            continue
        own = _capability_of(path)
        for other in _imported_capabilities(path):
            if other != own:
                offenders.append(f"{path.relative_to(ROOT)} imports {other}")
    assert offenders == []


def test_platform_code_never_names_a_capability_module_in_a_string() -> None:
    # importlib.import_module("kiosk.services.parking...") would dodge the import rule above.
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if path == PACKAGE / "capabilities.py" or _capability_of(path) is not None:
            continue
        text = path.read_text(encoding="utf-8")
        for name in _capability_names():
            for prefix in (f"kiosk.services.{name}", f"kiosk.ui.{name}"):
                if prefix + "." in text or f'"{prefix}"' in text:
                    offenders.append(f"{path.relative_to(ROOT)}: {prefix}")
    assert offenders == []


def test_the_wire_imports_neither_side_nor_qt_nor_a_database() -> None:
    offenders = [
        f"{path.relative_to(ROOT)}: {name}"
        for path in (ROOT / "redhome_wire").rglob("*.py")
        for name in _imports(path)
        if name.split(".")[0] in {"kiosk", "county", "sqlalchemy", *QT_MODULES}
    ]
    assert offenders == []


def test_the_kiosk_never_imports_the_county_nor_the_county_the_kiosk() -> None:
    kiosk_side = [
        f"{path.relative_to(ROOT)}: {name}"
        for path in PACKAGE.rglob("*.py")
        for name in _imports(path)
        if name.split(".")[0] == "county"
    ]
    county_side = [
        f"{path.relative_to(ROOT)}: {name}"
        for path in (ROOT / "county").rglob("*.py")
        for name in _imports(path)
        if name.split(".")[0] == "kiosk"
    ]
    assert kiosk_side == [] and county_side == []


def test_the_registry_and_the_capability_declarations_import_nothing_heavy() -> None:
    script = (
        "import sys\n"
        "from kiosk.capabilities import CAPABILITIES\n"
        "for ref in CAPABILITIES: ref.core()\n"
        "heavy = {'pydantic', 'sqlalchemy', 'alembic', 'requests', 'PySide6', 'qrcode'}\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & heavy))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
