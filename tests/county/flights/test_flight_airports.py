"""The curated airport table: well-formed pinyin, one syllable per character, countries."""

from __future__ import annotations

import re

import pytest

from redhome_wire.flights.airports import _TABLE, AIRPORTS, infer_country, is_international, lookup
from redhome_wire.flights.parsing import zone

_INITIALS = (
    "zh",
    "ch",
    "sh",
    "b",
    "p",
    "m",
    "f",
    "d",
    "t",
    "n",
    "l",
    "g",
    "k",
    "h",
    "j",
    "q",
    "x",
    "r",
    "z",
    "c",
    "s",
    "y",
    "w",
    "",
)
_FINALS = {
    "a",
    "o",
    "e",
    "i",
    "u",
    "v",
    "ai",
    "ei",
    "ui",
    "ao",
    "ou",
    "iu",
    "ie",
    "ve",
    "er",
    "an",
    "en",
    "in",
    "un",
    "ang",
    "eng",
    "ing",
    "ong",
    "ia",
    "iao",
    "ian",
    "iang",
    "iong",
    "ua",
    "uo",
    "uai",
    "uan",
    "uang",
    "ue",
    "van",
    "vn",
    "uen",
    "ueng",
    "iou",
    "uei",
}


def _valid_syllable(syllable: str) -> bool:
    for initial in _INITIALS:
        if syllable.startswith(initial) and syllable[len(initial) :] in _FINALS:
            return True
    return False


@pytest.mark.parametrize("airport", list(AIRPORTS.values()), ids=lambda a: a.iata)
def test_every_pinyin_is_well_formed_with_one_syllable_per_character(airport) -> None:
    syllables = airport.pinyin.split()
    hanzi = [char for char in airport.city_zh if "\u4e00" <= char <= "\u9fff"]
    assert len(syllables) == len(hanzi) == len(airport.city_zh), airport
    assert all(_valid_syllable(s) for s in syllables), airport
    assert re.fullmatch(r"[A-Z]{3}", airport.iata)
    assert re.fullmatch(r"[A-Z]{2}", airport.country)
    assert zone(airport.tz) is not None, airport.tz
    assert airport.city_en


def test_iata_codes_are_unique() -> None:
    assert len(AIRPORTS) == len(_TABLE)


def test_the_cities_a_driver_types() -> None:
    assert lookup("pek").initials == "bj"  # type: ignore[union-attr]
    assert lookup("SHA").initials == "sh"  # type: ignore[union-attr]
    assert lookup("CKG").pinyin == "chong qing"  # type: ignore[union-attr]
    assert lookup("XMN").pinyin == "xia men"  # type: ignore[union-attr]
    assert lookup("URC").city_zh == "乌鲁木齐"  # type: ignore[union-attr]
    assert lookup(None) is None and lookup("") is None and lookup("QQQ") is None


def test_country_and_border_control() -> None:
    assert infer_country("PVG") == "CN"
    assert infer_country("XXX", "ZGHA") == "CN"
    assert infer_country("XXX", "ZKPY") is None  # Pyongyang is not China
    assert infer_country("XXX", "VHHH") == "HK"
    assert infer_country(None, None, "Asia/Taipei") == "TW"
    assert infer_country(None, None, "Europe/Paris") is None
    assert is_international("CN") is False
    assert is_international("HK") is True
    assert is_international(None) is None
