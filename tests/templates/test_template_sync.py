"""Syncing the account's templates from the sandbox's Content API with the real twilio client:
every page, statuses and reasons kept, templates gone from the account removed, the sync time."""

from __future__ import annotations

import pytest

from wacampaign_desktop.core.sandbox import SandboxConfig, SandboxServer
from wacampaign_desktop.core.services.templates import TemplatesService
from wacampaign_desktop.core.twilio_gateway import TwilioGateway
from wacampaign_desktop.core.twilio_gateway.content import list_templates

pytestmark = pytest.mark.both_engines  # the catalogue on SQLite and on PostgreSQL


def _server(**config) -> SandboxServer:
    server = SandboxServer(SandboxConfig(seed=5, seed_templates=False, **config))
    server.start()
    return server


def test_sync_reads_every_page_and_keeps_status_reason_media(context):
    server = _server()
    gateway = TwilioGateway(server.credentials)
    try:
        for i in range(23):  # more than one page of 10
            server.add_template(f"promo_{i:02d}", "Hi {{1}}, code {{2}}", variables={"1": "Marie"})
        server.add_template("flash", "Last chance {{1}}", status="rejected", language="fr",
                            category="MARKETING", rejection_reason="Looks like spam")
        server.add_template("owl", "Look {{1}}", content_type="twilio/media",
                            media=["https://example.com/owl.png"])
        assert len(list_templates(gateway, page_size=10)) == 25  # three pages, none lost

        service = TemplatesService(context)
        assert service.last_synced_at() is None
        result = service.sync(gateway, page_size=10)  # three pages
        assert (result.added, result.updated, result.removed, result.total) == (25, 0, 0, 25)
        assert service.last_synced_at() == result.synced_at

        flash = service.get("flash")
        assert (flash.status, flash.language, flash.category, flash.rejection_reason) == (
            "rejected", "fr", "MARKETING", "Looks like spam")
        assert not flash.sendable and "rejected by WhatsApp" in flash.unsendable_reason
        owl = service.get("OWL")  # by name, any case
        assert owl.content_type == "twilio/media" and owl.media == ("https://example.com/owl.png",)
        promo = service.get(service.get("promo_07").sid)  # by sid
        assert promo.placeholders == ("1", "2") and promo.samples == {"1": "Marie"}
        assert promo.body == "Hi {{1}}, code {{2}}" and promo.sendable

        # Twilio changed: one template approved, one deleted; the next sync follows.
        server.content.get(flash.sid).status = "approved"
        server.content.get(flash.sid).rejection_reason = ""
        server.content._templates.pop(promo.sid)
        again = service.sync(gateway, page_size=10)
        assert (again.added, again.updated, again.removed, again.total) == (0, 1, 1, 24)
        assert service.get(promo.sid) is None and service.get("flash").sendable
    finally:
        gateway.close()
        server.stop()


def test_list_searches_names_and_filters_language_category_and_sendable(context):
    server = _server()
    gateway = TwilioGateway(server.credentials)
    try:
        server.add_template("order_ready", "Hello {{1}}", language="en", category="UTILITY")
        server.add_template("order_ready", "Bonjour {{1}}", language="fr", category="UTILITY")
        server.add_template("spring_sale", "Sale {{1}}", language="en", category="MARKETING")
        server.add_template("order_draft", "Draft {{1}}", status="pending")
        service = TemplatesService(context)
        service.sync(gateway)
    finally:
        gateway.close()
        server.stop()
    assert [(t.name, t.language) for t in service.list(search="ORDER")] == [
        ("order_draft", "en"), ("order_ready", "en"), ("order_ready", "fr")]
    assert [t.language for t in service.list(search="order_ready", language="fr")] == ["fr"]
    assert [t.name for t in service.list(category="marketing")] == ["spring_sale"]
    assert "order_draft" not in [t.name for t in service.list(sendable_only=True)]
    assert service.languages() == ["en", "fr"] and service.categories() == ["MARKETING", "UTILITY"]
    assert service.get("order_draft").status == "pending"


def test_sync_failure_says_what_twilio_answered(context):
    from wacampaign_desktop.core.twilio_gateway import GatewayError, TwilioCredentials

    server = _server()
    wrong = TwilioGateway(TwilioCredentials(server.account_sid, "not-the-token", server.base_url))
    try:
        try:
            TemplatesService(context).sync(wrong)
        except GatewayError as exc:
            assert exc.result.http_status == 401 or exc.result.error_code == 20003
        else:
            raise AssertionError("a wrong token must not sync")
        assert TemplatesService(context).last_synced_at() is None
    finally:
        wrong.close()
        server.stop()
