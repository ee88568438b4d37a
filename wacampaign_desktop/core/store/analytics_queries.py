"""The SQL aggregates behind Analytics: counts grouped in the database (never a loop over
messages), on SQLite and PostgreSQL alike; the few dialect differences (minute buckets, a
duration in seconds) are decided here.

A scope is one campaign (its (campaign, status) index finds the messages) or all campaigns,
optionally limited to messages that left in a period: COALESCE(sent_at, failed_at) in
[start, end). Timestamps are naive UTC, as stored.

`narrowed()` reads the scope's messages ONCE into a temporary table of what analytics needs,
already reduced: variant, status, error code, the minute of each status ("YYYY-MM-DD HH:MM")
and the seconds to deliver and to read. Every figure is then a GROUP BY (or one sort for the
percentiles) over those narrow rows instead of another pass over the wide messages.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import peewee

from wacampaign_desktop.core.store.database import is_postgres

LEFT_AT = "COALESCE(sent_at, failed_at)"  # when a message left for Twilio (or failed there)
# Timeline series: the narrow table's minute column and the statuses a message must still have
# to count (so the series add up like the counters: a message that failed after "sent" is not
# "sent").
SERIES: dict[str, tuple[str, tuple[str, ...] | None]] = {
    "sent": ("m_sent", ("sent", "delivered", "read", "failed", "undelivered")),
    "delivered": ("m_delivered", ("delivered", "read")),
    "read": ("m_read", ("read",)),
    "failed": ("m_failed", ("failed", "undelivered")),
    "replied": ("m_replied", None),
}
_MINUTE_OF = {"m_sent": LEFT_AT, "m_delivered": "delivered_at", "m_read": "read_at",
              "m_failed": "failed_at", "m_replied": "replied_at"}
DURATIONS = {"deliver": "delivered_at", "read": "read_at"}  # seconds from sent_at
# Percentiles are exact up to this many messages; past it (SQLite) they are those of an evenly
# spread sample of about this many (the median's error is then well under 1 % of the spread).
SAMPLE_AT_MOST = 20_000


@dataclass(frozen=True)
class Scope:
    """Which messages: one campaign (None: all) that left within [start, end) (None: open)."""

    campaign_id: int | None = None
    start: datetime | None = None
    end: datetime | None = None


@dataclass(frozen=True)
class Narrow:
    """The scope's messages reduced into the temporary table `table`; `sampled`: the seconds
    columns hold a sample only (0: every message)."""

    table: str
    sampled: int = 0


NARROW = "analytics_scope"  # a TEMP table: private to the connection, gone when it closes


def _minute(db: peewee.Database, column: str) -> str:
    if is_postgres(db):
        return f"to_char(date_trunc('minute', {column}), 'YYYY-MM-DD HH24:MI')"
    # SQLite keeps a timestamp as the text Python's sqlite3 writes, "YYYY-MM-DD HH:MM:SS[.f]":
    # its first 16 characters are the minute
    return f"substr({column}, 1, 16)"


def _seconds(db: peewee.Database, start: str, end: str) -> str:
    if is_postgres(db):
        return f"EXTRACT(EPOCH FROM ({end} - {start}))"
    return f"(julianday({end}) - julianday({start})) * 86400.0"


@contextmanager
def narrowed(db: peewee.Database, scope: Scope, share: float = 1.0,
             stamped: int = 0) -> Iterator[Narrow]:
    """Read the scope's messages once into the narrow temporary table; dropped after.

    `share`: the scope's part of all messages (a guess is fine). Above a quarter SQLite reads
    the table straight through (NOT INDEXED), ~2x cheaper than ~100,000 look-ups through the
    (campaign, status) index. `stamped`: about how many messages have a delivery time; past
    SAMPLE_AT_MOST only an evenly spread sample (by id) gets its seconds computed, which is
    all `durations()` reads on SQLite."""
    where, params = _where(db, scope)
    postgres = is_postgres(db)
    minutes = [f"{_minute(db, column)} AS {name}" for name, column in _MINUTE_OF.items()]
    every = 1 if postgres or stamped <= SAMPLE_AT_MOST else -(-stamped // SAMPLE_AT_MOST)
    sampled = f" AND id % {every} = 0" if every > 1 else ""
    seconds = [f"CASE WHEN status IN {_in(('delivered', 'read'))} AND {end} >= sent_at"
               f"{sampled} THEN {_seconds(db, 'sent_at', end)} END AS s_{name}"
               for name, end in DURATIONS.items()]
    source = "campaign_message" + (" NOT INDEXED" if not postgres and share > 0.25 else "")
    db.execute_sql(f"DROP TABLE IF EXISTS {NARROW}")
    db.execute_sql(f"CREATE TEMPORARY TABLE {NARROW} AS SELECT variant, status, error_code, "
                   f"{', '.join(minutes + seconds)} FROM {source} WHERE {where}", params)
    try:
        yield Narrow(NARROW, stamped if every > 1 else 0)
    finally:
        db.execute_sql(f"DROP TABLE IF EXISTS {NARROW}")


def _param(db: peewee.Database) -> str:
    return getattr(db, "param", "?") or "?"


def _where(db: peewee.Database, scope: Scope) -> tuple[str, list[Any]]:
    p = _param(db)
    clauses, params = ["1 = 1"], []
    if scope.campaign_id is not None:
        clauses.append(f"campaign_id = {p}")
        params.append(scope.campaign_id)
    if scope.start is not None:
        clauses.append(f"{LEFT_AT} >= {p}")
        params.append(scope.start)
    if scope.end is not None:
        clauses.append(f"{LEFT_AT} < {p}")
        params.append(scope.end)
    return " AND ".join(clauses), params


def _in(values: Sequence[str]) -> str:
    return "(" + ", ".join(f"'{v}'" for v in values) + ")"  # status names are constants


def status_counts(db: peewee.Database, narrow: Narrow,
                  by_variant: bool = False) -> list[tuple[str | None, str, int, int]]:
    """(variant or None, status, messages, of which replied)."""
    variant = "variant" if by_variant else "NULL"
    group = "variant, status" if by_variant else "status"
    cursor = db.execute_sql(f"SELECT {variant}, status, COUNT(*), COUNT(m_replied) "
                            f"FROM {narrow.table} GROUP BY {group}")
    return [(v, s, int(n), int(r)) for v, s, n, r in cursor.fetchall()]


def failures_by_code(db: peewee.Database, narrow: Narrow) -> list[tuple[int | None, int]]:
    """(error code or None, failed messages), most frequent first."""
    cursor = db.execute_sql(
        f"SELECT error_code, COUNT(*) FROM {narrow.table} "
        f"WHERE status IN {_in(('failed', 'undelivered'))} GROUP BY error_code "
        f"ORDER BY COUNT(*) DESC, error_code")
    return [(None if c is None else int(c), int(n)) for c, n in cursor.fetchall()]


def quick_counts(db: peewee.Database, scope: Scope, with_groups: bool = True) -> tuple[
        list[tuple[str | None, str, int, int]], list[tuple[int | None, int]]]:
    """The first figures, read straight from the messages (no narrow copy): (None, status,
    messages, replied) groups and the failures by code (through the (campaign, status) index
    for one campaign)."""
    where, params = _where(db, scope)
    groups = []
    if with_groups:
        cursor = db.execute_sql(f"SELECT NULL, status, COUNT(*), COUNT(replied_at) FROM "
                                f"campaign_message WHERE {where} GROUP BY status", params)
        groups = [(v, s, int(n), int(r)) for v, s, n, r in cursor.fetchall()]
    cursor = db.execute_sql(
        f"SELECT error_code, COUNT(*) FROM campaign_message WHERE {where} "
        f"AND status IN {_in(('failed', 'undelivered'))} GROUP BY error_code "
        f"ORDER BY COUNT(*) DESC, error_code", params)
    failures = [(None if c is None else int(c), int(n)) for c, n in cursor.fetchall()]
    return groups, failures


def time_span(db: peewee.Database, narrow: Narrow) -> tuple[datetime | None, datetime | None]:
    """The minutes of the first and the last status of the scope's messages."""
    cursor = db.execute_sql(
        f"SELECT MIN(m_sent), MAX(COALESCE(m_read, m_delivered, m_sent, m_failed)), "
        f"MAX(m_replied) FROM {narrow.table}")
    first, last, replied = (_minute_value(v) for v in cursor.fetchone())
    if replied is not None and (last is None or replied > last):
        last = replied
    return first, last


