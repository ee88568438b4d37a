"""Shared fixtures: every test gets its own real SQLite file and profile folder in a temp dir."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("WACAMPAIGN_SECRET_BACKEND", "file")

import pytest  # noqa: E402

from wacampaign_desktop.core.app_context import AppContext  # noqa: E402
from wacampaign_desktop.core.events import EventBus  # noqa: E402
from wacampaign_desktop.core.store.database import bind_database, make_database  # noqa: E402
from wacampaign_desktop.core.store.migrations import migrate_database  # noqa: E402


@pytest.fixture
def db(tmp_path):
    """A real, migrated SQLite database file bound to the models."""
    path = tmp_path / "test.sqlite3"
    database = make_database(path)
    bind_database(database)
    database.connect()
    migrate_database(database, path)
    yield database
    database.close()


@pytest.fixture
def context(tmp_path):
    """A whole profile (settings, secrets file, database) in a temp folder."""
    ctx = AppContext.open(tmp_path / "profile", log_to_file=True)
    yield ctx
    ctx.close()


@pytest.fixture
def bus():
    """A core event bus for a test."""
    return EventBus()


@pytest.fixture
def events(bus):
    """Every event published on `bus`, in order."""
    seen: list = []
    bus.subscribe(seen.append)
    return seen
