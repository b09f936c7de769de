"""The county's API under generated requests (schemathesis over its own OpenAPI document).

Every operation is called with bodies, paths and queries made from its schema, valid and not,
with a real station's token: no answer may be a 5xx, and every refusal is the wire's JSON
error. A fixed number of examples keeps it to seconds in the default suite; `-m slow` runs
twenty times as many (REDHOME_FUZZ_EXAMPLES sets the base number).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, given, settings

from county.app import create_app
from county.testing import CountyHarness, serve_in_thread
from redhome_wire.protocol import API_PREFIX, WIRE_VERSION, WIRE_VERSION_HEADER, ErrorBody
from tests.county_databases import POSTGRES, PostgresCluster

EXAMPLES = int(os.environ.get("REDHOME_FUZZ_EXAMPLES", "25"))


@pytest.fixture(scope="module")
def county_app(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, str]]:
    """A real county server on loopback, and an enrolled station's token."""
    cluster: PostgresCluster | None = None
    if request.config.getoption("--county-db") == POSTGRES:
        cluster = request.getfixturevalue("postgres_cluster")
        url = cluster.database()
    else:
        url = f"sqlite:///{Path(tmp_path_factory.mktemp('fuzz')) / 'county.db'}"
    harness = CountyHarness(url)
    code = harness.enrolment_code("CSX-01", "黄花机场红色之家")
    with serve_in_thread(create_app(url)) as server:
        answer = requests.post(f"{server.url}{API_PREFIX}/enrol", json={"code": code}, timeout=10)
        yield server.url, answer.json()["token"]
    harness.close()
    if cluster is not None:
        cluster.drop(url)


def _check(case, token: str) -> None:
    # Half the time the right station, so the handlers behind the auth are reached too.
    if case.path_parameters.get("station_code") and hash(str(case.body)) % 2 == 0:
        case.path_parameters["station_code"] = "CSX-01"
    headers = {"Authorization": f"Bearer {token}"}
    if hash(repr(case.query)) % 2 == 0:  # and a kiosk's own wire version, past that check
        headers[WIRE_VERSION_HEADER] = str(WIRE_VERSION)
    response = case.call(headers=headers, timeout=10)
    assert response.status_code < 500, (case.method, case.path, response.text[:300])
    if response.status_code >= 400 and case.path.startswith(API_PREFIX):
        ErrorBody.model_validate_json(response.content)  # the wire's error, never a traceback


def _fuzz(county_app, examples: int) -> None:
    base_url, token = county_app
    schema = schemathesis.openapi.from_url(f"{base_url}/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 6  # enrol, push, pull and the pages: the schema was read whole

    for operation in operations:

        @settings(
            max_examples=examples,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy())
        def call(case) -> None:
            _check(case, token)

        call()


def test_no_generated_request_breaks_the_county(county_app) -> None:
    _fuzz(county_app, EXAMPLES)


@pytest.mark.slow
def test_many_generated_requests_break_nothing_either(county_app) -> None:
    _fuzz(county_app, 20 * EXAMPLES)
