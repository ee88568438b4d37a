"""Claim recovery after a crash counts only the sends Twilio took: a claimed message Twilio never
received goes back to the queue with its claim's attempt given back, one Twilio did receive
keeps it, and once the requeued message is sent, its attempts equal Twilio's sends again."""

from __future__ import annotations

from datetime import timedelta

import pytest

from wacampaign_desktop.core.engine import reconciliation as rec
from wacampaign_desktop.core.engine.dispatcher import claim_batch
from wacampaign_desktop.core.events import EventBus
from wacampaign_desktop.core.sandbox import DEFAULT_SENDER, SandboxConfig, SandboxServer
from wacampaign_desktop.core.store import message_updates as mu
from wacampaign_desktop.core.store.models import Campaign, CampaignMessage, Contact, utcnow
from wacampaign_desktop.core.store.writer import StoreWriter
from wacampaign_desktop.core.twilio_gateway import SendRequest, TwilioGateway

pytestmark = pytest.mark.both_engines  # on SQLite and on PostgreSQL


def test_requeued_claim_keeps_attempts_equal_to_twilio_sends(db):
    sandbox = SandboxServer(SandboxConfig(seed=22, step_latency=3600.0))
    sandbox.start()
    gateway = TwilioGateway(sandbox.credentials)
    bus = EventBus()
    writer = StoreWriter(db, bus)
    try:
        campaign = Campaign.create(name="Crash", body="Hello", send_rate=10.0)
        phones = ["+33610000001", "+33610000002"]
        for phone in phones:
            contact = Contact.create(phone=phone, name=phone[-2:])
            mu.insert_messages(campaign.id, [{"phone": phone, "contact": contact.id,
                                              "message": "Hello"}])
        claimed = claim_batch(writer, campaign.id, 10)  # what the crashed process did
        assert [m.attempts for m in claimed] == [1, 1]
        reached, lost = sorted(claimed, key=lambda m: m.phone)
        # Only the first API call reached Twilio; the process died before recording its sid.
        sent = gateway.send(SendRequest(to=reached.phone, sender=DEFAULT_SENDER, body="Hello"))
        assert sent.success
        CampaignMessage.update(claimed_at=utcnow() - timedelta(seconds=30)).where(
            CampaignMessage.campaign == campaign.id).execute()

        outcomes = {m.phone: rec.resolve_claim(gateway, bus, CampaignMessage.get_by_id(m.id))
                    for m in (reached, lost)}

        assert outcomes == {reached.phone: "sent", lost.phone: "released"}
        counts = sandbox.send_counts()
        stored = {m.phone: m for m in CampaignMessage.select().where(
            CampaignMessage.campaign == campaign.id)}
        assert stored[lost.phone].status == "pending" and stored[lost.phone].claimed_at is None
        assert {p: m.attempts for p, m in stored.items()} == {reached.phone: 1, lost.phone: 0}
        assert {p: counts.get(p, 0) for p in phones} == {reached.phone: 1, lost.phone: 0}

        # The requeued message is claimed and sent once: one attempt, one send at Twilio.
        again = claim_batch(writer, campaign.id, 10)
        assert [(m.phone, m.attempts) for m in again] == [(lost.phone, 1)]
        assert gateway.send(SendRequest(to=lost.phone, sender=DEFAULT_SENDER, body="Hello")).success
        assert sandbox.send_counts()[lost.phone] == CampaignMessage.get_by_id(lost.id).attempts
    finally:
        gateway.close()
        sandbox.stop()
