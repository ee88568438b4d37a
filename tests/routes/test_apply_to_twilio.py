""""Apply to Twilio" on the sandbox: each of the three resources (Messaging Service, Senders API
WhatsApp sender, phone number) is set, read back and compared, and then really routes an
incoming message to the app; without the permission or the resource, one plain sentence says
what to set in the Console; `routes --apply/--check` do the same headless."""

from __future__ import annotations

import json

import pytest

from tests.routes.conftest import resource_urls, sender_for
from wacampaign_desktop.cli import main
from wacampaign_desktop.core.sandbox import DEFAULT_SENDER
from wacampaign_desktop.core.secrets import TWILIO_AUTH_TOKEN
from wacampaign_desktop.core.services.webhook_routes import WebhookRoutes, last_applied_url
from wacampaign_desktop.core.store.models import InboundMessage, WebhookEvent
from wacampaign_desktop.core.webhooks import INCOMING_PATH, STATUS_PATH, WebhookServer

KINDS = ("messaging_service", "whatsapp_sender", "phone_number")


@pytest.mark.parametrize("kind", KINDS)
def test_apply_sets_reads_back_and_routes_incoming_messages(kind, sandbox, db, bus, wait_until):
    routes = WebhookRoutes(sandbox.credentials, sender_for(sandbox, kind))
    server = WebhookServer(bus, lambda: sandbox.auth_token, port=0)
    server.start()
    try:
        public = server.local_base_url
        before = routes.check(public)
        assert before.ok and not before.matches and before.kind == kind
        assert before.twilio_incoming_url is None and "does not send its webhooks" in before.message

        report = routes.apply(public)
        assert report.ok and report.matches and report.kind == kind and report.applied
        assert report.twilio_incoming_url == public + INCOMING_PATH
        assert report.twilio_status_url == public + STATUS_PATH
        # What Twilio (the sandbox) holds, read on its side:
        assert resource_urls(sandbox, kind, report.sid) == (public + INCOMING_PATH,
                                                            public + STATUS_PATH)
        assert routes.check(public).matches
        assert last_applied_url() == public
        entry = WebhookEvent.select().where(WebhookEvent.kind == "routes").get()
        assert entry.outcome == "applied" and entry.params["kind"] == kind

        # Twilio now posts a customer's message to the app.
        sandbox.simulate_reply("+33611112222", "Bonjour", to=DEFAULT_SENDER)
        wait_until(lambda: InboundMessage.select().where(
            InboundMessage.body == "Bonjour").exists(), 10, "the reply reached the app")
    finally:
        server.stop()


def test_a_url_set_elsewhere_is_reported_as_different(sandbox, db):
    routes = WebhookRoutes(sandbox.credentials, DEFAULT_SENDER)
    routes.apply("https://old.example.com")
    report = routes.check("https://new.example.com")
    assert report.ok and not report.matches
    assert report.twilio_incoming_url == "https://old.example.com" + INCOMING_PATH
    assert "https://new.example.com" + INCOMING_PATH in report.message
    assert "Endpoint configuration" in report.message  # where to fix it by hand


@pytest.mark.parametrize(("kind", "errors", "problem", "where"), [
    ("messaging_service", {"services": 403}, "permission",
     "Messaging → Services → {address} → Integration"),
    ("whatsapp_sender", {"senders": 403}, "permission",
     "Messaging → Senders → WhatsApp senders → {address} → Endpoint configuration"),
    ("messaging_service", {"services": 404}, "not_found",
     "Messaging → Services → {address} → Integration"),
    ("phone_number", {"phone_numbers": 404}, "not_found",
     "Phone Numbers → Manage → Active numbers → {address}"),
    ("phone_number", {"phone_numbers": 403}, "permission",
     "Phone Numbers → Manage → Active numbers → {address}"),
])
def test_without_permission_or_resource_one_sentence_says_what_to_set(
        kind, errors, problem, where, sandbox, db):
    sender = sender_for(sandbox, kind)
    sandbox.config.resource_errors.update(errors)
    public = "https://hooks.example.com"
    report = WebhookRoutes(sandbox.credentials, sender).apply(public)
    assert not report.ok and not report.matches and report.problem == problem
    address = sender.removeprefix("whatsapp:")
    assert where.format(address=address) in report.message
    assert public + INCOMING_PATH in report.message and public + STATUS_PATH in report.message
    assert "Traceback" not in report.message and "TwilioRestException" not in report.message
    assert last_applied_url() is None  # nothing applied: the runtime will not re-apply it
    entry = WebhookEvent.select().where(WebhookEvent.kind == "routes").get()
    assert entry.outcome == "failed" and entry.params["problem"] == problem


def _live_profile(tmp_path, sandbox, sender: str):
    from wacampaign_desktop.core.app_context import AppContext

    profile = tmp_path / "p"
    ctx = AppContext.open(profile)
    ctx.settings.twilio_account_sid = sandbox.account_sid
    ctx.settings.sender = sender
    ctx.settings.use_sandbox = False
    ctx.save_settings()
    ctx.secrets.set(TWILIO_AUTH_TOKEN, sandbox.auth_token)
    ctx.close()
    return profile


def test_routes_apply_prints_the_read_back_and_check_sees_a_difference(tmp_path, sandbox, capsys):
    service = sender_for(sandbox, "messaging_service")
    profile = _live_profile(tmp_path, sandbox, service)
    common = ["--data-dir", str(profile), "--api-url", sandbox.base_url]
    assert main(["routes", "--apply", "--public-url", "https://a.example.com", *common]) == 0
    out = capsys.readouterr().out
    assert f"Messaging Service {service}" in out and "✓ matches" in out
    assert "on Twilio https://a.example.com" + INCOMING_PATH in out
    assert "on Twilio https://a.example.com" + STATUS_PATH in out

    assert main(["routes", "--check", "--public-url", "https://b.example.com", "--json",
                 *common]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["matches"] is False and data["kind"] == "messaging_service"
    assert data["twilio_incoming_url"] == "https://a.example.com" + INCOMING_PATH
    assert data["app_incoming_url"] == "https://b.example.com" + INCOMING_PATH

    sandbox.config.resource_errors["services"] = 403
    assert main(["routes", "--apply", "--public-url", "https://a.example.com", *common]) == 1
    out = capsys.readouterr().out
    assert out.startswith("✗ Twilio did not let this app change") and "Integration" in out
