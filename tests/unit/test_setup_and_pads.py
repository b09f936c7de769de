"""Setting a station up is one use case; the keypad buffer is one component."""

from __future__ import annotations

import pytest

from kiosk.app import Kiosk
from kiosk.credentials import CredentialError
from kiosk.services.keeper_pin import PIN_KEY_NAME, PinError
from kiosk.services.setup import InvalidSetup, SetupProblem, SetupRequest, StationSetup, checked
from kiosk.sync.engine import TOKEN_NAME
from kiosk.sync.errors import SyncError, SyncReason
from kiosk.ui.digits import DigitBuffer, group_digits
from redhome_wire.protocol import EnrolResponse

GOOD = SetupRequest(" csx-01 ", "https://county.example", "CODE-1", "2468", "2468")


class _County:
    """The county's side of enrolment, as the kiosk's client sees it."""

    def __init__(self, fail: SyncError | None = None) -> None:
        self.fail = fail
        self.base_url = "https://county.example"

    def enrol(self, code: str) -> EnrolResponse:
        if self.fail is not None:
            raise self.fail
        return EnrolResponse(station_code="CSX-01", station_name="黄花", token="t" * 40)

    def close(self) -> None:
        pass


def _setup(kiosk: Kiosk, county: _County) -> StationSetup:
    kiosk.sync._client_factory = lambda url, token: county  # type: ignore[assignment]
    return StationSetup(kiosk.sync, kiosk.keeper_pin, kiosk.credentials)


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"station": "x"}, SetupProblem.STATION_CODE),
        ({"server": "county.example"}, SetupProblem.SERVER),
        ({"code": "  "}, SetupProblem.NO_CODE),
        ({"pin_again": "2469"}, SetupProblem.PINS_DIFFER),
    ],
)
def test_each_field_mistake_has_its_reason(changes, problem) -> None:
    fields = {
        "station": GOOD.station,
        "server": GOOD.server,
        "code": GOOD.code,
        "pin": GOOD.pin,
        "pin_again": GOOD.pin_again,
        **changes,
    }
    request = SetupRequest(**fields)
    with pytest.raises(InvalidSetup) as refused:
        checked(request)
    assert refused.value.problem is problem


def test_a_bad_pin_is_refused_before_anything_else() -> None:
    with pytest.raises(PinError):
        checked(SetupRequest("CSX-01", "https://c", "C", "12", "12"))


def test_set_up_enrols_and_sets_the_pin_together(kiosk: Kiosk) -> None:
    result = _setup(kiosk, _County()).set_up(GOOD)
    assert (result.station_code, result.asked_for, result.other_station) == (
        "CSX-01",
        "CSX-01",
        False,
    )
    assert kiosk.sync.status().enrolled
    kiosk.keeper_pin.verify("2468")


def test_a_failed_enrolment_leaves_the_pin_that_was_there(kiosk: Kiosk) -> None:
    kiosk.keeper_pin.set_pin("1357")
    before = kiosk.credentials.get(PIN_KEY_NAME)
    county = _County(SyncError(SyncReason.ENROL_CODE_INVALID, "wrong code"))
    with pytest.raises(SyncError):
        _setup(kiosk, county).set_up(GOOD)
    assert kiosk.credentials.get(PIN_KEY_NAME) == before
    kiosk.keeper_pin.verify("1357")
    assert not kiosk.sync.status().enrolled


def test_a_failed_enrolment_on_a_new_station_leaves_no_pin(kiosk: Kiosk) -> None:
    county = _County(SyncError(SyncReason.OFFLINE, "no route"))
    with pytest.raises(SyncError):
        _setup(kiosk, county).set_up(GOOD)
    assert kiosk.credentials.get(PIN_KEY_NAME) is None
    assert not kiosk.keeper_pin.is_set()


def test_a_failed_save_of_the_enrolment_takes_the_token_back(kiosk: Kiosk, monkeypatch) -> None:
    def broken() -> None:
        raise OSError("disk full")

    real_factory = kiosk.sync._uow_factory

    def failing_factory():
        unit = real_factory()
        unit.commit = broken  # type: ignore[method-assign]
        return unit

    monkeypatch.setattr(kiosk.sync, "_uow_factory", failing_factory)
    with pytest.raises(OSError):
        _setup(kiosk, _County()).set_up(GOOD)
    assert kiosk.credentials.get(TOKEN_NAME) is None
    assert kiosk.credentials.get(PIN_KEY_NAME) is None


def test_a_keyring_that_refuses_the_pin_changes_nothing(kiosk: Kiosk, monkeypatch) -> None:
    def refuse(name: str, value: str) -> None:
        raise CredentialError("locked keyring")

    monkeypatch.setattr(kiosk.credentials, "set", refuse)
    with pytest.raises(CredentialError):
        _setup(kiosk, _County()).set_up(GOOD)
    assert not kiosk.sync.status().enrolled


def test_the_digit_buffer_takes_digits_up_to_its_length() -> None:
    pad = DigitBuffer(4)
    assert [pad.press(key) for key in "12a34 5"] == [True, True, False, True, True, False, False]
    assert pad.digits == "1234" and len(pad) == 4
    assert pad.backspace() and pad.digits == "123"
    assert pad.take() == "123" and pad.digits == ""
    assert not pad.backspace() and not pad.clear()
    assert pad.press("９") is False  # a full-width digit is not a key on our pad
    assert group_digits("13812345678") == "138 1234 5678"