def _bucket(column: str, unit: str) -> str:
    if unit not in ("minute", "hour"):
        raise ValueError(f"unknown time unit {unit!r}")
    return column if unit == "minute" else f"substr({column}, 1, 13)"  # text on both engines


def _series_sql(narrow: Narrow, unit: str, names: Sequence[str]) -> str:
    parts = []
    for name in names:
        column, statuses = SERIES[name]
        status_clause = f" AND status IN {_in(statuses)}" if statuses else ""
        parts.append(f"SELECT '{name}', {_bucket(column, unit)}, COUNT(*) FROM {narrow.table} "
                     f"WHERE {column} IS NOT NULL{status_clause} GROUP BY 2")
    return " UNION ALL ".join(parts)


def _points(rows: Sequence[tuple[str, Any, int]]) -> list[tuple[str, datetime, int]]:
    return [(series, _minute_value(stamp if len(stamp) > 13 else stamp + ":00"), int(n))
            for series, stamp, n in rows if stamp]


def timeline(db: peewee.Database, narrow: Narrow, unit: str) -> list[tuple[str, datetime, int]]:
    """(series, bucket start, messages) per minute or hour ("minute" | "hour"): how many
    messages reached each status in each bucket. One UNION ALL of grouped counts."""
    return _points(db.execute_sql(_series_sql(narrow, unit, list(SERIES))).fetchall())


