"""Webhook-log retention: full rows for `full` days, then a summary, then gone.

Only `webhook_event` is ever pruned; messages, contacts, campaigns and their counters never are.
A row older than `Retention.full` is summarised in place (its parameters become JSON null, its
idempotency digest and client address are cleared, except a rejection's client): what is left
is its time, kind, sid, status and outcome. A row older than `Retention.summary` is deleted.

The log is written in id order, so both cut-offs are found by a binary search on the id (a few
primary-key lookups, no index on the time) and each batch is one short transaction on an id
range; `between_batches()` lets the caller yield to the writer and stop. Freed pages go back to
the file system through `PRAGMA incremental_vacuum`, a few hundred pages at a time.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

import peewee

from wacampaign_desktop.core.store.database import is_postgres

log = logging.getLogger(__name__)

SUMMARISED = "null"  # what `params` holds once a row is only a summary
BATCH_ROWS = 200
VACUUM_PAGES = 256


@dataclass(frozen=True)
class Retention:
    full: timedelta = timedelta(days=30)
    summary: timedelta = timedelta(days=365)

    @classmethod
    def from_days(cls, full_days: float, summary_days: float) -> Retention:
        return cls(timedelta(days=full_days), timedelta(days=max(summary_days, full_days)))


@dataclass(frozen=True)
class PrunePlan:
    """What a prune at `now` would do."""

    to_summarise: int
    to_delete: int
    estimated_bytes: int  # roughly what the file shrinks by
    full_before: datetime  # rows received before this lose their parameters
    summary_before: datetime  # rows received before this are removed


@dataclass(frozen=True)
class PruneResult:
    summarised: int
    deleted: int
    pages_returned: int  # pages handed back to the file system
    longest_batch_ms: float  # longest time one batch held the write lock
    median_batch_ms: float
    finished: bool  # False if `between_batches` asked to stop early


def _sql(db: peewee.Database, text: str) -> str:
    """`text` with its `?` placeholders in the database's own style."""
    return text.replace("?", db.param) if db.param != "?" else text


def _bounds(db: peewee.Database) -> tuple[int, int]:
    low, high = db.execute_sql("SELECT (SELECT MIN(id) FROM webhook_event), "
                                "(SELECT MAX(id) FROM webhook_event)").fetchone()  # two index seeks
    return (low or 1), (high or 0)


def _first_id_where_not(db: peewee.Database, condition: str, args: tuple) -> int:
    """The id B such that the rows below B meet `condition` and those from B on do not (the log
    is in id order, so the condition holds for a prefix)."""
    low, high = _bounds(db)
    high += 1
    sql = f"SELECT id, ({condition}) FROM webhook_event WHERE id >= ? AND id < ? ORDER BY id LIMIT 1"
    while low < high:
        middle = (low + high) // 2
        row = db.execute_sql(_sql(db, sql), (*args, middle, high)).fetchone()
        if row is None:
            high = middle
        elif row[1]:
            low = row[0] + 1
        else:
            high = middle
    return low


def older_than(db: peewee.Database, cutoff: datetime) -> int:
    """First id received at or after `cutoff`."""
    return _first_id_where_not(db, "received_at < ?", (cutoff if is_postgres(db) else str(cutoff),))


def first_full_row(db: peewee.Database) -> int:
    """First id still holding its parameters (rows below it are summaries)."""
    return _first_id_where_not(db, "params = ?", (SUMMARISED,))


def _count(db: peewee.Database, start: int, stop: int) -> int:
    return db.execute_sql(_sql(db, "SELECT COUNT(*) FROM webhook_event WHERE id >= ? AND id < ?"),
                          (start, stop)).fetchone()[0]


def _bytes_per_row(db: peewee.Database) -> float:
    try:
        if is_postgres(db):
            used = db.execute_sql("SELECT pg_total_relation_size('webhook_event')").fetchone()[0]
        else:
            used = db.execute_sql("SELECT SUM(pgsize) FROM dbstat WHERE name LIKE "
                                  "'webhook_event%'").fetchone()[0] or 0
    except peewee.DatabaseError:  # SQLite built without dbstat
        used = db.execute_sql("SELECT SUM(LENGTH(params)) + COUNT(*) * 80 FROM webhook_event"
                              ).fetchone()[0] or 0
    rows = db.execute_sql("SELECT COUNT(*) FROM webhook_event").fetchone()[0]
    return used / rows if rows else 0.0


def plan(db: peewee.Database, retention: Retention, now: datetime) -> PrunePlan:
    """Count what `prune` would do at `now`; changes nothing."""
    full_before, summary_before = now - retention.full, now - retention.summary
    delete_stop = older_than(db, summary_before)
    summarise_stop = older_than(db, full_before)
    summarise_start = max(first_full_row(db), delete_stop)
    to_delete = _count(db, 0, delete_stop)
    to_summarise = _count(db, summarise_start, summarise_stop) if summarise_stop > summarise_start else 0
    per_row = _bytes_per_row(db)
    summary_row = 90  # bytes a summarised row still takes
    estimated = int(to_delete * min(per_row, summary_row) + to_summarise * max(per_row - summary_row, 0))
    return PrunePlan(to_summarise, to_delete, estimated, full_before, summary_before)


