"""When catch-up runs and what it leaves: replies that arrived while the app was closed are
stored at start (once, through the incoming path), a reconnect and the periodic timer run it
again, the Activity log shows what was recovered, and the cursor moves on."""

from __future__ import annotations

import time
from datetime import UTC

import pytest

from tests.engine.engine_helpers import wait_for
from wacampaign_desktop.core.engine.catch_up import CatchUp
from wacampaign_desktop.core.events import TunnelStateChanged
from wacampaign_desktop.core.services.activity import ActivityQueries, WebhookFilter
from wacampaign_desktop.core.store import catch_up_state
from wacampaign_desktop.core.store.models import Contact, InboundMessage, WebhookEvent

pytestmark = pytest.mark.both_engines

SENDER = "whatsapp:+14155238886"


def test_replies_missed_while_closed_are_stored_once_at_start(twilio, open_app):
    sandbox = twilio(seed=21)
    now = time.time()
    sandbox.seed_inbound("+33612345601", "Bonjour, c'est ouvert dimanche ?", at=now - 3600)
    sandbox.seed_inbound("+33612345602", "STOP", at=now - 600)
    sandbox.seed_inbound("+33612345603", "Too old to matter", at=now - 3 * 86400)

    runtime = open_app(sandbox)  # start waits for the first catch-up
    (first,) = runtime.catch_up.results
    assert (first.reason, first.replies) == ("start", 2)
    stored = {m.body: m for m in InboundMessage.select()}
    assert set(stored) == {"Bonjour, c'est ouvert dimanche ?", "STOP"}
    assert {m.source for m in stored.values()} == {"catch_up"}
    question = stored["Bonjour, c'est ouvert dimanche ?"]  # when Twilio got it, not now
    assert abs(question.received_at.replace(tzinfo=UTC).timestamp() - (now - 3600)) < 2
    contact = Contact.get(Contact.phone == "+33612345602")
    assert contact.opted_out and contact.last_inbound_at is not None  # the STOP counted
    assert Contact.get(Contact.phone == "+33612345601").last_inbound_at is not None

    entries = ActivityQueries().webhook_page(WebhookFilter(kind="catch_up"), 10**9, 10)
    assert [(e.outcome, e.params["replies"], e.params["reason"]) for e in entries] == [
        ("caught_up", 2, "start")]
    assert catch_up_state.read_cursor(SENDER) is not None

    incoming_rows = WebhookEvent.select().where(WebhookEvent.kind == "incoming").count()
    again = runtime.catch_up.run_once("manual")
    # only what came after the cursor (minus the overlap) is listed again: the STOP, not stored
    assert (again.replies, again.listed_inbound) == (0, 1)
    assert InboundMessage.select().count() == 2
    assert WebhookEvent.select().where(WebhookEvent.kind == "incoming").count() == incoming_rows
    assert len(ActivityQueries().webhook_page(WebhookFilter(kind="catch_up"), 10**9, 10)) == 1


def test_reconnect_and_the_timer_run_it_again(twilio, open_app, context):
    sandbox = twilio(seed=22)
    runtime = open_app(sandbox)
    wait_for(lambda: runtime.catch_up.results, 10, "the start run")
    sandbox.seed_inbound("+33612345604", "Merci !")
    context.bus.publish(TunnelStateChanged(mode="ngrok", state="up",
                                           public_url="https://a.ngrok.app"))
    wait_for(lambda: any(r.reason == "reconnect" for r in runtime.catch_up.results), 10,
             "a catch-up after the tunnel came back")
    reconnect = next(r for r in runtime.catch_up.results if r.reason == "reconnect")
    assert reconnect.replies == 1
    assert InboundMessage.get(InboundMessage.body == "Merci !").source == "catch_up"

    periodic = CatchUp(runtime.gateway, runtime.writer, context.bus, sender=SENDER,
                       clock=runtime.clock, interval_s=0.2, active=lambda: True).start()
    try:
        assert periodic.wait_first(10)
        sandbox.seed_inbound("+33612345605", "Is it still on?")
        wait_for(lambda: any(r.reason == "periodic" for r in periodic.results)
                 and InboundMessage.get_or_none(InboundMessage.body == "Is it still on?"),
                 10, "the reply stored by a periodic run")
        assert [r.reason for r in runtime.catch_up.results] == ["start", "reconnect"]
    finally:
        periodic.stop()


def test_replies_with_media_keep_them(twilio, open_app):
    """A photo sent while the app was closed arrives with its media, as the webhook would have
    given it (MediaUrl0 / MediaContentType0); media are listed only for messages with some."""
    sandbox = twilio(seed=23)
    photo = sandbox.seed_inbound("+33612345606", "Voici la photo", media_types=("image/jpeg",))
    pair = sandbox.seed_inbound("+33612345607", "", media_types=("image/png", "application/pdf"))
    sandbox.seed_inbound("+33612345608", "Just text")
    runtime = open_app(sandbox)
    (first,) = runtime.catch_up.results
    assert first.replies == 3
    assert sandbox.stats.media_lists == 2  # not for the text-only reply
    stored = {m.message_sid: m.media for m in InboundMessage.select()}
    assert stored[photo.sid] == [{"url": photo.media_urls[0], "content_type": "image/jpeg"}]
    assert [m["content_type"] for m in stored[pair.sid]] == ["image/png", "application/pdf"]
    assert [m["url"] for m in stored[pair.sid]] == pair.media_urls
    assert pair.media_urls[0] != pair.media_urls[1]
    assert all("/Messages/" in u and "/Media/ME" in u for u in pair.media_urls)
    assert [v for k, v in stored.items() if k not in (photo.sid, pair.sid)] == [[]]


def test_a_webhook_reply_with_media_matches_what_catch_up_stores(twilio, open_app, wait_until):
    """The sandbox posts the same media to the webhook (MediaUrl0…) as its Media list gives."""
    sandbox = twilio(seed=24)
    runtime = open_app(sandbox)
    sid = sandbox.simulate_reply("+33612345609", "Live photo", url=runtime.webhooks.incoming_url,
                                 media_types=("image/jpeg",))
    wait_until(lambda: InboundMessage.get_or_none(InboundMessage.message_sid == sid), 10,
               "the webhook's reply stored")
    message = InboundMessage.get(InboundMessage.message_sid == sid)
    assert message.source == "webhook"
    assert message.media == [{"url": sandbox.state.get(sid).media_urls[0],
                              "content_type": "image/jpeg"}]
