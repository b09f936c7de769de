"""The built bundle boots: --self-test passes offscreen and under Xvfb (xcb).

Building takes minutes, so these run only when asked for: `pytest -m bundle`, or with
REDHOME_BUNDLE=path/to/redhome-kiosk-*.tar.gz (or the bundle folder) to test a build already
made, as CI does after its build step.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
BUILD = REPO / "packaging" / "build-linux.sh"
SMOKE = REPO / "packaging" / "smoke-test.sh"

pytestmark = [
    pytest.mark.bundle,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Linux bundle"),
]


@pytest.fixture(scope="module")
def bundle(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    given = os.environ.get("REDHOME_BUNDLE")
    if given:
        path = Path(given)
        assert path.exists(), f"REDHOME_BUNDLE={given} does not exist"
        return path
    if "bundle" not in (request.config.option.markexpr or ""):
        pytest.skip("builds the bundle (minutes): run with -m bundle, or set REDHOME_BUNDLE")
    out = tmp_path_factory.mktemp("bundle")
    result = subprocess.run(
        [str(BUILD), "--out", str(out / "dist"), "--work", str(out / "work")],
        capture_output=True,
        text=True,
        timeout=3600,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    print(result.stdout[-600:])
    tarballs = sorted((out / "dist").glob("redhome-kiosk-*-linux-*.tar.gz"))
    assert len(tarballs) == 1, tarballs
    return tarballs[0]


def _smoke(bundle: Path, platform: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(SMOKE), str(bundle), "--only", platform],
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_bundle_self_test_passes_offscreen(bundle: Path) -> None:
    result = _smoke(bundle, "offscreen")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "PASS offscreen" in result.stdout
    for check in (
        "migrations",
        "capabilities",
        "database integrity",
        "keyring backend",
        "home page renders",
    ):
        assert f"PASS {check}" in result.stdout
    assert "wire version" in result.stdout  # redhome_wire made it into the bundle


@pytest.mark.skipif(shutil.which("Xvfb") is None, reason="needs Xvfb (apt-get install xvfb)")
def test_bundle_self_test_passes_on_xcb_under_xvfb(bundle: Path) -> None:
    result = _smoke(bundle, "xcb")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "PASS xcb" in result.stdout
