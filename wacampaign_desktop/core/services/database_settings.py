"""The team database as people choose it: the profile's own file, or a PostgreSQL server
(host, port, database, user, sslmode; the password in the keyring, never in settings).

Used by the window's "Team database" settings and by the dialog shown when the window cannot
open the team database (`open_profile`, `open_local`, `failure_of`). Every function here works
without Qt; the GUI runs the slow ones (testing, moving) on a worker thread."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl, quote, unquote, urlsplit

from wacampaign_desktop.core.app_context import AppContext, profile_secrets
from wacampaign_desktop.core.paths import AppPaths
from wacampaign_desktop.core.secrets import DATABASE_PASSWORD
from wacampaign_desktop.core.services.database_migration import (
    MigrationRefused,
    TargetNotEmpty,
    TransferReport,
    check_server,
    migrate_to,
    set_password,
    url_without_password,
)
from wacampaign_desktop.core.settings import load_settings
from wacampaign_desktop.core.store.database import (
    DatabaseUnavailable,
    DatabaseUrlError,
    is_postgres_url,
)

__all__ = ["SSL_MODES", "ConnectionResult", "DatabaseChoice", "DatabaseUnavailable",
           "DatabaseUrlError", "MigrationRefused", "OpenFailure", "TargetNotEmpty", "TransferReport",
           "current_choice", "failure_kind", "failure_of", "has_password", "move_data",
           "open_local", "open_profile", "profile_language", "save_choice", "try_connection"]

# Passed as the database URL to open the profile's own SQLite file whatever the settings say.
LOCAL_FILE = "local-file"
SSL_MODES = ("prefer", "require", "verify-full", "disable")
DEFAULT_PORT = 5432


@dataclass(frozen=True)
class DatabaseChoice:
    """Where the profile's data lives: kind "local" (its own file) or "postgresql"."""

    kind: str = "local"
    host: str = ""
    port: int = DEFAULT_PORT
    database: str = ""
    user: str = ""
    sslmode: str = "prefer"

    @property
    def url(self) -> str:
        """The postgresql:// URL (never a password), or "" for the local file."""
        if self.kind != "postgresql":
            return ""
        user = f"{quote(self.user, safe='')}@" if self.user else ""
        query = f"?sslmode={self.sslmode}" if self.sslmode and self.sslmode != "prefer" else ""
        return (f"postgresql://{user}{self.host.strip()}:{int(self.port)}/"
                f"{quote(self.database.strip(), safe='')}{query}")

    def problem(self) -> str:
        """"" when usable, else which field is missing: "host", "database" or "user"."""
        if self.kind != "postgresql":
            return ""
        for name in ("host", "database", "user"):
            if not str(getattr(self, name)).strip():
                return name
        return ""


def choice_of_url(url: str) -> DatabaseChoice:
    if not is_postgres_url(url):
        return DatabaseChoice()
    parts = urlsplit(url)
    options = dict(parse_qsl(parts.query))
    try:
        port = parts.port or DEFAULT_PORT
    except ValueError:
        port = DEFAULT_PORT
    return DatabaseChoice("postgresql", parts.hostname or "", port,
                          unquote(parts.path.lstrip("/")), unquote(parts.username or ""),
                          options.get("sslmode", "prefer"))


def current_choice(context: AppContext) -> DatabaseChoice:
    """What the settings say (the running window may use another database this run)."""
    return choice_of_url(context.settings.database_url)


def has_password(context: AppContext) -> bool:
    return bool(context.secrets.get(DATABASE_PASSWORD))


def save_choice(context: AppContext, choice: DatabaseChoice, password: str = "") -> None:
    """Store the choice in settings (the URL, no password) and a new `password` in the keyring.
    Takes effect the next time the app (or its runtime) starts."""
    if choice.problem():
        raise ValueError(f"the {choice.problem()} is missing")
    if password:
        set_password(context.paths.data_dir, password)
    context.settings.database_url = choice.url
    context.save_settings()


@dataclass(frozen=True)
class OpenFailure:
    """Why a database could not be opened, for people: the server (URL without password) and
    kind "unreachable" (cannot reach), "password" (refused), "missing" (no such database) or
    "other" (detail has the server's words)."""

    server: str
    kind: str
    detail: str


def failure_kind(message: str) -> str:
    text = message.lower()
    if "password" in text or "authentication failed" in text or "no pg_hba.conf" in text:
        return "password"
    if "does not exist" in text and "database" in text:
        return "missing"
    if any(words in text for words in ("connection refused", "could not connect", "timeout",
                                       "timed out", "could not translate host",
                                       "name or service not known", "no route to host",
                                       "network is unreachable", "connection failed")):
        return "unreachable"
    return "other"


def _reason(exc: BaseException) -> str:
    """The server's own words, without our "Cannot reach…"/"Check the server…" framing."""
    text = str(exc)
    if text.startswith("Cannot reach the database at "):
        text = text.split(": ", 1)[1].split(". Check the server address", 1)[0]
    return text


def failure_of(exc: BaseException, url: str) -> OpenFailure:
    reason = _reason(exc)
    return OpenFailure(url_without_password(url)[0], failure_kind(reason), reason)


@dataclass(frozen=True)
class ConnectionResult:
    ok: bool
    server: str  # the URL tested, without password
    version: str = ""  # e.g. "PostgreSQL 16.4"
    failure: OpenFailure | None = None


def _password(context: AppContext, password: str) -> str | None:
    return password or context.secrets.get(DATABASE_PASSWORD)


def try_connection(context: AppContext, choice: DatabaseChoice,
                    password: str = "") -> ConnectionResult:
    """Connect to the chosen server (the typed password, else the stored one)."""
    url = choice.url
    try:
        line = check_server(url, _password(context, password))
    except (DatabaseUnavailable, DatabaseUrlError) as exc:
        return ConnectionResult(False, url, failure=failure_of(exc, url))
    return ConnectionResult(True, url, " ".join(line.split()[:2]))


def move_data(context: AppContext, choice: DatabaseChoice, password: str = "",
              progress: Callable[[str, int, int], None] | None = None) -> TransferReport:
    """Copy this profile's own file into the chosen EMPTY server database and check rows per
    table and every campaign's counters. Raises TargetNotEmpty, MigrationRefused or
    DatabaseUnavailable (nothing written). Settings are not changed (Save does that)."""
    return migrate_to(context, choice.url, password=_password(context, password),
                      progress=progress)


def open_profile(data_dir: str | Path | None, *, verbose: bool = False,
                 database_url: str | None = None) -> AppContext:
    """AppContext.open for the window (raises DatabaseUnavailable when the server fails)."""
    return AppContext.open(data_dir, verbose=verbose, database_url=database_url)


def open_local(data_dir: str | Path | None, *, verbose: bool = False) -> AppContext:
    """The profile on its own file for this run only; the settings are not changed."""
    return AppContext.open(data_dir, verbose=verbose, database_url=LOCAL_FILE)


def target_url(data_dir: str | Path | None, database_url: str | None = None) -> str:
    """The database URL opening the profile would use (--database-url, else the setting)."""
    if database_url:
        return database_url
    return load_settings(AppPaths.for_data_dir(data_dir).settings_file).database_url


def profile_language(data_dir: str | Path | None) -> str:
    """The interface language setting ("" = the system's), readable without the database."""
    return load_settings(AppPaths.for_data_dir(data_dir).settings_file).language


def keyring_has_password(data_dir: str | Path | None) -> bool:
    return bool(profile_secrets(data_dir).get(DATABASE_PASSWORD))
