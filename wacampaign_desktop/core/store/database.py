"""Opening the SQLite database: WAL, foreign keys, busy timeout, IMMEDIATE write transactions."""

from __future__ import annotations

from pathlib import Path

import peewee

database_proxy = peewee.DatabaseProxy()

PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "synchronous": "normal",  # safe with WAL: a commit survives an app crash
    "busy_timeout": 10_000,
    "cache_size": -16_000,
}


def make_database(path: Path | str) -> peewee.SqliteDatabase:
    """A database object for `path` (not yet connected). Transactions begin IMMEDIATE, so a
    transaction that reads first never fails to upgrade to a write under concurrency."""
    return peewee.SqliteDatabase(
        str(path), pragmas=PRAGMAS, timeout=10, lock_type="IMMEDIATE", check_same_thread=False
    )


def bind_database(db: peewee.SqliteDatabase) -> None:
    """Point every model at `db` (tests bind a temporary file)."""
    database_proxy.initialize(db)
