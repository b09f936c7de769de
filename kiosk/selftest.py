"""--self-test: boot headless on a temporary data dir, check each part, say what passed.

With --data-dir it checks that station: the folder must be usable (it exists or can be made, and
this user may write it), then the checks run on a copy of its database and settings in a
temporary folder. The station's own files are only read, never opened by SQLite or changed.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from kiosk.paths import DataDir
from kiosk.store.errors import storage_problem

log = logging.getLogger(__name__)

Check = tuple[str, Callable[[], str]]

COPY_ATTEMPTS = 5


class _Skipped(Exception):
    """A check that needs what an earlier, failed check should have made."""


class UnusableDataDir(Exception):
    """The station's data dir is a file, cannot be made or written, or its files cannot be
    read: the self-test says so in one line instead of checking something else."""


def _writable(folder: Path) -> bool:
    mode = os.W_OK | os.X_OK
    if os.access in os.supports_effective_ids:
        return os.access(folder, mode, effective_ids=True)
    return os.access(folder, mode)


def check_data_dir(root: Path) -> str:
    """What makes the station's data dir usable, without writing to it; UnusableDataDir if not."""
    from kiosk.store.health import free_bytes

    if root.exists():
        if not root.is_dir():
            raise UnusableDataDir("it is a file, not a folder")
        if not _writable(root):
            raise UnusableDataDir("this user may not write it")
        free = free_bytes(root)
        space = "" if free is None else f", {free / 1_000_000:.1f} MB free"
        return f"{root}: a folder this user may write{space}"
    ancestor = root.parent
    while not ancestor.exists() and ancestor != ancestor.parent:
        ancestor = ancestor.parent
    if not ancestor.is_dir():
        raise UnusableDataDir(f"it cannot be made: {ancestor} is a file, not a folder")
    if not _writable(ancestor):
        raise UnusableDataDir(f"it cannot be made: this user may not write {ancestor}")
    return f"{root} does not exist yet; it can be made in {ancestor}"


def _station_files(station: DataDir) -> list[Path]:
    database = station.database
    return [database, database.with_name(database.name + "-wal"), station.config]


def _stamp(paths: list[Path]) -> list[tuple[int, int, int] | None]:
    stamps: list[tuple[int, int, int] | None] = []
    for path in paths:
        try:
            status = path.stat()
        except FileNotFoundError:
            stamps.append(None)
        except OSError as error:
            reason = error.strerror or type(error).__name__
            raise UnusableDataDir(f"cannot read {path.name}: {reason}") from error
        else:
            stamps.append((status.st_ino, status.st_size, status.st_mtime_ns))
    return stamps


def copy_station(station: DataDir, target: DataDir) -> str:
    """Copy the station's database (with its WAL) and station.toml byte for byte. A running
    kiosk may write meanwhile: the copy is taken again until no file changed while it was made.
    The station's files are only read, so SQLite never touches them (no -shm, no checkpoint)."""
    sources = _station_files(station)
    target.root.mkdir(parents=True, exist_ok=True)
    for _attempt in range(COPY_ATTEMPTS):
        before = _stamp(sources)
        copied: list[str] = []
        for source, stamp in zip(sources, before, strict=True):
            destination = target.root / source.name
            destination.unlink(missing_ok=True)
            if stamp is None:
                continue
            try:
                shutil.copyfile(source, destination)
            except FileNotFoundError:
                break  # removed meanwhile (a checkpoint ending): take the copy again
            except OSError as error:
                reason = error.strerror or type(error).__name__
                raise UnusableDataDir(f"cannot read {source.name}: {reason}") from error
            copied.append(f"{source.name} ({destination.stat().st_size / 1000:.0f} KB)")
        if _stamp(sources) == before:
            break
    else:
        raise UnusableDataDir(f"{sources[0].name} kept changing while it was copied; run again")
    if before[0] is None:
        return f"no {sources[0].name} yet (a new station): the checks run on a new database"
    return f"checks run on a temporary copy of {', '.join(copied)}"


