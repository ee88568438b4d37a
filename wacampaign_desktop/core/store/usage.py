"""What the profile's database takes on disk, and how much of it is the webhook log."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import peewee

from wacampaign_desktop.core.store.database import is_postgres
from wacampaign_desktop.core.store.retention import SUMMARISED


@dataclass(frozen=True)
class DatabaseUsage:
    file_bytes: int  # the database file with its WAL
    free_bytes: int  # free pages inside the file (returned by the next clean-up)
    log_bytes: int  # the webhook log's table and index
    log_rows: int
    summarised_rows: int  # log rows that are only a summary now
    incremental_vacuum: bool


def _file_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in (path, path.with_name(path.name + "-wal")) if p.exists())


def _log_bytes(db: peewee.Database) -> int:
    try:
        return int(db.execute_sql("SELECT COALESCE(SUM(pgsize), 0) FROM dbstat "
                                  "WHERE name LIKE 'webhook_event%'").fetchone()[0])
    except peewee.DatabaseError:  # SQLite built without dbstat: an estimate from the rows
        return int(db.execute_sql("SELECT COALESCE(SUM(LENGTH(params) + 100), 0) FROM webhook_event"
                                  ).fetchone()[0])


def _postgres_usage(db: peewee.Database) -> DatabaseUsage:
    """On PostgreSQL: the database's size on the server; the server reclaims free space."""
    size, log_bytes = db.execute_sql(
        "SELECT pg_database_size(current_database()), pg_total_relation_size('webhook_event')"
    ).fetchone()
    rows, summarised = db.execute_sql(
        "SELECT COUNT(*), COUNT(*) FILTER (WHERE params = %s) FROM webhook_event", (SUMMARISED,)
    ).fetchone()
    return DatabaseUsage(int(size), 0, int(log_bytes), rows, summarised, True)


def database_usage(db: peewee.Database, path: Path) -> DatabaseUsage:
    if is_postgres(db):
        return _postgres_usage(db)
    page_size = db.execute_sql("PRAGMA page_size").fetchone()[0]
    free_pages = db.execute_sql("PRAGMA freelist_count").fetchone()[0]
    rows, summarised = db.execute_sql(
        "SELECT COUNT(*), COALESCE(SUM(params = ?), 0) FROM webhook_event", (SUMMARISED,)).fetchone()
    mode = db.execute_sql("PRAGMA auto_vacuum").fetchone()[0]
    return DatabaseUsage(_file_bytes(Path(path)), free_pages * page_size, _log_bytes(db), rows,
                         summarised, mode == 2)


def folder_bytes(folder: Path) -> int:
    """Everything in `folder` and below (missing: 0)."""
    total = 0
    for item in Path(folder).rglob("*"):
        try:
            if item.is_file():
                total += item.stat().st_size
        except OSError:
            continue
    return total
