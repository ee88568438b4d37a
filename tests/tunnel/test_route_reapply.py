"""The ngrok agent restarts with a new public URL: the Runtime sets Twilio's webhooks to it again
by itself (each of the three resources), says so (Alert for the banner, WebhookRoutesApplied,
an Activity entry), and does nothing for a sender the user never applied."""

from __future__ import annotations

import functools
import os
import signal

import pytest

from tests.routes.conftest import resource_urls, sender_for
from tests.tunnel.conftest import make_fake_ngrok
from wacampaign_desktop.core.events import Alert, WebhookRoutesApplied
from wacampaign_desktop.core.runtime import Runtime, RuntimeConfig
from wacampaign_desktop.core.sandbox import SandboxConfig
from wacampaign_desktop.core.secrets import NGROK_AUTHTOKEN
from wacampaign_desktop.core.store.models import WebhookEvent
from wacampaign_desktop.core.tunnel import TunnelManager
from wacampaign_desktop.core.webhooks import INCOMING_PATH, STATUS_PATH


def _ngrok_runtime(context, tmp_path, sender: str = "") -> Runtime:
    fake = make_fake_ngrok(tmp_path / "bin")
    (tmp_path / "ngrok-config").mkdir(exist_ok=True)
    context.secrets.set(NGROK_AUTHTOKEN, "2abcdefghijklmnopqrstu_vwxyz0123456789ABCDE")
    s = context.settings
    s.webhook_port, s.tunnel_mode, s.ngrok_path, s.sender = 0, "ngrok", str(fake), sender
    factory = functools.partial(TunnelManager, watch_interval=0.2,
                                config_path=str(tmp_path / "ngrok-config" / "ngrok.yml"))
    return Runtime(context, RuntimeConfig(sandbox=SandboxConfig(seed=9, step_latency=0.01),
                                          tunnel_factory=factory))


@pytest.mark.skipif(os.name != "posix", reason="the fake ngrok wrapper is a shell script")
@pytest.mark.parametrize("kind", ["messaging_service", "whatsapp_sender", "phone_number"])
def test_new_tunnel_url_is_applied_to_twilio_again(kind, context, events, tmp_path, wait_until):
    context.bus.subscribe(events.append)
    runtime = _ngrok_runtime(context, tmp_path)
    runtime.start()
    try:
        sandbox = runtime.sandbox
        runtime.sender = sender_for(sandbox, kind)
        first_url = runtime.public_url
        assert first_url.startswith("http://127.0.0.1:") and runtime.tunnel.state == "up"
        applied = runtime.webhook_routes().apply(first_url)  # the user's "Apply to Twilio"
        assert applied.matches and applied.kind == kind

        os.kill(runtime.tunnel.agent_pid, signal.SIGKILL)  # ngrok dies; the watchdog restarts it
        wait_until(lambda: runtime.tunnel.restarts == 1 and runtime.tunnel.state == "up", 30,
                   "ngrok restarted")
        new_url = runtime.public_url
        assert new_url != first_url
        wait_until(lambda: resource_urls(sandbox, kind, applied.sid)
                   == (new_url + INCOMING_PATH, new_url + STATUS_PATH), 15,
                   "Twilio's webhooks set to the new URL")
        wait_until(lambda: any(isinstance(e, Alert) and e.code == "webhook_routes_applied"
                               for e in events), 5, "the user is told")
    finally:
        runtime.stop()
    alert = next(e for e in events if isinstance(e, Alert) and e.code == "webhook_routes_applied")
    assert alert.level == "info" and new_url in alert.message
    assert alert.details["old_url"] == first_url and alert.details["new_url"] == new_url
    done = [e for e in events if isinstance(e, WebhookRoutesApplied)]
    assert len(done) == 1 and done[0].ok and done[0].automatic and done[0].kind == kind
    entries = list(WebhookEvent.select().where(WebhookEvent.kind == "routes")
                   .order_by(WebhookEvent.id))
    assert [(e.outcome, e.params["automatic"]) for e in entries] == [("applied", False),
                                                                      ("applied", True)]
    assert entries[-1].params["public_url"] == new_url


@pytest.mark.skipif(os.name != "posix", reason="the fake ngrok wrapper is a shell script")
def test_no_reapply_when_twilio_refuses_says_what_to_do(context, events, tmp_path, wait_until):
    """Applied once, then the permission is gone: the restart's re-apply fails with a warning
    naming the Console page; a sender never applied is left alone (no Alert at all)."""
    context.bus.subscribe(events.append)
    runtime = _ngrok_runtime(context, tmp_path)
    runtime.start()
    try:
        sandbox = runtime.sandbox
        runtime.sender = sender_for(sandbox, "messaging_service")
        assert runtime.webhook_routes().apply(runtime.public_url).matches
        sandbox.config.resource_errors["services"] = 403
        os.kill(runtime.tunnel.agent_pid, signal.SIGKILL)
        wait_until(lambda: any(isinstance(e, Alert) and e.code == "webhook_routes_failed"
                               for e in events), 30, "the failed re-apply is reported")
    finally:
        runtime.stop()
    alert = next(e for e in events if isinstance(e, Alert) and e.code == "webhook_routes_failed")
    assert alert.level == "warning" and "Messaging → Services →" in alert.message
    assert "Integration" in alert.message


def test_a_sender_never_applied_is_left_alone(context, events):
    context.bus.subscribe(events.append)
    context.settings.webhook_port = 0
    runtime = Runtime(context, RuntimeConfig(sandbox=SandboxConfig(seed=9))).start()
    try:
        assert runtime.route_keeper.reapply_if_changed("https://elsewhere.example.com") is None
        assert runtime.route_keeper.reports == []
        assert all(v["callback_url"] is None for v in
                   (r.values["webhook"] for r in runtime.sandbox.resources.senders.values()))
    finally:
        runtime.stop()
    assert not any(isinstance(e, WebhookRoutesApplied) for e in events)


def test_a_url_applied_from_another_computer_is_not_taken_over(context, events):
    """On a shared database the team's server applied its address: a desktop whose tunnel URL
    changes does not point Twilio at itself."""
    from wacampaign_desktop.core.store import receiver_state

    context.settings.webhook_port = 0
    runtime = Runtime(context, RuntimeConfig(sandbox=SandboxConfig(seed=9))).start()
    try:
        receiver_state.save_applied_routes({"public_url": "https://hooks.example.com",
                                            "host": "team-server", "sender": runtime.sender})
        assert runtime.route_keeper.reapply_if_changed("https://abc.ngrok.app") is None
        receiver_state.save_applied_routes({"public_url": "https://hooks.example.com",
                                            "host": __import__("socket").gethostname(),
                                            "sender": runtime.sender})
        report = runtime.route_keeper.reapply_if_changed("https://abc.ngrok.app")
        assert report is not None and report.matches  # applied here: kept up to date
    finally:
        runtime.stop()
