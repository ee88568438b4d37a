"""Opening the database: the profile's SQLite file (WAL, foreign keys, busy timeout, IMMEDIATE
write transactions) or a PostgreSQL server named by a `postgresql://` URL (psycopg 3 through
Peewee; one connection per thread, the password given apart from the URL, from the keyring).

Everything that differs between the two engines is decided here (`is_postgres`) and inside
core/store/; the rest of the app sees one `peewee.Database`."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit, urlunsplit

import peewee

database_proxy = peewee.DatabaseProxy()

PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "synchronous": "normal",  # safe with WAL: a commit survives an app crash
    "busy_timeout": 10_000,
    "cache_size": -16_000,
}

POSTGRES_SCHEMES = ("postgresql", "postgres")
# Options a database URL may carry in its query string (psycopg/libpq connection parameters).
URL_OPTIONS = {"sslmode", "sslrootcert", "sslcert", "sslkey", "connect_timeout",
               "application_name", "options", "target_session_attrs", "passfile"}


class DatabaseUrlError(ValueError):
    """A database URL that cannot be used; the message says what is wrong with it."""


class DatabaseUnavailable(RuntimeError):
    """The database server could not be reached or refused us; the message says which server
    (password left out) and why."""


class PostgresDatabase(peewee.PostgresqlDatabase):
    """Peewee's PostgreSQL database accepting the SQLite `lock_type` the store passes to
    `atomic()`: IMMEDIATE/EXCLUSIVE mean an ordinary READ COMMITTED transaction (row locks and
    FOR UPDATE do the serialising on PostgreSQL), DEFERRED — used for a consistent read of
    several counts — a REPEATABLE READ snapshot."""

    def begin(self, lock_type: str | None = None, isolation_level: str | None = None) -> None:
        if isolation_level is None and (lock_type or "").upper() == "DEFERRED":
            isolation_level = "REPEATABLE READ"
        super().begin(isolation_level=isolation_level)


def is_postgres_url(url: str | Path | None) -> bool:
    return isinstance(url, str) and url.split(":", 1)[0].lower() in POSTGRES_SCHEMES


def is_postgres(db: peewee.Database) -> bool:
    """True when `db` (or the database behind the models' proxy) is PostgreSQL."""
    if isinstance(db, peewee.DatabaseProxy):
        db = db.obj
    return isinstance(db, peewee.PostgresqlDatabase)


def engine_name(db: peewee.Database) -> str:
    """"postgresql" or "sqlite", as /healthz and reports name it."""
    return "postgresql" if is_postgres(db) else "sqlite"


def redact_url(url: str) -> str:
    """`url` without its password, safe for logs and messages."""
    if not is_postgres_url(url):
        return url
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.netloc.rsplit("@", 1)[1]
    user = parts.username or ""
    return urlunsplit(parts._replace(netloc=f"{user}:***@{host}"))


def postgres_params(url: str) -> dict[str, object]:
    """Connection parameters of a `postgresql://user[:password]@host[:port]/dbname?sslmode=…`
    URL, checked; raises DatabaseUrlError naming the problem."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in POSTGRES_SCHEMES:
        raise DatabaseUrlError(f"database URL {redact_url(url)!r}: must start with postgresql://")
    name = unquote(parts.path.lstrip("/"))
    if not name:
        raise DatabaseUrlError(f"database URL {redact_url(url)!r}: the database name is missing "
                               "(postgresql://user@host:5432/NAME)")
    try:
        port = parts.port
    except ValueError as exc:
        raise DatabaseUrlError(f"database URL {redact_url(url)!r}: the port is not a number") from exc
    params: dict[str, object] = {"dbname": name, "connect_timeout": 10}
    if parts.hostname:
        params["host"] = parts.hostname
    if port:
        params["port"] = port
    if parts.username:
        params["user"] = unquote(parts.username)
    if parts.password:
        params["password"] = unquote(parts.password)
    for key, value in parse_qsl(parts.query):
        if key not in URL_OPTIONS:
            raise DatabaseUrlError(f"database URL {redact_url(url)!r}: unknown option {key!r} "
                                   f"(known: {', '.join(sorted(URL_OPTIONS))})")
        if key == "host":
            params["host"] = value  # a unix-socket folder
        else:
            params[key] = value
    return params


def make_postgres(url: str, *, password: str | None = None) -> PostgresDatabase:
    """A PostgreSQL database object for `url` (not yet connected); `password` (from the
    keyring) is used when the URL carries none."""
    params = postgres_params(url)
    if password and "password" not in params:
        params["password"] = password
    # named after this process: the change feed tells its own commits from other processes'
    params.setdefault("application_name", f"wacampaign:{os.getpid()}")
    name = params.pop("dbname")
    return PostgresDatabase(name, **params)


def make_database(target: Path | str, *, password: str | None = None) -> peewee.Database:
    """A database object for `target` — a SQLite file path, or a postgresql:// URL — not yet
    connected. SQLite transactions begin IMMEDIATE, so a transaction that reads first never
    fails to upgrade to a write under concurrency."""
    if is_postgres_url(target):
        return make_postgres(str(target), password=password)
    return peewee.SqliteDatabase(
        str(target), pragmas=PRAGMAS, timeout=10, lock_type="IMMEDIATE", check_same_thread=False
    )


def bind_database(db: peewee.Database) -> None:
    """Point every model at `db` (tests bind a temporary file or a throw-away PostgreSQL database)."""
    database_proxy.initialize(db)
