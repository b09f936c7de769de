"""The proof of rest (休息凭证): the county signs each finished rest exactly as it received it
from an enrolled station, so its page can say that the station recorded the rest and that the
record has not changed since. It says nothing more: the county did not see anyone rest.

The signature is HMAC-SHA256, with the county's own secret (rest_proof_keys, made by the
migration), over the station's code and the record's canonical JSON.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime

from sqlalchemy.orm import Session

from county.rest.models import RestProofKey
from redhome_wire.rest import RestFinished

KEY_ID = 1


def canonical_record(rest: RestFinished) -> str:
    """The record as received and validated, in one spelling: sorted keys, no spaces."""
    return rest.model_dump_json(round_trip=True)


def signing_secret(session: Session, now: datetime) -> bytes:
    key = session.get(RestProofKey, KEY_ID)
    if key is None:  # a database made before the migration seeded it: make it once
        key = RestProofKey(id=KEY_ID, secret=secrets.token_hex(32), created_at=now)
        session.add(key)
        session.flush()
    return bytes.fromhex(key.secret)


def sign(secret: bytes, station_code: str, record: str) -> str:
    message = f"{station_code}\n{record}".encode()
    return hmac.new(secret, message, hashlib.sha256).hexdigest()


def verify(secret: bytes, station_code: str, record: str, signature: str) -> bool:
    return hmac.compare_digest(sign(secret, station_code, record), signature)
