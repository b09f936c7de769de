"""The sync engine: enrol, push the outbox, pull the county feed. Plain Python, no Qt.

Push: pending outbox rows go in batches, oldest first, each with the op id made when the row was
written. The database is never held open across a request: a batch is read, the session closed,
the request made, and the answers written in one short transaction. Applied and duplicate
answers both mean "the county has it", so a retry after a lost answer acknowledges rows instead
of blocking or doubling them. Rejected rows are parked with the server's reason.

Pull: each feed page is applied together with its new cursor in one transaction, so a pull that
is interrupted anywhere resumes where the last committed page ended.
"""

from __future__ import annotations

import contextlib
import enum
import json
import logging
import re
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from pydantic import ValidationError
from sqlalchemy import CursorResult, TextClause, delete, func, select, text, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from kiosk.capability import FeedApplier
from kiosk.config import Settings
from kiosk.credentials import CredentialError, CredentialStore
from kiosk.store.held import drop_held, held_changes, hold_change
from kiosk.store.models import OutboxEntry, OutboxState, SyncState
from kiosk.store.unit_of_work import UnitOfWorkFactory
from kiosk.sync.backoff import Backoff
from kiosk.sync.collector import collector_paused
from kiosk.sync.dirlock import DirLock
from kiosk.sync.errors import SyncError, SyncReason
from kiosk.sync.links import station_card_url
from redhome_wire.protocol import (
    MAX_BATCH,
    EnrolResponse,
    FeedChange,
    FeedPage,
    OpResult,
    OpStatus,
    encode_op,
    encode_push,
)
from redhome_wire.station_time import Clock

if TYPE_CHECKING:
    # requests and its HTTP stack load with the first sync round, on the sync thread.
    from kiosk.sync.client import CountyClient

log = logging.getLogger(__name__)

TOKEN_NAME = "county-token"
DEFAULT_BATCH = MAX_BATCH  # the most the county takes in one request
FEED_PAGE = 200
MAX_FEED_PAGES = 100
# A single operation the server keeps failing on (5xx) is parked after this many tries, so one
# poisoned row can never hold up every later one.
MAX_SERVER_FAILURES = 5
LOCAL_INVALID = "local_invalid"
SERVER_FAILED = "server_failed"

ClientFactory = Callable[[str, str | None], "CountyClient"]
Progress = Callable[["PushReport"], None]


@dataclass
class PushReport:
    acked: int = 0  # applied now or found applied before
    duplicates: int = 0  # of those, the ones the county already had
    parked: int = 0
    batches: int = 0
    pending: int = 0


@dataclass(frozen=True, slots=True)
class PullReport:
    changes: int
    pages: int
    cursor: int


@dataclass(frozen=True, slots=True)
class SyncStatus:
    enrolled: bool
    station_code: str | None
    server_url: str | None
    pending: int
    parked: int
    last_success_at: datetime | None
    last_attempt_at: datetime | None
    last_error: str | None


class DiscardReason(enum.StrEnum):
    """Why the keeper let a refused record go (kept with it for the audit)."""

    WRONG = "wrong"  # the record itself is wrong
    DUPLICATE = "duplicate"  # the county has it some other way
    NOT_NEEDED = "not_needed"  # the county does not want this kind of record


@dataclass(frozen=True, slots=True)
class ParkedOp:
    op_id: str
    kind: str
    reason: str
    message: str
    created_at: datetime
    parked_at: datetime | None


@dataclass
class RoundReport:
    push: PushReport = field(default_factory=PushReport)
    pulled: int = 0
    pending: int = 0
    parked: int = 0
    error: SyncError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    def as_json(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "pushed": self.push.acked,
            "duplicates": self.push.duplicates,
            "parked_now": self.push.parked,
            "pulled": self.pulled,
            "pending": self.pending,
            "parked": self.parked,
            "error": self.error.reason.value if self.error else None,
        }


