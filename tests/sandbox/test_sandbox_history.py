"""Twilio's message history as catch-up reads it: `messages.list(to=, from_=,
date_sent_after=, page_size=)` newest first with next_page_uri paging, outbound and inbound
(replies), seeded history at a given time, and the 24-hour window that history opens."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import pytest
import requests

from tests.sandbox.schema import assert_matches, missing_properties
from wacampaign_desktop.core.sandbox import DEFAULT_SENDER, SandboxConfig, SandboxServer
from wacampaign_desktop.core.twilio_gateway import TwilioGateway

CONTACT = "+33612345601"


@pytest.fixture
def sandbox():
    server = SandboxServer(SandboxConfig(seed=9, step_latency=0.02))
    server.start()
    yield server
    server.stop()


def send(client, to: str, body: str = "Hello"):
    return client.messages.create(to=f"whatsapp:{to}", from_=DEFAULT_SENDER, body=body)


def test_inbound_and_outbound_listed_by_direction_newest_first(sandbox, client, receiver):
    sandbox.incoming_url = receiver.base_url + "/incoming"
    start = datetime.now(UTC) - timedelta(seconds=1)
    out = [send(client, CONTACT, f"m{i}").sid for i in range(3)]
    reply = sandbox.simulate_reply(CONTACT, "Merci !")
    send(client, "+33612345602")

    inbound = client.messages.list(to=DEFAULT_SENDER, date_sent_after=start, page_size=1000)
    assert [(m.sid, m.direction, m.from_, m.body, m.status) for m in inbound] == [
        (reply, "inbound", f"whatsapp:{CONTACT}", "Merci !", "received")]
    assert inbound[0].date_sent is not None

    deadline = time.monotonic() + 10
    while {m.status for m in client.messages.list(from_=DEFAULT_SENDER, to=f"whatsapp:{CONTACT}")
           } != {"read"}:
        assert time.monotonic() < deadline
        time.sleep(0.03)
    outbound = client.messages.list(from_=DEFAULT_SENDER, to=f"whatsapp:{CONTACT}",
                                    date_sent_after=start, page_size=2)
    assert [m.sid for m in outbound] == list(reversed(out))  # newest first, across pages
    assert {m.direction for m in outbound} == {"outbound-api"}
    assert client.messages.list(from_=DEFAULT_SENDER,
                                date_sent_after=datetime.now(UTC) + timedelta(hours=1)) == []


def test_list_page_matches_twilios_schema_and_pages(sandbox, client):
    for i in range(5):
        send(client, f"+3361234{i:04d}")
    sandbox.seed_inbound(CONTACT, "Bonjour")
    auth = (sandbox.account_sid, sandbox.auth_token)
    url = f"{sandbox.base_url}/2010-04-01/Accounts/{sandbox.account_sid}/Messages.json"
    page = requests.get(url, params={"PageSize": 4}, auth=auth, timeout=10).json()
    assert_matches(page, "message_list")
    for message in page["messages"]:
        assert_matches(message, "message")
        assert not missing_properties(message, "message")
    assert len(page["messages"]) == 4 and page["page_size"] == 4
    nxt = requests.get(sandbox.base_url + page["next_page_uri"], auth=auth, timeout=10).json()
    assert len(nxt["messages"]) == 2 and nxt["next_page_uri"] is None
    assert {m["sid"] for m in page["messages"]}.isdisjoint(m["sid"] for m in nxt["messages"])
    sized = requests.get(url, params={"PageSize": 5000}, auth=auth, timeout=10).json()
    assert sized["page_size"] == 1000
    bad = requests.get(url, params={"DateSent>": "yesterday"}, auth=auth, timeout=10)
    assert bad.status_code == 400


def test_seeded_history_at_a_time_is_listed_by_date_and_opens_the_window():
    server = SandboxServer(SandboxConfig(seed=3, step_latency=0.02, enforce_session_window=True))
    server.start()
    gateway = TwilioGateway(server.credentials)
    client = gateway.client
    try:
        now = time.time()
        old = server.seed_inbound("+33612345603", "Old news", at=now - 25 * 3600)
        recent = server.seed_inbound("+33612345604", "Hi there", at=now - 3600)
        since = datetime.fromtimestamp(now - 2 * 3600, UTC)
        listed = client.messages.list(to=DEFAULT_SENDER, date_sent_after=since)
        assert [m.sid for m in listed] == [recent.sid]
        everything = client.messages.list(to=DEFAULT_SENDER)
        assert [m.sid for m in everything] == [recent.sid, old.sid]

        cold = send(client, "+33612345603").sid  # wrote 25 h ago: outside the window
        warm = send(client, "+33612345604").sid  # wrote 1 h ago: inside
        deadline = time.monotonic() + 10
        while {client.messages(s).fetch().status for s in (cold, warm)} != {"failed", "read"}:
            assert time.monotonic() < deadline
            time.sleep(0.03)
        failed = client.messages(cold).fetch()
        assert (failed.status, failed.error_code) == ("failed", 63016)
        assert client.messages(warm).fetch().status == "read"
    finally:
        gateway.close()
        server.stop()
