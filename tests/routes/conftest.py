"""The sandbox with its three webhook-setting resources, and the sender that selects each."""

from __future__ import annotations

import pytest

from wacampaign_desktop.core.sandbox import DEFAULT_SENDER, SandboxConfig, SandboxServer


@pytest.fixture
def sandbox():
    server = SandboxServer(SandboxConfig(port=0, seed=11, step_latency=0.01))
    server.start()
    yield server
    server.stop()


def sender_for(sandbox: SandboxServer, kind: str) -> str:
    """The configured sender that makes "Apply to Twilio" use the `kind` resource: a Messaging
    Service SID; the WhatsApp number (a Senders API sender); the number on an account without
    the Senders API (its list answers 404), so the phone number holds the webhooks."""
    if kind == "messaging_service":
        return next(iter(sandbox.resources.services))
    if kind == "phone_number":
        sandbox.config.resource_errors["senders"] = 404
    return DEFAULT_SENDER


def resource_urls(sandbox: SandboxServer, kind: str, sid: str) -> tuple[object, object]:
    """(incoming URL, status URL) as the sandbox itself holds them (not through the API)."""
    if kind == "messaging_service":
        values = sandbox.resources.services[sid].values
        return values["inbound_request_url"], values["status_callback"]
    if kind == "whatsapp_sender":
        hook = sandbox.resources.senders[sid].values["webhook"]
        return hook["callback_url"], hook["status_callback_url"]
    values = sandbox.resources.phone_numbers[sid].values
    return values["sms_url"], values["status_callback"]