# What this kiosk's own disk or database raises: a round ends with LOCAL_STORAGE.
LOCAL_ERRORS = (OSError, sqlite3.Error, SQLAlchemyError)


def round_error(error: Exception) -> SyncError:
    """What stopped a round, as a SyncError: a full or read-only disk is LOCAL_STORAGE."""
    if isinstance(error, SyncError):
        return error
    if isinstance(error, LOCAL_ERRORS):
        return SyncError(SyncReason.LOCAL_STORAGE, f"{type(error).__name__}: {error}"[:300])
    return SyncError(SyncReason.INTERNAL, type(error).__name__)


def default_client_factory(settings: Settings) -> ClientFactory:
    def make(url: str, token: str | None) -> CountyClient:
        from kiosk.sync.client import CountyClient

        return CountyClient(
            url,
            token=token,
            timeout_s=float(settings.county_timeout_s),
            ca_bundle=settings.county_ca_bundle or None,
        )

    return make


@dataclass(slots=True)
class _Batch:
    """Pending outbox rows on their way, oldest first, as parallel lists (no object per row)."""

    row_ids: list[int] = field(default_factory=list)
    op_ids: list[str] = field(default_factory=list)
    encoded: list[str] = field(default_factory=list)  # each Op as JSON (encode_op)

    def __len__(self) -> int:
        return len(self.row_ids)


_OP_ID = re.compile(r"^[0-9a-fA-F-]{32,36}$")


def _local_problem(op_id: str, kind: str, payload: str) -> str | None:
    """Why a stored outbox row cannot be sent as it is, or None."""
    if not _OP_ID.match(op_id) or not 0 < len(kind) <= 40:
        return "malformed operation id or kind"
    try:
        document = json.loads(payload)
    except ValueError as error:
        return f"payload is not JSON: {error}"[:500]
    if not isinstance(document, dict):
        return "payload is not a JSON object"
    return None


def _id_in(row_ids: list[int]) -> TextClause:
    """`outbox.id IN (...)` for a batch: one statement whatever the batch size.

    The ids are this database's own integers, written into the SQL rather than bound one by
    one: thousands of bound parameters cost more than the update itself, and older SQLite
    builds allow only 999 of them.
    """
    return text(f"outbox.id IN ({','.join(str(int(row_id)) for row_id in row_ids)})")


def _outbox_counts(session: Session) -> tuple[int, int]:
    """(pending, parked) outbox rows."""
    counts = dict(
        session.execute(
            select(OutboxEntry.state, func.count())
            .where(OutboxEntry.state.in_([OutboxState.PENDING, OutboxState.PARKED]))
            .group_by(OutboxEntry.state)
        ).all()
    )
    return int(counts.get(OutboxState.PENDING, 0)), int(counts.get(OutboxState.PARKED, 0))


def _state(session: Session) -> SyncState:
    state = session.get(SyncState, 1)
    if state is None:
        state = SyncState(id=1, pull_cursor=0)
        session.add(state)
        session.flush()
    return state


