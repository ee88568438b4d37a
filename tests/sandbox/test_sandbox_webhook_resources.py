"""The three places Twilio keeps a sender's webhook URLs, through the real twilio client as the
gateway points it: Messaging v1 Services, Messaging v2 Channels Senders, IncomingPhoneNumbers —
list, fetch, update, read back; a 403/404 knob; incoming messages follow what is set."""

from __future__ import annotations

import pytest
import requests
from twilio.base.exceptions import TwilioException, TwilioRestException
from twilio.rest.messaging.v2.channels_sender import ChannelsSenderList

from tests.sandbox.schema import assert_matches, missing_properties
from wacampaign_desktop.core.sandbox import DEFAULT_SENDER, SandboxConfig, SandboxServer

Update = ChannelsSenderList.MessagingV2ChannelsSenderRequestsUpdate


@pytest.fixture
def sandbox():
    server = SandboxServer(SandboxConfig(seed=4, step_latency=0.02))
    server.start()
    yield server
    server.stop()


def raw(sandbox: SandboxServer, path: str) -> dict:
    answer = requests.get(sandbox.base_url + path, timeout=10,
                          auth=(sandbox.account_sid, sandbox.auth_token))
    assert answer.status_code == 200, answer.text
    return answer.json()


def test_messaging_service_list_fetch_update(sandbox, client):
    (service,) = client.messaging.v1.services.list()
    assert service.sid.startswith("MG") and service.inbound_request_url is None
    body = raw(sandbox, f"/v1/Services/{service.sid}")
    assert_matches(body, "messaging_service")
    assert not missing_properties(body, "messaging_service")
    updated = client.messaging.v1.services(service.sid).update(
        inbound_request_url="https://shop.example/api/webhook/twilio/incoming",
        inbound_method="POST", status_callback="https://shop.example/api/webhook/twilio/status")
    assert updated.inbound_request_url == "https://shop.example/api/webhook/twilio/incoming"
    again = client.messaging.v1.services(service.sid).fetch()
    assert (again.inbound_request_url, again.inbound_method, again.status_callback) == (
        "https://shop.example/api/webhook/twilio/incoming", "POST",
        "https://shop.example/api/webhook/twilio/status")


def test_channels_sender_list_fetch_update_webhook_object(sandbox, client):
    (sender,) = client.messaging.v2.channels_senders.list(channel="whatsapp")
    assert sender.sender_id == DEFAULT_SENDER and sender.status == "ONLINE"
    body = raw(sandbox, f"/v2/Channels/Senders/{sender.sid}")
    assert_matches(body, "channels_sender")
    assert not missing_properties(body, "channels_sender") - {"compliance"}
    client.messaging.v2.channels_senders(sender.sid).update(Update({"webhook": {
        "callback_url": "https://shop.example/in", "callback_method": "POST",
        "status_callback_url": "https://shop.example/status",
        "status_callback_method": "POST"}}))
    webhook = client.messaging.v2.channels_senders(sender.sid).fetch().webhook
    assert (webhook["callback_url"], webhook["callback_method"],
            webhook["status_callback_url"], webhook["status_callback_method"]) == ("https://shop.example/in", "POST",
                                                "https://shop.example/status", "POST")


def test_incoming_phone_number_list_fetch_update(sandbox, client):
    (number,) = client.incoming_phone_numbers.list(phone_number="+14155238886")
    assert number.phone_number == "+14155238886" and number.sms_url is None
    assert client.incoming_phone_numbers.list(phone_number="+15550000000") == []
    client.incoming_phone_numbers(number.sid).update(
        sms_url="https://shop.example/in", sms_method="POST",
        status_callback="https://shop.example/status")
    again = client.incoming_phone_numbers(number.sid).fetch()
    assert (again.sms_url, again.sms_method, again.status_callback) == (
        "https://shop.example/in", "POST", "https://shop.example/status")
    with pytest.raises(TwilioRestException) as info:
        client.incoming_phone_numbers(number.sid).update(sms_method="DELETE")
    assert info.value.status == 400


@pytest.mark.parametrize("kind", ["services", "senders", "phone_numbers"])
def test_a_resource_can_answer_403_or_404(sandbox, client, kind):
    sid = {"services": lambda: client.messaging.v1.services.list()[0].sid,
           "senders": lambda: client.messaging.v2.channels_senders.list()[0].sid,
           "phone_numbers": lambda: client.incoming_phone_numbers.list()[0].sid}[kind]()
    fetch = {"services": lambda: client.messaging.v1.services(sid).fetch(),
             "senders": lambda: client.messaging.v2.channels_senders(sid).fetch(),
             "phone_numbers": lambda: client.incoming_phone_numbers(sid).fetch()}[kind]
    listing = {"services": client.messaging.v1.services.list,
               "senders": client.messaging.v2.channels_senders.list,
               "phone_numbers": client.incoming_phone_numbers.list}[kind]
    sandbox.config.resource_errors[kind] = 403
    with pytest.raises(TwilioRestException) as info:
        fetch()
    assert info.value.status == 403
    with pytest.raises(TwilioException, match="403"):  # list pages raise the base class
        listing()
    sandbox.config.resource_errors[kind] = 404
    assert listing() == []
    with pytest.raises(TwilioRestException) as info:
        fetch()
    assert info.value.status == 404
    del sandbox.config.resource_errors[kind]
    assert fetch().sid == sid


def test_incoming_messages_go_where_the_resources_say(sandbox, client, receiver):
    base = receiver.base_url
    sandbox.incoming_url = base + "/fallback"
    sandbox.simulate_reply("+33612345601", "one")
    number = client.incoming_phone_numbers.list()[0]
    client.incoming_phone_numbers(number.sid).update(sms_url=base + "/number")
    sandbox.simulate_reply("+33612345601", "two")
    sender = client.messaging.v2.channels_senders.list()[0]
    client.messaging.v2.channels_senders(sender.sid).update(
        Update({"webhook": {"callback_url": base + "/sender"}}))
    sandbox.simulate_reply("+33612345601", "three")
    service = client.messaging.v1.services.list()[0]
    client.messaging.v1.services(service.sid).update(inbound_request_url=base + "/service")
    sandbox.simulate_reply("+33612345601", "four")
    got = receiver.wait_for(lambda r: len(r) == 4)
    assert [(r.url.removeprefix(base), r.params["Body"]) for r in got] == [
        ("/fallback", "one"), ("/number", "two"), ("/sender", "three"), ("/service", "four")]
