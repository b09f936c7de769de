import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.services.parking.plates import (
    PLATE_LETTERS,
    PROVINCES,
    SUFFIXES,
    InvalidPlate,
    Plate,
    PlateProblem,
    mask_plate,
    parse_plate,
)

VALID = [
    # (typed, number, new_energy)
    ("湘A12345", "湘A12345", False),
    ("湘AB1234", "湘AB1234", False),
    ("湘A8888Z", "湘A8888Z", False),
    ("京N2F6D1", "京N2F6D1", False),
    ("粤BXYZ12", "粤BXYZ12", False),
    ("湘AD1234", "湘AD1234", False),  # 7 characters with D first is an ordinary plate
    # separators, case and width
    ("湘A·12345", "湘A12345", False),
    ("湘A 123 45", "湘A12345", False),
    ("湘A-12345", "湘A12345", False),
    ("  湘a·b1234  ", "湘AB1234", False),
    ("湘Ａ１２３４５", "湘A12345", False),
    ("湘ａｂ１２３４", "湘AB1234", False),
    ("湘A\u300012345", "湘A12345", False),  # ideographic space
    ("湘A－12345", "湘A12345", False),  # full-width hyphen
    ("湘A・12345", "湘A12345", False),  # katakana middle dot, as some IMEs type it
    # new energy, small: D/F, then a letter or digit, then 4 digits
    ("湘AD12345", "湘AD12345", True),
    ("湘AF12345", "湘AF12345", True),
    ("湘ADA1234", "湘ADA1234", True),
    ("湘afz1234", "湘AFZ1234", True),
    ("沪A·D12345", "沪AD12345", True),
    # new energy, large: 5 digits then D/F
    ("湘A12345D", "湘A12345D", True),
    ("湘A12345F", "湘A12345F", True),
    ("湘A·12345f", "湘A12345F", True),
    # every province
    *[(f"{p}A12345", f"{p}A12345", False) for p in PROVINCES],
    # every suffix, last on a 7-character plate
    *[(f"湘A1234{s}", f"湘A1234{s}", False) for s in SUFFIXES],
    ("粤Z1234港", "粤Z1234港", False),
    ("粤Z·1234澳", "粤Z1234澳", False),
]

INVALID = [
    # (typed, problem)
    ("", PlateProblem.EMPTY),
    ("   ", PlateProblem.EMPTY),
    ("·-·", PlateProblem.EMPTY),
    # I and O are never used: the driver means 1 or 0
    ("湘AI2345", PlateProblem.LETTER_I_OR_O),
    ("湘A1234O", PlateProblem.LETTER_I_OR_O),
    ("湘O12345", PlateProblem.LETTER_I_OR_O),
    ("湘ai2345", PlateProblem.LETTER_I_OR_O),
    ("湘AD1234I", PlateProblem.LETTER_I_OR_O),
    # province
    ("A12345", PlateProblem.UNKNOWN_PROVINCE),
    ("AB12345", PlateProblem.UNKNOWN_PROVINCE),
    ("长A12345", PlateProblem.BAD_CHARACTER),  # a Chinese character that is no province
    ("台A12345", PlateProblem.BAD_CHARACTER),
    ("12345湘A", PlateProblem.UNKNOWN_PROVINCE),
    ("湘湘12345", PlateProblem.BAD_CHARACTER),
    ("湘A123湘5", PlateProblem.BAD_CHARACTER),
    # office letter
    ("湘112345", PlateProblem.CITY_NOT_LETTER),
    ("湘812345", PlateProblem.CITY_NOT_LETTER),
    # suffix placement
    ("湘A挂1234", PlateProblem.SUFFIX_MISPLACED),
    ("湘A12挂34", PlateProblem.SUFFIX_MISPLACED),
    ("湘挂12345", PlateProblem.SUFFIX_MISPLACED),
    ("挂A12345", PlateProblem.SUFFIX_MISPLACED),
    ("湘AD1234学", PlateProblem.SUFFIX_MISPLACED),  # never on a new-energy plate
    ("湘A123警", PlateProblem.WRONG_LENGTH),
    # length
    ("湘", PlateProblem.WRONG_LENGTH),
    ("湘A", PlateProblem.WRONG_LENGTH),
    ("湘A1234", PlateProblem.WRONG_LENGTH),
    ("湘A1234567", PlateProblem.WRONG_LENGTH),
    ("湘A" + "1" * 40, PlateProblem.WRONG_LENGTH),
    ("湘A" + "1" * 10_000, PlateProblem.WRONG_LENGTH),  # huge pasted text
    # 8 characters that are no new-energy plate
    ("湘A123456", PlateProblem.BAD_NEW_ENERGY),
    ("湘AB12345", PlateProblem.BAD_NEW_ENERGY),
    ("湘AD1234A", PlateProblem.BAD_NEW_ENERGY),
    ("湘ADAB123", PlateProblem.BAD_NEW_ENERGY),
    ("湘A1234DF", PlateProblem.BAD_NEW_ENERGY),
    ("湘A12345X", PlateProblem.BAD_NEW_ENERGY),
    ("湘AD12F45", PlateProblem.BAD_NEW_ENERGY),
    # junk
    ("湘A1234😀", PlateProblem.BAD_CHARACTER),
    ("😀", PlateProblem.BAD_CHARACTER),
    ("湘A12#45", PlateProblem.BAD_CHARACTER),
    ("湘A12\x0045", PlateProblem.BAD_CHARACTER),
    ("湘A12\u200b345", PlateProblem.BAD_CHARACTER),  # zero-width space
    ("<script>", PlateProblem.BAD_CHARACTER),
    ("DROP TABLE", PlateProblem.LETTER_I_OR_O),
    ("WXYZ", PlateProblem.UNKNOWN_PROVINCE),
    ("湘Б12345", PlateProblem.BAD_CHARACTER),  # Cyrillic
]


