"""The incoming path shared by the webhook and the catch-up: Contact.last_inbound_at follows the
latest incoming message (never moved back by a late catch-up), the source is recorded, a sid
already stored is a duplicate, and a reply fetched more than an hour late gets no automatic
answer (its tag and follow-up still apply)."""

from __future__ import annotations

from datetime import timedelta

from tests.automation.conftest import sent_to
from wacampaign_desktop.core.store.models import Contact, InboundMessage
from wacampaign_desktop.core.webhooks.incoming import ingest_incoming

PHONE = "+33612345009"


def _params(sid: str, body: str) -> dict[str, str]:
    return {"MessageSid": sid, "AccountSid": "AC" + "0" * 32, "From": f"whatsapp:{PHONE}",
            "To": "whatsapp:+14155238886", "Body": body, "NumMedia": "0", "ProfileName": "Zoé"}


def test_last_inbound_at_and_source_through_webhook_and_catch_up(runtime, rules, context,
                                                                   wait_until):
    rules.save(rules.new_rule(name="Hello", match_kind="contains", pattern="hello",
                              reply_text="Hello!", add_tag="greeted"))
    now = context.clock.now()
    two_hours_ago = now - timedelta(hours=2)
    result = ingest_incoming(runtime.writer, _params("SMcatch1", "hello from yesterday"),
                             received_at=two_hours_ago)
    assert result == {"outcome": "received", "created_contact": True}
    stored = InboundMessage.get(InboundMessage.message_sid == "SMcatch1")
    assert stored.source == "catch_up" and stored.received_at == two_hours_ago
    assert Contact.get(Contact.phone == PHONE).last_inbound_at == two_hours_ago
    assert runtime.automation.wait_idle(10)
    assert runtime.automation.results[-1].decision.skipped == "late"
    assert sent_to(runtime, PHONE) == []  # fetched late: no automatic answer…
    assert Contact.get(Contact.phone == PHONE).tags == ["greeted"]  # …but the tag applies

    runtime.sandbox.simulate_reply(f"whatsapp:{PHONE}", "hello again")
    wait_until(lambda: sent_to(runtime, PHONE), what="the answer to the live message")
    latest = Contact.get(Contact.phone == PHONE).last_inbound_at
    assert latest > two_hours_ago
    assert ingest_incoming(runtime.writer, _params("SMcatch2", "older"),
                           received_at=now - timedelta(hours=5))["outcome"] == "received"
    assert Contact.get(Contact.phone == PHONE).last_inbound_at == latest  # not moved back
    assert ingest_incoming(runtime.writer, _params("SMcatch1", "hello from yesterday"))[
        "outcome"] == "duplicate"
