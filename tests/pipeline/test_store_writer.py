"""The one store writer: group commit, one retry policy on a busy database, and no result
dropped — when a batch finally fails every waiting caller gets the exception and nothing of it
is committed; events are published only after a commit."""

from __future__ import annotations

import sqlite3
import threading

import peewee
import pytest

from tests.webhooks.helpers import make_campaign
from wacampaign_desktop.core.clock import ManualClock
from wacampaign_desktop.core.events import CountersChanged, EventBus
from wacampaign_desktop.core.store import message_updates as mu
from wacampaign_desktop.core.store.database import PRAGMAS, bind_database, is_postgres
from wacampaign_desktop.core.store.models import CampaignMessage, WebhookEvent
from wacampaign_desktop.core.store.status_pipeline import StatusReport, status_changes
from wacampaign_desktop.core.store.writer import Outcome, StoreWriter


@pytest.fixture
def impatient(db):
    """The same file with a 50 ms busy timeout (so a held lock fails fast), bound to the models.
    SQLite's file lock only (WACAMPAIGN_TEST_ENGINE=postgresql skips these)."""
    if is_postgres(db):
        pytest.skip("about SQLite's file write lock")
    quick = peewee.SqliteDatabase(db.database, pragmas={**PRAGMAS, "busy_timeout": 50},
                                  timeout=0.05, lock_type="IMMEDIATE", check_same_thread=False)
    bind_database(quick)
    yield quick
    quick.close()
    bind_database(db)


class _LockHolder:
    """Another process's connection holding the write lock."""

    def __init__(self, path: str) -> None:
        self.con = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self.con.execute("BEGIN IMMEDIATE")

    def release(self) -> None:
        self.con.execute("ROLLBACK")
        self.con.close()


def _status_work(sid: str, status: str):
    def work(batch):
        with status_changes(clock=batch.clock) as changes:
            changes.apply([StatusReport(sid, status)])
        return Outcome(status, changes.events)
    return work


def test_a_batch_that_stays_busy_fails_every_caller_and_commits_nothing(db, impatient):
    campaign, _, sids = make_campaign(3, status="queued")
    clock = ManualClock()
    holder = _LockHolder(db.database)
    events: list = []
    bus = EventBus()
    bus.subscribe(events.append)
    writer = StoreWriter(impatient, bus, clock=clock, attempts=3, linger_s=0.05)
    gate = threading.Event()
    try:
        writer.start()
        blocker = writer.submit(lambda _b: (gate.wait(10), Outcome("waited"))[1])
        futures = [writer.submit(_status_work(sid, "delivered")) for sid in sids]
        gate.set()
        errors = []
        for future in [blocker, *futures]:
            with pytest.raises(peewee.OperationalError) as caught:
                future.result(30)
            errors.append(caught.value)
        assert writer.retries >= 2  # the same batch was tried again before giving up
    finally:
        holder.release()
        writer.stop()
    assert {m.status for m in CampaignMessage.select()} == {"queued"}
    assert mu.campaign_counters(campaign.id) == mu.recount(campaign.id)
    assert events == []  # nothing committed, nothing announced


def test_a_lock_released_between_attempts_lets_the_batch_through(db, impatient):
    campaign, _, sids = make_campaign(2, status="queued")
    holder = _LockHolder(db.database)

    class ReleasingClock(ManualClock):
        def sleep(self, seconds: float) -> None:  # the other writer finishes while we wait
            holder.release() if holder.con else None
            holder.con = None
            super().sleep(seconds)

    events: list = []
    bus = EventBus()
    bus.subscribe(events.append)
    writer = StoreWriter(impatient, bus, clock=ReleasingClock())
    writer.start()
    try:
        assert [writer.call(_status_work(sid, "read"), 30) for sid in sids] == ["read", "read"]
    finally:
        writer.stop()
    assert writer.retries == 1
    assert {m.status for m in CampaignMessage.select()} == {"read"}
    counters = [e for e in events if isinstance(e, CountersChanged)]
    assert counters[-1].counters == mu.recount(campaign.id) == mu.campaign_counters(campaign.id)


@pytest.mark.both_engines  # H: on SQLite and on PostgreSQL
def test_one_commit_many_items_one_counters_event_per_campaign(db):
    campaign, _, sids = make_campaign(4, status="queued")
    events: list = []
    bus = EventBus()
    bus.subscribe(events.append)
    writer = StoreWriter(db, bus)
    writer.start()
    try:
        gate, started = threading.Event(), threading.Event()
        first = writer.submit(lambda _b: (started.set(), gate.wait(10), Outcome("first"))[2])
        assert started.wait(20)
        futures = [writer.submit(_status_work(sid, "delivered")) for sid in sids]
        bad = writer.submit(lambda _b: (WebhookEvent.create(kind="x", outcome="half"),
                                        1 / 0))
        gate.set()
        assert first.result(20) == "first"
        assert [f.result(20) for f in futures] == ["delivered"] * 4
        with pytest.raises(ZeroDivisionError):
            bad.result(20)
    finally:
        writer.stop()
    assert writer.batches == 2
    counters = [e for e in events if isinstance(e, CountersChanged)]
    assert len(counters) == 1 and counters[0].delta == {"pending": -4, "sent": 4, "delivered": 4}
    assert counters[0].counters == mu.recount(campaign.id)
    assert WebhookEvent.select().where(WebhookEvent.outcome == "half").count() == 0
