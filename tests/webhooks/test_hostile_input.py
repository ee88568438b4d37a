"""Bad input from outside, through real HTTP: an ErrorCode beyond 64 bits, a flood of forged
large posts, an incoming message whose sender is not a phone; and the pending-callback timeout
on a clock the test moves."""

from __future__ import annotations

import os
from datetime import timedelta

from tests.webhooks.helpers import TOKEN, Client, incoming_params, make_campaign, status_params
from wacampaign_desktop.core.clock import ManualClock
from wacampaign_desktop.core.store import message_updates as mu
from wacampaign_desktop.core.store.models import (
    CampaignMessage,
    Contact,
    InboundMessage,
    PendingCallback,
    WebhookEvent,
)
from wacampaign_desktop.core.webhooks import INCOMING_PATH, STATUS_PATH, WebhookServer


def test_error_code_beyond_64_bits_is_stored_as_unknown_and_the_status_applies(server, client):
    campaign, _, sids = make_campaign(2)
    huge = "9" * 30
    status, _, _ = client.post(STATUS_PATH, status_params(sids[0], "failed", ErrorCode=huge))
    assert status == 200
    assert client.post(STATUS_PATH, status_params(sids[1], "undelivered", ErrorCode="63016x"))[0] == 200
    first = CampaignMessage.get(CampaignMessage.twilio_sid == sids[0])
    assert (first.status, first.error_code) == ("failed", None)
    assert CampaignMessage.get(CampaignMessage.twilio_sid == sids[1]).status == "undelivered"
    logged = WebhookEvent.get(WebhookEvent.sid == sids[0])
    assert logged.outcome == "applied" and logged.params["ErrorCode"] == huge  # raw value kept
    assert mu.campaign_counters(campaign.id) == mu.recount(campaign.id)
    assert mu.campaign_counters(campaign.id)["failed"] == 1


def _db_bytes(db) -> int:
    db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    path = db.database
    return sum(os.path.getsize(p) for p in (path, path + "-wal") if os.path.exists(p))


def test_a_flood_of_forged_large_posts_keeps_the_database_small(db, server, client):
    _, _, sids = make_campaign(1)
    before = _db_bytes(db)
    for i in range(100):
        params = status_params(sids[0], "read", Filler=f"{i:04d}" + "x" * 60_000)
        assert client.post(STATUS_PATH, params, signature="forged")[0] == 403
    grown = _db_bytes(db) - before
    assert grown < 200_000, grown  # 100 × 60 KB would be 6 MB
    rejected = list(WebhookEvent.select().where(WebhookEvent.outcome == "rejected"))
    assert sum(r.params["repeats"] for r in rejected) == 100
    assert all(r.params["body_bytes"] > 60_000 for r in rejected)
    assert CampaignMessage.get(CampaignMessage.twilio_sid == sids[0]).status == "sent"


def test_incoming_message_from_no_phone_is_an_invalid_event_without_a_contact(server, client):
    for sender in ("", "whatsapp:", "whatsapp:+not a phone", "whatsapp:+1"):
        params = {**incoming_params("+33600000009", "hello"), "From": sender}
        status, body, _ = client.post(INCOMING_PATH, params)
        assert status == 200 and body.endswith("<Response/>"), sender
    assert Contact.select().count() == 0
    assert InboundMessage.select().count() == 0
    assert [e.outcome for e in WebhookEvent.select()] == ["invalid"] * 4
    # A real sender still works.
    assert client.post(INCOMING_PATH, incoming_params("+33600000009", "hello"))[0] == 200
    assert Contact.select().count() == 1


def test_pending_callback_is_reported_once_the_clock_passes_the_timeout(db, bus):
    clock = ManualClock()
    srv = WebhookServer(bus, lambda: TOKEN, port=0, pending_timeout=timedelta(minutes=10),
                        clock=clock)
    srv.start()
    try:
        c = Client(srv.local_base_url)
        orphan = "SMlate0000000000000000000000000001"
        assert c.post(STATUS_PATH, status_params(orphan, "delivered"))[0] == 200
        c.close()
        assert PendingCallback.get(PendingCallback.sid == orphan).received_at == clock.now()
        clock.advance(9 * 60)
        assert srv.sweep_pending() == 0
        clock.advance(61)
        assert srv.sweep_pending() == 1
        assert PendingCallback.get(PendingCallback.sid == orphan).reported_at == clock.now()
    finally:
        srv.stop()
