"""A tunnel that cannot start does not take the app down: the local webhook server and the
sandbox keep running (a campaign is sent and its callbacks arrive), the tunnel is in state
"error", an Alert says where to change it (Connect Twilio), and choosing another mode brings a
tunnel that is "up" again (which is what clears the banner in the window)."""

from __future__ import annotations

import functools

import requests

from tests.tunnel.conftest import make_fake_ngrok
from wacampaign_desktop.core.events import Alert, CampaignStateChanged, TunnelStateChanged
from wacampaign_desktop.core.runtime import Runtime, RuntimeConfig
from wacampaign_desktop.core.sandbox import SandboxConfig
from wacampaign_desktop.core.secrets import NGROK_AUTHTOKEN
from wacampaign_desktop.core.store import message_updates as mu
from wacampaign_desktop.core.store.models import Campaign, Contact
from wacampaign_desktop.core.tunnel import TunnelManager

WHERE = "Connect Twilio"
SECTION = "How Twilio reaches this computer"


def _send_campaign(runtime: Runtime, wait_until, recipients: int = 5) -> dict[str, int]:
    Contact.insert_many([{"phone": f"+3361200{i:04d}", "name": f"C{i}"}
                         for i in range(recipients)]).execute()
    campaign = Campaign.create(name="Offline", body="Hello {{name}}", send_rate=100.0)
    runtime.engine.start_campaign(campaign.id)
    wait_until(lambda: mu.campaign_counters(campaign.id)["read"] == recipients, 30,
               "every message read through local callbacks")
    return mu.campaign_counters(campaign.id)


def _tunnel_events(events: list) -> list[TunnelStateChanged]:
    return [e for e in events if isinstance(e, TunnelStateChanged)]


def test_ngrok_missing_keeps_local_webhooks_and_sandbox(context, events, tmp_path, wait_until):
    s = context.settings
    s.webhook_port, s.tunnel_mode = 0, "ngrok"
    s.ngrok_path = str(tmp_path / "nowhere" / "ngrok")  # offline, no agent: it cannot start
    context.bus.subscribe(events.append)
    runtime = Runtime(context, RuntimeConfig(sandbox=SandboxConfig(seed=3, step_latency=0.01)))
    runtime.start()
    try:
        assert runtime.started and runtime.sandbox is not None
        assert requests.get(runtime.webhooks.local_base_url + "/healthz", timeout=5).ok
        assert runtime.tunnel.state == "error"
        assert runtime.webhooks.status_callback_url.startswith(runtime.webhooks.local_base_url)
        counters = _send_campaign(runtime, wait_until)
        assert counters["failed"] == 0
    finally:
        runtime.stop()
    alerts = [e for e in events if isinstance(e, Alert) and e.code == "tunnel_down"]
    assert len(alerts) == 1 and alerts[0].level == "error"
    text = alerts[0].message
    assert "ngrok" in text and WHERE in text and SECTION in text and "Settings →" not in text
    assert "on this computer" in text  # says what still works
    assert any(e.mode == "ngrok" and e.state == "error" for e in _tunnel_events(events))
    assert any(isinstance(e, CampaignStateChanged) and e.new_state == "sending" for e in events)

    # The user picks "Local only" in Connect Twilio; the restarted runtime's tunnel is up.
    events.clear()
    s.tunnel_mode = "local"
    runtime = Runtime(context, RuntimeConfig(sandbox=SandboxConfig(seed=4))).start()
    try:
        assert runtime.tunnel.state == "up"
    finally:
        runtime.stop()
    assert [(e.mode, e.state) for e in _tunnel_events(events)][0] == ("local", "up")
    assert not any(isinstance(e, Alert) and e.code == "tunnel_down" for e in events)


def test_refused_ngrok_token_through_the_tunnel_factory(context, events, tmp_path, wait_until):
    """The fake ngrok agent refuses the token: same outcome, the token never in the Alert."""
    fake = make_fake_ngrok(tmp_path / "bin")
    (tmp_path / "ngrok-config").mkdir()
    context.secrets.set(NGROK_AUTHTOKEN, "invalid-token")
    s = context.settings
    s.webhook_port, s.tunnel_mode, s.ngrok_path = 0, "ngrok", str(fake)
    context.bus.subscribe(events.append)
    factory = functools.partial(TunnelManager,
                                config_path=str(tmp_path / "ngrok-config" / "ngrok.yml"))
    runtime = Runtime(context, RuntimeConfig(sandbox=SandboxConfig(seed=5, step_latency=0.01),
                                             tunnel_factory=factory)).start()
    try:
        assert runtime.tunnel.state == "error"
        assert _send_campaign(runtime, wait_until, 3)["read"] == 3
    finally:
        runtime.stop()
    alert = next(e for e in events if isinstance(e, Alert) and e.code == "tunnel_down")
    assert "refused the authtoken" in alert.message and "invalid-token" not in alert.message
    assert WHERE in alert.message


def test_own_address_not_set_is_an_error_state_not_a_crash(context, events, wait_until):
    s = context.settings
    s.webhook_port, s.tunnel_mode, s.public_url = 0, "own_url", ""
    context.bus.subscribe(events.append)
    runtime = Runtime(context, RuntimeConfig(sandbox=SandboxConfig(seed=6))).start()
    try:
        assert runtime.tunnel.state == "error"
        assert requests.get(runtime.webhooks.local_base_url + "/healthz", timeout=5).ok
    finally:
        runtime.stop()
    alert = next(e for e in events if isinstance(e, Alert) and e.code == "tunnel_down")
    assert WHERE in alert.message and SECTION in alert.message