def timeline_and_counts(db: peewee.Database, narrow: Narrow, unit: str,
                        by_variant: bool = False) -> tuple[
        list[tuple[str, datetime, int]], list[tuple[str | None, str, int, int]]]:
    """`timeline()` and `status_counts()` with one sort fewer: the "sent" series and the
    (variant, status) groups come from the same GROUP BY (its minute, variant, status) — each
    GROUP BY is a sort of every message, the dearest step after reading them."""
    column, statuses = SERIES["sent"]
    variant = "variant" if by_variant else "NULL"
    cursor = db.execute_sql(f"SELECT {_bucket(column, unit)}, {variant}, status, COUNT(*), "
                            f"COUNT(m_replied) FROM {narrow.table} GROUP BY 1, 2, 3")
    groups: dict[tuple[str | None, str], list[int]] = {}
    sent: dict[str, int] = {}
    for stamp, v, status, n, replied in cursor.fetchall():
        group = groups.setdefault((v, status), [0, 0])
        group[0] += int(n)
        group[1] += int(replied)
        if stamp and status in (statuses or ()):
            sent[stamp] = sent.get(stamp, 0) + int(n)
    others = [name for name in SERIES if name != "sent"]
    points = _points([("sent", stamp, n) for stamp, n in sorted(sent.items())]
                     + db.execute_sql(_series_sql(narrow, unit, others)).fetchall())
    return points, [(v, status, n, r) for (v, status), (n, r) in groups.items()]


