"""Group commit: one bad item cannot spoil its batch; a failing group run falls back to one
savepoint per item; nothing is answered before commit; stop refuses new work clearly."""

from __future__ import annotations

import threading

import pytest

from tests.webhooks.helpers import make_campaign, status_params
from wacampaign_desktop.core.events import EventBus
from wacampaign_desktop.core.store import message_updates as mu
from wacampaign_desktop.core.store.models import CampaignMessage, WebhookEvent
from wacampaign_desktop.core.store.writer import Outcome, StoreWriter, WriterStopped
from wacampaign_desktop.core.webhooks import ingest

pytestmark = pytest.mark.both_engines  # H: on SQLite and on PostgreSQL


def _broken_group(batch, works):
    raise RuntimeError("group path broken")


class BrokenGroupWork(ingest.StatusWork):
    group = staticmethod(_broken_group)


def test_bad_item_and_broken_group_do_not_spoil_the_batch(db):
    campaign, _, sids = make_campaign(3, status="queued")
    writer = StoreWriter(db, EventBus())
    writer.start()
    try:
        gate, started = threading.Event(), threading.Event()
        first = writer.submit(lambda _b: (started.set(), gate.wait(10), Outcome("first"))[2])
        assert started.wait(20)  # the writer is busy: what follows queues up for one batch
        works = [BrokenGroupWork(ingest.Delivery("status", status_params(sid, "delivered")))
                 for sid in sids]

        def bad(_batch):
            WebhookEvent.create(kind="status", outcome="half-done")  # rolled back with its savepoint
            raise ValueError("bad item")

        futures = [writer.submit(works[0]), writer.submit(bad), writer.submit(works[1]),
                   writer.submit(works[2])]
        gate.set()
        assert first.result(20) == "first"
        assert [futures[i].result(20) for i in (0, 2, 3)] == ["applied"] * 3
        with pytest.raises(ValueError):
            futures[1].result(20)
        assert writer.batches == 2  # the four queued items shared one commit
    finally:
        writer.stop()
    assert {m.status for m in CampaignMessage.select()} == {"delivered"}
    assert WebhookEvent.select().where(WebhookEvent.outcome == "half-done").count() == 0
    assert mu.campaign_counters(campaign.id) == mu.recount(campaign.id)
    refused = writer.submit(works[0])
    with pytest.raises(WriterStopped):
        refused.result(1)
