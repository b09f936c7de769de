"""Issue 11 #11: a full or read-only disk pauses the kiosk on one calm screen, tells the keeper
what to do, loses nothing saved, carries on once a write works, and never loops on restarts."""

from __future__ import annotations

import argparse
import os
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication
from sqlalchemy import event, func, select

from kiosk.services.checkin.models import Visit
from kiosk.store.errors import StorageFailure, StorageProblem
from kiosk.store.health import probe_writes
from tests.ui.conftest import find, items_named, settle, tap, text_of

ROOT = Path(__file__).resolve().parents[2]


class FullDisk:
    """Makes every write of the kiosk's database fail as SQLite fails on a full disk."""

    def __init__(self, engine) -> None:
        self._engine = engine

    @staticmethod
    def _refuse(conn, cursor, statement, parameters, context, executemany) -> None:
        if statement.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE")):
            raise sqlite3.OperationalError("database or disk is full")

    def fill(self) -> None:
        event.listen(self._engine, "before_cursor_execute", self._refuse)

    def free(self) -> None:
        if event.contains(self._engine, "before_cursor_execute", self._refuse):
            event.remove(self._engine, "before_cursor_execute", self._refuse)


@pytest.fixture
def disk(kiosk) -> Iterator[FullDisk]:
    full = FullDisk(kiosk.database.engine)
    yield full
    full.free()


def _visits(kiosk) -> int:
    with kiosk.uow_factory() as uow:
        return uow.session.scalar(select(func.count()).select_from(Visit)) or 0


def _check_in(qtbot, window, shell, phone: str) -> None:
    tap(qtbot, window, "tileCheckIn")
    for digit in phone:
        tap(qtbot, window, f"key_{digit}")
    tap(qtbot, window, "mainAction")
    settle(qtbot, shell)
    if shell.navigator.page == "checkin.consent":
        tap(qtbot, window, "mainAction")
    tap(qtbot, window, "work_ride_hailing")
    tap(qtbot, window, "platform_didi")
    tap(qtbot, window, "mainAction")
    tap(qtbot, window, "purpose_charging")
    settle(qtbot, shell)


def test_a_check_in_on_a_full_disk_pauses_the_kiosk_until_a_write_works(
    qtbot, window, shell, kiosk, disk
) -> None:
    _check_in(qtbot, window, shell, "13900001111")
    assert shell.navigator.page == "checkin.done"
    assert _visits(kiosk) == 1
    shell.goHome()
    assert not items_named(window, "storagePausedScreen")

    disk.fill()
    _check_in(qtbot, window, shell, "13700002222")

    # The driver sees one calm line, not an error on a half-filled form.
    assert shell.storage_pause.paused
    assert find(window, "storagePausedScreen").isVisible()
    assert text_of(window, "pausedTitle") == "暂停服务，请找站长"
    # The screen takes every tap: the page under it does not see them.
    page = shell.navigator.page
    assert page != "home"
    tap(qtbot, window, "backButton")
    assert shell.navigator.page == page

    # The keeper reads where, how much room, what failed and what to do, in either language.
    tap(qtbot, window, "pausedKeeperButton")
    assert text_of(window, "pausedHeadline") == "磁盘已满。"
    assert text_of(window, "pausedDataDir") == str(kiosk.data_dir.root)
    assert text_of(window, "pausedFreeSpace").endswith(("MB", "GB"))
    assert "database or disk is full" in text_of(window, "pausedDetail")
    assert "清理" in text_of(window, "pausedWhatToDo")
    tap(qtbot, window, "pausedEnglish")
    assert text_of(window, "pausedHeadline") == "The disk is full."
    assert text_of(window, "pausedTitle") == "Service paused. Please ask the station keeper."

    # Nothing saved before was lost.
    assert _visits(kiosk) == 1

    # Space is freed; the keeper does not wait for the timer.
    disk.free()
    tap(qtbot, window, "pausedRetryButton")
    qtbot.waitUntil(lambda: not shell.storage_pause.paused, timeout=5000)
    qtbot.waitUntil(lambda: not items_named(window, "storagePausedScreen"), timeout=2000)
    assert not shell.storage_pause.detailsShown

    shell.goHome()
    shell.language_controller.set_language("zh_CN")
    _check_in(qtbot, window, shell, "13700002222")
    assert shell.navigator.page == "checkin.done"
    assert _visits(kiosk) == 2


def test_the_paused_kiosk_tries_a_write_on_its_own(qtbot, window, shell, kiosk, disk) -> None:
    disk.fill()
    _check_in(qtbot, window, shell, "13900001111")
    assert shell.storage_pause.paused
    disk.free()
    # The real timer, shortened: the keeper need not touch anything.
    shell.storage_pause._timer.setInterval(50)
    shell.storage_pause._timer.start()
    qtbot.waitUntil(lambda: not shell.storage_pause.paused, timeout=5000)


def test_a_failure_that_is_not_the_disk_does_not_pause(qtbot, window, shell) -> None:
    def bug() -> None:
        raise ValueError("a bug, not the disk")

    with qtbot.waitSignal(shell.tasks.failed, timeout=5000):
        shell.tasks.run(bug, lambda _result: None, lambda _error: None)
    assert not shell.storage_pause.paused


