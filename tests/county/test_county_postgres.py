"""What only PostgreSQL has to show (concurrent pushes and enrolment on its locking):
`pytest -m postgres tests/county`, on the throwaway cluster of tests/county_databases.py; without
PostgreSQL's binaries the tests are skipped. The whole county suite runs on PostgreSQL with
`--county-db=postgres`.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from county.app import create_app
from county.testing import CountyHarness, serve_in_thread
from redhome_wire.station import ServiceData
from tests.county_databases import PostgresCluster

pytestmark = pytest.mark.postgres


@pytest.fixture
def postgres_url(postgres_cluster: PostgresCluster) -> Iterator[str]:
    url = postgres_cluster.database()
    yield url
    postgres_cluster.drop(url)


def _op() -> dict:
    return {
        "op_id": str(uuid.uuid4()),
        "kind": "visit.created",
        "created_at": "2026-11-20T01:30:00+00:00",
        "payload": {
            "visit_id": str(uuid.uuid4()),
            "work_type": "courier",
            "purpose": "rest",
            "returning": False,
            "checked_in_at": "2026-11-20T01:30:00+00:00",
            "local_day": "2026-11-20",
        },
    }


def test_the_county_server_works_the_same_on_postgresql(postgres_url: str, tmp_path: Path):
    county = CountyHarness(postgres_url)
    app = create_app(postgres_url)
    try:
        with serve_in_thread(app) as server:
            code = county.enrolment_code("PG-01", "测试站")
            token = requests.post(f"{server.url}/v1/enrol", json={"code": code}, timeout=10).json()[
                "token"
            ]
            headers = {"Authorization": f"Bearer {token}"}
            ops = [_op() for _ in range(200)]
            statuses: list[list[str]] = []

            def send() -> None:
                response = requests.post(
                    f"{server.url}/v1/stations/PG-01/ops",
                    json={"ops": ops},
                    headers=headers,
                    timeout=30,
                )
                statuses.append([r["status"] for r in response.json()["results"]])

            threads = [threading.Thread(target=send) for _ in range(4)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(60)
            assert sum(s.count("applied") for s in statuses) == 200
            assert county.count("visits", "PG-01") == 200
            assert county.stats()["PG-01"].last_seq == 200

            county.publish("*", "service", "water", ServiceData(name_zh="饮水"))
            page = requests.get(
                f"{server.url}/v1/stations/PG-01/feed", headers=headers, timeout=10
            ).json()
            assert [c["key"] for c in page["changes"]] == ["PG-01", "water"]
            other = requests.get(
                f"{server.url}/v1/stations/XX-99/feed", headers=headers, timeout=10
            )
            assert other.status_code == 403
    finally:
        app.state.county.engine.dispose()
        county.close()


def test_enrolment_while_stations_push_on_postgresql(postgres_url: str):
    from tests.county.test_county_hardening import enrolment_while_pushing

    county = CountyHarness(postgres_url)
    app = create_app(postgres_url)
    try:
        with serve_in_thread(app) as server:
            enrolment_while_pushing(server, county.enrolment_code)
    finally:
        app.state.county.engine.dispose()
        county.close()
