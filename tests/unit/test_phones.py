import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.services.phones import (
    InvalidPhone,
    PhoneProblem,
    mask_phone,
    normalize_phone,
    parse_phone,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("13812345678", "13812345678"),
        ("138 1234 5678", "13812345678"),
        ("138-1234-5678", "13812345678"),
        ("+86 138 1234 5678", "13812345678"),
        ("+8613812345678", "13812345678"),
        ("0086 13812345678", "13812345678"),
        ("8613812345678", "13812345678"),
        ("１３８１２３４５６７８", "13812345678"),
        ("(+86) 199-0000-1111", "19900001111"),
        ("  15012345678  ", "15012345678"),
    ],
)
def test_accepts_the_ways_people_write_a_mobile_number(text: str, expected: str) -> None:
    assert normalize_phone(text) == expected


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", PhoneProblem.EMPTY),
        ("   ", PhoneProblem.EMPTY),
        ("138123", PhoneProblem.TOO_SHORT),
        ("1" * 200, PhoneProblem.TOO_LONG),
        ("138123456789", PhoneProblem.TOO_LONG),
        ("abcdefghijk", PhoneProblem.NOT_DIGITS),
        ("138l2345678", PhoneProblem.NOT_DIGITS),
        ("📱13812345678", PhoneProblem.NOT_DIGITS),
        ("12812345678", PhoneProblem.NOT_MOBILE),
        ("02112345678", PhoneProblem.NOT_MOBILE),
        ("+1 4155550100", PhoneProblem.NOT_MOBILE),
        ("٣٨١٢٣٤٥٦٧٨١", PhoneProblem.NOT_DIGITS),
    ],
)
def test_rejects_with_a_reason(text: str, problem: PhoneProblem) -> None:
    with pytest.raises(InvalidPhone) as caught:
        normalize_phone(text)
    assert caught.value.problem is problem
    assert isinstance(caught.value, ValueError)


def test_says_how_many_digits_are_missing_or_extra() -> None:
    with pytest.raises(InvalidPhone) as short:
        normalize_phone("138123456")
    assert short.value.missing_digits == 2
    with pytest.raises(InvalidPhone) as long:
        normalize_phone("1" * 200)
    assert long.value.extra_digits == 189


def test_masking_shows_only_the_ends() -> None:
    assert mask_phone("13812345678") == "138****5678"
    phone = parse_phone("13812345678")
    assert phone.last4 == "5678"
    assert "12345678" not in repr(phone)
    assert "12345678" not in str(phone)
    assert "12345678" not in f"{phone}"


@given(st.text(max_size=300))
def test_any_text_gives_a_mobile_number_or_a_reason(text: str) -> None:
    try:
        digits = normalize_phone(text)
    except InvalidPhone as error:
        assert isinstance(error.problem, PhoneProblem)
    else:
        assert len(digits) == 11
        assert digits.isascii()
        assert digits.isdigit()
        assert digits[0] == "1"
        assert digits[1] in "3456789"
