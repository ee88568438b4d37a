"""End to end: the sandbox (real signed callbacks, shuffled, duplicated, some before their sid)
→ the fake ngrok agent's public port → Waitress → SQLite. Every message ends in the status its
story says, counters equal recount(), forged signatures are 403 and change nothing."""

from __future__ import annotations

import os

import pytest

from tests.tunnel.conftest import make_fake_ngrok
from tests.webhooks.helpers import Client, status_params, wait_for
from wacampaign_desktop.core.events import EventBus
from wacampaign_desktop.core.sandbox import DEFAULT_SENDER, SandboxConfig, SandboxServer
from wacampaign_desktop.core.store import message_updates as mu
from wacampaign_desktop.core.store.models import (
    Campaign,
    CampaignMessage,
    Contact,
    PendingCallback,
    WebhookEvent,
)
from wacampaign_desktop.core.tunnel import TunnelManager
from wacampaign_desktop.core.twilio_gateway import SendRequest, TwilioGateway
from wacampaign_desktop.core.webhooks import INCOMING_PATH, STATUS_PATH, WebhookServer

N = 60


@pytest.mark.skipif(os.name != "posix", reason="the fake ngrok wrapper is a shell script")
def test_sandbox_through_tunnel_to_sqlite(db, tmp_path):
    bus = EventBus()
    sandbox = SandboxServer(SandboxConfig(
        seed=11, step_latency=0.03, failure_rate=0.2, never_read_rate=0.3, duplicate_rate=0.3,
        reorder_rate=0.4, callback_before_response=True,
    ))
    sandbox.start()
    tunnel: TunnelManager | None = None
    server = WebhookServer(bus, lambda: sandbox.auth_token,
                           public_base_url=lambda: tunnel.public_url if tunnel else "", port=0)
    server.start()
    (tmp_path / "ngrok").mkdir()
    tunnel = TunnelManager("ngrok", bus, server.port, ngrok_path=str(make_fake_ngrok(tmp_path / "bin")),
                           config_path=str(tmp_path / "ngrok" / "ngrok.yml"), watch_interval=0.5)
    gateway = TwilioGateway(sandbox.credentials)
    try:
        public = tunnel.start()
        assert server.status_callback_url == public + STATUS_PATH
        campaign = Campaign.create(name="e2e", body="Bonjour", state="sending")
        mu.insert_messages(campaign.id, ({"phone": f"+3361{i:07d}", "message": "Bonjour"}
                                         for i in range(N)))
        messages = list(CampaignMessage.select().where(CampaignMessage.campaign == campaign.id))
        sid_of = {}
        for message in messages:  # what the engine does: claim, send, record the sid
            mu.transition(message, "sending")
            result = gateway.send(SendRequest(to=message.phone, sender=DEFAULT_SENDER, body="Bonjour",
                                              status_callback=server.status_callback_url))
            assert result.success, result
            mu.record_sid(message, result.sid, result.status or "queued")
            sid_of[message.id] = result.sid
        final = {m.sid: m.timeline[-1].status for m in sandbox.messages()}

        def settled() -> bool:
            if sandbox.pending_callbacks():
                return False
            rows = CampaignMessage.select(CampaignMessage.twilio_sid, CampaignMessage.status).tuples()
            return all(final[sid] == status for sid, status in rows)

        assert wait_for(settled, timeout=60)
        assert mu.campaign_counters(campaign.id) == mu.recount(campaign.id)
        assert PendingCallback.select().count() == 0
        assert sandbox.stats.callbacks_duplicated > 0
        outcomes = {row.outcome for row in WebhookEvent.select(WebhookEvent.outcome).distinct()}
        assert {"applied", "duplicate", "pending"} <= outcomes

        # Forged callbacks through the public URL: 403, nothing changes.
        before = mu.campaign_counters(campaign.id)
        forger = Client(public)
        target = next(iter(final))
        assert forger.post(STATUS_PATH, status_params(target, "failed"), signature="forged")[0] == 403
        forger.token = "wrong-token"
        assert forger.post(STATUS_PATH, status_params(target, "failed"))[0] == 403
        forger.close()
        assert CampaignMessage.get(CampaignMessage.twilio_sid == target).status == final[target]
        assert mu.campaign_counters(campaign.id) == before

        # A reply through the tunnel marks the message replied; STOP opts the contact out.
        sandbox.simulate_reply(messages[0].phone, "Merci", url=public + INCOMING_PATH)
        sandbox.simulate_reply(messages[1].phone, "stop", url=public + INCOMING_PATH)
        assert CampaignMessage.get_by_id(messages[0].id).replied_at is not None
        assert Contact.get(Contact.phone == messages[1].phone).opted_out
        assert mu.campaign_counters(campaign.id) == mu.recount(campaign.id)
    finally:
        gateway.close()
        tunnel.stop()
        sandbox.stop()
        server.stop()
