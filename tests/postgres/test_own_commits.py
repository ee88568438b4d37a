"""The change feed tells a window what OTHER processes committed, never what its own process's
store writer committed (on SQLite `PRAGMA data_version` changes on any other connection's
commit: a 1,600-callbacks-a-second storm in this process used to look like another window
changing everything, and made every view re-read the database), on both engines."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from wacampaign_desktop.core.events import ExternalChange
from wacampaign_desktop.core.services.external_changes import watch
from wacampaign_desktop.core.store.models import Campaign
from wacampaign_desktop.core.store.writer import Outcome, StoreWriter

pytestmark = pytest.mark.both_engines
ROOT = Path(__file__).resolve().parents[2]


def _other_process_creates_a_campaign(context, database_url: str) -> None:
    extra = ["--database-url", database_url] if database_url else []
    result = subprocess.run(
        [sys.executable, "-m", "wacampaign_desktop", "campaign", "create", "--name", "Elsewhere",
         "--body", "Hi", "--data-dir", str(context.paths.data_dir), *extra], cwd=ROOT,
        env={**os.environ, "WACAMPAIGN_SECRET_BACKEND": "file"}, capture_output=True, text=True,
        timeout=60)
    assert result.returncode == 0, result.stderr


def test_own_writer_commits_are_not_external_but_another_process_is(context, database_url,
                                                                     wait_until):
    context.save_settings()
    campaign = Campaign.create(name="Mine", body="Hi")
    writer = StoreWriter(context.db, context.bus)
    writer.start()
    seen: list[ExternalChange] = []
    lock = threading.Lock()

    def collect(event: object) -> None:
        with lock:
            seen.append(event)  # type: ignore[arg-type]

    unsubscribe = context.bus.subscribe(collect, ExternalChange)
    feed = watch(context)  # finds this process's running writer itself (writer.running_writer)
    try:
        wait_until(lambda: feed.rounds >= 2, 5.0, "the feed is watching")

        def bump(_batch: object) -> Outcome:
            Campaign.update(sent_count=Campaign.sent_count + 1).where(
                Campaign.id == campaign.id).execute()
            return Outcome()

        for _ in range(20):  # this process's writes, spread over several checks of the feed
            start = feed.rounds
            writer.call(bump)
            writer.call(bump)
            wait_until(lambda start=start: feed.rounds > start, 5.0, "the feed checked again")
        settled = feed.rounds
        wait_until(lambda: feed.rounds >= settled + 2, 5.0, "the feed checked after the writes")
        assert Campaign.get_by_id(campaign.id).sent_count == 40
        assert seen == [], "this process's own writer commits were told as another process's"

        _other_process_creates_a_campaign(context, database_url)
        wait_until(lambda: bool(seen), 1.0, "another process's commit is told within a second")
    finally:
        feed.stop()
        unsubscribe()
        writer.stop()