class SyncEngine:
    def __init__(
        self,
        uow_factory: UnitOfWorkFactory,
        clock: Clock,
        credentials: CredentialStore,
        settings: Settings,
        client_factory: ClientFactory | None = None,
        *,
        appliers: Iterable[FeedApplier] = (),
        batch_size: int = DEFAULT_BATCH,
        lock_path: Path | None = None,
        lock_wait_s: float = 5.0,
    ) -> None:
        self._uow_factory = uow_factory
        self._clock = clock
        self._credentials = credentials
        self._settings = settings
        self._client_factory = client_factory or default_client_factory(settings)
        self._max_batch = max(1, min(batch_size, MAX_BATCH))
        self._batch_size = self._max_batch
        self._lock = threading.Lock()  # one round at a time per engine
        # One round at a time per data dir, across processes (the GUI and the sync command).
        self._lock_path = lock_path
        self.lock_wait_s = lock_wait_s
        self._server_failures: dict[str, int] = {}
        self._appliers: dict[str, FeedApplier] = {}
        for applier in appliers:
            if self._appliers.setdefault(applier.kind, applier) is not applier:
                raise ValueError(f"two appliers for feed kind {applier.kind!r}")

    def set_batch_size(self, size: int) -> None:
        self._max_batch = max(1, min(size, MAX_BATCH))
        self._batch_size = self._max_batch

    @property
    def uow_factory(self) -> UnitOfWorkFactory:
        return self._uow_factory

    def station_card_url(self) -> str | None:
        return station_card_url(self._uow_factory)

    # --- enrolment -----------------------------------------------------------------------

    def enrol(self, server_url: str, code: str) -> EnrolResponse:
        """Exchange a one-time code for the station token; the token goes only to the keyring."""
        client = self._client_factory(server_url, None)
        try:
            response = client.enrol(code)
        finally:
            client.close()
        try:
            previous_token = self._credentials.get(TOKEN_NAME)
            self._credentials.set(TOKEN_NAME, response.token)
        except CredentialError as error:
            raise SyncError(SyncReason.CREDENTIALS, str(error)) from None
        try:
            with self._uow_factory() as uow:
                state = _state(uow.session)
                if state.station_code != response.station_code:
                    # Another station's county data must not linger: start the feed afresh.
                    state.pull_cursor = 0
                state.server_url = client.base_url
                state.station_code = response.station_code
                state.enrolled_at = self._clock.now()
                state.last_error = None
                uow.commit()
        except BaseException:
            # The token and the station it belongs to are kept together or not at all.
            if previous_token is None:
                self._credentials.delete(TOKEN_NAME)
            else:
                self._credentials.set(TOKEN_NAME, previous_token)
            raise
        log.info(
            "enrolled as station %s; token kept in %s",
            response.station_code,
            self._credentials.backend_name,
        )
        return response

    def _server_url(self, state: SyncState) -> str | None:
        return self._settings.county_url or state.server_url

    def _connect(self) -> tuple[CountyClient, str]:
        with self._uow_factory() as uow:
            state = _state(uow.session)
            url = self._server_url(state)
            code = state.station_code
            uow.commit()
        try:
            token = self._credentials.get(TOKEN_NAME)
        except CredentialError as error:
            raise SyncError(SyncReason.CREDENTIALS, str(error)) from None
        if not url or not code or not token:
            raise SyncError(SyncReason.NOT_ENROLLED, "enrol the station first")
        return self._client_factory(url, token), code

    # --- status --------------------------------------------------------------------------

    def status(self) -> SyncStatus:
        with self._uow_factory() as uow:
            pending, parked = _outbox_counts(uow.session)
            state = uow.session.get(SyncState, 1)
            try:
                has_token = self._credentials.get(TOKEN_NAME) is not None
            except CredentialError:
                has_token = False
            return SyncStatus(
                enrolled=bool(state and state.station_code and has_token),
                station_code=state.station_code if state else None,
                server_url=self._server_url(state) if state else self._settings.county_url,
                pending=pending,
                parked=parked,
                last_success_at=state.last_success_at if state else None,
                last_attempt_at=state.last_attempt_at if state else None,
                last_error=state.last_error if state else None,
            )

    def parked(self, limit: int = 200) -> list[ParkedOp]:
        with self._uow_factory() as uow:
            rows = uow.session.scalars(
                select(OutboxEntry)
                .where(OutboxEntry.state == OutboxState.PARKED)
                .order_by(OutboxEntry.id)
                .limit(limit)
            ).all()
            return [
                ParkedOp(
                    op_id=row.op_id,
                    kind=row.kind,
                    reason=row.parked_reason or "",
                    message=row.last_error or "",
                    created_at=row.created_at,
                    parked_at=row.parked_at,
                )
                for row in rows
            ]

    def requeue_parked(self, op_id: str | None = None) -> int:
        """The keeper sends parked operations again (after the county fixed its side)."""
        with self._uow_factory() as uow:
            statement = update(OutboxEntry).where(OutboxEntry.state == OutboxState.PARKED)
            if op_id is not None:
                statement = statement.where(OutboxEntry.op_id == op_id)
            result = cast(  # an UPDATE gives a CursorResult
                CursorResult[Any],
                uow.session.execute(
                    statement.values(
                        state=OutboxState.PENDING, parked_reason=None, parked_at=None, attempts=0
                    )
                ),
            )
            uow.commit()
            return int(result.rowcount)

    def discard_parked(self, op_id: str, reason: DiscardReason) -> bool:
        """The keeper lets one refused record go: it is never sent again, and stays (with the
        reason and the county's own) for the audit window. False if it was not parked."""
        with self._uow_factory() as uow:
            entry = uow.session.scalar(
                select(OutboxEntry).where(
                    OutboxEntry.op_id == op_id, OutboxEntry.state == OutboxState.PARKED
                )
            )
            if entry is None:
                return False
            entry.state = OutboxState.DISCARDED
            entry.acked_at = self._clock.now()
            entry.last_error = (
                f"discarded by the keeper ({reason.value}); {entry.last_error or ''}"[:500]
            )
            uow.commit()
        log.warning("keeper discarded %s (%s)", op_id, reason.value)
        return True

    def purge_acked(self) -> int:
        """Remove acknowledged (and discarded) rows older than the audit window."""
        cutoff = self._clock.now() - timedelta(days=self._settings.outbox_audit_days)
        with self._uow_factory() as uow:
            result = cast(  # a DELETE gives a CursorResult
                CursorResult[Any],
                uow.session.execute(
                    delete(OutboxEntry).where(
                        OutboxEntry.state.in_([OutboxState.DONE, OutboxState.DISCARDED]),
                        OutboxEntry.acked_at < cutoff,
                    )
                ),
            )
            uow.commit()
            return int(result.rowcount)

    def _pending_count(self, session: Session) -> int:
        return int(
            session.scalar(
                select(func.count())
                .select_from(OutboxEntry)
                .where(OutboxEntry.state == OutboxState.PENDING)
            )
            or 0
        )

    # --- push ----------------------------------------------------------------------------

    def _load_batch(self, size: int, after_id: int = 0) -> _Batch:
        """Up to `size` pending rows after row `after_id`, oldest first, encoded for the wire."""
        now = self._clock.now()
        batch = _Batch()
        broken: list[tuple[int, str]] = []
        outbox = OutboxEntry.__table__
        with self._uow_factory() as uow:
            rows = (
                uow.session.connection()
                .execute(
                    select(
                        outbox.c.id,
                        outbox.c.op_id,
                        outbox.c.kind,
                        outbox.c.payload,
                        outbox.c.created_at,
                    )
                    .where(outbox.c.state == OutboxState.PENDING, outbox.c.id > after_id)
                    .order_by(outbox.c.id)
                    .limit(size)
                )
                .all()
            )
            for row_id, op_id, kind, payload, created_at in rows:
                problem = _local_problem(op_id, kind, payload)
                if problem is not None:
                    broken.append((row_id, problem))
                    continue
                batch.row_ids.append(row_id)
                batch.op_ids.append(op_id)
                batch.encoded.append(encode_op(op_id, kind, created_at, payload))
            del rows
            if broken:
                # A row this kiosk cannot even send is parked here, not retried for ever.
                for row_id, message in broken:
                    uow.session.execute(
                        update(OutboxEntry)
                        .where(OutboxEntry.id == row_id)
                        .values(
                            state=OutboxState.PARKED,
                            parked_reason=LOCAL_INVALID,
                            parked_at=now,
                            last_error=message,
                        )
                    )
                uow.commit()
        return batch

    def _record_failure(self, batch: _Batch, error: SyncError, *, envelope: bool) -> None:
        """Count the try on the batch's rows; park a lone row refused or failed on too often."""
        now = self._clock.now()
        ids = batch.op_ids
        park_reason: str | None = None
        if len(batch) == 1:
            if envelope:
                park_reason = SyncReason.REQUEST_REJECTED.value
            elif error.reason is SyncReason.SERVER_ERROR:
                failures = self._server_failures.get(ids[0], 0) + 1
                self._server_failures[ids[0]] = failures
                if failures >= MAX_SERVER_FAILURES:
                    park_reason = SERVER_FAILED
        with self._uow_factory() as uow:
            uow.session.execute(
                update(OutboxEntry)
                .where(OutboxEntry.state == OutboxState.PENDING, _id_in(batch.row_ids))
                .values(attempts=OutboxEntry.attempts + 1, last_error=str(error)[:500])
            )
            if park_reason is not None:
                uow.session.execute(
                    update(OutboxEntry)
                    .where(OutboxEntry.op_id == ids[0], OutboxEntry.state == OutboxState.PENDING)
                    .values(state=OutboxState.PARKED, parked_reason=park_reason, parked_at=now)
                )
                self._server_failures.pop(ids[0], None)
                log.warning("parked %s: %s", ids[0], error)
            uow.commit()

    def _record_results(self, batch: _Batch, results: list[OpResult], report: PushReport) -> None:
        row_ids = dict(zip(batch.op_ids, batch.row_ids, strict=True))
        by_id = {result.op_id: result for result in results if result.op_id in row_ids}
        if len(by_id) != len(row_ids):
            log.warning("the county answered for %d of %d operations", len(by_id), len(row_ids))
        now = self._clock.now()
        acked = [
            row_ids[op_id]
            for op_id, result in by_id.items()
            if result.status in (OpStatus.APPLIED, OpStatus.DUPLICATE)
        ]
        duplicates = sum(1 for r in by_id.values() if r.status is OpStatus.DUPLICATE)
        rejected = [r for r in by_id.values() if r.status is OpStatus.REJECTED]
        outbox = OutboxEntry.__table__
        with self._uow_factory() as uow:
            connection = uow.session.connection()
            if acked:
                connection.execute(
                    update(outbox)
                    .where(outbox.c.state == OutboxState.PENDING, _id_in(acked))
                    .values(
                        state=OutboxState.DONE,
                        acked_at=now,
                        attempts=outbox.c.attempts + 1,
                        last_error=None,
                    )
                )
            for result in rejected:
                connection.execute(
                    update(outbox)
                    .where(
                        outbox.c.id == row_ids[result.op_id],
                        outbox.c.state == OutboxState.PENDING,
                    )
                    .values(
                        state=OutboxState.PARKED,
                        parked_reason=(result.reason or "rejected")[:40],
                        parked_at=now,
                        attempts=outbox.c.attempts + 1,
                        last_error=(result.message or "")[:500],
                    )
                )
            uow.commit()
        report.acked += len(acked)
        report.duplicates += duplicates
        report.parked += len(rejected)
        for result in rejected:
            log.warning("county rejected %s: %s", result.op_id, result.reason)

    def _load_paused(self, size: int, after_id: int = 0) -> _Batch:
        with collector_paused:
            return self._load_batch(size, after_id)

    def push(
        self,
        *,
        cancel: threading.Event | None = None,
        progress: Progress | None = None,
        client: CountyClient | None = None,
        station_code: str | None = None,
    ) -> PushReport:
        """Push pending rows until none are left; a SyncError stops the push and is raised.

        While one batch is on the wire, a helper thread reads and encodes the next (the pending
        rows after this batch's last), so the kiosk's database work overlaps the county's. The
        requests still go one at a time in outbox order, each batch's answers are recorded (and
        progress reported) before the next batch is sent, and a batch read ahead is dropped
        whenever the one before it did not go through whole.
        """
        own_client = client is None
        if client is None or station_code is None:
            client, station_code = self._connect()
        report = PushReport()
        helper = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sync-outbox")

        def drop(upcoming: Future[_Batch]) -> None:
            # Let a read ahead finish (it may park a broken row) before anything else is written.
            if not upcoming.cancel():
                upcoming.result()

        try:
            ops = self._load_paused(self._batch_size)
            while ops and (cancel is None or not cancel.is_set()):
                upcoming = helper.submit(self._load_paused, self._batch_size, ops.row_ids[-1])
                try:
                    with collector_paused:
                        response = client.push_encoded(station_code, encode_push(ops.encoded))
                    if response.station_code != station_code:
                        raise SyncError(SyncReason.BAD_RESPONSE, "answer for another station")
                except SyncError as error:
                    drop(upcoming)
                    # The server refused the request as a whole (too large, malformed): halve
                    # the batch at once until the one row at fault stands alone, then park it.
                    envelope = error.reason is SyncReason.REQUEST_REJECTED and (
                        error.status in (400, 413, 422)
                    )
                    self._record_failure(ops, error, envelope=envelope)
                    if envelope or error.reason is SyncReason.SERVER_ERROR:
                        self._batch_size = max(1, len(ops) // 2)
                    if envelope:
                        ops = self._load_paused(self._batch_size)
                        continue
                    raise
                with collector_paused:
                    whole = {result.op_id for result in response.results}.issuperset(ops.op_ids)
                    self._record_results(ops, response.results, report)
                    del response
                report.batches += 1
                self._batch_size = min(self._max_batch, self._batch_size * 2)
                if progress is not None:
                    with self._uow_factory() as uow:
                        report.pending = self._pending_count(uow.session)
                    progress(report)
                if whole:
                    ops = upcoming.result()
                else:
                    # A row left unanswered stays pending and goes again first, not after the
                    # rows behind it that were read ahead.
                    drop(upcoming)
                    ops = self._load_paused(self._batch_size)
        finally:
            helper.shutdown(wait=True, cancel_futures=True)
            if own_client:
                client.close()
        with self._uow_factory() as uow:
            report.pending = self._pending_count(uow.session)
        return report

    # --- pull ----------------------------------------------------------------------------

    def _apply_change(self, session: Session, change: FeedChange) -> bool:
        """Apply one change through the applier of its kind, inside the page's transaction.

        A change this kiosk cannot apply yet (a kind it does not know, or a document it cannot
        read) is held as it came, never skipped: the cursor moves on, and an upgraded kiosk
        applies it (apply_held). A change applied supersedes what is held for the same key."""
        applier = self._appliers.get(change.kind)
        if applier is None:
            return hold_change(session, change, "unknown kind", self._clock.now())
        try:
            data = (
                None
                if change.deleted or change.data is None
                else applier.model.model_validate(change.data)
            )
        except ValidationError as error:
            log.warning("holding unreadable %s %s: %s", change.kind, change.key, error)
            return hold_change(session, change, "unreadable", self._clock.now())
        drop_held(session, change.kind, change.key, before_seq=change.seq)
        return applier.apply(session, change, data, self._clock.now())

    def apply_held(self) -> int:
        """Apply held changes whose kind this kiosk now knows, oldest first, in one commit."""
        with self._uow_factory() as uow:
            held = held_changes(uow.session, self._appliers.keys())
            applied = 0
            for row, change in held:
                uow.session.delete(row)
                uow.session.flush()
                if self._apply_change(uow.session, change):
                    applied += 1
                uow.session.flush()
            uow.commit()
        if applied:
            log.info("applied %d held feed changes", applied)
        return applied

    def _apply_page(self, page: FeedPage, cursor_before: int) -> int:
        with self._uow_factory() as uow:
            state = _state(uow.session)
            if state.pull_cursor != cursor_before:
                # Another round moved the cursor meanwhile; its pages are already applied.
                uow.commit()
                return 0
            applied = 0
            for change in page.changes:
                if self._apply_change(uow.session, change):
                    applied += 1
                uow.session.flush()
            state.pull_cursor = page.next_cursor
            if page.public_base_url:
                state.public_base_url = page.public_base_url
            uow.commit()
            return applied

    def pull(
        self,
        *,
        cancel: threading.Event | None = None,
        client: CountyClient | None = None,
        station_code: str | None = None,
        max_pages: int = MAX_FEED_PAGES,
    ) -> PullReport:
        own_client = client is None
        if client is None or station_code is None:
            client, station_code = self._connect()
        changes = pages = 0
        try:
            changes += self.apply_held()
            with self._uow_factory() as uow:
                cursor = _state(uow.session).pull_cursor
                uow.commit()
            for _ in range(max_pages):
                if cancel is not None and cancel.is_set():
                    break
                page = client.pull(station_code, cursor, FEED_PAGE)
                if page.station_code != station_code or page.next_cursor < cursor:
                    raise SyncError(SyncReason.BAD_RESPONSE, "feed page out of order")
                changes += self._apply_page(page, cursor)
                pages += 1
                cursor = page.next_cursor
                if not page.has_more:
                    break
        finally:
            if own_client:
                client.close()
        return PullReport(changes, pages, cursor)

    # --- one round ----------------------------------------------------------------------

    def _finish_round(self, report: RoundReport) -> None:
        now = self._clock.now()
        try:
            with self._uow_factory() as uow:
                state = _state(uow.session)
                state.last_attempt_at = now
                if report.error is None:
                    state.last_success_at = now
                    state.last_error = None
                else:
                    state.last_error = report.error.reason.value
                uow.commit()
                report.pending, report.parked = _outbox_counts(uow.session)
        except LOCAL_ERRORS as error:
            # A full or read-only disk: the round still ends, with that as its reason.
            log.warning("could not record the sync round: %s", error)
            if report.error is None:
                report.error = round_error(error)

    def run_round(
        self,
        *,
        cancel: threading.Event | None = None,
        progress: Progress | None = None,
    ) -> RoundReport:
        """Push everything pending, then pull the feed. Errors are reported, not raised."""
        report = RoundReport()
        with self._lock:
            try:
                with self._dir_lock():
                    self._locked_round(report, cancel, progress)
            except SyncError as error:  # the lock: held elsewhere, or the disk refused it
                report.error = error
                self._finish_round(report)
        return report

    def _dir_lock(self) -> contextlib.AbstractContextManager[object]:
        if self._lock_path is None:
            return contextlib.nullcontext()
        return DirLock(self._lock_path, self.lock_wait_s)

    def _locked_round(
        self, report: RoundReport, cancel: threading.Event | None, progress: Progress | None
    ) -> None:
        try:
            client, code = self._connect()
        except (SyncError, *LOCAL_ERRORS) as error:
            report.error = round_error(error)
            self._finish_round(report)
            return
        try:
            report.push = self.push(
                cancel=cancel, progress=progress, client=client, station_code=code
            )
            report.pulled = self.pull(cancel=cancel, client=client, station_code=code).changes
            self.purge_acked()
        except (SyncError, *LOCAL_ERRORS) as error:
            report.error = round_error(error)
            log.info("sync round stopped: %s", report.error)
        finally:
            client.close()
        self._finish_round(report)

    def run_with_retries(
        self,
        retries: int,
        backoff: Backoff | None = None,
        sleep: Callable[[float], None] = time.sleep,
        cancel: threading.Event | None = None,
    ) -> RoundReport:
        """Rounds until one succeeds, or a non-retryable error, or `retries` more have failed."""
        backoff = backoff or Backoff(base_s=0.5, cap_s=30.0)
        total = RoundReport()
        for attempt in range(retries + 1):
            report = self.run_round(cancel=cancel)
            total.push.acked += report.push.acked
            total.push.duplicates += report.push.duplicates
            total.push.parked += report.push.parked
            total.push.batches += report.push.batches
            total.pulled += report.pulled
            total.pending, total.parked, total.error = report.pending, report.parked, report.error
            if report.error is None or not report.error.retryable or attempt == retries:
                break
            if cancel is not None and cancel.is_set():
                break
            sleep(backoff.next_delay(report.error.retry_after))
        return total