def _batches(start: int, stop: int, size: int) -> list[tuple[int, int]]:
    return [(low, min(low + size, stop)) for low in range(start, stop, size)]


def prune(db: peewee.Database, retention: Retention, now: datetime, *,
          batch_rows: int = BATCH_ROWS,
          between_batches: Callable[[], bool] | None = None) -> PruneResult:
    """Delete rows older than `retention.summary`, summarise those older than `retention.full`,
    then return the freed pages to the file system. Each batch is its own transaction;
    `between_batches()` runs after each and returns False to stop early."""
    keep_going = between_batches or (lambda: True)
    held: list[float] = []
    counts = {"summarised": 0, "deleted": 0}
    delete_stop = older_than(db, now - retention.summary)
    low, _ = _bounds(db)
    steps: list[tuple[str, int, int]] = [("deleted", a, b) for a, b in _batches(low, delete_stop, batch_rows)]
    summarise_stop = older_than(db, now - retention.full)
    summarise_start = max(first_full_row(db), delete_stop)
    steps += [("summarised", a, b) for a, b in _batches(summarise_start, summarise_stop, batch_rows)]
    sql = {
        "deleted": "DELETE FROM webhook_event WHERE id >= ? AND id < ?",
        "summarised": (f"UPDATE webhook_event SET params = '{SUMMARISED}', idempotency_token = NULL, "
                       "remote_addr = CASE WHEN outcome = 'rejected' THEN remote_addr ELSE '' END "
                       "WHERE id >= ? AND id < ?"),
    }
    for kind, start, stop in steps:
        with db.atomic():  # waits (busy timeout) for the write lock, then holds it briefly
            began = time.perf_counter()
            counts[kind] += db.execute_sql(_sql(db, sql[kind]), (start, stop)).rowcount
        held.append((time.perf_counter() - began) * 1000)  # lock held, commit included
        if not keep_going():
            return _result(counts, 0, held, False)
    returned, vacuum_ms, finished = return_free_pages(db, between_steps=keep_going)
    return _result(counts, returned, held + [vacuum_ms], finished)


def _result(counts: dict[str, int], returned: int, held: list[float], finished: bool) -> PruneResult:
    ordered = sorted(held) or [0.0]
    return PruneResult(counts["summarised"], counts["deleted"], returned, ordered[-1],
                       ordered[len(ordered) // 2], finished)


def return_free_pages(db: peewee.Database, *, pages_per_step: int = VACUUM_PAGES,
                      between_steps: Callable[[], bool] | None = None) -> tuple[int, float, bool]:
    """Hand free pages back to the file system a few at a time (incremental auto-vacuum files
    only; PostgreSQL's autovacuum does this itself). Returns (pages returned, longest step in
    ms, finished)."""
    if is_postgres(db) or db.execute_sql("PRAGMA auto_vacuum").fetchone()[0] != 2:
        return 0, 0.0, True
    returned, longest = 0, 0.0
    while True:
        free = db.execute_sql("PRAGMA freelist_count").fetchone()[0]
        if not free:
            return returned, longest, True
        with db.atomic():
            began = time.perf_counter()
            db.execute_sql(f"PRAGMA incremental_vacuum({min(free, pages_per_step)})").fetchall()
        longest = max(longest, (time.perf_counter() - began) * 1000)
        step = free - db.execute_sql("PRAGMA freelist_count").fetchone()[0]
        if step <= 0:  # nothing could be returned (e.g. a reader holds the pages): later
            return returned, longest, False
        returned += step
        if between_steps is not None and not between_steps():
            return returned, longest, False


class RetentionWorker:
    """Prunes the log in the background: at start, then every `interval_s`, with a short pause
    between batches so the writer is never kept waiting. `retention()` and `now()` are read at
    each run (settings may change); `stop()` ends it promptly."""

    def __init__(self, db: peewee.Database, retention: Callable[[], Retention],
                 now: Callable[[], datetime], *, interval_s: float = 3600.0,
                 pause_s: float = 0.01, on_result: Callable[[PruneResult], None] | None = None,
                 ) -> None:
        self._db, self._retention, self._now = db, retention, now
        self._interval, self._pause, self._on_result = interval_s, pause_s, on_result
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread = threading.Thread(target=self._run, name="log-retention", daemon=True)

    def start(self) -> RetentionWorker:
        self._thread.start()
        return self

    def run_now(self) -> None:
        self._wake.set()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread.is_alive():
            self._thread.join(timeout)

    def _between(self) -> bool:
        return not self._stop.wait(self._pause)

    def _run(self) -> None:
        try:
            self._loop()
        finally:
            self._db.close()  # this thread's connection

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                result = prune(self._db, self._retention(), self._now(), between_batches=self._between)
                if result.summarised or result.deleted:
                    log.info("Webhook log: %d rows summarised, %d removed, %d pages returned "
                             "(longest batch %.1f ms)", result.summarised, result.deleted,
                             result.pages_returned, result.longest_batch_ms)
                if self._on_result is not None:
                    self._on_result(result)
            except peewee.DatabaseError as exc:  # busy or full: the next run tries again
                log.warning("Webhook log pruning stopped early: %s", exc)
            self._wake.wait(self._interval)
            self._wake.clear()
