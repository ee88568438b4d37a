"""core/services/database_settings: the team database as people choose it — a server's fields
make the URL back (never a password), and a failed connection is told apart as cannot reach /
no such database, on the throw-away cluster."""

from __future__ import annotations

import socket

from wacampaign_desktop.core.services import database_settings as dbs


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_fields_and_url_round_trip_without_password():
    choice = dbs.DatabaseChoice("postgresql", "db.example.com", 6543, "shop", "anne marie",
                                "require")
    assert choice.url == "postgresql://anne%20marie@db.example.com:6543/shop?sslmode=require"
    assert dbs.choice_of_url(choice.url) == choice
    assert dbs.choice_of_url("") == dbs.DatabaseChoice()  # the profile's own file
    assert dbs.DatabaseChoice("postgresql", "db", 5432, "", "staff").problem() == "database"


def test_connection_results_say_what_failed(context, make_pg_database):
    good = dbs.choice_of_url(make_pg_database())

    ok = dbs.try_connection(context, good)
    assert ok.ok and ok.version.startswith("PostgreSQL")

    missing = dbs.try_connection(context, dbs.DatabaseChoice(
        "postgresql", good.host, good.port, "no_such_shop", good.user))
    assert not missing.ok and missing.failure.kind == "missing"

    closed = dbs.try_connection(context, dbs.DatabaseChoice(
        "postgresql", good.host, _closed_port(), good.database, good.user))
    assert not closed.ok and closed.failure.kind == "unreachable"
    assert closed.failure.server.startswith(f"postgresql://{good.user}@127.0.0.1:")


def test_refused_password_is_told_apart():  # the cluster trusts 127.0.0.1: libpq's own words
    words = ('connection failed: connection to server at "10.0.0.5", port 5432 failed: FATAL:  '
             'password authentication failed for user "staff"')
    assert dbs.failure_kind(words) == "password"
    assert dbs.failure_kind('... failed: FATAL:  database "shop" does not exist') == "missing"
