"""Starting Qt the way the kiosk needs it, for the app, snapshots and the self-test alike."""

from __future__ import annotations

import os
import sys
import time

from PySide6.QtCore import QCoreApplication, QThread
from PySide6.QtGui import QGuiApplication

from kiosk.ui.shell import ShellModel


def prepare_environment(*, headless: bool) -> None:
    # The Pinyin keyboard is drawn inside our window, never by the OS.
    os.environ.setdefault("QT_IM_MODULE", "qtvirtualkeyboard")
    if headless:
        # Headless unless told otherwise: the bundle's smoke test runs the self-test on xcb.
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def application() -> QGuiApplication:
    existing = QCoreApplication.instance()
    if isinstance(existing, QGuiApplication):
        return existing
    app = QGuiApplication(sys.argv[:1])
    app.setApplicationName("redhome-kiosk")
    app.setOrganizationName("RedHome")
    return app


def settle(shell: ShellModel, timeout_s: float = 10.0) -> None:
    """Let queued background work finish and the scene catch up (snapshots, self-test)."""
    app = QCoreApplication.instance()
    assert app is not None
    deadline = time.monotonic() + timeout_s
    quiet_rounds = 0
    while quiet_rounds < 5 and time.monotonic() < deadline:
        app.processEvents()
        if shell.tasks.busy or shell.diagnostics_tasks.busy or shell.storage_pause.busy:
            quiet_rounds = 0
            QThread.msleep(5)
        else:
            quiet_rounds += 1
    app.processEvents()
