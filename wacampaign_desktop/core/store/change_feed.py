"""Noticing what OTHER processes commit to the database, and saying so on the event bus as
`ExternalChange(tables=…)` (the GUI bridge turns it into the same refreshes as local changes).

PostgreSQL: a statement-level trigger on every table of the app runs
`pg_notify('wacampaign', '<application_name>|<table>')`; notifications are delivered at commit
and identical ones within a transaction are merged, so a transaction costs one notification per
table it touched. Our connections are named `wacampaign:<pid>` (database.make_postgres), so the
listener drops its own process's changes. One dedicated LISTEN connection on a thread.

SQLite: `PRAGMA data_version` changes whenever ANOTHER connection committed; checked every
`interval_s`. It is read on the connection of this process's running store writer (`writer()`,
by default writer.running_writer(db); via StoreWriter.run_on_thread), so the writer's own commits — nearly all of this process's writes —
never count as another process's; without a running writer, on a dedicated connection. It does
not say which tables: `tables` is empty ("anything may have changed").
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
import time
from collections.abc import Callable
from concurrent.futures import TimeoutError as FutureTimeout
from pathlib import Path
from typing import TYPE_CHECKING, Any

import peewee

from wacampaign_desktop.core.events import EventBus, ExternalChange
from wacampaign_desktop.core.store.database import is_postgres
from wacampaign_desktop.core.store.writer import running_writer

if TYPE_CHECKING:
    from wacampaign_desktop.core.store.writer import StoreWriter

log = logging.getLogger(__name__)

CHANNEL = "wacampaign"
SQLITE_INTERVAL_S = 0.3  # how often the file's data version is read (a microsecond each)
GATHER_S = 0.05  # notifications arriving this close together make one event

_TRIGGER_FUNCTION = f"""
CREATE OR REPLACE FUNCTION wacampaign_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('{CHANNEL}', current_setting('application_name') || '|' || TG_TABLE_NAME);
  RETURN NULL;
END $$"""


def own_name(pid: int | None = None) -> str:
    """The application_name of this process's PostgreSQL connections."""
    return f"wacampaign:{pid or os.getpid()}"


def install_notify_triggers(db: peewee.Database, tables: list[str]) -> None:
    """(PostgreSQL) the notify trigger on each of `tables`; idempotent, cheap on every open."""
    if not is_postgres(db):
        return
    with db.atomic():
        db.execute_sql(_TRIGGER_FUNCTION)
        present = {name for (name,) in db.execute_sql(
            "SELECT tgrelid::regclass::text FROM pg_trigger WHERE tgname = 'wacampaign_notify'"
        ).fetchall()}
        for table in tables:
            if table in present or f'"{table}"' in present:
                continue
            db.execute_sql(f'CREATE TRIGGER wacampaign_notify AFTER INSERT OR UPDATE OR DELETE '
                           f'ON "{table}" FOR EACH STATEMENT EXECUTE FUNCTION wacampaign_notify()')


class ChangeFeed:
    """Publishes ExternalChange on `bus` for commits made by other processes (PostgreSQL) or
    connections other than this process's store writer's (SQLite). `start()` / `stop()`."""

    def __init__(self, db: peewee.Database, bus: EventBus, *, sqlite_path: Path | str | None = None,
                 interval_s: float = SQLITE_INTERVAL_S,
                 writer: Callable[[], StoreWriter | None] | None = None) -> None:
        self._db, self._bus, self._interval = db, bus, interval_s
        self._writer = writer or (lambda: running_writer(db))
        self._sqlite_path = sqlite_path if sqlite_path is not None else getattr(db, "database", "")
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.published = 0
        self.rounds = 0  # checks made (tests wait on it rather than sleeping)

    def start(self) -> ChangeFeed:
        target = self._listen if is_postgres(self._db) else self._poll
        self._thread = threading.Thread(target=self._run, args=(target,), name="change-feed",
                                        daemon=True)
        self._thread.start()
        return self

    def stop(self, timeout: float = 3.0) -> None:
        self._stop.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout)
        self._thread = None

    def _publish(self, tables: frozenset[str]) -> None:
        self.published += 1
        self._bus.publish(ExternalChange(tables=tables))

    def _run(self, target) -> None:  # type: ignore[no-untyped-def]
        while not self._stop.is_set():
            try:
                target()
            except Exception as exc:  # server restarted, file moved…: try again shortly
                log.warning("Watching for other processes' changes stopped (%s); retrying", exc)
                self._stop.wait(2.0)

    # -- SQLite ------------------------------------------------------------------------------
    def _poll(self) -> None:
        connection = sqlite3.connect(str(self._sqlite_path), timeout=5, check_same_thread=False)
        try:
            last = self._version(connection)
            while not self._stop.wait(self._interval):
                version = self._version(connection)
                self.rounds += 1
                if version is None:  # the writer is busy: compare its answer next round
                    continue
                if last is None or version[0] is not last[0]:
                    last = version  # the writer started or stopped: a new baseline, no event
                elif version != last:
                    last = version
                    self._publish(frozenset())
        finally:
            connection.close()

    def _version(self, connection: sqlite3.Connection) -> tuple[Any, int] | None:
        """(whose connection, its data_version): the running writer's, else the feed's own;
        None when the writer is too busy to answer now (the next round asks again)."""
        writer = self._writer()
        if writer is None or not writer.running:
            return connection, connection.execute("PRAGMA data_version").fetchone()[0]
        future = writer.run_on_thread(
            lambda: writer.db.execute_sql("PRAGMA data_version").fetchone()[0])
        try:
            return writer, future.result(timeout=max(1.0, 3 * self._interval))
        except FutureTimeout:
            return None
        except Exception:  # the writer stopped meanwhile: the feed's own connection next time
            return None

    # -- PostgreSQL --------------------------------------------------------------------------
    def _listen(self) -> None:
        import psycopg

        params = dict(self._db.connect_params)
        params["dbname"] = self._db.database
        params["application_name"] = own_name() + "-listen"
        mine = own_name()
        with psycopg.connect(autocommit=True, **params) as connection:
            connection.execute(f"LISTEN {CHANNEL}")
            pending: set[str] = set()
            deadline: float | None = None
            while not self._stop.is_set():
                wait = 0.25 if deadline is None else max(0.0, deadline - time.monotonic())
                for note in connection.notifies(timeout=wait, stop_after=64):
                    sender, _, table = note.payload.rpartition("|")
                    if sender == mine or not table:
                        continue
                    pending.add(table)
                    if deadline is None:
                        deadline = time.monotonic() + GATHER_S
                self.rounds += 1
                if deadline is not None and time.monotonic() >= deadline:
                    if pending:
                        self._publish(frozenset(pending))
                    pending, deadline = set(), None
