"""First boot: the technician enrols the kiosk against a real county server on loopback."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from county.app import create_app
from county.testing import CountyHarness, ServerThread, serve_in_thread
from kiosk.services.keeper_pin import PinError
from tests.ui.conftest import settle, tap, text_of


@pytest.fixture
def county(tmp_path: Path) -> Iterator[tuple[CountyHarness, ServerThread]]:
    database = f"sqlite:///{tmp_path / 'county.db'}"
    harness = CountyHarness(database)
    app = create_app(database)
    with serve_in_thread(app) as server:
        yield harness, server
    app.state.county.engine.dispose()
    harness.close()


def _fill(shell, **fields: str) -> None:
    for name, value in fields.items():
        shell.setup_vm.setField(name, value)


def _wait_setup(qtbot, shell) -> None:
    qtbot.waitUntil(lambda: not shell.setup_vm.busy, timeout=15000)
    settle(qtbot, shell)


def test_an_unenrolled_kiosk_opens_the_wizard_and_enrols(qtbot, window, shell, kiosk, county):
    harness, server = county
    shell.start()
    assert shell.navigator.page == "setup"
    assert "PlaintextKeyring" in text_of(window, "keyringBackend") or "memory" in text_of(
        window, "keyringBackend"
    )
    code = harness.enrolment_code("CSX-01", "黄花机场红色之家")
    _fill(shell, station="csx-01", server=server.url, code=code, pin="2468", pin2="2468")
    tap(qtbot, window, "mainAction")
    _wait_setup(qtbot, shell)

    assert shell.setup_vm.errorText == ""
    assert shell.navigator.page == "home"
    assert kiosk.sync.status().enrolled
    kiosk.keeper_pin.verify("2468")
    with pytest.raises(PinError):
        kiosk.keeper_pin.verify("1357")


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"station": "!", "server": "https://x", "code": "c"}, "站点编号是 2 到 32 位"),
        ({"station": "CSX-01", "server": "ftp://x", "code": "c"}, "https://"),
        ({"station": "CSX-01", "server": "https://x", "code": ""}, "注册码"),
        ({"station": "CSX-01", "server": "https://x", "code": "c", "pin": "12"}, "4 到 8 位"),
        (
            {"station": "CSX-01", "server": "https://x", "code": "c", "pin2": "9999"},
            "两次输入的 PIN 不一样",
        ),
    ],
)
def test_field_mistakes_are_said_before_anything_is_sent(
    qtbot, window, shell, kiosk, fields, reason
) -> None:
    shell.navigator.go("setup")
    _fill(shell, pin="2468", pin2="2468")
    _fill(shell, **fields)
    tap(qtbot, window, "mainAction")
    assert reason in text_of(window, "errorText")
    assert not kiosk.sync.status().enrolled


def test_a_wrong_code_and_a_dead_server_get_clear_errors(qtbot, window, shell, kiosk, county):
    _harness, server = county
    shell.navigator.go("setup")
    _fill(shell, station="CSX-01", server=server.url, code="WRONG-CODE", pin="2468", pin2="2468")
    tap(qtbot, window, "mainAction")
    _wait_setup(qtbot, shell)
    assert text_of(window, "errorText") == "注册码不对或已用过。"

    _fill(shell, server="http://127.0.0.1:9")
    tap(qtbot, window, "mainAction")
    _wait_setup(qtbot, shell)
    assert text_of(window, "errorText") == "连不上县里的服务器，记录都保存着，稍后再传。"
    assert shell.navigator.page == "setup"
    assert not kiosk.sync.status().enrolled


def test_a_code_for_another_station_is_pointed_out(qtbot, window, shell, kiosk, county):
    harness, server = county
    code = harness.enrolment_code("LOG-02")
    shell.navigator.go("setup")
    _fill(shell, station="CSX-01", server=server.url, code=code, pin="2468", pin2="2468")
    tap(qtbot, window, "mainAction")
    _wait_setup(qtbot, shell)
    assert "LOG-02" in text_of(window, "errorText")
    assert shell.navigator.page == "setup"
