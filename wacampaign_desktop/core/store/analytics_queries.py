"""The SQL aggregates behind Analytics: counts grouped in the database (never a loop over
messages), on SQLite and PostgreSQL alike; the few dialect differences (time buckets, a
duration in seconds) are decided here.

A scope is one campaign (its (campaign, status) index serves every query) or all campaigns,
optionally limited to messages that left in a period: COALESCE(sent_at, failed_at) in
[start, end). Timestamps are naive UTC, as stored.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import peewee

from wacampaign_desktop.core.store.database import is_postgres

# Timeline series: the timestamp column and the statuses a message must still have to count
# (so the series add up like the counters: a message that failed after "sent" is not "sent").
SERIES: dict[str, tuple[str, tuple[str, ...] | None]] = {
    "sent": ("COALESCE(sent_at, failed_at)", ("sent", "delivered", "read", "failed", "undelivered")),
    "delivered": ("delivered_at", ("delivered", "read")),
    "read": ("read_at", ("read",)),
    "failed": ("failed_at", ("failed", "undelivered")),
    "replied": ("replied_at", None),
}
LEFT_AT = "COALESCE(sent_at, failed_at)"  # when a message left for Twilio (or failed there)


@dataclass(frozen=True)
class Scope:
    """Which messages: one campaign (None: all) that left within [start, end) (None: open)."""

    campaign_id: int | None = None
    start: datetime | None = None
    end: datetime | None = None


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


def status_counts(db: peewee.Database, scope: Scope,
                  by_variant: bool = False) -> list[tuple[str | None, str, int, int]]:
    """(variant or None, status, messages, of which replied), grouped in the database."""
    where, params = _where(db, scope)
    variant = "variant" if by_variant else "NULL"
    group = "variant, status" if by_variant else "status"
    cursor = db.execute_sql(
        f"SELECT {variant}, status, COUNT(*), COUNT(replied_at) FROM campaign_message "
        f"WHERE {where} GROUP BY {group}", params)
    return [(v, s, int(n), int(r)) for v, s, n, r in cursor.fetchall()]


def failures_by_code(db: peewee.Database, scope: Scope) -> list[tuple[int | None, int]]:
    """(error code or None, failed messages), most frequent first."""
    where, params = _where(db, scope)
    cursor = db.execute_sql(
        f"SELECT error_code, COUNT(*) FROM campaign_message WHERE {where} "
        f"AND status IN {_in(('failed', 'undelivered'))} GROUP BY error_code "
        f"ORDER BY COUNT(*) DESC, error_code", params)
    return [(None if c is None else int(c), int(n)) for c, n in cursor.fetchall()]


def time_span(db: peewee.Database, scope: Scope) -> tuple[datetime | None, datetime | None]:
    """First and last status time of the scope's messages (the timeline's natural range)."""
    where, params = _where(db, scope)
    cursor = db.execute_sql(
        f"SELECT MIN({LEFT_AT}), MAX(COALESCE(read_at, delivered_at, sent_at, failed_at)), "
        f"MAX(replied_at) FROM campaign_message WHERE {where}", params)
    first, last, replied = cursor.fetchone()
    first, last, replied = (_as_datetime(v) for v in (first, last, replied))
    if replied is not None and (last is None or replied > last):
        last = replied
    return first, last


def _bucket(db: peewee.Database, column: str, unit: str) -> str:
    if is_postgres(db):
        return f"to_char(date_trunc('{unit}', {column}), 'YYYY-MM-DD HH24:MI')"
    # SQLite keeps a timestamp as the text Python's sqlite3 writes, "YYYY-MM-DD HH:MM:SS[.f]":
    # its first 16 (13) characters are the minute (hour), ~25 % cheaper than strftime().
    return f"substr({column}, 1, 16)" if unit == "minute" else f"substr({column}, 1, 13) || ':00'"


def timeline(db: peewee.Database, scope: Scope, unit: str) -> list[tuple[str, datetime, int]]:
    """(series, bucket start, messages) per minute or hour ("minute" | "hour"): how many
    messages reached each status in each bucket. One UNION ALL of grouped counts."""
    if unit not in ("minute", "hour"):
        raise ValueError(f"unknown time unit {unit!r}")
    where, params = _where(db, scope)
    parts, all_params = [], []
    for name, (column, statuses) in SERIES.items():
        status_clause = f" AND status IN {_in(statuses)}" if statuses else ""
        bucket = _bucket(db, column, unit)
        parts.append(f"SELECT '{name}', {bucket}, COUNT(*) FROM campaign_message "
                     f"WHERE {where} AND {column} IS NOT NULL{status_clause} GROUP BY 2")
        all_params += params
    cursor = db.execute_sql(" UNION ALL ".join(parts), all_params)
    return [(series, datetime.strptime(stamp.replace("T", " "), "%Y-%m-%d %H:%M"), int(n))
            for series, stamp, n in cursor.fetchall() if stamp]


def _seconds(db: peewee.Database, start: str, end: str) -> str:
    if is_postgres(db):
        return f"EXTRACT(EPOCH FROM ({end} - {start}))"
    return f"(julianday({end}) - julianday({start})) * 86400.0"


def durations(db: peewee.Database, scope: Scope, start: str, end: str,
              fractions: Sequence[float]) -> tuple[int, dict[float, float]]:
    """How many messages have both stamps, and the `fractions` quantiles (0.5, 0.9…) of
    end - start in seconds, interpolated linearly between closest ranks (as
    statistics.quantiles(method="inclusive")). Two queries: a count, then ONE sort that
    returns only the ranks needed."""
    columns = {"sent_at", "delivered_at", "read_at"}
    if start not in columns or end not in columns:
        raise ValueError("durations between sent_at, delivered_at and read_at only")
    where, params = _where(db, scope)
    statuses = ("read",) if "read_at" in (start, end) else ("delivered", "read")
    base = (f"FROM campaign_message WHERE {where} AND status IN {_in(statuses)} "
            f"AND {start} IS NOT NULL AND {end} IS NOT NULL AND {end} >= {start}")
    count = int(db.execute_sql(f"SELECT COUNT(*) {base}", params).fetchone()[0])
    if count == 0:
        return 0, {}
    positions = {f: f * (count - 1) for f in fractions}
    ranks = sorted({int(pos) + k for pos in positions.values() for k in (1, 2)
                    if int(pos) + k <= count})
    p = _param(db)
    cursor = db.execute_sql(
        f"SELECT rn, s FROM (SELECT {_seconds(db, start, end)} AS s, "
        f"ROW_NUMBER() OVER (ORDER BY {_seconds(db, start, end)}) AS rn {base}) ranked "
        f"WHERE rn IN ({', '.join([p] * len(ranks))})", [*params, *ranks])
    value = {int(rn): float(s) for rn, s in cursor.fetchall()}
    out: dict[float, float] = {}
    for fraction, pos in positions.items():
        low = int(pos)
        below = value[low + 1]
        above = value.get(low + 2, below)
        out[fraction] = below + (above - below) * (pos - low)
    return count, out


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


def _as_datetime(value: Any) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))
