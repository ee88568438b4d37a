"""Shared fixtures: every test gets its own real SQLite file and profile folder in a temp dir,
and `wait_until`, THE way a test waits for something another thread or the event loop does."""

from __future__ import annotations

import os
import time
from collections.abc import Callable

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


WaitUntil = Callable[..., None]


@pytest.fixture(name="wait_until")
def wait_until_fixture(request) -> WaitUntil:
    """`wait_until(predicate, timeout=10.0, what="")`: return as soon as `predicate()` is true,
    fail after `timeout` seconds. Under Qt (the test uses qtbot or qapp) it is qtbot.waitUntil,
    so queued signals keep flowing while it waits; otherwise a bounded polling loop."""
    uses_qt = {"qtbot", "qapp"} & set(request.fixturenames)
    qtbot = request.getfixturevalue("qtbot") if uses_qt else None

    def wait_until(predicate: Callable[[], object], timeout: float = 10.0, what: str = "") -> None:
        if qtbot is not None:
            def check() -> None:
                assert predicate(), what or "condition not met"

            qtbot.waitUntil(check, timeout=int(timeout * 1000))
            return
        deadline = time.monotonic() + timeout
        while not predicate():
            if time.monotonic() > deadline:
                raise AssertionError(f"not within {timeout} s: {what or 'condition not met'}")
            time.sleep(0.01)  # polling interval, not a synchronisation

    return wait_until


@pytest.fixture(autouse=True)
def _no_console_log_handler_left():
    """`serve` (and --verbose commands) add a stderr log handler to the root logger for the rest
    of their process; in the one test process it would outlive the test and print WARNING lines
    into later tests' captured stderr. Each test ends with the root logger as it found it."""
    import logging

    before = list(logging.getLogger().handlers)
    yield
    root = logging.getLogger()
    for handler in list(root.handlers):
        if handler not in before and not getattr(handler, "_wacampaign", False):
            root.removeHandler(handler)
