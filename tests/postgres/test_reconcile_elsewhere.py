"""A second process on the same database leaves the in-flight messages of a campaign another live
process is sending to that process: its reconciliation fetches none of them from Twilio (it used
to fetch them all again every half second). A campaign nobody sends is still reconciled."""

from __future__ import annotations

from datetime import timedelta

import pytest

from wacampaign_desktop.core.engine import reconciliation as rec
from wacampaign_desktop.core.events import EventBus
from wacampaign_desktop.core.sandbox import DEFAULT_SENDER, SandboxConfig, SandboxServer
from wacampaign_desktop.core.store import message_updates as mu
from wacampaign_desktop.core.store.models import Campaign, CampaignMessage, Contact, utcnow
from wacampaign_desktop.core.twilio_gateway import SendRequest, TwilioGateway

pytestmark = pytest.mark.both_engines  # the team case is PostgreSQL; SQLite behaves the same


def _in_flight_campaign(gateway: TwilioGateway, name: str, phones: list[str],
                        **owner: object) -> int:
    """A campaign whose messages reached Twilio (real sids, still queued there) a minute ago."""
    campaign = Campaign.create(name=name, body="Hello", state="sending", **owner)
    rows = []
    for phone in phones:
        contact = Contact.create(phone=phone, name=phone)
        rows.append({"phone": phone, "contact": contact.id, "message": "Hello",
                     "status": "pending"})
    mu.insert_messages(campaign.id, rows)
    for message in CampaignMessage.select().where(CampaignMessage.campaign == campaign.id):
        sent = gateway.send(SendRequest(to=message.phone, sender=DEFAULT_SENDER, body="Hello"))
        assert sent.success
        CampaignMessage.update(status="queued", twilio_sid=sent.sid,
                               claimed_at=utcnow() - timedelta(minutes=1)).where(
            CampaignMessage.id == message.id).execute()
    return campaign.id


def test_second_process_does_not_fetch_messages_another_process_is_sending(db):
    sandbox = SandboxServer(SandboxConfig(seed=5, step_latency=3600.0))  # stay queued
    sandbox.start()
    gateway = TwilioGateway(sandbox.credentials)
    try:
        theirs = _in_flight_campaign(
            gateway, "Theirs", [f"+3361000000{i}" for i in range(6)],
            sending_owner="colleague-pc · pid 4812", owner_seen_at=utcnow())
        nobodys = _in_flight_campaign(gateway, "Left over", ["+33620000001", "+33620000002"])

        before = sandbox.stats.api_requests
        batch = rec.stale_in_flight(0)
        fetched, _changed = rec.reconcile(gateway, EventBus(), batch)

        assert {m.campaign_id for m in batch} == {nobodys}
        assert fetched == 2
        assert sandbox.stats.api_requests - before == 2  # the 6 of "Theirs": never fetched

        # the colleague's process stops (no heartbeat for long): its messages are ours to check
        Campaign.update(owner_seen_at=utcnow() - timedelta(hours=1)).where(
            Campaign.id == theirs).execute()
        assert {m.campaign_id for m in rec.stale_in_flight(0)} == {theirs, nobodys}
    finally:
        gateway.close()
        sandbox.stop()
