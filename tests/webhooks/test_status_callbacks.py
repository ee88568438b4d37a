"""Status callbacks over real HTTP into real SQLite: signed, idempotent, order-proof, committed
before the 2xx, events after commit."""

from __future__ import annotations

import random
import sqlite3
import threading
from datetime import timedelta

import pytest

from tests.webhooks.helpers import TOKEN, Client, make_campaign, sign, status_params, wait_for
from wacampaign_desktop.core import status_rules as rules
from wacampaign_desktop.core.events import (
    Alert,
    CountersChanged,
    MessageStatusChanged,
    SignatureRejected,
)
from wacampaign_desktop.core.store import message_updates as mu
from wacampaign_desktop.core.store.models import (
    CampaignMessage,
    PendingCallback,
    WebhookEvent,
    utcnow,
)
from wacampaign_desktop.core.webhooks import STATUS_PATH, WebhookServer


def _status(sid):
    return CampaignMessage.get(CampaignMessage.twilio_sid == sid).status


def test_callback_is_on_disk_before_the_answer_and_events_follow_commit(db, server, client, bus):
    campaign, _, sids = make_campaign(2)
    seen_on_disk = []

    def check(event):  # a separate connection sees the change when the event arrives
        if isinstance(event, MessageStatusChanged):
            con = sqlite3.connect(db.database)
            seen_on_disk.append(con.execute("select status from campaign_message where twilio_sid=?",
                                            (event.sid,)).fetchone()[0])
            con.close()

    bus.subscribe(check)
    status, _, _ = client.post(STATUS_PATH, status_params(sids[0], "delivered"))
    assert status == 200
    con = sqlite3.connect(db.database)
    assert con.execute("select status from campaign_message where twilio_sid=?",
                       (sids[0],)).fetchone()[0] == "delivered"
    con.close()
    assert wait_for(lambda: seen_on_disk == ["delivered"])
    assert mu.campaign_counters(campaign.id) == mu.recount(campaign.id)
    assert mu.campaign_counters(campaign.id)["delivered"] == 1


@pytest.mark.both_engines  # H: on SQLite and on PostgreSQL
def test_out_of_order_and_duplicates_change_nothing(server, client, events):
    campaign, _, sids = make_campaign(1)
    sid = sids[0]
    assert client.post(STATUS_PATH, status_params(sid, "read"))[0] == 200
    before = mu.campaign_counters(campaign.id)
    changes = sum(isinstance(e, MessageStatusChanged) for e in events)
    for late in ("delivered", "sent", "read", "read"):
        assert client.post(STATUS_PATH, status_params(sid, late))[0] == 200
    assert _status(sid) == "read"
    assert mu.campaign_counters(campaign.id) == before == mu.recount(campaign.id)
    assert sum(isinstance(e, MessageStatusChanged) for e in events) == changes
    outcomes = [e.outcome for e in WebhookEvent.select().order_by(WebhookEvent.id)]
    assert outcomes == ["applied", "ignored", "ignored", "duplicate", "duplicate"]


@pytest.mark.both_engines  # H: on SQLite and on PostgreSQL
def test_idempotency_token_drops_a_redelivery(server, client):
    campaign, _, sids = make_campaign(1, status="queued")
    headers = {"I-Twilio-Idempotency-Token": "tok-123"}
    assert client.post(STATUS_PATH, status_params(sids[0], "sent"), headers=headers)[0] == 200
    # Same delivery again but, say, a later status in a retried payload: the token wins.
    assert client.post(STATUS_PATH, status_params(sids[0], "delivered"), headers=headers)[0] == 200
    assert _status(sids[0]) == "sent"
    assert [e.outcome for e in WebhookEvent.select().order_by(WebhookEvent.id)] == ["applied", "duplicate"]


