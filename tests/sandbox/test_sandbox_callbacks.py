"""The real twilio client against the sandbox: sids, signed callbacks, fates, replies."""

from __future__ import annotations

import re
import time

import pytest
from twilio.request_validator import RequestValidator
from twilio.rest import Client

from wacampaign_desktop.core.sandbox import DEFAULT_SENDER, SandboxConfig, SandboxServer
from wacampaign_desktop.core.sandbox.config import FAILURES

FAST = dict(step_latency=0.02)


def client_for(sandbox: SandboxServer) -> Client:
    client = Client(sandbox.account_sid, sandbox.auth_token)
    client.api.base_url = sandbox.base_url
    return client


def send(client: Client, to: str, callback: str | None, **extra):
    return client.messages.create(to=f"whatsapp:{to}", from_=DEFAULT_SENDER, body="Hello",
                                  status_callback=callback, **extra)


def statuses(received, sid: str) -> list[str]:
    return [r.params["MessageStatus"] for r in received if r.params.get("MessageSid") == sid]


@pytest.fixture
def sandbox_factory():
    started: list[SandboxServer] = []

    def make(**knobs) -> SandboxServer:
        server = SandboxServer(SandboxConfig(**{**FAST, **knobs}))
        server.start()
        started.append(server)
        return server

    yield make
    for server in started:
        server.stop()


def test_send_returns_sid_and_signed_callbacks_walk_the_lifecycle(sandbox_factory, receiver):
    sandbox = sandbox_factory(seed=7)
    url = receiver.base_url + "/api/webhook/twilio/status?campaign=3&x=a%20b"
    message = send(client_for(sandbox), "+15551230001", url)
    assert re.fullmatch(r"SM[0-9a-f]{32}", message.sid)
    assert message.status == "queued"
    assert message.to == "whatsapp:+15551230001"

    got = receiver.wait_for(lambda r: len(statuses(r, message.sid)) == 4)
    assert statuses(got, message.sid) == ["sending", "sent", "delivered", "read"]
    validator = RequestValidator(sandbox.auth_token)
    for r in got:
        assert r.url == url
        assert validator.validate(r.url, r.params, r.headers["X-Twilio-Signature"])
        assert not RequestValidator("wrong-token").validate(
            r.url, r.params, r.headers["X-Twilio-Signature"])
        p = r.params
        assert p["SmsSid"] == p["MessageSid"] and p["SmsStatus"] == p["MessageStatus"]
        assert p["AccountSid"] == sandbox.account_sid
        assert p["From"] == DEFAULT_SENDER and p["To"] == "whatsapp:+15551230001"
        assert p["ChannelPrefix"] == "whatsapp" and p["ApiVersion"] == "2010-04-01"
        assert p["ChannelToAddress"] == "+15551230001" and p["ChannelInstallSid"]
    assert [r.params.get("EventType") for r in got] == [None, None, "DELIVERED", "READ"]
    assert client_for(sandbox).messages(message.sid).fetch().status == "read"


def test_failures_carry_realistic_codes_and_never_read(sandbox_factory, receiver):
    failing = sandbox_factory(seed=1, failure_rate=1.0)
    url = receiver.base_url + "/status"
    sids = [send(client_for(failing), f"+1555123{i:04d}", url).sid for i in range(6)]
    known = {code: status for status, code, _ in FAILURES}
    got = receiver.wait_for(lambda r: all(
        statuses(r, s) and statuses(r, s)[-1] in ("failed", "undelivered") for s in sids))
    for sid in sids:
        last = [r for r in got if r.params["MessageSid"] == sid][-1].params
        assert known[int(last["ErrorCode"])] == last["MessageStatus"]
        assert last["ChannelStatusMessage"]

    unread = sandbox_factory(seed=1, never_read_rate=1.0)
    sid = send(client_for(unread), "+15559870000", url).sid
    receiver.wait_for(lambda r: "delivered" in statuses(r, sid) and unread.pending_callbacks() == 0)
    assert "read" not in statuses(receiver.snapshot(), sid)
    assert client_for(unread).messages(sid).fetch().status == "delivered"


