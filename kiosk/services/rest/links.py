"""What the rest's QR code carries: its proof-of-rest page on the county."""

from __future__ import annotations

PROOF_PAGE_PREFIX = "/rest/"  # county.rest.pages


def proof_url(rest_id: str, public_base_url: str) -> str:
    """The county's proof page of one rest: <base>/rest/<rest_id>. It shows the rest once it has
    ended and reached the county, and says so until then."""
    return public_base_url.rstrip("/") + PROOF_PAGE_PREFIX + rest_id
