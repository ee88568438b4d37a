"""The one status pipeline: every change of a campaign message's status, whoever reports it
(a webhook batch, a fetch by reconciliation, the engine's claim / sid / requeue / give-up), goes
through a `StatusChanges` of one transaction, which

- applies Twilio reports by the status rules (`apply`: a batch; one callback is a batch of one),
  or moves a message unconditionally (`transition`: engine moves),
- sums the counter deltas per campaign and writes them once, at the end of the transaction, with
  `UPDATE campaign SET x_count = x_count + … RETURNING …` (the new totals come from the write),
- builds the events to publish after commit: one `MessageStatusChanged` per change, one
  `CountersChanged` per campaign whose counters moved (totals + the batch's delta).

Stored counters therefore always equal `recount()`. Messages sent outside a campaign
(`DirectMessage`: Inbox replies, automatic replies, opt-out confirmations) get their callbacks
here too: a sid that is not a campaign message's is looked up among them (a second query only
for such sids), moved by the same rules, with no counter, and announced by a
`DirectMessageChanged` event. `apply_reports` is the whole thing in one
call. The SQL of the hot path lives in the three helpers at the bottom (placeholders from the
database's `param`, so the same text runs on PostgreSQL).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import peewee

from wacampaign_desktop.core import status_rules as rules
from wacampaign_desktop.core.clock import SYSTEM_CLOCK, Clock
from wacampaign_desktop.core.events import (
    CountersChanged,
    DirectMessageChanged,
    Event,
    MessageStatusChanged,
)
from wacampaign_desktop.core.store.database import database_proxy, is_postgres
from wacampaign_desktop.core.store.models import CampaignMessage, PendingCallback

_TIMESTAMP_FOR = {"sent": "sent_at", "delivered": "delivered_at", "read": "read_at",
                  "failed": "failed_at", "undelivered": "failed_at"}
_STAMP_COLUMNS = ("sent_at", "delivered_at", "read_at", "failed_at")
_ROW_COLUMNS = ("id", "twilio_sid", "campaign_id", "status", "error_code", "error_message",
                *_STAMP_COLUMNS)
_DIRECT_COLUMNS = ("id", "twilio_sid", "phone", "kind", "status", "error_code", "error_message",
                   *_STAMP_COLUMNS)
_CHUNK = 500


@dataclass(frozen=True)
class StatusReport:
    """A status Twilio reported for a sid (callback or fetch); `at` = when (default: now)."""

    sid: str
    status: str
    error_code: int | None = None
    error_message: str | None = None
    at: datetime | None = None


@dataclass
class StatusUpdate:
    """What one report or move did. outcome: applied | duplicate | ignored | unknown_status | not_found."""

    outcome: str
    sid: str | None = None
    message_id: int | None = None
    campaign_id: int | None = None
    old_status: str | None = None
    new_status: str | None = None
    error_code: int | None = None
    counter_delta: dict[str, int] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        return self.outcome == "applied"


@dataclass
class Applied:
    """The result of a batch: one update per report (in order) and the events to publish."""

    updates: list[StatusUpdate]
    events: list[Event]


def timestamps(
    status: str, sent_at: datetime | None, delivered_at: datetime | None, at: datetime
) -> dict[str, datetime]:
    """Timestamp columns a move to `status` sets: its own, plus the funnel stages it implies
    (a read message was delivered and sent) when those were never reported."""
    stamps: dict[str, datetime] = {}
    own = _TIMESTAMP_FOR.get(status)
    if own:
        stamps[own] = at
    if status in ("delivered", "read") and sent_at is None:
        stamps["sent_at"] = at
    if status == "read" and delivered_at is None:
        stamps["delivered_at"] = at
    return stamps


def _database(db: peewee.Database | None) -> peewee.Database:
    return db if db is not None else database_proxy


class StatusChanges:
    """The status changes of one transaction. Use through `status_changes()`, which writes the
    counters and builds `events` when the block ends without error."""

    def __init__(self, db: peewee.Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock
        self.updates: list[StatusUpdate] = []
        self.deltas: dict[int, dict[str, int]] = {}
        self.events: list[Event] = []
        self.counters: dict[int, dict[str, int]] = {}
        self.direct_events: list[Event] = []

    # -- counting ------------------------------------------------------------------------
    def bump(self, campaign_id: int, delta: dict[str, int]) -> None:
        """Add `delta` to the campaign's counters (written when the transaction's block ends)."""
        total = self.deltas.setdefault(campaign_id, {})
        for name, amount in delta.items():
            if name not in rules.COUNTER_NAMES:
                raise ValueError(f"unknown counter {name!r}")
            total[name] = total.get(name, 0) + amount

    def _record(self, update: StatusUpdate) -> StatusUpdate:
        self.updates.append(update)
        if update.changed and update.campaign_id is not None:
            self.bump(update.campaign_id, update.counter_delta)
        return update

    # -- engine moves --------------------------------------------------------------------
    def transition(self, message: CampaignMessage, new_status: str, *, at: datetime | None = None,
                   **fields: Any) -> StatusUpdate:
        """Move `message` to `new_status` unconditionally (claim, sid, requeue, give up), with
        other columns in `fields`; counters follow."""
        at = at or self.clock.now()
        seen = message.status
        old_status = _current_status(self.db, message)
        if seen == rules.PENDING and old_status != seen:  # claimed meanwhile (PostgreSQL): its
            return self._record(StatusUpdate(  # sender has it now; a cancel must not take it
                "ignored", message.twilio_sid, message.id, message.campaign_id, old_status,
                new_status))
        delta = rules.counter_delta(old_status, new_status) if old_status != new_status else {}
        values: dict[str, Any] = {"status": new_status, "updated_at": at, **fields}
        stamps = timestamps(new_status, message.sent_at, message.delivered_at, at)
        values.update({column: when for column, when in stamps.items() if column not in fields})
        CampaignMessage.update(values).where(CampaignMessage.id == message.id).execute()
        for key, value in values.items():
            setattr(message, key, value)
        return self._record(StatusUpdate(
            "applied", message.twilio_sid, message.id, message.campaign_id, old_status, new_status,
            fields.get("error_code", message.error_code), delta,
        ))

    def record_sid(self, message: CampaignMessage, sid: str, status: str,
                   *, at: datetime | None = None) -> list[StatusUpdate]:
        """Record the sid Twilio gave a claimed message, then apply the callbacks that beat it
        here (held as PendingCallback). Returns the updates, the sid's own first."""
        status = rules.normalize(status) or "queued"
        updates = [self.transition(message, status, at=at, twilio_sid=sid)]
        waiting = list(PendingCallback.select().where(PendingCallback.sid == sid)
                       .order_by(PendingCallback.id))
        if waiting:
            updates += self.apply([
                StatusReport(sid, c.status, c.error_code, c.error_message, c.received_at)
                for c in waiting
            ])
            PendingCallback.delete().where(PendingCallback.sid == sid).execute()
        return updates

    # -- reports from Twilio -------------------------------------------------------------
    def apply(self, reports: Sequence[StatusReport]) -> list[StatusUpdate]:
        """Apply reports in order by the status rules; one StatusUpdate per report. A few
        statements per batch, whatever its size."""
        now = self.clock.now()
        sids = sorted({r.sid for r in reports})
        rows = _read_rows(self.db, sids)
        missing = [sid for sid in sids if sid not in rows]
        direct = _read_direct_rows(self.db, missing) if missing else {}
        updates: list[StatusUpdate] = []
        for report in reports:
            row = rows.get(report.sid)
            if row is None and report.sid in direct:
                updates.append(self._apply_direct(report, direct[report.sid], now))
            else:
                updates.append(self._apply_one(report, row, now))
        changed = [row for row in rows.values() if row.get("changed")]
        if changed:
            _write_rows(self.db, changed)
        moved = [row for row in direct.values() if row.get("changed")]
        if moved:
            _write_direct_rows(self.db, moved)
        return [self._record(u) for u in updates]

    def _apply_direct(self, report: StatusReport, row: dict[str, Any],
                      now: datetime) -> StatusUpdate:
        """A report for a direct message: the same rules, no campaign, no counter."""
        before = row["status"]
        update = self._apply_one(report, row, now)
        if update.changed:
            self.direct_events.append(DirectMessageChanged(
                row["id"], row["phone"], before, row["status"], row["kind"], row["error_code"]))
            update.counter_delta = {}
        return update

    @staticmethod
    def _apply_one(report: StatusReport, row: dict[str, Any] | None, now: datetime) -> StatusUpdate:
        sid, status, code = report.sid, rules.normalize(report.status), report.error_code
        if not rules.is_known(status):
            return StatusUpdate("unknown_status", sid, new_status=status)
        if row is None:
            return StatusUpdate("not_found", sid, new_status=status, error_code=code)
        current = row["status"]
        if current == status:
            return StatusUpdate("duplicate", sid, row["id"], row["campaign_id"], status, status)
        target = rules.next_status(current, status)
        if target is None:
            return StatusUpdate("ignored", sid, row["id"], row["campaign_id"], current, status, code)
        at = report.at or now
        row.update(timestamps(target, row["sent_at"], row["delivered_at"], at))
        if target in rules.FAILURES:
            row["error_code"], row["error_message"] = code, report.error_message
        row["status"], row["updated_at"], row["changed"] = target, at, True
        return StatusUpdate("applied", sid, row["id"], row["campaign_id"], current, target,
                            row["error_code"], rules.counter_delta(current, target))

    # -- end of the transaction ----------------------------------------------------------
    def close(self) -> list[Event]:
        """Write the summed counter deltas and build the events (inside the transaction)."""
        self.events = [
            MessageStatusChanged(u.campaign_id, u.message_id, u.sid, u.old_status or "",
                                 u.new_status or "", u.error_code)
            for u in self.updates
            if u.changed and u.message_id is not None and u.campaign_id is not None
        ]
        for campaign_id, delta in sorted(self.deltas.items()):
            moved = {name: amount for name, amount in delta.items() if amount}
            if not moved:
                continue
            counters = _add_counters(self.db, campaign_id, moved)
            if counters is not None:
                self.counters[campaign_id] = counters
                self.events.append(CountersChanged(campaign_id, counters, delta=moved))
        self.deltas = {}
        self.events.extend(self.direct_events)
        self.direct_events = []
        return self.events


