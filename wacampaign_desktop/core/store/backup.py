"""Backups of the database file: consistent copies while the app writes, checked restores,
and a daily copy keeping the last K.

- `backup(source, target)`: SQLite's online backup API in one step, which reads one snapshot
  (WAL lets the webhook writer go on meanwhile); written to a temporary file, checked, then
  renamed, so `target` is never a half copy.
- `check_copy(path)`: integrity check + schema version, without changing the file.
- `restore(copy, live)`: checks the copy first; then the live database is copied aside and the
  copy's pages are written into it through the backup API (open connections see the restored
  data; nothing is replaced if the check fails).
- `daily_backup(source, folder, keep, now)`: one copy per day, the oldest beyond `keep` removed.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from wacampaign_desktop.core.store.migrations import CURRENT_VERSION

DAILY_PREFIX = "wacampaign-daily-"
_STAMP = "%Y%m%d-%H%M%S"


class BackupError(RuntimeError):
    """A backup or restore could not be done; the message says why and what was left as is."""


@dataclass(frozen=True)
class CopyCheck:
    path: Path
    ok: bool
    schema_version: int | None
    problem: str = ""  # why the copy cannot be used, when not ok
    size_bytes: int = 0


def _connect(path: Path, *, read_only: bool = False) -> sqlite3.Connection:
    if read_only:
        return sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)
    return sqlite3.connect(str(path), timeout=10)


def check_copy(path: Path) -> CopyCheck:
    """Is `path` a whole database this app can open (integrity ok, schema ≤ ours)?"""
    path = Path(path)
    if not path.is_file():
        return CopyCheck(path, False, None, f"{path} does not exist")
    try:
        with contextlib.closing(_connect(path, read_only=True)) as connection:
            result = connection.execute("PRAGMA integrity_check").fetchone()[0]
            if result != "ok":
                return CopyCheck(path, False, None, f"the file is damaged ({result})")
            tables = {row[0] for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
            if "schema_version" not in tables or "campaign" not in tables:
                return CopyCheck(path, False, None, "it is not a WA Campaign Desktop database")
            version = connection.execute("SELECT MAX(version) FROM schema_version").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        return CopyCheck(path, False, None, f"it is not a readable SQLite database ({exc})")
    if version is None or version > CURRENT_VERSION:
        return CopyCheck(path, False, version, f"it was written by a newer version of the app "
                         f"(schema {version}; this app knows up to {CURRENT_VERSION})")
    return CopyCheck(path, True, version, size_bytes=path.stat().st_size)


def backup(source: Path, target: Path) -> CopyCheck:
    """A consistent copy of the database at `source` in `target` (replaced if it exists)."""
    source, target = Path(source), Path(target)
    if source.resolve() == target.resolve():
        raise BackupError("The backup file cannot be the database itself; choose another file.")
    if not source.exists():  # a profile whose data is on a PostgreSQL server has no file here
        raise BackupError(f"There is no database file at {source} to copy: this profile's data "
                          "is on a database server; back it up there (e.g. pg_dump).")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.partial")
    try:
        with contextlib.closing(_connect(source)) as src, contextlib.closing(_connect(partial)) as dst:
            src.backup(dst)  # one step: one read snapshot, writers continue (WAL)
            dst.execute("PRAGMA journal_mode = DELETE")  # a single self-contained file
    except (sqlite3.Error, OSError) as exc:
        partial.unlink(missing_ok=True)
        raise BackupError(f"The backup could not be written to {target} ({exc}); "
                          "the database was not changed.") from exc
    checked = check_copy(partial)
    if not checked.ok:
        partial.unlink(missing_ok=True)
        raise BackupError(f"The backup copy failed its check ({checked.problem}); nothing was kept.")
    os.replace(partial, target)
    return CopyCheck(target, True, checked.schema_version, size_bytes=target.stat().st_size)


def restore(copy: Path, live: Path, *, now: datetime) -> Path:
    """Replace the database at `live` by the checked `copy`; returns where the previous database
    was set aside. Raises BackupError (changing nothing) if the copy is not usable."""
    copy, live = Path(copy), Path(live)
    checked = check_copy(copy)
    if not checked.ok:
        raise BackupError(f"{copy} cannot be restored: {checked.problem}. Nothing was changed.")
    aside = live.with_name(f"{live.stem}.before-restore-{now.strftime(_STAMP)}{live.suffix}")
    if live.exists():
        backup(live, aside)
    try:
        with contextlib.closing(_connect(copy, read_only=True)) as src, \
                contextlib.closing(_connect(live)) as dst:
            src.backup(dst)
            result = dst.execute("PRAGMA integrity_check").fetchone()[0]
    except sqlite3.Error as exc:
        raise BackupError(f"Restoring failed ({exc}); the previous database is at {aside}.") from exc
    if result != "ok":
        raise BackupError(f"The restored database failed its check ({result}); the previous "
                          f"database is at {aside}.")
    return aside


def daily_backups(folder: Path) -> list[Path]:
    """The daily copies in `folder`, oldest first."""
    return sorted(Path(folder).glob(f"{DAILY_PREFIX}*.sqlite3"))


def _taken_at(path: Path) -> datetime | None:
    try:
        return datetime.strptime(path.stem.removeprefix(DAILY_PREFIX), _STAMP)
    except ValueError:
        return None


def daily_backup(source: Path, folder: Path, keep: int, now: datetime) -> Path | None:
    """A copy in `folder` if the newest daily copy is a day old or more (None otherwise); then
    only the newest `keep` daily copies are kept."""
    existing = daily_backups(folder)
    newest = _taken_at(existing[-1]) if existing else None
    made = None
    if newest is None or now - newest >= timedelta(days=1) or newest > now:
        made = backup(source, Path(folder) / f"{DAILY_PREFIX}{now.strftime(_STAMP)}.sqlite3").path
        existing = daily_backups(folder)
    for old in existing[:-keep] if keep > 0 else []:
        old.unlink(missing_ok=True)
    return made
