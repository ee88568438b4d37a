"""The sandbox's REST API seen through twilio-python: auth, validation, magic numbers, rate
limit, reading messages back, per-recipient counts, and reproducible stories."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime, timedelta

import pytest
import requests
from twilio.base.exceptions import TwilioRestException
from twilio.rest import Client

from wacampaign_desktop.core.sandbox import DEFAULT_SENDER, SandboxConfig, SandboxServer


@pytest.fixture
def sandbox():
    server = SandboxServer(SandboxConfig(seed=11, step_latency=0.02))
    server.start()
    yield server
    server.stop()


def client_for(sandbox: SandboxServer, token: str | None = None) -> Client:
    client = Client(sandbox.account_sid, token or sandbox.auth_token)
    client.api.base_url = sandbox.base_url
    return client


def create(client: Client, to: str, **extra):
    kwargs = {"from_": DEFAULT_SENDER, "body": "Hi", **extra}
    return client.messages.create(to=to, **kwargs)


def test_wrong_credentials_get_twilios_401_20003(sandbox):
    with pytest.raises(TwilioRestException) as info:
        create(client_for(sandbox, token="0" * 32), "whatsapp:+15551234567")
    assert (info.value.status, info.value.code) == (401, 20003)
    raw = requests.get(f"{sandbox.base_url}/2010-04-01/Accounts/{sandbox.account_sid}.json",
                       timeout=10)
    assert raw.status_code == 401
    assert set(raw.json()) >= {"code", "message", "more_info", "status"}
    assert sandbox.send_counts() == {}


@pytest.mark.parametrize(("to", "extra", "code"), [
    ("whatsapp:0612345678", {}, 21211),
    ("whatsapp:+15005550001", {}, 21211),
    ("whatsapp:+15005550002", {}, 21612),
    ("whatsapp:+15005550003", {}, 21408),
    ("whatsapp:+15005550004", {}, 21610),
    ("whatsapp:+15005550009", {}, 21614),
    ("whatsapp:+15551234567", {"from_": "whatsapp:+15005550001"}, 21212),
    ("whatsapp:+15551234567", {"from_": "whatsapp:+15005550008"}, 21611),
    ("whatsapp:+15551234567", {"content_variables": json.dumps({"1": "Ann"})}, 21654),
    ("whatsapp:+15551234567", {"body": None}, 21602),
])
def test_validation_and_magic_numbers_answer_like_twilio(sandbox, to, extra, code):
    with pytest.raises(TwilioRestException) as info:
        create(client_for(sandbox), to, **extra)
    assert (info.value.status, info.value.code) == (400, code)
    assert sandbox.send_counts() == {}


def test_templates_and_messaging_services_are_accepted(sandbox):
    client = client_for(sandbox)
    msg = client.messages.create(to="whatsapp:+15551234567", messaging_service_sid="MG" + "a" * 32,
                                 content_sid="HX" + "b" * 32,
                                 content_variables=json.dumps({"1": "Ann"}),
                                 media_url=["https://example.com/a.jpg"])
    assert msg.status == "accepted" and msg.messaging_service_sid == "MG" + "a" * 32
    assert msg.num_media == "1"


def test_rate_limit_answers_429_20429():
    server = SandboxServer(SandboxConfig(seed=1, rate_limit_per_s=5))
    server.start()
    try:
        codes = []
        started = time.monotonic()
        for i in range(30):
            try:
                create(client_for(server), f"whatsapp:+1555000{i:04d}")
                codes.append(201)
            except TwilioRestException as exc:
                codes.append((exc.status, exc.code))
        assert (429, 20429) in codes
        elapsed = time.monotonic() - started
        assert codes.count(201) == server.stats.sends <= 5 + 5 * elapsed + 1
    finally:
        server.stop()


def test_fetch_list_and_account(sandbox):
    client = client_for(sandbox)
    start = datetime.now(UTC) - timedelta(seconds=2)
    sids = [create(client, "whatsapp:+15557654321").sid for _ in range(3)]
    other = create(client, "whatsapp:+15550001111").sid
    deadline = time.monotonic() + 10
    while client.messages(sids[-1]).fetch().status != "read":
        assert time.monotonic() < deadline
        time.sleep(0.05)
    fetched = client.messages(sids[0]).fetch()
    assert (fetched.to, fetched.from_, fetched.body) == ("whatsapp:+15557654321", DEFAULT_SENDER,
                                                         "Hi")
    assert fetched.date_created is not None and fetched.date_sent is not None

    listed = client.messages.list(to="whatsapp:+15557654321", date_sent_after=start,
                                  page_size=2)
    assert sorted(m.sid for m in listed) == sorted(sids) and other not in {m.sid for m in listed}
    later = datetime.now(UTC) + timedelta(hours=1)
    assert client.messages.list(to="whatsapp:+15557654321", date_sent_after=later) == []

    with pytest.raises(TwilioRestException) as info:
        client.messages("SM" + "0" * 32).fetch()
    assert info.value.status == 404

    account = client.api.accounts(sandbox.account_sid).fetch()
    assert account.sid == sandbox.account_sid and account.status == "active"


def test_send_count_per_recipient(sandbox):
    client = client_for(sandbox)
    for _ in range(3):
        create(client, "whatsapp:+15551230000")
    create(client, "whatsapp:+15551239999")
    with pytest.raises(TwilioRestException):
        create(client, "whatsapp:+15005550001")
    assert sandbox.send_count("+15551230000") == 3
    assert sandbox.send_count("whatsapp:+15551239999") == 1
    assert sandbox.send_count("+15005550001") == 0
    assert sandbox.send_counts() == {"+15551230000": 3, "+15551239999": 1}


def _story(seed: int, order: list[str]) -> tuple[str, dict]:
    server = SandboxServer(SandboxConfig(seed=seed, failure_rate=0.4, never_read_rate=0.3,
                                         drop_rate=0.3, duplicate_rate=0.3, reorder_rate=0.3))
    server.start()
    try:
        client = client_for(server)
        for to in order:
            create(client, f"whatsapp:{to}")
        fates = {}
        for m in server.messages():
            fates[m.sid] = (m.to, [(s.status, s.error_code) for s in m.timeline])
        return server.account_sid, fates
    finally:
        server.stop()


def test_same_seed_same_story_whatever_the_order():
    numbers = [f"+1555111{i:04d}" for i in range(20)] + ["+15551110000"]
    first = _story(42, numbers)
    second = _story(42, list(reversed(numbers)))
    assert first == second
    outcomes = {tuple(t[-1] for t in timeline) for _, timeline in first[1].values()}
    assert len(outcomes) > 2  # the knobs really produced a mix of fates
    assert _story(43, numbers) != first


def test_a_taken_port_is_a_clear_error_and_stop_frees_it(sandbox):
    from wacampaign_desktop.core.sandbox import SandboxError

    port = sandbox.port
    with pytest.raises(SandboxError, match=str(port)):
        SandboxServer(SandboxConfig(port=port)).start()
    sandbox.stop()
    again = SandboxServer(SandboxConfig(port=port, seed=11))
    again.start()
    try:
        assert again.base_url == f"http://127.0.0.1:{port}"
        assert again.account_sid == sandbox.account_sid  # same seed, same credentials
    finally:
        again.stop()
