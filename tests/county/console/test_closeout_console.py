"""The keepers' day reports in the staff console (issue 16): each station's chain, its missing
days, the figures added up, and the CSV export, neutralised and audited."""

from __future__ import annotations

import csv
import io
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from county.closeout.models import CountyDayReport
from county.closeout.service import report_row
from county.console.models import AuditEntry
from county.console.station_admin import issue_code
from county.stations import station_by_code
from redhome_wire.closeout import CHAIN_START, DayClosed, DayReport, seal
from redhome_wire.station_time import STATION_TZ, local_day


def sealed_report(number: int, day, previous: str, visits: int, note: str = "") -> DayClosed:
    return seal(
        DayReport(
            number=number,
            station_day=day,
            sealed_at=datetime(day.year, day.month, day.day, 22, 0, tzinfo=STATION_TZ),
            sealed_by="站长",
            counters={"checkin.visits": visits, "rest.rests": 2},
            records_waiting=1,
            handover_note=note,
            previous_hash=previous,
        )
    )


def store_reports(session, station_code: str, reports: list[DayClosed]) -> None:
    station = station_by_code(session, station_code)
    assert station is not None
    for seq, report in enumerate(reports, start=1):
        session.add(report_row(station.id, report, seq, report.sealed_at))


def test_the_day_reports_page_flags_missing_days_and_broken_chains(console_site) -> None:
    today = local_day(console_site.clock.now())
    first = sealed_report(1, today - timedelta(days=3), CHAIN_START, 40, "=HYPERLINK(1)")
    second = sealed_report(2, today - timedelta(days=1), first.hash, 55)  # the day between: missing
    other = sealed_report(1, today - timedelta(days=1), CHAIN_START, 7)
    forged = sealed_report(2, today - timedelta(days=0), "f" * 64, 9)  # does not link to `other`
    with console_site.writer() as session:
        issue_code(session, console_site.clock.now(), "cli", "CSX-02", "物流园货车司机之家")
        store_reports(session, "CSX-01", [first, second])
        store_reports(session, "CSX-02", [other, forged])
        session.commit()
    viewer = console_site.signed_in("viewer")
    page = viewer.get("/console/closeout?lang=en")
    assert page.status_code == 200
    text = page.text
    assert 'href="/console/closeout">Day reports</a>' in text  # in the menu
    missing = (today - timedelta(days=2)).isoformat()
    assert f'<span class="state state-code_issued">{missing}</span>' in text
    assert "broken from Z-0002" in text and "intact" in text
    yesterday = (today - timedelta(days=1)).isoformat()
    totals = viewer.get("/console/closeout?period=day&lang=en").text
    row = totals[totals.index(f'class="nowrap">{yesterday}</td>') :].split("</tr>")[0]
    assert '"num">2</td>' in row and '"num">62</td>' in row  # two reports, 55 + 7 visits

    export = viewer.get("/console/closeout.csv")
    assert export.status_code == 200
    rows = list(csv.DictReader(io.StringIO(export.text.lstrip("\ufeff"))))
    assert [(r["station"], r["report"]) for r in rows] == [
        ("CSX-01", "Z-0001"),
        ("CSX-01", "Z-0002"),
        ("CSX-02", "Z-0001"),
        ("CSX-02", "Z-0002"),
    ]
    assert rows[0]["handover_note"] == "'=HYPERLINK(1)"  # a spreadsheet shows it as text
    with console_site.writer() as session:
        exports = session.scalars(
            select(AuditEntry.target).where(AuditEntry.action == "export")
        ).all()
    assert any(target.startswith("closeout:redhome-day-reports-") for target in exports)


def test_the_day_reports_page_is_for_staff_only(console_site) -> None:
    for path in ("/console/closeout", "/console/closeout.csv"):
        anonymous = console_site.browser().get(path)
        assert anonymous.status_code == 303  # to the sign-in page
        assert anonymous.headers["X-Console-Refusal"] == "sign-in"


def test_a_report_changed_at_the_county_is_flagged_not_a_crash(console_site) -> None:
    today = local_day(console_site.clock.now())
    first = sealed_report(1, today - timedelta(days=2), CHAIN_START, 40)
    second = sealed_report(2, today - timedelta(days=1), first.hash, 55)
    with console_site.writer() as session:
        store_reports(session, "CSX-01", [first, second])
        session.commit()
        # Someone with the database in hand drops the guard and edits the first report.
        from sqlalchemy import text

        if session.get_bind().dialect.name == "postgresql":
            session.execute(text("DROP TRIGGER closeout_reports_no_change ON closeout_reports"))
        else:
            session.execute(text("DROP TRIGGER closeout_reports_no_update"))
        stored = session.scalars(select(CountyDayReport).where(CountyDayReport.number == 1)).one()
        stored.record = stored.record.replace('"checkin.visits":40', '"checkin.visits":400')
        session.commit()
    viewer = console_site.signed_in("viewer")
    for path in ("/console/closeout?lang=en", "/console", "/console/stations"):
        assert viewer.get(path).status_code == 200, path
    assert "broken from Z-0001" in viewer.get("/console/closeout?lang=en").text


def test_the_countys_copy_of_a_chain_is_never_changed_or_removed(console_site) -> None:
    from sqlalchemy import text

    today = local_day(console_site.clock.now())
    with console_site.writer() as session:
        store_reports(session, "CSX-01", [sealed_report(1, today, CHAIN_START, 40)])
        session.commit()
    for statement in (
        "UPDATE closeout_reports SET sealed_by = 'x'",
        "DELETE FROM closeout_reports",
    ):
        with console_site.writer() as session, pytest.raises(Exception, match="never changed"):
            session.execute(text(statement))