def _checks(root: Path, *, station: bool = False) -> list[Check]:
    from kiosk.app import Kiosk, build_kiosk
    from kiosk.credentials import (
        MemoryCredentialStore,
        choose_backend,
        describe_backend,
        keyring_store,
    )
    from kiosk.store.database import check_integrity, current_revision, head_revision

    data_dir = DataDir(root / "data")
    state: dict[str, Kiosk] = {}

    def opened_kiosk() -> Kiosk:
        if "kiosk" not in state:
            raise _Skipped("the database did not open")
        return state["kiosk"]

    def migrations() -> str:
        # The station's real keyring entries stay untouched by a self-test.
        # What the store logs about the copy (set aside to a temporary path, …) would only
        # mislead: the lines below say what it means for the station.
        store_log = logging.getLogger("kiosk.store")
        level = store_log.level
        store_log.setLevel(logging.CRITICAL if station else level)
        try:
            kiosk = build_kiosk(data_dir, credentials=MemoryCredentialStore())
        finally:
            store_log.setLevel(level)
        opened = kiosk.database
        if opened.quarantined_to is not None:
            kiosk.close()
            saved = opened.salvage
            told = ""
            if saved is not None:
                lost = "some" if saved.ops_lost is None else str(saved.ops_lost)
                told = f"; of its unsent records {saved.ops_recovered} recoverable, {lost} lost"
            raise RuntimeError(f"the station would set its database aside at the next start{told}")
        state["kiosk"] = kiosk
        revision = current_revision(opened.engine)
        if revision != head_revision():
            raise RuntimeError(f"database at {revision}, code at {head_revision()}")
        if opened.migrated_to is not None and opened.migrated_from is not None:
            return (
                f"the copy migrated from revision {opened.migrated_from} to {revision}; "
                "the station migrates at its next start, after a backup"
            )
        return f"schema at revision {revision}"

    def capabilities() -> str:
        # Each capability's pages and migrations ship beside its code, and the wire beside
        # the kiosk: a bundle missing any of them fails here.
        import redhome_wire.protocol
        from kiosk.ui.shell import load_ui

        kiosk = opened_kiosk()
        names = list(kiosk.parts)
        for ref in kiosk.capabilities:
            ui = load_ui(ref.ui_module)
            missing = [file for file in ui.pages.values() if not (ui.qml_dir / file).is_file()]
            if missing:
                raise RuntimeError(f"{ref.name}: pages missing: {', '.join(missing)}")
        version = redhome_wire.protocol.WIRE_VERSION
        return f"{', '.join(names)}; wire version {version}"

    def integrity() -> str:
        result = check_integrity(data_dir.database, thorough=True)
        if not result.ok:
            raise RuntimeError(result.detail)
        return result.detail

    def keyring_backend() -> str:
        backend = choose_backend(root / "secrets")
        store = keyring_store(root / "keyring-probe")
        store.set("self-test", "ok")
        try:
            if store.get("self-test") != "ok":
                raise RuntimeError("wrote a secret but read back something else")
        finally:
            store.delete("self-test")
        return describe_backend(backend)

    def render_home() -> str:
        from kiosk.ui.runtime import application, prepare_environment, settle

        prepare_environment(headless=True)
        app = application()
        from PySide6.QtGui import QGuiApplication

        from kiosk.ui.shell import KioskWindow, ShellModel

        kiosk = opened_kiosk()
        shell = ShellModel(kiosk)
        window = KioskWindow(shell)
        shell.station_vm.start()
        try:
            window.window.resize(1920, 1080)
            window.window.show()
            settle(shell)
            image = window.window.grabWindow()
            colours = {
                image.pixel(x, y)
                for x in range(0, image.width(), 37)
                for y in range(0, image.height(), 23)
            }
            if len(colours) < 4:
                raise RuntimeError("home page rendered blank")
            platform = QGuiApplication.platformName()
            return f"{image.width()}x{image.height()} on {platform}, {len(colours)} colours sampled"
        finally:
            window.close()
            app.processEvents()

    if station:
        # The station's database is checked as it is, before opening it could set it aside.
        return [
            ("database integrity", integrity),
            ("migrations", migrations),
            ("capabilities", capabilities),
            ("keyring backend", keyring_backend),
            ("home page renders", render_home),
        ]
    return [
        ("migrations", migrations),
        ("capabilities", capabilities),
        ("database integrity", integrity),
        ("keyring backend", keyring_backend),
        ("home page renders", render_home),
    ]


def run_self_test(station: Path | None = None) -> int:
    """Without a station, on a new temporary one. UnusableDataDir before any check ran when the
    station's data dir cannot be used."""
    failures = 0
    with tempfile.TemporaryDirectory(prefix="redhome-selftest-") as tmp:
        root = Path(tmp)
        checks: list[Check] = []
        if station is not None:
            usable = check_data_dir(station)
            copied = copy_station(DataDir(station), DataDir(root / "data"))
            checks += [("data dir", lambda: usable), ("station copy", lambda: copied)]
        checks += _checks(root, station=station is not None)
        for name, check in checks:
            try:
                detail = check()
            except _Skipped as skipped:
                print(f"SKIP {name}: {skipped}", flush=True)
            except Exception as error:
                if storage_problem(error) is not None:
                    raise  # a full or read-only disk fails every check after it: one line says so
                failures += 1
                print(f"FAIL {name}: {error}", flush=True)
                log.debug("self-test check %s failed", name, exc_info=True)
            else:
                print(f"PASS {name}: {detail}", flush=True)
    print("self-test passed" if failures == 0 else f"self-test failed: {failures} check(s)")
    return 0 if failures == 0 else 1
