from __future__ import annotations

import json
import re
import subprocess
import sys

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from county.__main__ import main
from county.db import current_revision, head_revision, make_engine, migrate
from county.models import Base
from tests.county_databases import NewCountyUrl


def run(capsys, *argv: str) -> list[str]:
    assert main(list(argv)) == 0
    return capsys.readouterr().out.strip().splitlines()


def test_enroll_code_prints_the_code_alone_on_its_last_line_and_stats_count(
    tmp_path, capsys, new_county_url
):
    db = new_county_url()
    lines = run(capsys, "enroll-code", "--db", db, "CSX-01", "--name", "黄花机场红色之家")
    assert re.fullmatch(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}", lines[-1])
    run(capsys, "enroll-code", "--db", db, "CSX-02")
    stats = json.loads(run(capsys, "stats", "--db", db)[-1])
    assert set(stats) == {"CSX-01", "CSX-02"}
    assert stats["CSX-01"]["visits"] == 0
    assert stats["CSX-01"]["name"] == "黄花机场红色之家"
    assert stats["CSX-01"]["last_sync_at"] is None
    assert stats["CSX-01"]["enrolled"] is False

    run(capsys, "revoke", "--db", db, "CSX-02")
    assert json.loads(run(capsys, "stats", "--db", db)[-1])["CSX-02"]["revoked"] is True
    assert main(["revoke", "--db", db, "NOPE"]) == 1


def test_publish_from_a_json_file(tmp_path, capsys, new_county_url):
    db = new_county_url()
    run(capsys, "enroll-code", "--db", db, "CSX-01")
    document = tmp_path / "items.json"
    document.write_text(
        json.dumps(
            [
                {
                    "scope": "CSX-01",
                    "kind": "station.profile",
                    "key": "CSX-01",
                    "data": {"name_zh": "黄花", "name_en": "Huanghua", "opening_hours": "8-20"},
                },
                {"scope": "*", "kind": "service", "key": "water", "data": {"name_zh": "饮水"}},
            ],
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    assert run(capsys, "publish", "--db", db, str(document))[-1] == "published 2 items"


def test_the_console_script_entry_point_runs(tmp_path, new_county_url):
    db = new_county_url()
    result = subprocess.run(
        [sys.executable, "-m", "county", "enroll-code", "--db", db, "X1"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert re.fullmatch(r"[0-9A-Z-]{14}", result.stdout.strip().splitlines()[-1])


def test_county_migrations_match_the_models(new_county_url: NewCountyUrl):
    engine = make_engine(new_county_url())
    migrate(engine)
    assert current_revision(engine) == head_revision()
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    engine.dispose()
    assert differences == []


def test_county_imports_nothing_of_qt_or_the_kiosk():
    code = (
        "import sys, county.app, county.__main__, county.pages, county.testing\n"
        "import county.flights.service, county.flights\n"
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))"
        " or m.split('.')[0] == 'kiosk']\n"
        "print(bad)\n"
        "sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stdout + result.stderr
