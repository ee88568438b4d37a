"""A database written by the first release (schema 1) opens in this version with nothing lost."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from wacampaign_desktop.core.store import message_updates as mu
from wacampaign_desktop.core.store.database import bind_database, make_database
from wacampaign_desktop.core.store.migrations import (
    CURRENT_VERSION,
    MigrationError,
    current_version,
    migrate_database,
)
from wacampaign_desktop.core.store.models import (
    Campaign,
    CampaignMessage,
    Contact,
    InboundMessage,
    PendingCallback,
    SchemaVersion,
    WebhookEvent,
)

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "schema_v1.sqlite3"


@pytest.fixture
def v1_copy(tmp_path):
    target = tmp_path / "wacampaign.sqlite3"
    shutil.copy(FIXTURE, target)
    return target


def _open(path):
    database = make_database(path)
    bind_database(database)
    database.connect()
    return database


def test_schema_1_migrates_to_current_with_no_data_lost(v1_copy):
    database = _open(v1_copy)
    assert current_version(database) == 1
    assert migrate_database(database, v1_copy) == CURRENT_VERSION
    assert current_version(database) == CURRENT_VERSION
    assert [row.version for row in SchemaVersion.select().order_by(SchemaVersion.id)] == list(
        range(1, CURRENT_VERSION + 1))

    amelie = Contact.get(Contact.phone == "+33612345678")
    assert amelie.name == "Amélie Durand" and amelie.fields == {"city": "Lyon"}
    assert amelie.tags == ["vip"]
    assert Contact.get(Contact.phone == "+14155550100").opted_out
    campaign = Campaign.get_by_id(1)
    assert campaign.name == "Soldes de janvier"
    assert campaign.audience == {} and campaign.variants == []
    assert campaign.counters()["read"] == 1 and campaign.counters()["delivered"] == 2
    assert CampaignMessage.select().count() == 3
    read_message = CampaignMessage.get(CampaignMessage.twilio_sid == "SM00000000000000000000000000000001")
    assert read_message.message == "Bonjour Amélie Durand, -20 % ce week-end !"
    assert read_message.status == "read" and read_message.replied_at is None
    assert InboundMessage.get_by_id(1).body == "Merci !"
    assert WebhookEvent.get_by_id(1).params["MessageStatus"] == "read"

    # The stored counters of the old campaign still agree with its messages.
    stored = campaign.counters()
    assert stored == mu.recount(campaign.id)

    # New columns and tables work.
    mu.mark_replied(read_message)
    assert Campaign.get_by_id(1).replied_count == 1
    PendingCallback.create(sid="SMx", status="sent")
    database.close()


def test_a_copy_is_set_aside_before_migrating(v1_copy):
    database = _open(v1_copy)
    migrate_database(database, v1_copy)
    database.close()
    backups = list(v1_copy.parent.glob("wacampaign.v1-*.bak.sqlite3"))
    assert len(backups) == 1
    with sqlite3.connect(backups[0]) as old:
        assert old.execute("SELECT version FROM schema_version").fetchall() == [(1,)]
        assert old.execute("SELECT COUNT(*) FROM campaign_message").fetchone() == (3,)


def test_migrating_twice_changes_nothing(v1_copy):
    database = _open(v1_copy)
    migrate_database(database, v1_copy)
    migrate_database(database, v1_copy)
    assert SchemaVersion.select().count() == CURRENT_VERSION  # one row per version, no repeat
    database.close()


def test_a_database_from_a_newer_app_is_refused_untouched(tmp_path):
    path = tmp_path / "new.sqlite3"
    database = _open(path)
    migrate_database(database, path)
    SchemaVersion.create(version=CURRENT_VERSION + 1)
    with pytest.raises(MigrationError, match="newer version"):
        migrate_database(database, path)
    assert Contact.table_exists()
    database.close()


def test_a_new_database_uses_wal_and_foreign_keys(db):
    assert db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1


def _schema(path: Path) -> tuple[dict[str, list[str]], list[str]]:
    with sqlite3.connect(path) as connection:
        tables = {
            name: sorted(row[1] for row in connection.execute(f"PRAGMA table_info({name})"))
            for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
        indexes = sorted(
            name for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type='index' AND name NOT LIKE 'sqlite_%'"
            )
        )
    return tables, indexes


def test_a_migrated_database_has_the_same_schema_as_a_new_one(v1_copy, tmp_path):
    database = _open(v1_copy)
    migrate_database(database, v1_copy)
    database.close()
    fresh = tmp_path / "fresh.sqlite3"
    database = _open(fresh)
    migrate_database(database, fresh)
    database.close()
    assert _schema(v1_copy) == _schema(fresh)


def test_an_old_file_is_switched_to_incremental_vacuum_and_new_files_start_so(v1_copy, db):
    assert db.execute_sql("PRAGMA auto_vacuum").fetchone()[0] == 2  # INCREMENTAL
    database = _open(v1_copy)
    assert database.execute_sql("PRAGMA auto_vacuum").fetchone()[0] == 0
    migrate_database(database, v1_copy)
    assert database.execute_sql("PRAGMA auto_vacuum").fetchone()[0] == 2
    assert database.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert CampaignMessage.select().count() == 3
    assert InboundMessage.get_by_id(1).seen_at is None  # schema 5: old replies start unread
    database.close()
