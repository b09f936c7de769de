"""The keepers' day reports in the staff console: each station's chain, the days it is missing,
and the figures of every sealed report added up per day, week or month; a CSV of them all."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from county.capability import ConsoleFile, ConsolePage, ConsoleView
from county.closeout.models import CountyDayReport
from county.console.audit import neutralised_csv
from county.models import Station
from redhome_wire.closeout import first_break, report_label
from redhome_wire.station_time import STATION_TZ, local_day

TEMPLATES: Final = Path(__file__).resolve().parent / "templates"
PERIODS: Final = ("day", "week", "month")
# The figures added up across stations (the rest stay in each report and the CSV).
TOTALS: Final = ("checkin.visits", "checkin.returning", "rest.rests")
# How far back the page looks for missing days and adds figures up.
WINDOW_DAYS: Final = 62
MISSING_SHOWN: Final = 10
ALL_STAFF: Final = frozenset({"admin", "editor", "handler", "viewer"})


@dataclass(frozen=True, slots=True)
class StationChain:
    code: str
    name: str
    reports: int
    last_label: str | None
    last_day: date | None
    records_waiting: int | None  # at the last report's seal
    broken_at: str | None
    missing: list[date]  # days in the window with no report, between its first and yesterday


@dataclass(frozen=True, slots=True)
class PeriodTotal:
    period: str
    reports: int
    figures: list[int]  # in TOTALS order


def _period_of(day: date, period: str) -> str:
    if period == "week":
        year, week, _weekday = day.isocalendar()
        return f"{year}-W{week:02d}"
    if period == "month":
        return f"{day.year}-{day.month:02d}"
    return day.isoformat()


def _chains(session: Session, today: date) -> list[StationChain]:
    rows = session.execute(
        select(
            CountyDayReport.station_id,
            CountyDayReport.number,
            CountyDayReport.hash,
            CountyDayReport.record,
            CountyDayReport.station_day,
            CountyDayReport.records_waiting,
        ).order_by(CountyDayReport.station_id, CountyDayReport.number)
    ).all()
    by_station: dict[int, list[tuple[int, str, str, date, int]]] = defaultdict(list)
    for station_id, number, stored_hash, record, day, waiting in rows:
        by_station[station_id].append((number, stored_hash, record, day, waiting))
    chains = []
    window_start = today - timedelta(days=WINDOW_DAYS)
    for station_id, code, name in session.execute(
        select(Station.id, Station.code, Station.name).order_by(Station.code)
    ):
        reports = by_station.get(station_id, [])
        broken = first_break([(n, h, r) for n, h, r, _d, _w in reports])
        days = {day for _n, _h, _r, day, _w in reports}
        missing: list[date] = []
        if reports:
            first = max(reports[0][3], window_start)
            missing = [
                first + timedelta(days=n)
                for n in range((today - first).days)
                if first + timedelta(days=n) not in days
            ]
        last = reports[-1] if reports else None
        chains.append(
            StationChain(
                code,
                name,
                len(reports),
                report_label(last[0]) if last else None,
                last[3] if last else None,
                last[4] if last else None,
                report_label(broken) if broken is not None else None,
                missing,
            )
        )
    return chains


def _totals(session: Session, today: date, period: str) -> list[PeriodTotal]:
    since = today - timedelta(days=WINDOW_DAYS)
    sums: dict[str, list[int]] = {}
    counts: dict[str, int] = defaultdict(int)
    for day, record in session.execute(
        select(CountyDayReport.station_day, CountyDayReport.record).where(
            CountyDayReport.station_day >= since
        )
    ):
        counters: Mapping[str, int] = json.loads(record).get("counters", {})
        key = _period_of(day, period)
        figures = sums.setdefault(key, [0] * len(TOTALS))
        for index, name in enumerate(TOTALS):
            figures[index] += int(counters.get(name, 0))
        counts[key] += 1
    return [PeriodTotal(key, counts[key], sums[key]) for key in sorted(sums, reverse=True)]


def reports_page(session: Session, now: datetime, query: Mapping[str, str]) -> ConsoleView:
    period = query.get("period", "day")
    if period not in PERIODS:
        period = "day"
    today = local_day(now)
    return ConsoleView(
        "closeout_reports.html",
        {
            "chains": _chains(session, today),
            "totals": _totals(session, today, period),
            "total_names": TOTALS,
            "period": period,
            "periods": PERIODS,
            "missing_shown": MISSING_SHOWN,
        },
    )


CSV_COLUMNS: Final = (
    "station",
    "report",
    "day",
    "sealed_at",
    "sealed_by",
    "records_waiting",
    *TOTALS,
    "handover_note",
    "hash",
    "previous_hash",
)


def _csv_row(code: str, report: CountyDayReport) -> list[str]:
    record = json.loads(report.record)
    counters: Mapping[str, int] = record.get("counters", {})
    return [
        code,
        report_label(report.number),
        report.station_day.isoformat(),
        report.sealed_at.astimezone(STATION_TZ).isoformat(),
        report.sealed_by,
        str(report.records_waiting),
        *(str(counters.get(name, 0)) for name in TOTALS),
        str(record.get("handover_note", "")),
        report.hash,
        report.previous_hash,
    ]


def reports_csv(session: Session, now: datetime, query: Mapping[str, str]) -> ConsoleFile:
    rows = session.execute(
        select(Station.code, CountyDayReport)
        .join(Station, Station.id == CountyDayReport.station_id)
        .order_by(Station.code, CountyDayReport.number)
    ).all()
    stamp = now.astimezone(STATION_TZ).strftime("%Y%m%d-%H%M")
    return ConsoleFile(
        f"redhome-day-reports-{stamp}.csv",
        "text/csv; charset=utf-8",
        "\ufeff" + neutralised_csv(CSV_COLUMNS, (_csv_row(code, report) for code, report in rows)),
    )


CONSOLE_PAGES: Final = (
    ConsolePage("/closeout", ALL_STAFF, reports_page, menu="closeout_nav"),
    ConsolePage("/closeout.csv", ALL_STAFF, reports_csv),
)

WORDS: Final = {
    "zh": {
        "closeout_nav": "日报",
        "closeout_title": "各站日报",
        "closeout_chains": "各站日报链",
        "closeout_station": "站点",
        "closeout_reports": "日报数",
        "closeout_last": "最近一份",
        "closeout_waiting": "封账时未上传",
        "closeout_chain": "日报链",
        "closeout_chain_ok": "完整",
        "closeout_chain_broken": "从 {label} 起对不上",
        "closeout_missing": "缺的日子",
        "closeout_none_missing": "不缺",
        "closeout_more_missing": "还有 {count} 天",
        "closeout_no_reports": "还没有日报",
        "closeout_totals": "合计",
        "closeout_period": "按",
        "closeout_period_day": "日",
        "closeout_period_week": "周",
        "closeout_period_month": "月",
        "closeout_when": "时间",
        "closeout_figure_checkin.visits": "来站人次",
        "closeout_figure_checkin.returning": "回头客",
        "closeout_figure_rest.rests": "休息人次",
        "closeout_export": "导出 CSV",
    },
    "en": {
        "closeout_nav": "Day reports",
        "closeout_title": "Stations' day reports",
        "closeout_chains": "Each station's chain of reports",
        "closeout_station": "Station",
        "closeout_reports": "Reports",
        "closeout_last": "Last",
        "closeout_waiting": "Not yet sent at sealing",
        "closeout_chain": "Chain",
        "closeout_chain_ok": "intact",
        "closeout_chain_broken": "broken from {label}",
        "closeout_missing": "Missing days",
        "closeout_none_missing": "none",
        "closeout_more_missing": "and {count} more",
        "closeout_no_reports": "no report yet",
        "closeout_totals": "Totals",
        "closeout_period": "By",
        "closeout_period_day": "day",
        "closeout_period_week": "week",
        "closeout_period_month": "month",
        "closeout_when": "When",
        "closeout_figure_checkin.visits": "Visits",
        "closeout_figure_checkin.returning": "Returning drivers",
        "closeout_figure_rest.rests": "Rests",
        "closeout_export": "Export CSV",
    },
}