@contextmanager
def status_changes(db: peewee.Database | None = None, clock: Clock = SYSTEM_CLOCK, *,
                   savepoint: bool = True) -> Iterator[StatusChanges]:
    """A transaction (a savepoint inside a caller's) for status changes; on a clean exit the
    counters are written in it and `changes.events` holds what to publish after commit.
    `savepoint=False`: the caller already runs one that rolls back with an error (the
    writer's group runs), saving two statements on the hot path."""
    database = _database(db)
    if not savepoint and database.in_transaction():
        changes = StatusChanges(database, clock)
        yield changes
        changes.close()
        return
    with database.atomic():
        changes = StatusChanges(database, clock)
        yield changes
        changes.close()


def apply_reports(reports: Sequence[StatusReport], *, db: peewee.Database | None = None,
                  clock: Clock = SYSTEM_CLOCK) -> Applied:
    """THE status pipeline: apply a batch of reports; what changed and the events to publish."""
    with status_changes(db, clock) as changes:
        updates = changes.apply(reports)
    return Applied(updates, changes.events)


def merge_counter_events(events: list[Event]) -> list[Event]:
    """One CountersChanged per campaign for events of several transactions in one commit: the
    last totals, the summed delta, placed last."""
    merged: dict[int, CountersChanged] = {}
    others: list[Event] = []
    for event in events:
        if not isinstance(event, CountersChanged):
            others.append(event)
            continue
        before = merged.get(event.campaign_id)
        delta = dict(before.delta) if before is not None else {}
        for name, amount in event.delta.items():
            delta[name] = delta.get(name, 0) + amount
        merged[event.campaign_id] = CountersChanged(event.campaign_id, event.counters,
                                                    delta={k: v for k, v in delta.items() if v})
    return others + list(merged.values())


