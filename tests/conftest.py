"""Shared fixtures: every test gets its own real SQLite file and profile folder in a temp dir,
and `wait_until`, THE way a test waits for something another thread or the event loop does.

Both engines: mark a test (or a module: `pytestmark = pytest.mark.both_engines`) with
`both_engines` and its `db` / `context` / `database_url` fixtures run once on SQLite and once on a
fresh PostgreSQL database of a throw-away cluster (`pg_url`, started once per session; skipped
with the reason when the PostgreSQL binaries are missing). `db_engine` says which one."""

from __future__ import annotations

import itertools
import os
import time
from collections.abc import Callable, Iterator

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("WACAMPAIGN_SECRET_BACKEND", "file")

import pytest  # noqa: E402

from wacampaign_desktop.core.app_context import AppContext  # noqa: E402
from wacampaign_desktop.core.events import EventBus  # noqa: E402
from wacampaign_desktop.core.store.database import bind_database, make_database  # noqa: E402
from wacampaign_desktop.core.store.migrations import migrate_database  # noqa: E402

ENGINES = ("sqlite", "postgresql")
_TEMPLATE = "wac_template"  # migrated at the current schema once; each test copies it


def pytest_configure(config) -> None:
    config.addinivalue_line(
        "markers", "both_engines: run the test's db/context on SQLite and on PostgreSQL")


def pytest_generate_tests(metafunc) -> None:
    if metafunc.definition.get_closest_marker("both_engines") and \
            "db_engine" in metafunc.fixturenames:
        metafunc.parametrize("db_engine", ENGINES, indirect=True)


@pytest.fixture(scope="session")
def pg_cluster():
    """The session's throw-away PostgreSQL cluster (tests/postgres/cluster.py), with a template
    database migrated at the current schema; skipped when no PostgreSQL binaries exist."""
    from tests.postgres.cluster import Cluster, find_bin_dir

    bin_dir = find_bin_dir()
    if bin_dir is None:
        pytest.skip("PostgreSQL binaries (initdb, pg_ctl) not found: install the Debian "
                    "'postgresql' package (.ci/run does) or set WACAMPAIGN_PG_BIN")
    cluster = Cluster(bin_dir)
    try:
        cluster.execute(f"CREATE DATABASE {_TEMPLATE}")
        template = make_database(cluster.url(_TEMPLATE))
        bind_database(template)
        template.connect()
        migrate_database(template)
        template.close()
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture(scope="session")
def pg_url(pg_cluster) -> str:
    """URL of the throw-away cluster's maintenance database (superuser `postgres`, trust auth on
    127.0.0.1): for creating databases. A test's own database: `make_pg_database()`."""
    return pg_cluster.url()


_database_numbers = itertools.count(1)


@pytest.fixture
def make_pg_database(pg_cluster) -> Iterator[Callable[..., str]]:
    """`make_pg_database(empty=False) -> url`: a new database on the session's cluster, at the
    current schema (a copy of the template, ~50 ms) or `empty`; dropped after the test."""
    made: list[str] = []

    def make(empty: bool = False) -> str:
        name = f"t{os.getpid()}_{next(_database_numbers)}"
        pg_cluster.execute(f"CREATE DATABASE {name} TEMPLATE {'template0' if empty else _TEMPLATE}")
        made.append(name)
        return pg_cluster.url(name)

    yield make
    for name in made:
        pg_cluster.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def db_engine(request) -> str:
    """"sqlite" (default) or "postgresql" (tests marked `both_engines` run with each);
    WACAMPAIGN_TEST_ENGINE=postgresql runs every unmarked test on PostgreSQL (a whole-suite
    check, not CI's default)."""
    return getattr(request, "param", os.environ.get("WACAMPAIGN_TEST_ENGINE", "sqlite"))


@pytest.fixture
def database_url(db_engine, request) -> str:
    """"" on SQLite (the profile's own file); on PostgreSQL the URL of a fresh database at the
    current schema, for this test only."""
    if db_engine == "sqlite":
        return ""
    return request.getfixturevalue("make_pg_database")()


@pytest.fixture
def db(tmp_path, database_url):
    """A real, migrated database bound to the models: a SQLite file, or a fresh PostgreSQL
    database for tests marked `both_engines`."""
    path = tmp_path / "test.sqlite3"
    database = make_database(database_url or path)
    bind_database(database)
    database.connect()
    migrate_database(database, None if database_url else path)
    yield database
    database.close()


@pytest.fixture
def context(tmp_path, database_url):
    """A whole profile (settings, secrets file, database) in a temp folder; its database on
    PostgreSQL for tests marked `both_engines` (the second run)."""
    ctx = AppContext.open(tmp_path / "profile", log_to_file=True, database_url=database_url or None)
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