def test_forged_or_wrong_url_signature_is_403_and_changes_nothing(db, bus, events):
    campaign, _, sids = make_campaign(1)
    public = "https://abc123.ngrok-free.app"
    srv = WebhookServer(bus, lambda: TOKEN, public_base_url=lambda: public, port=0)
    srv.start()
    try:
        c = Client(srv.local_base_url, public_base=public)
        before = mu.campaign_counters(campaign.id)
        forged = [
            c.post(STATUS_PATH, status_params(sids[0], "read"), signature="AAAA"),
            c.post(STATUS_PATH, status_params(sids[0], "read"), signature=""),
            c.post(STATUS_PATH, status_params(sids[0], "read"),
                   sign_url="https://elsewhere.example" + STATUS_PATH),
        ]
        other_token = Client(srv.local_base_url, public_base=public, token="not-the-token")
        forged.append(other_token.post(STATUS_PATH, status_params(sids[0], "read")))
        assert [r[0] for r in forged] == [403, 403, 403, 403]
        assert _status(sids[0]) == "sent"
        assert mu.campaign_counters(campaign.id) == before
        rejected = list(WebhookEvent.select().where(WebhookEvent.outcome == "rejected"))
        # Four rejections recorded (repeats of the same client + reason + body are counted in one
        # bounded row instead of storing each body again).
        assert sum(r.params["repeats"] for r in rejected) == 4
        assert not any(r.signature_valid for r in rejected)
        assert wait_for(lambda: sum(isinstance(e, SignatureRejected) for e in events) == 4)
        # Signed against the public URL (https, tunnel host) although it arrived on 127.0.0.1: accepted.
        assert c.post(STATUS_PATH, status_params(sids[0], "read"))[0] == 200
        assert _status(sids[0]) == "read"
        # HMAC-SHA256 announced by X-Twilio-Webhooks-Signature-Settings.
        params = status_params(sids[0], "read", Extra="1")
        sha256 = sign(public + STATUS_PATH, params, algorithm="HMAC_SHA256")
        status, _, _ = c.post(STATUS_PATH, params, signature=sha256, headers={
            "X-Twilio-Webhooks-Signature-Settings": "key=webhooks_sharedkey_x,algorithm=HMAC_SHA256"})
        assert status == 200
        c.close()
        other_token.close()
    finally:
        srv.stop()


@pytest.mark.both_engines  # H: on SQLite and on PostgreSQL
def test_callback_before_its_sid_is_kept_then_applied(server, client, events):
    campaign, messages, sids = make_campaign(2, with_sids=False)
    early = "SMearly000000000000000000000000001"
    for status in ("delivered", "sent", "delivered"):
        assert client.post(STATUS_PATH, status_params(early, status))[0] == 200
    waiting = list(PendingCallback.select().where(PendingCallback.sid == early))
    assert sorted(p.status for p in waiting) == ["delivered", "sent"]  # the duplicate is not held twice
    mu.transition(messages[0], "sending")
    mu.record_sid(messages[0], early, "queued")
    assert _status(early) == "delivered"
    assert mu.campaign_counters(campaign.id) == mu.recount(campaign.id)


def test_orphan_callbacks_are_reported_not_dropped(db, bus, events):
    srv = WebhookServer(bus, lambda: TOKEN, port=0, pending_timeout=timedelta(seconds=0))
    srv.start()
    try:
        c = Client(srv.local_base_url)
        orphan = "SMorphan00000000000000000000000001"
        assert c.post(STATUS_PATH, status_params(orphan, "read"))[0] == 200
        assert srv.sweep_pending() == 1
        assert srv.sweep_pending() == 0  # reported once
        assert wait_for(lambda: any(isinstance(e, Alert) for e in events))
        alerts = [e for e in events if isinstance(e, Alert)]
        assert alerts and alerts[0].code == "callback_orphaned" and orphan in alerts[0].details["sids"]
        assert WebhookEvent.select().where(WebhookEvent.outcome == "not_found").count() == 1
        held = PendingCallback.get(PendingCallback.sid == orphan)
        assert held.reported_at is not None  # still kept
        c.close()
    finally:
        srv.stop()
    # The message shows up later after all: the kept callback still applies.
    _, messages, _ = make_campaign(1, with_sids=False)
    mu.transition(messages[0], "sending")
    mu.record_sid(messages[0], orphan, "queued")
    assert _status(orphan) == "read"


@pytest.mark.both_engines  # H: on SQLite and on PostgreSQL
def test_concurrent_shuffled_storm_keeps_counters_exact(server, events):
    campaign, _, sids = make_campaign(120, status="queued")
    rng = random.Random(4)
    jobs = [(sid, s) for sid in sids for s in ("sent", "delivered", "read", "failed")
            if s != "failed" or rng.random() < 0.2]
    jobs += rng.sample(jobs, len(jobs) // 10)
    rng.shuffle(jobs)
    expected: dict[str, list[str]] = {sid: [] for sid in sids}
    for sid, s in jobs:
        expected[sid].append(s)
    failures = []

    def worker(part):
        c = Client(server.local_base_url)
        for sid, s in part:
            code = c.post(STATUS_PATH, status_params(sid, s))[0]
            if code != 200:
                failures.append(code)
        c.close()

    threads = [threading.Thread(target=worker, args=(jobs[i::8],)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert failures == []
    for sid in sids:
        assert _status(sid) == rules.final_of(expected[sid], start="queued"), sid
    assert mu.campaign_counters(campaign.id) == mu.recount(campaign.id)
    final = mu.recount(campaign.id)
    assert wait_for(lambda: [e for e in events if isinstance(e, CountersChanged)][-1].counters == final)
    assert WebhookEvent.select().count() == len(jobs)
    assert utcnow()  # the clock helper stays importable for the sweep
