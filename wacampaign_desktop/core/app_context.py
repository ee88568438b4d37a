"""One profile opened: its folders, settings, secrets, database, event bus and clock.

The CLI and the GUI both start here, so they see the same data the same way. The context is the
one holder of the database handle (`db`) and of the `clock` that the runtime, the engine and the
store are given; only core/store/ knows the models' module-level binding.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from pathlib import Path

import peewee

from wacampaign_desktop.core.clock import SYSTEM_CLOCK, Clock
from wacampaign_desktop.core.events import EventBus
from wacampaign_desktop.core.logging_setup import configure_logging
from wacampaign_desktop.core.paths import AppPaths
from wacampaign_desktop.core.redaction import register_secret
from wacampaign_desktop.core.secrets import DATABASE_PASSWORD, TWILIO_AUTH_TOKEN, SecretStore
from wacampaign_desktop.core.settings import Settings, load_settings, save_settings
from wacampaign_desktop.core.store.database import (
    DatabaseUnavailable,
    bind_database,
    engine_name,
    is_postgres_url,
    make_database,
    postgres_params,
    redact_url,
)
from wacampaign_desktop.core.store.migrations import migrate_database

log = logging.getLogger(__name__)


def profile_secrets(data_dir: str | Path | None = None) -> SecretStore:
    """The secret store of the profile in `data_dir` (None: the default one), without opening
    its database (e.g. to store the database password before the database can be reached)."""
    paths = AppPaths.for_data_dir(data_dir).ensure()
    profile = "default" if data_dir is None else hashlib.sha1(
        str(paths.data_dir).encode()
    ).hexdigest()[:12]
    return SecretStore(paths.config_dir, profile=profile)


@dataclass
class AppContext:
    paths: AppPaths
    settings: Settings
    secrets: SecretStore
    db: peewee.Database
    bus: EventBus = field(default_factory=EventBus)
    clock: Clock = SYSTEM_CLOCK
    database_url: str = ""  # the postgresql:// URL in use (no password); "" = the SQLite file

    @classmethod
    def open(
        cls, data_dir: str | Path | None = None, *, log_to_file: bool = True, verbose: bool = False,
        clock: Clock = SYSTEM_CLOCK, database_url: str | None = None,
    ) -> AppContext:
        """Open (creating and migrating as needed) the profile in `data_dir` (None: the user's
        default folder). `clock`: the time every part started from this context uses (tests
        pass a ManualClock). `database_url`: a postgresql:// URL overriding the setting
        (`--database-url`); "" or None with an empty setting = the profile's SQLite file. The
        PostgreSQL password comes from the profile's keyring entry when the URL has none."""
        paths = AppPaths.for_data_dir(data_dir).ensure()
        if log_to_file:
            configure_logging(paths.log_file, verbose=verbose)
        settings = load_settings(paths.settings_file)
        secrets = profile_secrets(data_dir)
        url = database_url or settings.database_url
        if is_postgres_url(url):
            postgres_params(url)  # a malformed URL fails here, naming what is wrong
            password = secrets.get(DATABASE_PASSWORD)
            register_secret(password)
            db = make_database(url, password=password)
            log.info("Database: PostgreSQL at %s", redact_url(url))
        else:
            db = make_database(paths.database_file)
        bind_database(db)
        try:
            db.connect(reuse_if_open=True)
        except peewee.OperationalError as exc:
            if not is_postgres_url(url):
                raise
            reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise DatabaseUnavailable(
                f"Cannot reach the database at {redact_url(url)}: {reason}. Check the server "
                "address, that it is running, and the password (`database set-password`)."
            ) from exc
        migrate_database(db, None if is_postgres_url(url) else paths.database_file)
        return cls(paths=paths, settings=settings, secrets=secrets, db=db, clock=clock,
                   database_url=redact_url(url) if is_postgres_url(url) else "")

    @property
    def engine(self) -> str:
        """"sqlite" or "postgresql"."""
        return engine_name(self.db)

    @property
    def database_label(self) -> str:
        """Where the data is, for people: the server URL (no password) or the file's path."""
        return self.database_url or str(self.paths.database_file)

    def save_settings(self) -> None:
        save_settings(self.settings, self.paths.settings_file)

    @property
    def live(self) -> bool:
        """True when real Twilio credentials are configured and the sandbox is switched off."""
        return (
            not self.settings.use_sandbox
            and bool(self.settings.twilio_account_sid)
            and bool(self.secrets.get(TWILIO_AUTH_TOKEN))
        )

    def close(self) -> None:
        if not self.db.is_closed():
            self.db.close()
