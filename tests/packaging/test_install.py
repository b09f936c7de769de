"""install.sh and uninstall.sh in a scratch root, with a stand-in bundle (no build needed).

What matters to a station: an upgrade keeps every byte of the data dir, a build that fails its
self-test is never switched to, and uninstall keeps the data unless told --purge.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
LINUX = REPO / "packaging" / "linux"
INSTALL = LINUX / "install.sh"
UNINSTALL = LINUX / "uninstall.sh"

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux") or shutil.which("bash") is None, reason="Linux scripts"
)

FAKE_KIOSK = """#!/bin/sh
if [ "$1" = --self-test ]; then
  echo "PASS stand-in: ok"
  echo "self-test passed"
  exit {status}
fi
exit 0
"""


def _bundle(tmp_path: Path, version: str, self_test_status: int = 0) -> Path:
    folder = tmp_path / f"src-{version}" / "redhome-kiosk"
    (folder / "linux").mkdir(parents=True)
    (folder / "_internal" / "resources" / "icons").mkdir(parents=True)
    (folder / "_internal" / "resources" / "icons" / "home.svg").write_text("<svg/>")
    kiosk = folder / "redhome-kiosk"
    kiosk.write_text(FAKE_KIOSK.format(status=self_test_status))
    kiosk.chmod(0o755)
    (folder / "BUILD-INFO.txt").write_text(f"name: redhome-kiosk\nversion: {version}\n")
    for path in LINUX.iterdir():
        shutil.copy2(path, folder / "linux" / path.name)
    tarball = tmp_path / f"redhome-kiosk-{version}-linux-x86_64.tar.gz"
    with tarfile.open(tarball, "w:gz") as archive:
        archive.add(folder, arcname="redhome-kiosk")
    return tarball


def _run(script: Path, *args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", str(script), *map(str, args)], capture_output=True, text=True, timeout=60
    )


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return tmp_path / "root"


def _installed_version(root: Path, prefix: str = "opt/redhome-kiosk") -> str:
    return (root / prefix / "BUILD-INFO.txt").read_text().splitlines()[1]


def test_install_lays_out_build_unit_pam_desktop_and_data_dir(tmp_path, root) -> None:
    result = _run(INSTALL, "--root", root, _bundle(tmp_path, "1.0.0"))
    assert result.returncode == 0, result.stderr
    assert "PASS stand-in" in result.stdout
    assert (root / "opt/redhome-kiosk/redhome-kiosk").stat().st_mode & 0o111
    assert (root / "opt/redhome-kiosk/linux/redhome-kiosk-session").stat().st_mode & 0o111
    unit = (root / "etc/systemd/system/redhome-kiosk.service").read_text()
    assert "Type=notify" in unit
    assert "WatchdogSec=30" in unit
    assert "Restart=always" in unit
    assert "--data-dir /var/lib/redhome-kiosk" in unit
    assert (root / "etc/pam.d/redhome-kiosk").is_file()
    assert (root / "usr/share/applications/redhome-kiosk.desktop").is_file()
    assert (root / "usr/share/icons/hicolor/scalable/apps/redhome-kiosk.svg").is_file()
    assert (root / "var/lib/redhome-kiosk").stat().st_mode & 0o777 == 0o700
    assert (root / "var/log/redhome-kiosk").is_dir()
    assert not (root / "opt/redhome-kiosk.new").exists()
    assert "systemd is not running here" in result.stdout


def test_an_upgrade_keeps_every_byte_of_the_data_dir(tmp_path, root) -> None:
    assert _run(INSTALL, "--root", root, _bundle(tmp_path, "1.0.0")).returncode == 0
    data = root / "var/lib/redhome-kiosk"
    (data / "backups").mkdir()
    files = {
        data / "kiosk.db": b"SQLite format 3\x00" + bytes(range(256)),
        data / "station.toml": b"[kiosk]\nlanguage = 'en'\n",
        data / "backups" / "kiosk-20261127T070000Z-before-0002.db": b"old",
        data / "secrets" / "keyring.cfg": b"[redhome-kiosk]\ntoken = x\n",
    }
    for path, content in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)

    result = _run(INSTALL, "--root", root, _bundle(tmp_path, "1.1.0"))

    assert result.returncode == 0, result.stderr
    assert _installed_version(root) == "version: 1.1.0"
    assert _installed_version(root, "opt/redhome-kiosk.previous") == "version: 1.0.0"
    for path, content in files.items():
        assert path.read_bytes() == content, path


def test_a_build_that_fails_its_self_test_is_never_switched_to(tmp_path, root) -> None:
    assert _run(INSTALL, "--root", root, _bundle(tmp_path, "1.0.0")).returncode == 0
    result = _run(INSTALL, "--root", root, _bundle(tmp_path, "2.0.0", self_test_status=1))
    assert result.returncode != 0
    assert "failed its self-test" in result.stderr
    assert _installed_version(root) == "version: 1.0.0"
    assert not (root / "opt/redhome-kiosk.new").exists()


def test_something_that_is_not_a_bundle_is_refused(tmp_path, root) -> None:
    tarball = tmp_path / "other.tar.gz"
    with tarfile.open(tarball, "w:gz") as archive:
        archive.add(INSTALL, arcname="other/install.sh")
    result = _run(INSTALL, "--root", root, tarball)
    assert result.returncode != 0
    assert "not a Red Home kiosk bundle" in result.stderr


def test_uninstall_keeps_the_data_and_purge_removes_it(tmp_path, root) -> None:
    assert _run(INSTALL, "--root", root, _bundle(tmp_path, "1.0.0")).returncode == 0
    database = root / "var/lib/redhome-kiosk/kiosk.db"
    database.write_bytes(b"precious")

    result = _run(UNINSTALL, "--root", root)

    assert result.returncode == 0, result.stderr
    assert not (root / "opt/redhome-kiosk").exists()
    assert not (root / "etc/systemd/system/redhome-kiosk.service").exists()
    assert not (root / "etc/pam.d/redhome-kiosk").exists()
    assert not (root / "usr/share/applications/redhome-kiosk.desktop").exists()
    assert database.read_bytes() == b"precious"
    assert "kept: data dir" in result.stdout

    # Installing again picks the old data up where it was.
    assert _run(INSTALL, "--root", root, _bundle(tmp_path, "1.2.0")).returncode == 0
    assert database.read_bytes() == b"precious"

    purged = _run(UNINSTALL, "--root", root, "--purge")
    assert purged.returncode == 0, purged.stderr
    assert not (root / "var/lib/redhome-kiosk").exists()
    assert not (root / "var/log/redhome-kiosk").exists()


def test_linuxfb_mode_is_a_drop_in_that_cage_mode_removes(tmp_path, root) -> None:
    tarball = _bundle(tmp_path, "1.0.0")
    drop_in = root / "etc/systemd/system/redhome-kiosk.service.d/linuxfb.conf"
    assert _run(INSTALL, "--root", root, "--linuxfb", tarball).returncode == 0
    assert "QT_QPA_PLATFORM=linuxfb" in drop_in.read_text()
    # A plain upgrade leaves the chosen mode alone.
    assert _run(INSTALL, "--root", root, tarball).returncode == 0
    assert drop_in.exists()
    assert _run(INSTALL, "--root", root, "--cage", tarball).returncode == 0
    assert not drop_in.exists()


def test_another_prefix_and_user_are_written_into_the_unit(tmp_path, root) -> None:
    result = _run(
        INSTALL,
        "--root",
        root,
        "--prefix",
        "/srv/kiosk",
        "--user",
        "station",
        _bundle(tmp_path, "1.0.0"),
    )
    assert result.returncode == 0, result.stderr
    unit = (root / "etc/systemd/system/redhome-kiosk.service").read_text()
    assert "ExecStart=/srv/kiosk/linux/redhome-kiosk-session" in unit
    assert "User=station" in unit
    assert "/opt/redhome-kiosk" not in unit
    assert (root / "srv/kiosk/redhome-kiosk").exists()


@pytest.mark.parametrize("prefix", ["/", "/opt", "relative/path", "/opt/../etc"])
def test_a_dangerous_prefix_is_refused(tmp_path, root, prefix) -> None:
    result = _run(INSTALL, "--root", root, "--prefix", prefix, _bundle(tmp_path, "1.0.0"))
    assert result.returncode != 0
    assert "refusing prefix" in result.stderr


def test_the_real_system_needs_root() -> None:
    # A folder anyone can read, so the check can run as an ordinary user.
    with tempfile.TemporaryDirectory() as folder:
        shared = Path(folder)
        shared.chmod(0o755)
        command = ["bash", str(INSTALL), str(_bundle(shared, "1.0.0"))]
        if os.geteuid() == 0:
            # CI runs as root: drop to nobody, or this would install for real.
            command = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", *command]
        result = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert "run as root" in result.stderr