def durations(db: peewee.Database, narrow: Narrow, kind: str,
              fractions: Sequence[float] = (0.5, 0.9),
              sample_at_most: int = SAMPLE_AT_MOST,
              stamped: int | None = None) -> tuple[int, dict[float, float]]:
    """How many messages have a time to `kind` ("deliver" | "read", from sent_at), and its
    `fractions` quantiles (tenths: 0.5, 0.9…) in seconds, interpolated linearly between the
    closest ranks (as statistics.quantiles(method="inclusive")). ONE sort, of at most
    SAMPLE_AT_MOST values on SQLite; the ranks come from the count by integer division (the
    same on SQLite and PostgreSQL), and only those rows come back. `stamped`: how many messages
    have the time, when the caller knows it already (the timeline's delivered / read totals
    count the same messages): a sampled table is then not counted again."""
    if kind not in DURATIONS:
        raise ValueError(f"unknown duration {kind!r}")
    tenths = [round(f * 10) for f in fractions]
    if any(abs(t / 10 - f) > 1e-9 or not 0 <= t <= 10 for t, f in zip(tenths, fractions, strict=True)):
        raise ValueError("quantiles in tenths only (0.5, 0.9…)")
    column = f"s_{kind}"
    if narrow.sampled and stamped is not None:
        total = stamped
    elif narrow.sampled:  # the seconds of a sample only: count the stamped messages
        statuses = ("read",) if kind == "read" else ("delivered", "read")
        total = int(db.execute_sql(f"SELECT COUNT(*) FROM {narrow.table} WHERE status IN "
                                   f"{_in(statuses)} AND m_{'read' if kind == 'read' else 'delivered'}"
                                   f" IS NOT NULL").fetchone()[0])
    else:
        total = int(db.execute_sql(f"SELECT COUNT({column}) FROM {narrow.table}").fetchone()[0])
    sample = f"{column} IS NOT NULL"
    if total > sample_at_most and not is_postgres(db) and not narrow.sampled:
        # an evenly spread sample of the narrow rows (rowid order: by status, then insertion)
        sample += f" AND rowid % {-(-total // max(1, sample_at_most))} = 0"
    wanted = " OR ".join(f"rn - 1 - ({t} * (n - 1)) / 10 IN (0, 1)" for t in tenths)
    cursor = db.execute_sql(
        f"SELECT rn, n, s FROM (SELECT {column} AS s, ROW_NUMBER() OVER (ORDER BY {column}) "
        f"AS rn, COUNT(*) OVER () AS n FROM {narrow.table} WHERE {sample}) ranked "
        f"WHERE {wanted}")
    rows = cursor.fetchall()
    if not rows:
        return 0, {}
    count = int(rows[0][1])
    value = {int(rn): float(s) for rn, _n, s in rows}
    out: dict[float, float] = {}
    for fraction, tenth in zip(fractions, tenths, strict=True):
        low = (tenth * (count - 1)) // 10
        pos = fraction * (count - 1)
        below = value[low + 1]
        above = value.get(low + 2, below)
        out[fraction] = below + (above - below) * (pos - low)
    return total, out


def stored_counters(db: peewee.Database, campaign_id: int) -> dict[str, int] | None:
    """The campaign's stored counters (always equal to a recount; see status_pipeline)."""
    from wacampaign_desktop.core.status_rules import COUNTER_NAMES

    p = _param(db)
    row = db.execute_sql(f"SELECT {', '.join(f'{n}_count' for n in COUNTER_NAMES)} FROM campaign "
                         f"WHERE id = {p}", [campaign_id]).fetchone()
    return dict(zip(COUNTER_NAMES, (int(v) for v in row), strict=True)) if row else None


def all_counters(db: peewee.Database) -> dict[int, dict[str, int]]:
    """Every campaign's stored counters by id (the live view's starting point)."""
    from wacampaign_desktop.core.status_rules import COUNTER_NAMES

    cursor = db.execute_sql(
        f"SELECT id, {', '.join(f'{n}_count' for n in COUNTER_NAMES)} FROM campaign")
    return {int(row[0]): dict(zip(COUNTER_NAMES, (int(v) for v in row[1:]), strict=True))
            for row in cursor.fetchall()}


def campaign_names(db: peewee.Database) -> list[tuple[int, str, str]]:
    """(id, name, state) of every campaign, newest first (the Analytics chooser)."""
    cursor = db.execute_sql("SELECT id, name, state FROM campaign ORDER BY id DESC")
    return [(int(i), str(n), str(s)) for i, n, s in cursor.fetchall()]


def campaign_plan(db: peewee.Database, campaign_id: int) -> tuple[str, list, Any] | None:
    """(name, variants JSON, ab_test JSON) of a campaign, None when there is no such campaign."""
    p = _param(db)
    row = db.execute_sql(f"SELECT name, variants, ab_test FROM campaign WHERE id = {p}",
                         [campaign_id]).fetchone()
    if row is None:
        return None
    variants = json.loads(row[1]) if isinstance(row[1], str) and row[1] else (row[1] or [])
    plan = json.loads(row[2]) if isinstance(row[2], str) and row[2] else row[2]
    return str(row[0]), variants, plan


def _minute_value(value: Any) -> datetime | None:
    """A "YYYY-MM-DD HH:MM" bucket as a naive datetime."""
    if value is None or isinstance(value, datetime):
        return value
    return datetime.strptime(str(value)[:16].replace("T", " "), "%Y-%m-%d %H:%M")
