"""Moving a profile's SQLite database into an empty PostgreSQL database, and the few other
database chores the CLI offers (storing the password, checking a server).

`migrate_to(context, url)` copies everything (core/store/transfer.py: one transaction, ids kept,
sequences reset), then checks rows per table and every campaign's counters against a recount;
`use=True` then points the profile at the new database (URL in settings without its password,
the password in the keyring)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import peewee

from wacampaign_desktop.core.app_context import AppContext, profile_secrets
from wacampaign_desktop.core.redaction import register_secret
from wacampaign_desktop.core.secrets import DATABASE_PASSWORD
from wacampaign_desktop.core.store.database import (
    DatabaseUnavailable,
    is_postgres,
    is_postgres_url,
    make_database,
    postgres_params,
    redact_url,
)
from wacampaign_desktop.core.store.transfer import (
    CounterCheck,
    TableCount,
    TargetNotEmpty,
    TransferReport,
    copy_database,
)

__all__ = ["CounterCheck", "MigrationRefused", "TableCount", "TargetNotEmpty", "TransferReport",
           "check_server", "migrate_to", "set_password", "url_without_password"]


class MigrationRefused(RuntimeError):
    """The move cannot start (wrong source or target); nothing was written."""


def url_without_password(url: str) -> tuple[str, str | None]:
    """(`url` with any password taken out, that password or None)."""
    parts = urlsplit(url)
    if parts.password is None:
        return url, None
    host = parts.netloc.rsplit("@", 1)[1]
    user = parts.username or ""
    return urlunsplit(parts._replace(netloc=f"{user}@{host}" if user else host)), parts.password


def set_password(data_dir: str | Path | None, password: str) -> None:
    """Store the PostgreSQL password in the profile's keyring entry (never in settings)."""
    register_secret(password)
    profile_secrets(data_dir).set(DATABASE_PASSWORD, password)


def _open(url: str, password: str | None) -> peewee.Database:
    postgres_params(url)  # names what is wrong with a malformed URL
    register_secret(password)
    db = make_database(url, password=password)
    try:
        db.connect()
    except peewee.OperationalError as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise DatabaseUnavailable(f"Cannot reach the database at {redact_url(url)}: {reason}") from exc
    return db


def check_server(url: str, password: str | None = None) -> str:
    """Connect to `url` and return the server's version line (raises DatabaseUnavailable)."""
    db = _open(url, password)
    try:
        return str(db.execute_sql("SELECT version()").fetchone()[0])
    finally:
        db.close()


def migrate_to(context: AppContext, url: str, *, password: str | None = None, batch: int = 1000,
               progress: Callable[[str, int, int], None] | None = None,
               use: bool = False) -> TransferReport:
    """Copy the profile's SQLite database into the EMPTY PostgreSQL database at `url` and check
    the copy. The password: `password`, else the URL's, else the profile's keyring entry.
    `use`: when every check passed, switch the profile to the new database."""
    if is_postgres(context.db):
        raise MigrationRefused("this profile already uses PostgreSQL; the move starts from the "
                               "profile's own SQLite file (open it without --database-url)")
    if not is_postgres_url(url):
        raise MigrationRefused(f"--to {url!r}: give a postgresql://user@host:5432/name URL")
    bare, in_url = url_without_password(url)
    password = password or in_url or context.secrets.get(DATABASE_PASSWORD)
    target = _open(bare, password)
    try:
        report = copy_database(context.db, target, batch=batch, progress=progress)
    finally:
        target.close()
    if use and report.ok:
        if password and password != context.secrets.get(DATABASE_PASSWORD):
            context.secrets.set(DATABASE_PASSWORD, password)
        context.settings.database_url = bare
        context.save_settings()
    return report