# -- SQL of the hot path (every webhook batch); placeholders from the database's param style --
def _param(db: peewee.Database) -> str:
    return getattr(db, "param", "?") or "?"


def _current_status(db: peewee.Database, message: CampaignMessage) -> str:
    """The status the counters move from. On PostgreSQL the row is read again and locked: the
    caller read it earlier in a READ COMMITTED transaction, and another thread or process (a
    claim, a callback) may have moved it since; SQLite's write transaction was alone."""
    if not is_postgres(db) or message.id is None:
        return message.status
    if message.__dict__.pop("_locked", False):  # read FOR UPDATE in this very transaction
        return message.status
    row = db.execute_sql("SELECT status FROM campaign_message WHERE id = %s FOR UPDATE",
                         (message.id,)).fetchone()
    if row is None:
        return message.status
    message.status = row[0]
    return row[0]


def _locking(db: peewee.Database) -> str:
    """On PostgreSQL the rows read are locked until commit (in id order, so two receivers'
    batches queue rather than deadlock), so that two processes applying callbacks for the same
    sid do not both move it and count it twice; SQLite's write transaction is already alone."""
    return " ORDER BY id FOR UPDATE" if is_postgres(db) else ""


def _read_rows(db: peewee.Database, sids: list[str]) -> dict[str, dict[str, Any]]:
    return _read(db, "campaign_message", _ROW_COLUMNS, sids)