@pytest.mark.parametrize(("typed", "number", "new_energy"), VALID)
def test_valid_plates_normalise(typed: str, number: str, new_energy: bool) -> None:
    plate = parse_plate(typed)
    assert plate == Plate(number=number, new_energy=new_energy)


@pytest.mark.parametrize(("typed", "problem"), INVALID)
def test_invalid_plates_say_why(typed: str, problem: PlateProblem) -> None:
    with pytest.raises(InvalidPlate) as raised:
        parse_plate(typed)
    assert raised.value.problem is problem
    assert isinstance(raised.value, ValueError)


def test_none_is_empty() -> None:
    with pytest.raises(InvalidPlate) as raised:
        parse_plate(None)
    assert raised.value.problem is PlateProblem.EMPTY


def test_wrong_length_reports_the_length() -> None:
    with pytest.raises(InvalidPlate) as raised:
        parse_plate("湘A·1234")
    assert raised.value.length == 6


def test_keyboard_sets() -> None:
    assert len(PROVINCES) == 31
    assert len(set(PROVINCES)) == 31
    assert PROVINCES[0] == "湘"
    assert PLATE_LETTERS == "ABCDEFGHJKLMNPQRSTUVWXYZ"
    assert SUFFIXES == ("挂", "学", "警", "港", "澳")


def test_display_and_mask() -> None:
    plate = parse_plate("湘ad12345")
    assert plate.display == "湘A·D12345"
    assert plate.masked == "湘A***45"
    assert mask_plate("湘A1") == "***"


@given(st.text(max_size=30))
def test_any_text_either_parses_or_raises_invalid_plate(text: str) -> None:
    try:
        plate = parse_plate(text)
    except InvalidPlate:
        return
    # Whatever is accepted is stable: parsing the result gives the same plate.
    assert parse_plate(plate.number) == plate
    assert len(plate.number) in (7, 8)
    assert plate.number[0] in PROVINCES


_SERIAL = st.text(alphabet=PLATE_LETTERS + "0123456789", min_size=5, max_size=5)


@given(st.sampled_from(PROVINCES), st.sampled_from(PLATE_LETTERS), _SERIAL)
def test_every_ordinary_plate_parses(province: str, letter: str, serial: str) -> None:
    plate = parse_plate(f"{province}{letter}·{serial.lower()}")
    assert plate.number == f"{province}{letter}{serial}"
    assert not plate.new_energy
