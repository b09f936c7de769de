"""Mixed fleets: the county serves every wire version from MIN_WIRE_VERSION on."""

from __future__ import annotations

import pytest
import requests

from redhome_wire.protocol import (
    MIN_WIRE_VERSION,
    WIRE_VERSION,
    WIRE_VERSION_HEADER,
    ErrorCode,
)
from tests.county.test_county_api import TIMEOUT, error_code, token_for, visit_op


def sync(server, token: str, station: str, version: str | None) -> list[requests.Response]:
    """A push and a pull, with the version header when one is given."""
    headers = {"Authorization": f"Bearer {token}"}
    if version is not None:
        headers[WIRE_VERSION_HEADER] = version
    pushed = requests.post(
        f"{server.url}/v1/stations/{station}/ops",
        json={"ops": [visit_op()]},
        headers=headers,
        timeout=TIMEOUT,
    )
    pulled = requests.get(
        f"{server.url}/v1/stations/{station}/feed", headers=headers, timeout=TIMEOUT
    )
    return [pushed, pulled]


def test_a_kiosk_without_the_header_speaks_version_1_and_is_served(county_server, new_code):
    assert MIN_WIRE_VERSION <= 1  # version 1 kiosks are still in the field
    token = token_for(county_server, new_code, "CSX-01")
    pushed, pulled = sync(county_server, token, "CSX-01", None)
    assert pushed.status_code == 200, pushed.text
    assert pushed.json()["results"][0]["status"] == "applied"
    assert pulled.status_code == 200, pulled.text
    assert pulled.json()["changes"]


@pytest.mark.parametrize(
    "version", [str(WIRE_VERSION), str(MIN_WIRE_VERSION), str(WIRE_VERSION + 1)]
)
def test_every_version_from_the_minimum_on_is_served(county_server, new_code, version):
    token = token_for(county_server, new_code, "CSX-01")
    pushed, pulled = sync(county_server, token, "CSX-01", version)
    assert pushed.status_code == 200, pushed.text
    assert pushed.json()["results"][0]["status"] == "applied"
    assert pulled.status_code == 200, pulled.text


@pytest.mark.parametrize("version", ["0", "-1", "two", "", "2.0"])
def test_a_version_below_the_minimum_or_unreadable_is_told_to_upgrade(
    county_server, new_code, version
):
    token = token_for(county_server, new_code, "CSX-01")
    for response in sync(county_server, token, "CSX-01", version):
        assert response.status_code == 426, response.text
        assert error_code(response) == ErrorCode.WIRE_VERSION_UNSUPPORTED.value
        assert str(MIN_WIRE_VERSION) in response.json()["error"]["message"]
    enrol = requests.post(
        f"{county_server.url}/v1/enrol",
        json={"code": new_code("CSX-02")},
        headers={WIRE_VERSION_HEADER: version},
        timeout=TIMEOUT,
    )
    assert enrol.status_code == 426 and error_code(enrol) == "wire_version_unsupported"
    # Nothing was applied for the refused push.
    served = sync(county_server, token, "CSX-01", str(WIRE_VERSION))[0].json()["results"][0]
    assert served["seq"] == 1


def test_health_reports_the_versions_served(county_server):
    health = requests.get(f"{county_server.url}/healthz", timeout=TIMEOUT).json()
    assert health["wire_version"] == WIRE_VERSION
    assert health["min_wire_version"] == MIN_WIRE_VERSION
