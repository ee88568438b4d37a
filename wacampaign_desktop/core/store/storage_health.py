"""Is there room to write? Recognising a full disk (or SQLite's page limit) and saying so once.

`is_storage_full(exc)` tells a "database or disk is full" failure from the others. A
`StorageHealth` is told of every write failure and success (the store writer does it); on the
first full-storage failure it publishes `Alert(code="storage_full", level="error")`, and on the
first success after that once `room()` agrees, `Alert(code="storage_ok", level="info")`, so the window can show and
clear its banner and the engine can pause and resume. `space_available(db, folder)` lets a
paused sender check without writing.
"""

from __future__ import annotations

import errno
import logging
import shutil
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path

import peewee

from wacampaign_desktop.core.events import Alert, EventBus
from wacampaign_desktop.core.store.database import is_postgres

log = logging.getLogger(__name__)

FULL_CODE = "storage_full"
BACK_CODE = "storage_ok"
MIN_FREE_BYTES = 50 * 1024 * 1024  # below this, sending stays paused
_FULL_TEXTS = ("database or disk is full", "no space left on device", "disk quota exceeded")

FULL_MESSAGE = ("The database cannot be written: the disk is full. Twilio's callbacks are answered "
                "503 (Twilio retries them) and sending is paused. Free some disk space (Settings → "
                "Storage → Clean up now, or delete other files); everything resumes by itself.")
BACK_MESSAGE = "The database can be written again: callbacks are stored and sending resumes."


def is_storage_full(exc: BaseException | None) -> bool:
    """Did this write fail for lack of space (SQLITE_FULL, ENOSPC, a page limit)?"""
    seen = 0
    while exc is not None and seen < 5:
        if getattr(exc, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL:
            return True
        if getattr(exc, "sqlstate", None) in ("53100", "53400"):  # PostgreSQL: disk full, quota
            return True
        if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
            return True
        if any(text in str(exc).lower() for text in _FULL_TEXTS):
            return True
        exc = exc.__cause__ or exc.__context__
        seen += 1
    return False


class StorageHealth:
    """Tracks whether writes fail for lack of space; publishes the change once each way.

    While full, a write that still fits (an in-place update) does not clear the alarm by itself:
    `room()` (e.g. `space_available` on the writer's connection, checked at most every
    `recheck_s`) must also say there is room again, so the banner does not flicker."""

    def __init__(self, bus: EventBus, room: Callable[[], bool] | None = None,
                 recheck_s: float = 1.0) -> None:
        self._bus = bus
        self._room = room
        self._recheck_s = recheck_s
        self._checked = float("-inf")
        self._lock = threading.Lock()
        self.full = False

    def write_failed(self, exc: BaseException) -> bool:
        """Note a failed write; True if it failed for lack of space."""
        if not is_storage_full(exc):
            return False
        with self._lock:
            changed, self.full = not self.full, True
        if changed:
            log.error("Database full: %s", exc)
            self._bus.publish(Alert(FULL_CODE, FULL_MESSAGE, level="error"))
        return True

    def write_succeeded(self) -> None:
        """Note a committed write (cheap when nothing was wrong)."""
        if not self.full:
            return
        if self._room is not None:
            now = time.monotonic()
            if now - self._checked < self._recheck_s:
                return
            self._checked = now
            if not self._room():
                return
        with self._lock:
            changed, self.full = self.full, False
        if changed:
            log.info("Database writable again")
            self._bus.publish(Alert(BACK_CODE, BACK_MESSAGE, level="info"))


def space_available(db: peewee.Database, folder: Path, min_free: int = MIN_FREE_BYTES) -> bool:
    """Room to write again? Free disk space above `min_free` and pages left under SQLite's
    limit on this connection (checked without writing). On PostgreSQL the space is the
    server's: the next successful write says there is room again."""
    if is_postgres(db):
        return True
    try:
        if shutil.disk_usage(folder).free < min_free:
            return False
        pages = db.execute_sql("PRAGMA page_count").fetchone()[0]
        limit = db.execute_sql("PRAGMA max_page_count").fetchone()[0]
    except (OSError, peewee.DatabaseError):
        return False
    return pages + 16 < limit