def test_dropped_duplicated_and_reordered_callbacks(sandbox_factory, receiver):
    url = receiver.base_url + "/status"
    dropping = sandbox_factory(seed=2, drop_rate=1.0)
    sid = send(client_for(dropping), "+15550000001", url).sid
    deadline = time.monotonic() + 10
    while client_for(dropping).messages(sid).fetch().status != "read":
        assert time.monotonic() < deadline
        time.sleep(0.05)
    assert statuses(receiver.snapshot(), sid) == []  # reconciliation must fetch it
    assert dropping.stats.callbacks_dropped == 4

    doubling = sandbox_factory(seed=2, duplicate_rate=1.0)
    sid = send(client_for(doubling), "+15550000002", url).sid
    got = receiver.wait_for(lambda r: len(statuses(r, sid)) == 8)
    assert sorted(statuses(got, sid)) == sorted(["sending", "sent", "delivered", "read"] * 2)

    shuffling = sandbox_factory(seed=2, reorder_rate=1.0, step_latency=0.05)
    sid = send(client_for(shuffling), "+15550000003", url).sid
    got = receiver.wait_for(lambda r: len(statuses(r, sid)) == 4)
    order = statuses(got, sid)
    assert sorted(order) == sorted(["sending", "sent", "delivered", "read"])
    assert order != ["sending", "sent", "delivered", "read"]


def test_callback_can_arrive_before_the_create_answers(sandbox_factory, receiver):
    sandbox = sandbox_factory(seed=3, callback_before_response=True, step_latency=10.0)
    message = send(client_for(sandbox), "+15550000004", receiver.base_url + "/status")
    assert statuses(receiver.snapshot(), message.sid) == ["sending"]


def test_unreachable_receiver_is_retried_once_then_dropped(sandbox_factory, receiver):
    sandbox = sandbox_factory(seed=4)
    dead = receiver.base_url + "/status"
    receiver.close()  # nothing listens there any more
    send(client_for(sandbox), "+15550000005", dead)
    deadline = time.monotonic() + 20
    while sandbox.stats.callbacks_failed < 4:
        assert time.monotonic() < deadline, sandbox.stats
        time.sleep(0.05)
    assert sandbox.stats.callbacks_posted == 0


def test_simulated_reply_is_a_signed_incoming_webhook(sandbox_factory, receiver):
    incoming = receiver.base_url + "/api/webhook/twilio/incoming"
    sandbox = sandbox_factory(seed=5, incoming_url=incoming)
    sid = sandbox.simulate_reply("+15551112222", "STOP")
    assert re.fullmatch(r"SM[0-9a-f]{32}", sid)
    (r,) = receiver.snapshot()
    assert r.url == incoming
    assert RequestValidator(sandbox.auth_token).validate(r.url, r.params,
                                                         r.headers["X-Twilio-Signature"])
    p = r.params
    assert (p["MessageSid"], p["From"], p["To"], p["Body"]) == (
        sid, "whatsapp:+15551112222", DEFAULT_SENDER, "STOP")
    assert p["WaId"] == "15551112222" and p["NumMedia"] == "0" and p["ProfileName"]
    assert p["OptOutType"] == "STOP"
    sandbox.simulate_reply("+15551112222", "Thanks, see you!", url=incoming)
    assert "OptOutType" not in receiver.snapshot()[-1].params


def test_free_text_outside_the_24_hour_window_fails_63016(sandbox_factory, receiver):
    url = receiver.base_url + "/status"
    sandbox = sandbox_factory(seed=6, enforce_session_window=True,
                              incoming_url=receiver.base_url + "/incoming")
    client = client_for(sandbox)
    cold = send(client, "+15550000006", url).sid
    template = client.messages.create(to="whatsapp:+15550000006", from_=DEFAULT_SENDER,
                                      content_sid=sandbox.add_template("hi", "Hi").sid,
                                      status_callback=url).sid
    sandbox.simulate_reply("+15550000007", "Hello, any news?")
    warm = send(client, "+15550000007", url).sid
    got = receiver.wait_for(lambda r: all(
        statuses(r, s)[-1:] in (["failed"], ["read"]) for s in (cold, template, warm)))
    last = {s: [r.params for r in got if r.params.get("MessageSid") == s][-1]
            for s in (cold, template, warm)}
    assert (last[cold]["MessageStatus"], last[cold]["ErrorCode"]) == ("failed", "63016")
    assert last[template]["MessageStatus"] == "read" and last[warm]["MessageStatus"] == "read"