def test_a_sync_round_stopped_by_the_disk_pauses_only_if_a_write_fails(
    qtbot, window, shell, kiosk, tmp_path
) -> None:
    # A healthy disk: the round's failure was something else; the kiosk stays in service.
    shell.sync_vm.localStorageFailed.emit()
    qtbot.waitUntil(lambda: not shell.storage_pause.probing, timeout=5000)
    assert not shell.storage_pause.paused
    # The data dir's database refuses writes (a file where its WAL should be opened for writing).
    wal = kiosk.data_dir.database.with_name("kiosk.db-wal")
    if wal.exists():
        wal.unlink()
    wal.mkdir()
    try:
        shell.sync_vm.localStorageFailed.emit()
        qtbot.waitUntil(lambda: shell.storage_pause.paused, timeout=5000)
    finally:
        wal.rmdir()


# --- the write probe on real failures ------------------------------------------------------


def test_the_probe_passes_on_a_healthy_data_dir(tmp_path: Path) -> None:
    (tmp_path / "kiosk.db").write_bytes(b"")
    probe_writes(tmp_path, tmp_path / "kiosk.db")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kiosk.db"]


def test_the_probe_fails_on_a_data_dir_that_is_a_file(tmp_path: Path) -> None:
    station = tmp_path / "station"
    station.write_text("not a folder")
    with pytest.raises(StorageFailure) as failure:
        probe_writes(station, station / "kiosk.db")
    assert failure.value.problem is StorageProblem.READ_ONLY


def test_the_probe_fails_when_the_kernel_refuses_to_grow_a_file(tmp_path: Path) -> None:
    # A file size limit is a full disk the kernel enforces for one process (root included).
    code = (
        "import resource, sys, pathlib\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))\n"
        "from kiosk.store.errors import StorageFailure\n"
        "from kiosk.store.health import probe_writes\n"
        "root = pathlib.Path(sys.argv[1])\n"
        "try:\n"
        "    probe_writes(root, root / 'kiosk.db')\n"
        "except StorageFailure as failure:\n"
        "    print(failure.problem.value)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    assert result.stdout.strip() == "full", result.stderr
    assert not list(tmp_path.iterdir()), "the probe leaves nothing behind"


# --- a kiosk that cannot even start on its disk --------------------------------------------


def test_a_kiosk_that_cannot_start_on_its_disk_waits_on_the_paused_screen(
    qtbot, qapp, tmp_path: Path
) -> None:
    from kiosk.__main__ import _build_station_kiosk
    from kiosk.watchdog import Notifier

    station = tmp_path / "station"
    station.write_text("a file where the data dir goes")
    seen: dict[str, str] = {}

    def keeper_fixes_it() -> None:
        windows = [w for w in QGuiApplication.topLevelWindows() if w.property("pause")]
        if not windows:
            QTimer.singleShot(20, keeper_fixes_it)
            return
        pause = windows[0].property("pause")
        seen["headline"] = pause.property("headline")
        seen["visible"] = str(windows[0].isVisible())
        station.unlink()
        pause.retryNow()

    QTimer.singleShot(20, keeper_fixes_it)
    args = argparse.Namespace(demo=False, data_dir=station, windowed=True)
    built = _build_station_kiosk(args, Notifier(None, None))
    try:
        assert built is not None
        assert seen == {"headline": "数据目录无法写入。", "visible": "True"}
        assert built.data_dir.database.exists()
    finally:
        if built is not None:
            built.close()


def test_a_paused_kiosk_stays_up_and_answers_the_watchdog(tmp_path: Path) -> None:
    """Restarting would find the same disk: the process says it is ready (paused) and keeps
    pinging, so systemd's watchdog never restarts it in a loop."""
    station = tmp_path / "station"
    station.write_text("a file where the data dir goes")
    address = str(tmp_path / "notify.sock")
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    listener.bind(address)
    listener.settimeout(0.2)
    env = {
        **os.environ,
        "NOTIFY_SOCKET": address,
        "WATCHDOG_USEC": "400000",
        "QT_QPA_PLATFORM": "offscreen",
    }
    env.pop("WATCHDOG_PID", None)
    kiosk = subprocess.Popen(
        [sys.executable, "-m", "kiosk", "--data-dir", str(station), "--windowed"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    messages: list[str] = []
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and messages.count("WATCHDOG=1") < 5:
            try:
                messages.append(listener.recv(4096).decode())
            except TimeoutError:
                assert kiosk.poll() is None, kiosk.communicate()[1]
        assert kiosk.poll() is None, "the paused kiosk must stay up"
    finally:
        kiosk.terminate()
        _out, stderr = kiosk.communicate(timeout=30)
        listener.close()
    ready = [m for m in messages if m.startswith("READY=1")]
    assert len(ready) == 1 and "STATUS=" in ready[0] and "paused" in ready[0]
    assert messages.count("WATCHDOG=1") >= 5
    assert "Traceback" not in stderr
