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
from wacampaign_desktop.core.secrets import TWILIO_AUTH_TOKEN, SecretStore
from wacampaign_desktop.core.settings import Settings, load_settings, save_settings
from wacampaign_desktop.core.store.database import bind_database, make_database
from wacampaign_desktop.core.store.migrations import migrate_database

log = logging.getLogger(__name__)


@dataclass
class AppContext:
    paths: AppPaths
    settings: Settings
    secrets: SecretStore
    db: peewee.SqliteDatabase
    bus: EventBus = field(default_factory=EventBus)
    clock: Clock = SYSTEM_CLOCK

    @classmethod
    def open(
        cls, data_dir: str | Path | None = None, *, log_to_file: bool = True, verbose: bool = False,
        clock: Clock = SYSTEM_CLOCK,
    ) -> AppContext:
        """Open (creating and migrating as needed) the profile in `data_dir` (None: the user's
        default folder). `clock`: the time every part started from this context uses (tests
        pass a ManualClock)."""
        paths = AppPaths.for_data_dir(data_dir).ensure()
        if log_to_file:
            configure_logging(paths.log_file, verbose=verbose)
        settings = load_settings(paths.settings_file)
        profile = "default" if data_dir is None else hashlib.sha1(
            str(paths.data_dir).encode()
        ).hexdigest()[:12]
        secrets = SecretStore(paths.config_dir, profile=profile)
        db = make_database(paths.database_file)
        bind_database(db)
        db.connect(reuse_if_open=True)
        migrate_database(db, paths.database_file)
        return cls(paths=paths, settings=settings, secrets=secrets, db=db, clock=clock)

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
