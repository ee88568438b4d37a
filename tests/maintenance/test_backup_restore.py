"""Backups: a copy taken while the webhook server is storing callbacks is consistent (after a
restore, every campaign's counters equal a recount of its messages), a bad copy is refused
before anything is replaced, and the daily backup keeps the last K copies."""

from __future__ import annotations

import sqlite3
import threading
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from tests.webhooks.helpers import TOKEN, Client, make_campaign, status_params, wait_for
from wacampaign_desktop.core.store import backup as bk
from wacampaign_desktop.core.store import message_updates as mu
from wacampaign_desktop.core.store.models import Campaign, WebhookEvent
from wacampaign_desktop.core.webhooks import STATUS_PATH, WebhookServer

NOW = datetime(2026, 11, 29, 12, 0, 0)


def _live_path(db) -> Path:
    return Path(db.database)


def _storm(base_url: str, sids: list[str], clients: int = 4) -> threading.Thread:
    def post(part: list[str]) -> None:
        client = Client(base_url)
        for sid in part:
            for status in ("delivered", "read"):
                assert client.post(STATUS_PATH, status_params(sid, status))[0] == 200
        client.close()

    threads = [threading.Thread(target=post, args=(sids[i::clients],)) for i in range(clients)]
    runner = threading.Thread(target=lambda: [t.start() for t in threads] + [t.join() for t in threads])
    runner.start()
    return runner


def test_a_backup_during_a_callback_storm_restores_with_counters_equal_to_a_recount(db, bus, tmp_path):
    campaign, _, sids = make_campaign(400)
    server = WebhookServer(bus, lambda: TOKEN, public_base_url=lambda: "", port=0)
    server.start()
    try:
        storm = _storm(server.local_base_url, sids)
        assert wait_for(lambda: WebhookEvent.select().count() >= 150)
        copy = bk.backup(_live_path(db), tmp_path / "copy.sqlite3")
        storm.join(60)
        assert not storm.is_alive()
    finally:
        server.stop()
    assert copy.ok and copy.schema_version is not None
    final_events = WebhookEvent.select().count()
    assert final_events == 800 and Campaign.get_by_id(campaign.id).read_count == 400

    aside = bk.restore(copy.path, _live_path(db), now=NOW)
    restored_events = WebhookEvent.select().count()
    assert 150 <= restored_events <= final_events
    restored = Campaign.get_by_id(campaign.id).counters()
    assert restored == mu.recount(campaign.id)
    assert Campaign.get_by_id(campaign.id).total_count == 400 and restored["read"] <= 400
    # The database as it was before the restore is kept aside, whole.
    with sqlite3.connect(aside) as previous:
        assert previous.execute("SELECT COUNT(*) FROM webhook_event").fetchone()[0] == final_events


def test_a_damaged_or_foreign_copy_is_refused_and_nothing_is_replaced(db, tmp_path):
    make_campaign(3)
    live = _live_path(db)
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    other = tmp_path / "other.sqlite3"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE notes (x)")
    for bad, reason in ((junk, "not a readable|damaged"), (other, "not a WA Campaign"),
                        (tmp_path / "missing.sqlite3", "does not exist")):
        with pytest.raises(bk.BackupError, match=reason):
            bk.restore(bad, live, now=NOW)
    newer = bk.backup(live, tmp_path / "newer.sqlite3").path
    with sqlite3.connect(newer) as connection:
        connection.execute("INSERT INTO schema_version (version, changed_at) VALUES (99, '2026-01-01')")
    with pytest.raises(bk.BackupError, match="newer version"):
        bk.restore(newer, live, now=NOW)
    assert Campaign.select().count() == 1
    assert not list(tmp_path.glob("*before-restore*"))


def test_the_daily_backup_runs_once_a_day_and_keeps_the_last_copies(db, tmp_path):
    folder = tmp_path / "backups"
    live = _live_path(db)
    made = [bk.daily_backup(live, folder, keep=3, now=NOW + timedelta(hours=6 * i)) for i in range(12)]
    assert [m is not None for m in made] == [i % 4 == 0 for i in range(12)]  # every 24 h
    kept = bk.daily_backups(folder)
    assert [p.name for p in kept] == [p.name for p in (made[0], made[4], made[8])]
    made = [bk.daily_backup(live, folder, keep=2, now=NOW + timedelta(days=d)) for d in (4, 5)]
    assert bk.daily_backups(folder) == made
    assert all(bk.check_copy(p).ok for p in made)
