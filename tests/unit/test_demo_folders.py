"""Issue 11 #15: demo runs clean up their `redhome-demo-*` folders.

A demo removes its own folder when it closes; the next demo removes those of killed demos, but
never one a running demo holds (its lock on demo.lock), nor one of another user or another name.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from kiosk.app import build_demo_kiosk
from kiosk.demodir import DEMO_PREFIX, LOCK_NAME, remove_stale

DAY = 24 * 60 * 60


def _folder(base: Path, name: str, *, lock: bool = True, age_s: float = 0) -> Path:
    folder = base / f"{DEMO_PREFIX}{name}"
    folder.mkdir()
    (folder / "kiosk.db").write_bytes(b"demo")
    if lock:
        (folder / LOCK_NAME).write_bytes(b"")
    then = time.time() - age_s
    for path in (*folder.iterdir(), folder):
        os.utime(path, (then, then))
    return folder


def _running_demo(base: Path) -> tuple[subprocess.Popen[str], Path]:
    """Another process with a demo folder of its own, held until its stdin closes."""
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from pathlib import Path; from kiosk.demodir import DemoDir; "
            "demo = DemoDir.create(Path(sys.argv[1])); print(demo.root, flush=True); "
            "sys.stdin.read(); demo.remove()",
            str(base),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None
    return holder, Path(holder.stdout.readline().strip())


def test_a_killed_demo_s_folder_is_removed_and_others_are_left(tmp_path) -> None:
    killed = _folder(tmp_path, "killed")  # its lock file, held by nobody
    old_build = _folder(tmp_path, "oldbuild", lock=False, age_s=2 * DAY)
    recent_unlocked = _folder(tmp_path, "starting", lock=False)
    other_name = tmp_path / "redhome-other"
    other_name.mkdir()
    a_file = tmp_path / f"{DEMO_PREFIX}file"
    a_file.write_text("not a folder")
    target = tmp_path / "elsewhere"
    target.mkdir()
    (target / LOCK_NAME).write_bytes(b"")
    link = tmp_path / f"{DEMO_PREFIX}link"
    link.symlink_to(target)

    removed = remove_stale(tmp_path)

    assert sorted(removed) == sorted([killed, old_build])
    assert not killed.exists() and not old_build.exists()
    assert recent_unlocked.is_dir() and other_name.is_dir() and a_file.is_file()
    assert link.is_symlink() and (target / LOCK_NAME).exists()


@pytest.mark.skipif(os.name != "posix" or os.geteuid() != 0, reason="needs root to chown")
def test_another_user_s_demo_folder_is_left(tmp_path) -> None:
    theirs = _folder(tmp_path, "theirs", age_s=2 * DAY)
    os.chown(theirs, 65534, 65534)
    assert remove_stale(tmp_path) == []
    assert theirs.is_dir()


def test_a_running_demo_s_folder_is_kept_until_it_is_killed(tmp_path) -> None:
    holder, folder = _running_demo(tmp_path)
    try:
        assert folder.parent == tmp_path and (folder / LOCK_NAME).exists()
        os.utime(folder, (time.time() - 2 * DAY,) * 2)  # old does not mean gone
        assert remove_stale(tmp_path) == []
        assert folder.is_dir()
    finally:
        holder.kill()
        holder.wait(timeout=10)
    # Killed: it could not clean up, and the kernel dropped its lock.
    assert folder.is_dir()
    assert remove_stale(tmp_path) == [folder]
    assert not folder.exists()


def test_a_demo_removes_its_own_folder_when_it_closes(tmp_path, clock, monkeypatch) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    killed = _folder(tmp_path, "killed")
    kiosk = build_demo_kiosk(clock=clock)
    try:
        root = kiosk.data_dir.root
        assert root.parent == tmp_path and root.name.startswith(DEMO_PREFIX)
        assert (root / "kiosk.db").exists()
        assert not killed.exists()  # swept as the demo started
        assert remove_stale(tmp_path) == []  # it holds its own folder
    finally:
        kiosk.close()
    assert not root.exists()
    assert list(tmp_path.glob(f"{DEMO_PREFIX}*")) == []
    kiosk.close()  # a second close has nothing left to do