def _read_direct_rows(db: peewee.Database, sids: list[str]) -> dict[str, dict[str, Any]]:
    """Direct messages (sent outside a campaign) by sid, for sids no campaign message has."""
    rows = _read(db, "direct_message", _DIRECT_COLUMNS, sids)
    for row in rows.values():
        row["campaign_id"] = None
    return rows


def _read(db: peewee.Database, table: str, columns: tuple[str, ...],
          sids: list[str]) -> dict[str, dict[str, Any]]:
    """`table`'s rows by sid (locked on PostgreSQL), a few hundred sids per statement."""
    rows: dict[str, dict[str, Any]] = {}
    p = _param(db)
    for start in range(0, len(sids), _CHUNK):
        chunk = sids[start:start + _CHUNK]
        cursor = db.execute_sql(
            f"SELECT {', '.join(columns)} FROM {table} "
            f"WHERE twilio_sid IN ({', '.join([p] * len(chunk))}){_locking(db)}", chunk)
        for values in cursor.fetchall():
            row = dict(zip(columns, values, strict=True))
            rows[row["twilio_sid"]] = row
    return rows


_WRITTEN = ("status", "updated_at", "error_code", "error_message", *_STAMP_COLUMNS)
_PG_TYPES = {"id": "bigint", "status": "text", "error_code": "integer", "error_message": "text"}


def _write_direct_rows(db: peewee.Database, rows: list[dict[str, Any]]) -> None:
    _write(db, "direct_message", rows)


def _write_rows(db: peewee.Database, rows: list[dict[str, Any]]) -> None:
    _write(db, "campaign_message", rows)


def _write(db: peewee.Database, table: str, rows: list[dict[str, Any]]) -> None:
    """The rows' new status, times and error. SQLite: one executemany (in-process calls);
    PostgreSQL: ONE statement over a VALUES list (a round trip per row would dominate)."""
    if is_postgres(db):
        columns = ("id", *_WRITTEN)
        marks = ", ".join(f"%s::{_PG_TYPES.get(c, 'timestamp')}" for c in columns)
        values = ", ".join([f"({marks})"] * len(rows))
        sql = (f"UPDATE {table} AS t SET {', '.join(f'{c} = v.{c}' for c in _WRITTEN)} "
               f"FROM (VALUES {values}) AS v({', '.join(columns)}) WHERE t.id = v.id")
        db.execute_sql(sql, [row[c] for row in rows for c in columns])
        return
    sql = (f"UPDATE {table} SET {', '.join(f'{c} = ?' for c in _WRITTEN)} WHERE id = ?")
    db.connection().cursor().executemany(sql, [[row[c] for c in _WRITTEN] + [row["id"]]
                                               for row in rows])


def _add_counters(db: peewee.Database, campaign_id: int,
                  delta: dict[str, int]) -> dict[str, int] | None:
    """Add `delta` (names from status_rules.COUNTER_NAMES, never from input); the new totals."""
    p = _param(db)
    assignments = ", ".join(f"{name}_count = {name}_count + {p}" for name in delta)
    returned = ", ".join(f"{name}_count" for name in rules.COUNTER_NAMES)
    cursor = db.execute_sql(
        f"UPDATE campaign SET {assignments} WHERE id = {p} RETURNING {returned}",
        [*delta.values(), campaign_id])
    rows = cursor.fetchall()
    row = rows[0] if rows else None
    return dict(zip(rules.COUNTER_NAMES, row, strict=True)) if row else None
