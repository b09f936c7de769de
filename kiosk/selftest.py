"""--self-test: boot headless on a temporary data dir, check each part, say what passed."""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Callable
from pathlib import Path

from kiosk.store.errors import storage_problem

log = logging.getLogger(__name__)

Check = tuple[str, Callable[[], str]]


def _checks(root: Path) -> list[Check]:
    from kiosk.app import Kiosk, build_kiosk
    from kiosk.credentials import (
        MemoryCredentialStore,
        choose_backend,
        describe_backend,
        keyring_store,
    )
    from kiosk.paths import DataDir
    from kiosk.store.database import check_integrity, current_revision, head_revision

    data_dir = DataDir(root / "data")
    state: dict[str, Kiosk] = {}

    def migrations() -> str:
        # The station's real keyring entries stay untouched by a self-test.
        kiosk = build_kiosk(data_dir, credentials=MemoryCredentialStore())
        state["kiosk"] = kiosk
        revision = current_revision(kiosk.database.engine)
        if revision != head_revision():
            raise RuntimeError(f"database at {revision}, code at {head_revision()}")
        return f"schema at revision {revision}"

    def capabilities() -> str:
        # Each capability's pages and migrations ship beside its code, and the wire beside
        # the kiosk: a bundle missing any of them fails here.
        import redhome_wire.protocol
        from kiosk.ui.shell import load_ui

        kiosk = state["kiosk"]
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

        kiosk = state["kiosk"]
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

    return [
        ("migrations", migrations),
        ("capabilities", capabilities),
        ("database integrity", integrity),
        ("keyring backend", keyring_backend),
        ("home page renders", render_home),
    ]


def run_self_test() -> int:
    failures = 0
    with tempfile.TemporaryDirectory(prefix="redhome-selftest-") as tmp:
        for name, check in _checks(Path(tmp)):
            try:
                detail = check()
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
