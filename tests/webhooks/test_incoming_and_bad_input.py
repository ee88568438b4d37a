"""Incoming WhatsApp messages (contacts, replies, STOP/START) and hostile or broken requests."""

from __future__ import annotations

import socket

import pytest

from tests.webhooks.helpers import (
    TOKEN,
    Client,
    incoming_params,
    make_campaign,
    status_params,
    wait_for,
)
from wacampaign_desktop.core.events import ContactOptChanged, InboundReceived
from wacampaign_desktop.core.store import message_updates as mu
from wacampaign_desktop.core.store.models import (
    CampaignMessage,
    Contact,
    InboundMessage,
    WebhookEvent,
)
from wacampaign_desktop.core.webhooks import (
    INCOMING_PATH,
    STATUS_PATH,
    AppOptions,
    WebhookServer,
    WebhookServerError,
)


def test_reply_creates_contact_and_marks_the_campaign_message_replied(server, client, events):
    campaign, messages, _ = make_campaign(2)
    phone = messages[1].phone
    status, body, headers = client.post(INCOMING_PATH, incoming_params(phone, "Merci !"))
    assert status == 200 and headers["content-type"].startswith("text/xml")
    assert body.endswith("<Response/>")
    contact = Contact.get(Contact.phone == phone)
    assert contact.name == "Alice"
    inbound = InboundMessage.get()
    assert inbound.contact_id == contact.id and inbound.campaign_message_id == messages[1].id
    assert CampaignMessage.get_by_id(messages[1].id).replied_at is not None
    assert mu.campaign_counters(campaign.id)["replied"] == 1 == mu.recount(campaign.id)["replied"]
    assert wait_for(lambda: any(isinstance(e, InboundReceived) for e in events))
    # The same incoming message delivered twice changes nothing.
    again = incoming_params(phone, "Merci !", sid=inbound.message_sid)
    assert client.post(INCOMING_PATH, again)[0] == 200
    assert InboundMessage.select().count() == 1
    assert mu.campaign_counters(campaign.id)["replied"] == 1


@pytest.mark.parametrize("word", ["STOP", "stop", "  Stop ", "S T O P", "arrêt", "ARRET", "Unsubscribe",
                                  "optout", "Revoke", "quit", "end", "cancel", "stopall"])
def test_stop_words_opt_out(server, client, word):
    phone = "+33611111111"
    assert client.post(INCOMING_PATH, incoming_params(phone, word))[0] == 200
    assert Contact.get(Contact.phone == phone).opted_out


def test_stop_inside_a_sentence_does_not_opt_out_but_opt_out_type_does(server, client, events):
    phone = "+33622222222"
    client.post(INCOMING_PATH, incoming_params(phone, "please don't stop sending"))
    assert not Contact.get(Contact.phone == phone).opted_out
    client.post(INCOMING_PATH, incoming_params(phone, "Bye", OptOutType="STOP"))
    assert Contact.get(Contact.phone == phone).opted_out
    client.post(INCOMING_PATH, incoming_params(phone, "Start"))
    assert not Contact.get(Contact.phone == phone).opted_out
    assert wait_for(lambda: [e.opted_out for e in events if isinstance(e, ContactOptChanged)] == [True, False])


def test_phone_is_stored_as_e164(server, client):
    client.post(INCOMING_PATH, {**incoming_params("+33633333333", "hi"), "From": "whatsapp:33633333333"})
    assert Contact.select().where(Contact.phone == "+33633333333").count() == 1


def test_bad_requests_get_clear_4xx_and_the_server_keeps_serving(server, client):
    campaign, _, sids = make_campaign(1)
    big = status_params(sids[0], "read", Filler="x" * 100_000)
    assert client.post(STATUS_PATH, big)[0] == 413
    assert client.request("POST", STATUS_PATH, b"<xml/>", {"Content-Type": "text/xml"})[0] == 415
    assert client.request("POST", STATUS_PATH, b"a=1", {})[0] == 415
    assert client.post(STATUS_PATH, {"MessageStatus": "read"})[0] == 400
    assert client.post(INCOMING_PATH, {"Body": "hi"})[0] == 400
    code, _, _ = client.post(STATUS_PATH, status_params(sids[0], "exploded"))
    assert code == 200
    assert WebhookEvent.get(WebhookEvent.outcome == "unknown_status").status == "exploded"
    assert client.request("GET", "/nope")[0] == 404
    assert client.request("GET", STATUS_PATH)[0] == 405
    assert client.request("GET", "/healthz")[0] == 200
    assert client.post(STATUS_PATH, status_params(sids[0], "read"))[0] == 200
    assert mu.campaign_counters(campaign.id) == mu.recount(campaign.id)


def test_per_client_throttle_answers_429(db, bus):
    srv = WebhookServer(bus, lambda: TOKEN, port=0, options=AppOptions(rate_per_s=1, burst=3))
    srv.start()
    try:
        c = Client(srv.local_base_url)
        codes = [c.post(INCOMING_PATH, incoming_params("+33644444444", f"m{i}"))[0] for i in range(6)]
        assert codes.count(429) >= 2 and codes[:3] == [200, 200, 200]
        c.close()
    finally:
        srv.stop()


def test_port_taken_is_a_clear_error(db, bus):
    holder = socket.socket()
    holder.bind(("127.0.0.1", 0))
    holder.listen(1)
    port = holder.getsockname()[1]
    try:
        with pytest.raises(WebhookServerError, match=f"Port {port} is already in use"):
            WebhookServer(bus, lambda: TOKEN, port=port).start()
    finally:
        holder.close()


def test_stop_then_start_again(db, bus):
    srv = WebhookServer(bus, lambda: TOKEN, port=0)
    srv.start()
    port = srv.port
    srv.stop()
    srv2 = WebhookServer(bus, lambda: TOKEN, port=port)
    srv2.start()
    try:
        c = Client(srv2.local_base_url)
        assert c.request("GET", "/healthz")[0] == 200
        c.close()
    finally:
        srv2.stop()
