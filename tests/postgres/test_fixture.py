"""The both-engines fixtures: each run really is on the engine it says, with a fresh database."""

from __future__ import annotations

import pytest

from wacampaign_desktop.core.store.database import engine_name
from wacampaign_desktop.core.store.migrations import CURRENT_VERSION, current_version
from wacampaign_desktop.core.store.models import Contact

pytestmark = pytest.mark.both_engines


def test_db_is_on_the_named_engine_fresh_and_current(db, db_engine):
    assert engine_name(db) == db_engine
    assert current_version(db) == CURRENT_VERSION
    assert Contact.select().count() == 0
    Contact.create(phone="+33612345678", name="Ana")
    assert Contact.get(Contact.phone == "+33612345678").name == "Ana"


def test_context_is_on_the_named_engine(context, db_engine):
    assert context.engine == db_engine
    assert Contact.select().count() == 0


def test_empty_database_has_no_tables(make_pg_database):
    from wacampaign_desktop.core.store.database import make_database

    db = make_database(make_pg_database(empty=True))
    db.connect()
    try:
        assert db.get_tables() == []
        assert current_version(db) is None
    finally:
        db.close()
