"""Recognising a returning driver without keeping their phone number.

At rest a number is a keyed hash (HMAC-SHA256) plus its last four digits. The key lives in the
credential store, so a copied database alone cannot be turned back into phone numbers.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
from typing import Protocol

from kiosk.services.phones import PhoneNumber

log = logging.getLogger(__name__)

PHONE_KEY_NAME = "phone-hash-key"
# The version of the consent text a driver agrees to before anything of them is kept. A driver
# who agreed to an older one is asked again, by any capability that links records to them.
CONSENT_VERSION = 1


class SecretStore(Protocol):
    def get(self, name: str) -> str | None: ...

    def set(self, name: str, value: str) -> None: ...


class PhoneHasher:
    def __init__(self, key: bytes) -> None:
        if len(key) < 16:
            raise ValueError("phone hash key too short")
        self._key = key

    def hash(self, phone: PhoneNumber) -> str:
        return hmac.new(self._key, phone.digits.encode("ascii"), hashlib.sha256).hexdigest()

    @classmethod
    def from_secret_store(cls, store: SecretStore) -> PhoneHasher:
        stored = store.get(PHONE_KEY_NAME)
        if stored is None:
            log.info("no phone hash key yet; creating one")
            stored = secrets.token_hex(32)
            store.set(PHONE_KEY_NAME, stored)
        return cls(bytes.fromhex(stored))
