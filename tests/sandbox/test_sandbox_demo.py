"""The first-run demo profile: sending to the eight demo contacts shows, within seconds,
failures with real codes, a message never read, replies (a question, a thank-you, a STOP) and a
retry that gets through; the default config stays quiet (every rate zero)."""

from __future__ import annotations

import time

from twilio.request_validator import RequestValidator

from wacampaign_desktop.core.sandbox import DEFAULT_SENDER, SandboxConfig, SandboxServer
from wacampaign_desktop.core.services.contacts import DEMO_CONTACTS
from wacampaign_desktop.core.twilio_gateway import TwilioGateway


def run_demo(config: SandboxConfig, receiver, sends: list[str]) -> tuple[SandboxServer, dict]:
    server = SandboxServer(config)
    server.start()
    server.incoming_url = receiver.base_url + "/incoming"
    gateway = TwilioGateway(server.credentials)
    try:
        client = gateway.client
        sids = [client.messages.create(to=f"whatsapp:{phone}", from_=DEFAULT_SENDER,
                                       body="Bonjour !").sid for phone in sends]
        deadline = time.monotonic() + 15
        while not all(m.current() == m.timeline[-1] for m in server.messages()):
            assert time.monotonic() < deadline, "the stories did not end"
            time.sleep(0.05)
        return server, {sid: client.messages(sid).fetch() for sid in sids}
    finally:
        gateway.close()


def test_demo_shows_failures_unread_replies_and_a_retry_that_works(receiver):
    phones = [phone for phone, _, _ in DEMO_CONTACTS]
    config = SandboxConfig.demo(step_latency=0.03, reply_delay=0.2)
    assert (config.failure_rate, config.reply_rate) == (0.0, 0.0)  # scripted, not drawn
    server, finals = run_demo(config, receiver, phones)
    try:
        by_phone = {m.to.removeprefix("whatsapp:"): m for m in finals.values()}
        codes = {m.error_code for m in by_phone.values() if m.error_code}
        assert codes == {63016, 30008, 63049}
        assert by_phone[phones[3]].status == "undelivered"  # 30008: worth a retry
        assert by_phone[phones[1]].status == "failed"  # 63016: outside the 24-hour window
        assert sum(m.status == "read" for m in by_phone.values()) == 4
        got = receiver.wait_for(lambda r: len(r) == 3, timeout=10)
        bodies = {r.params["From"].removeprefix("whatsapp:"): r.params["Body"] for r in got}
        assert bodies[phones[0]].endswith("?")  # a question, in French
        assert bodies[phones[4]].startswith("Thank you")
        assert bodies[phones[7]] == "STOP" and any(r.params.get("OptOutType") == "STOP"
                                                   for r in got)
        validator = RequestValidator(server.auth_token)
        assert all(validator.validate(r.url, r.params, r.headers["X-Twilio-Signature"])
                   for r in got)
        assert len(server.inbound_messages()) == 3

        gateway = TwilioGateway(server.credentials)  # "Retry failed" on the 30008
        retry = gateway.client.messages.create(to=f"whatsapp:{phones[3]}", from_=DEFAULT_SENDER,
                                               body="Bonjour !")
        deadline = time.monotonic() + 10
        while gateway.client.messages(retry.sid).fetch().status != "read":
            assert time.monotonic() < deadline
            time.sleep(0.05)
        gateway.close()
    finally:
        server.stop()


def test_demo_keeps_the_mix_beyond_the_first_eight(receiver):
    phones = [f"+3361000{i:04d}" for i in range(8 + 28)]
    server, finals = run_demo(SandboxConfig.demo(step_latency=0.02, reply_delay=0.1,
                                                 seed=1), receiver, phones)
    try:
        later = [m for m in finals.values()
                 if m.to.removeprefix("whatsapp:") in phones[8:]]
        failed = [m for m in later if m.status in ("failed", "undelivered")]
        assert {m.error_code for m in failed} == {63024, 63049, 30008, 63016}
        assert len(failed) == 8  # 4 in every 14
        got = receiver.wait_for(lambda r: len(r) == 3 + 4, timeout=10)
        assert sum(r.params["Body"] == "STOP" for r in got) == 1  # one opt-out, not one a cycle
    finally:
        server.stop()


def test_default_config_never_fails_or_replies(receiver):
    server, finals = run_demo(SandboxConfig(step_latency=0.02), receiver,
                              [f"+3361000{i:04d}" for i in range(15)])
    try:
        assert {m.status for m in finals.values()} == {"read"}
        assert server.pending_callbacks() == 0  # no reply is planned (no status callbacks here)
        assert server.inbound_messages() == [] and receiver.snapshot() == []
    finally:
        server.stop()


def test_failure_codes_pick_which_failures_the_rate_draws(receiver):
    config = SandboxConfig(seed=2, step_latency=0.02, failure_rate=1.0, failure_codes=(30008,))
    server, finals = run_demo(config, receiver, [f"+3361200{i:04d}" for i in range(6)])
    try:
        assert {(m.status, m.error_code) for m in finals.values()} == {("undelivered", 30008)}
        server.config.failure_codes = (63024,)  # changeable while running
        gateway = TwilioGateway(server.credentials)
        sid = gateway.client.messages.create(to="whatsapp:+33612009999", from_=DEFAULT_SENDER,
                                             body="Hi").sid
        deadline = time.monotonic() + 10
        while gateway.client.messages(sid).fetch().status != "failed":
            assert time.monotonic() < deadline
            time.sleep(0.03)
        assert gateway.client.messages(sid).fetch().error_code == 63024
        gateway.close()
    finally:
        server.stop()
    assert SandboxConfig(failure_codes=(12345,)).validate()
