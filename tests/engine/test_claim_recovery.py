"""Claim recovery after a crash must find every message Twilio created for the claim, including
one that has no send date yet (still queued at Twilio, or failed before it was ever sent):
resending it would give the recipient the message twice."""

from __future__ import annotations

from datetime import timedelta

import pytest
from engine_helpers import make_campaign, make_contacts

from wacampaign_desktop.core.engine import reconciliation as rec
from wacampaign_desktop.core.events import EventBus
from wacampaign_desktop.core.sandbox import DEFAULT_SENDER, SandboxConfig, SandboxServer
from wacampaign_desktop.core.store import message_updates as mu
from wacampaign_desktop.core.store.models import CampaignMessage, utcnow
from wacampaign_desktop.core.twilio_gateway import SendRequest, TwilioGateway

pytestmark = pytest.mark.both_engines  # H: on SQLite and on PostgreSQL


def test_claim_of_a_message_queued_at_twilio_is_recorded_not_resent(db):
    sandbox = SandboxServer(SandboxConfig(seed=21, step_latency=3600.0))  # stays queued an hour
    sandbox.start()
    gateway = TwilioGateway(sandbox.credentials)
    try:
        make_contacts(1)
        campaign = make_campaign()
        mu.insert_messages(campaign.id, [{"phone": "+33610000000", "contact": 1,
                                          "message": "Hello", "status": "pending"}])
        message = CampaignMessage.get(CampaignMessage.campaign == campaign.id)
        claimed_at = utcnow() - timedelta(seconds=30)
        mu.transition(message, "sending", claimed_at=claimed_at)
        # The crashed process's API call reached Twilio; its sid never reached the database.
        sent = gateway.send(SendRequest(to=message.phone, sender=DEFAULT_SENDER, body="Hello"))
        assert sent.success and sandbox.messages()[0].date_sent() is None  # no send date yet

        outcome = rec.resolve_claim(gateway, EventBus(), CampaignMessage.get_by_id(message.id))

        assert outcome == "sent"
        stored = CampaignMessage.get_by_id(message.id)
        assert stored.twilio_sid == sent.sid and stored.status == "queued"
        assert sandbox.send_counts() == {message.phone: 1}
    finally:
        gateway.close()
        sandbox.stop()
