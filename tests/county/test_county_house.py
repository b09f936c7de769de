"""The county's house rules, read from the source (ARCHITECTURE.md, rules 7 and 11).

- The county imports nothing of the kiosk: what both sides agree on is in redhome_wire.
- A capability folder (county/<name>/) imports no other capability.
- Only county/capabilities.py names the capabilities: platform modules import none of them.
- A capability imports only the platform's core, never a module that iterates the registry,
  so imports run one way and need no function-level import to dodge a cycle.
"""

from __future__ import annotations

import ast
import importlib
import importlib.util
from pathlib import Path

import pytest

# Read from the source, not imported: a broken rule (a cycle) may keep the county from importing.
_spec = importlib.util.find_spec("county")
assert _spec is not None and _spec.origin is not None
COUNTY = Path(_spec.origin).resolve().parent
# Package folders of the county that are platform, not capabilities (migrations is no package).
PLATFORM_PACKAGES = {"console"}
# A capability is any other package folder of the county.
CAPABILITY_NAMES = {path.parent.name for path in COUNTY.glob("*/__init__.py")} - PLATFORM_PACKAGES
# The platform modules that iterate the registry: a capability importing one would close a cycle.
REGISTRY_USERS = {
    "county.capabilities",
    "county.push",
    "county.publish",
    "county.enrolment",
    "county.stats",
    "county.app",
    "county.__main__",
    "county.testing",
}


def imported_modules(path: Path) -> set[str]:
    """Every module a file imports, anywhere in it (functions and TYPE_CHECKING blocks too).

    `from a import b` counts as importing both a and a.b, since b may be a module.
    """
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    modules: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path}: relative import"
            assert node.module is not None
            modules.add(node.module)
            modules.update(f"{node.module}.{alias.name}" for alias in node.names)
    return modules


def capability_of(module: str) -> str | None:
    """The capability a module name belongs to (county.parking.pages -> parking), if any."""
    parts = module.split(".")
    if len(parts) >= 2 and parts[0] == "county" and parts[1] in CAPABILITY_NAMES:
        return parts[1]
    return None


def county_files() -> list[Path]:
    return sorted(COUNTY.rglob("*.py"))


def relative(path: Path) -> str:
    return path.relative_to(COUNTY.parent).as_posix()


def test_the_platform_packages_are_folders_of_the_county():
    for name in PLATFORM_PACKAGES:
        assert (COUNTY / name / "__init__.py").is_file(), name


def test_the_capability_folders_are_the_registered_capabilities():
    assert {"checkin", "parking", "flights", "station"} <= CAPABILITY_NAMES
    registry = (COUNTY / "capabilities.py").read_text(encoding="utf-8")
    listed = [
        node.value.id
        for node in ast.walk(ast.parse(registry))
        if isinstance(node, ast.Attribute)
        and node.attr == "CAPABILITY"
        and isinstance(node.value, ast.Name)
    ]
    assert sorted(listed) == sorted(CAPABILITY_NAMES)  # each once
    for name in CAPABILITY_NAMES:  # one line each
        assert registry.count(f"    {name}.CAPABILITY,\n") == 1, name


def test_each_capability_declares_itself_under_its_folder_name():
    from county.capabilities import CAPABILITIES

    assert [capability.name for capability in CAPABILITIES] == [
        importlib.import_module(f"county.{capability.name}").CAPABILITY.name
        for capability in CAPABILITIES
    ]
    assert {capability.name for capability in CAPABILITIES} == CAPABILITY_NAMES


def test_the_county_imports_nothing_of_the_kiosk():
    offenders = {
        relative(path): sorted(m for m in imported_modules(path) if m.split(".")[0] == "kiosk")
        for path in county_files()
    }
    assert {path: found for path, found in offenders.items() if found} == {}


@pytest.mark.parametrize("name", sorted(CAPABILITY_NAMES))
def test_a_capability_imports_no_other_capability_and_no_registry_user(name):
    problems = {}
    for path in sorted((COUNTY / name).rglob("*.py")):
        modules = imported_modules(path)
        others = {m for m in modules if capability_of(m) not in (None, name)}
        registry = modules & REGISTRY_USERS
        if others or registry:
            problems[relative(path)] = sorted(others | registry)
    assert problems == {}


def test_only_the_registry_names_the_capabilities():
    platform = [
        *COUNTY.glob("*.py"),
        *(COUNTY / "migrations").rglob("*.py"),
        *(path for name in PLATFORM_PACKAGES for path in (COUNTY / name).rglob("*.py")),
    ]
    problems = {}
    for path in sorted(platform):
        if path == COUNTY / "capabilities.py":
            continue
        named = sorted(m for m in imported_modules(path) if capability_of(m) is not None)
        if named:
            problems[relative(path)] = named
    assert problems == {}
