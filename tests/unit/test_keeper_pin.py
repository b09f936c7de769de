from datetime import timedelta

import pytest

from kiosk.services.keeper_pin import (
    LOCKOUT_KEY_NAME,
    PIN_KEY_NAME,
    KeeperPin,
    PinError,
    PinProblem,
)


def test_the_pin_is_kept_as_an_scrypt_hash(credentials, clock) -> None:
    pin = KeeperPin(credentials, clock)
    assert not pin.is_set()
    pin.set_pin("2468")
    stored = credentials.get(PIN_KEY_NAME)
    assert stored is not None and stored.startswith("scrypt$")
    assert "2468" not in stored
    pin.verify("2468")


@pytest.mark.parametrize(
    ("candidate", "problem"),
    [
        ("123", PinProblem.TOO_SHORT),
        ("123456789", PinProblem.TOO_LONG),
        ("12a4", PinProblem.NOT_DIGITS),
    ],
)
def test_a_pin_is_four_to_eight_digits(credentials, clock, candidate, problem) -> None:
    with pytest.raises(PinError) as caught:
        KeeperPin(credentials, clock).set_pin(candidate)
    assert caught.value.problem is problem


def test_five_misses_lock_for_five_minutes(credentials, clock) -> None:
    pin = KeeperPin(credentials, clock)
    pin.set_pin("2468")
    for left in (4, 3, 2, 1):
        with pytest.raises(PinError) as caught:
            pin.verify("0000")
        assert caught.value.problem is PinProblem.WRONG
        assert caught.value.tries_left == left
    with pytest.raises(PinError) as locked:
        pin.verify("0000")
    assert locked.value.problem is PinProblem.LOCKED
    assert locked.value.locked_until == clock.now() + timedelta(minutes=5)
    clock.advance(timedelta(minutes=4, seconds=59))
    with pytest.raises(PinError) as still:
        pin.verify("2468")
    assert still.value.problem is PinProblem.LOCKED
    clock.advance(timedelta(seconds=1))
    pin.verify("2468")


def test_no_pin_set_says_so(credentials, clock) -> None:
    with pytest.raises(PinError) as caught:
        KeeperPin(credentials, clock).verify("1234")
    assert caught.value.problem is PinProblem.NOT_SET


def test_a_right_pin_resets_the_count(credentials, clock) -> None:
    pin = KeeperPin(credentials, clock)
    pin.set_pin("2468")
    for _ in range(4):
        with pytest.raises(PinError):
            pin.verify("0000")
    pin.verify("2468")
    with pytest.raises(PinError) as caught:
        pin.verify("0000")
    assert caught.value.tries_left == 4


def test_the_lockout_survives_a_restart(credentials, clock) -> None:
    KeeperPin(credentials, clock).set_pin("2468")
    for _ in range(3):
        with pytest.raises(PinError):
            KeeperPin(credentials, clock).verify("0000")  # a restart after every try
    with pytest.raises(PinError) as counted:
        KeeperPin(credentials, clock).verify("0000")
    assert counted.value.tries_left == 1
    with pytest.raises(PinError) as locked:
        KeeperPin(credentials, clock).verify("0000")
    assert locked.value.problem is PinProblem.LOCKED
    until = clock.now() + timedelta(minutes=5)
    restarted = KeeperPin(credentials, clock)
    assert restarted.locked_until() == until
    with pytest.raises(PinError) as still:
        restarted.verify("2468")
    assert still.value.problem is PinProblem.LOCKED and still.value.locked_until == until
    clock.advance(timedelta(minutes=5))
    KeeperPin(credentials, clock).verify("2468")
    with pytest.raises(PinError) as fresh:
        KeeperPin(credentials, clock).verify("0000")
    assert fresh.value.tries_left == 4


def test_a_clock_set_back_cannot_lock_for_longer_than_the_lock(credentials, clock) -> None:
    KeeperPin(credentials, clock).set_pin("2468")
    for _ in range(5):
        with pytest.raises(PinError):
            KeeperPin(credentials, clock).verify("0000")
    clock.advance(timedelta(days=-30))
    restarted = KeeperPin(credentials, clock)
    until = restarted.locked_until()
    assert until is not None and until <= clock.now() + timedelta(minutes=5)


def test_an_unreadable_lockout_record_counts_as_none(credentials, clock) -> None:
    pin = KeeperPin(credentials, clock)
    pin.set_pin("2468")
    credentials.set(LOCKOUT_KEY_NAME, "garbage")
    pin.verify("2468")
