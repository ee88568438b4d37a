"""TwilioGateway against the real local sandbox: results, classification, reading back."""

from __future__ import annotations

import socket
import threading
import time
from datetime import UTC, datetime, timedelta, timezone

import pytest

from wacampaign_desktop.core.sandbox import DEFAULT_SENDER, SandboxConfig, SandboxServer
from wacampaign_desktop.core.twilio_gateway import (
    GatewayError,
    SendRequest,
    TwilioCredentials,
    TwilioGateway,
)


@pytest.fixture
def make_sandbox():
    started: list[SandboxServer] = []

    def make(**knobs) -> SandboxServer:
        server = SandboxServer(SandboxConfig(**{"seed": 5, "step_latency": 0.02, **knobs}))
        server.start()
        started.append(server)
        return server

    yield make
    for server in started:
        server.stop()


def req(to: str = "+15551234567", **extra) -> SendRequest:
    return SendRequest(to=to, sender=extra.pop("sender", DEFAULT_SENDER),
                       body=extra.pop("body", "Hello"), **extra)


def test_send_succeeds_with_text_template_or_service(make_sandbox):
    sandbox = make_sandbox()
    gateway = TwilioGateway(sandbox.credentials)
    text = gateway.send(req())
    assert text.success and text.sid.startswith("SM") and text.status == "queued"
    assert (text.error_code, text.retryable, text.opt_out) == (None, False, False)
    template = gateway.send(SendRequest(to="+15551234567", sender="MG" + "1" * 32,
                                        content_sid="HX" + "2" * 32,
                                        content_variables={"1": "Zoé"},
                                        media_urls=("https://example.com/x.png",)))
    assert template.success
    info = gateway.fetch(template.sid)
    assert info.to == "whatsapp:+15551234567" and info.from_ is None
    assert sandbox.send_count("+15551234567") == 2


@pytest.mark.parametrize(("to", "extra", "code", "opt_out", "hint_word"), [
    ("+15005550001", {}, 21211, False, "number"),
    ("+15005550003", {}, 21408, False, "Geo permissions"),
    ("+15005550004", {}, 21610, True, "opted out"),
    ("+15005550009", {}, 21614, False, "mobile"),
    ("+15551234567", {"content_variables": {"1": "x"}}, 21654, False, "template"),
])
def test_permanent_errors_are_not_retryable_and_explained(make_sandbox, to, extra, code,
                                                          opt_out, hint_word):
    gateway = TwilioGateway(make_sandbox().credentials)
    result = gateway.send(req(to, **extra))
    assert not result.success and result.sid is None
    assert (result.error_code, result.http_status) == (code, 400)
    assert result.retryable is False and result.retry_after is None
    assert result.opt_out is opt_out
    assert hint_word.lower() in result.hint.lower()


def test_rate_limit_is_retryable_with_a_delay(make_sandbox):
    gateway = TwilioGateway(make_sandbox(rate_limit_per_s=3).credentials)
    results = [gateway.send(req(f"+1555000{i:04d}")) for i in range(20)]
    limited = [r for r in results if not r.success]
    assert limited, "the rate limit never triggered"
    for r in limited:
        assert (r.http_status, r.error_code, r.retryable) == (429, 20429, True)
        assert r.retry_after and r.retry_after > 0


def test_server_errors_are_retryable(make_sandbox):
    gateway = TwilioGateway(make_sandbox(server_error_rate=1.0).credentials)
    result = gateway.send(req())
    assert (result.success, result.http_status, result.retryable) == (False, 500, True)
    assert result.retry_after and result.hint


def test_problem_details_errors_raise_service_exception_and_still_map(make_sandbox):
    gateway = TwilioGateway(make_sandbox(problem_details=True).credentials)
    result = gateway.send(req("+15005550004"))
    assert (result.error_code, result.http_status, result.opt_out) == (21610, 400, True)
    limited = TwilioGateway(make_sandbox(problem_details=True, rate_limit_per_s=1).credentials)
    codes = {limited.send(req(f"+1555000{i:04d}")).error_code for i in range(8)}
    assert 20429 in codes


def test_network_failures_are_retryable_results_not_exceptions(make_sandbox):
    with socket.socket() as sock:  # a port with nothing behind it
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    gateway = TwilioGateway(TwilioCredentials("AC" + "0" * 32, "t" * 32,
                                              f"http://127.0.0.1:{port}"))
    refused = gateway.send(req())
    assert (refused.success, refused.retryable, refused.http_status) == (False, True, None)
    assert refused.retry_after and "connect" in refused.error_message.lower()

    slow = make_sandbox(api_latency=1.5)
    timed_out = TwilioGateway(slow.credentials, timeout=0.3).send(req())
    assert (timed_out.success, timed_out.retryable) == (False, True)
    assert "time" in timed_out.error_message.lower()


def test_wrong_credentials_fail_clearly_without_leaking_the_token(make_sandbox):
    sandbox = make_sandbox()
    assert TwilioGateway(sandbox.credentials).check_credentials().ok
    bad_token = "f" * 32
    bad = TwilioGateway(TwilioCredentials(sandbox.account_sid, bad_token, sandbox.base_url))
    check = bad.check_credentials()
    assert not check.ok and "20003" in check.message and bad_token not in check.message
    result = bad.send(req())
    assert (result.error_code, result.http_status, result.retryable) == (20003, 401, False)
    assert "Auth Token" in result.hint and bad_token not in (result.error_message or "")


def test_fetch_and_list_messages_to(make_sandbox):
    sandbox = make_sandbox()
    gateway = TwilioGateway(sandbox.credentials)
    since = datetime.now(UTC) - timedelta(seconds=5)
    sids = {gateway.send(req("+15557770000")).sid for _ in range(3)}
    gateway.send(req("+15557771111"))
    deadline = time.monotonic() + 10
    while {m.sid for m in gateway.list_messages_to("+15557770000", since)} != sids:
        assert time.monotonic() < deadline
        time.sleep(0.05)
    elsewhere = since.astimezone(timezone(timedelta(hours=5)))  # same instant, other zone
    assert {m.sid for m in gateway.list_messages_to("+15557770000", elsewhere)} == sids
    assert gateway.list_messages_to("+15557770000", datetime.now(UTC) + timedelta(hours=1)) == []
    # Listing finds messages still queued at Twilio (crash recovery needs them), so wait for
    # the sandbox to move the fetched one along before looking at its send date.
    sid = next(iter(sids))
    info = gateway.fetch(sid)
    while info.status in {"accepted", "queued"}:
        assert time.monotonic() < deadline + 10
        time.sleep(0.05)
        info = gateway.fetch(sid)
    assert info.status in {"sending", "sent", "delivered", "read"} and info.date_sent
    with pytest.raises(GatewayError) as err:
        gateway.fetch("SM" + "0" * 32)
    assert err.value.result.http_status == 404 and not err.value.result.retryable


def test_many_threads_share_one_gateway(make_sandbox):
    sandbox = make_sandbox()
    gateway = TwilioGateway(sandbox.credentials)
    results: list = []
    lock = threading.Lock()

    def worker(n: int) -> None:
        for i in range(25):
            r = gateway.send(req(f"+1555{n:03d}{i:04d}"))
            with lock:
                results.append(r)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert len(results) == 200 and all(r.success for r in results)
    assert len({r.sid for r in results}) == 200
    assert sum(sandbox.send_counts().values()) == 200
