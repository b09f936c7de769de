"""What one side sends, the other reads with the same wire model.

Each kiosk capability declares the op kinds it writes (CoreParts.op_payloads); the county must
have a handler for each kind, reading it with the very model the kiosk validated it with. Each
document kind a kiosk capability applies must be one the county publishes, with the same model.
"""

from __future__ import annotations

from county.capabilities import CAPABILITIES as COUNTY_CAPABILITIES
from kiosk.app import Kiosk


def test_every_op_a_kiosk_writes_has_a_county_handler_with_the_same_model(kiosk: Kiosk) -> None:
    handled = {
        kind: model
        for capability in COUNTY_CAPABILITIES
        for handler in capability.op_handlers
        for kind, model in handler.payloads.items()
    }
    written = {
        kind: model for parts in kiosk.parts.values() for kind, model in parts.op_payloads.items()
    }
    assert written, "no capability declares the ops it writes"
    assert {kind: handled.get(kind) for kind in written} == written


def test_every_document_a_kiosk_applies_is_one_the_county_publishes(kiosk: Kiosk) -> None:
    published = {
        kind: model
        for capability in COUNTY_CAPABILITIES
        for kind, model in capability.documents.items()
    }
    applied = {applier.kind: applier.model for applier in kiosk.sync._appliers.values()}
    assert applied
    assert {kind: published.get(kind) for kind in applied} == applied
