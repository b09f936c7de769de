from __future__ import annotations

import base64

import pytest

from county.console import passwords
from county.console.passwords import DEFAULT_COST, ScryptCost, hash_password, verify_password

CHEAP = ScryptCost(n=2**10, r=8, p=1)


@pytest.fixture(autouse=True)
def cheap_password_hashes():
    """The real cost here (overrides the console tests' cheap one)."""


def test_a_hash_verifies_its_password_only_and_holds_no_clear_text():
    stored = hash_password("correct horse battery", CHEAP)
    assert "correct horse battery" not in stored
    assert verify_password("correct horse battery", stored)
    assert not verify_password("correct horse batterz", stored)
    assert not verify_password("", stored)


def test_each_hash_has_its_own_salt_and_carries_its_parameters():
    first = hash_password("same password!", CHEAP)
    second = hash_password("same password!", CHEAP)
    assert first != second
    scheme, n, r, p, salt, key = first.split("$")
    assert (scheme, n, r, p) == ("scrypt", "1024", "8", "1")
    assert len(base64.b64decode(salt)) == 16 and len(base64.b64decode(key)) == 32


def test_the_default_cost_is_strong_and_older_costs_still_verify():
    assert passwords.COST is DEFAULT_COST
    stored = hash_password("a long password")
    assert stored.split("$")[1:4] == ["32768", "8", "1"]
    assert verify_password("a long password", stored)
    assert verify_password("cheap", hash_password("cheap", CHEAP))


def test_malformed_or_foreign_hashes_never_verify():
    good = hash_password("password123", CHEAP)
    for stored in [
        "",
        "plain",
        "md5$1$2$3$4$5",
        good.replace("scrypt$1024", "scrypt$1000"),  # scrypt refuses n not a power of two
        good.rsplit("$", 1)[0] + "$not base64!",
        "scrypt$x$8$1$AAAA$AAAA",
    ]:
        assert not verify_password("password123", stored), stored
