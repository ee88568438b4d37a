"""`serve` runs the webhook server headless until SIGTERM; `routes` prints the webhook URLs."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from datetime import UTC

import pytest

from tests.webhooks.helpers import TOKEN, Client, incoming_params
from wacampaign_desktop.cli import main
from wacampaign_desktop.core.webhooks import INCOMING_PATH, STATUS_PATH


def test_serve_receives_signed_webhooks_until_sigterm(tmp_path):
    env = {**os.environ, "WACAMPAIGN_TWILIO_AUTH_TOKEN": TOKEN, "WACAMPAIGN_SECRET_BACKEND": "file"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "wacampaign_desktop", "serve", "--data-dir", str(tmp_path / "p"),
         "--port", "0", "--tunnel", "local"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )
    try:
        line = proc.stdout.readline()
        info = json.loads(line)
        assert info["status_callback_url"].endswith(STATUS_PATH)
        client = Client(info["local_url"])
        assert client.post(INCOMING_PATH, incoming_params("+33655555555", "STOP"))[0] == 200
        assert client.post(INCOMING_PATH, incoming_params("+33655555555", "x"), signature="bad")[0] == 403
        client.close()
    finally:
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    assert '"stopped": true' in err


def test_serve_without_token_says_what_to_do(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("WACAMPAIGN_TWILIO_AUTH_TOKEN", raising=False)
    assert main(["serve", "--data-dir", str(tmp_path / "p"), "--port", "0"]) == 2
    assert "credentials set" in capsys.readouterr().err


def test_routes_lists_local_and_public_urls(tmp_path, capsys):
    profile = tmp_path / "p"
    (profile / "config").mkdir(parents=True)
    (profile / "config" / "settings.json").write_text(json.dumps(
        {"tunnel_mode": "own_url", "public_url": "https://hooks.example.com", "webhook_port": 9123}))
    assert main(["routes", "--data-dir", str(profile), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    status = data["routes"][0]
    assert status["local_url"] == "http://127.0.0.1:9123" + STATUS_PATH
    assert status["public_url"] == "https://hooks.example.com" + STATUS_PATH
    assert main(["routes", "--data-dir", str(profile)]) == 0
    out = capsys.readouterr().out
    assert "POST" in out and "https://hooks.example.com/api/webhook/twilio/incoming" in out


def _health(base_url: str) -> dict:
    import urllib.request

    with urllib.request.urlopen(base_url + "/healthz", timeout=10) as response:
        assert response.status == 200
        return json.loads(response.read())


@pytest.mark.both_engines
def test_healthz_gives_the_last_callback_time_shared_by_every_receiver(db, bus, db_engine):
    from wacampaign_desktop import __version__
    from wacampaign_desktop.core.store.models import WebhookEvent
    from wacampaign_desktop.core.webhooks import WebhookServer

    first = WebhookServer(bus, lambda: TOKEN, port=0)
    second = WebhookServer(bus, lambda: TOKEN, port=0)  # a second receiver on the same database
    first.start()
    second.start()
    try:
        health = _health(first.local_base_url)
        assert health["status"] == "ok" and health["last_callback_at"] is None
        assert health["database"] == db_engine and health["version"] == __version__

        client = Client(first.local_base_url)
        assert client.post(INCOMING_PATH, incoming_params("+33655555501", "Hello"))[0] == 200
        newest = WebhookEvent.select().order_by(WebhookEvent.id.desc()).first()
        expected = newest.received_at.replace(tzinfo=UTC).isoformat()
        assert _health(first.local_base_url)["last_callback_at"] == expected
        assert _health(second.local_base_url)["last_callback_at"] == expected  # stateless

        # A forged request is not a callback: the time does not move.
        assert client.post(INCOMING_PATH, incoming_params("+33655555502", "x"),
                           signature="forged")[0] == 403
        assert _health(second.local_base_url)["last_callback_at"] == expected
        client.close()
    finally:
        second.stop()
        first.stop()


def test_serve_runs_a_scheduled_campaign_and_reports_its_callbacks(tmp_path, wait_until):
    """serve on a (sandbox) profile: the engine starts a due scheduled campaign, the sandbox's
    callbacks come back to serve's receiver, and /healthz says when the last one arrived."""
    from wacampaign_desktop.core.app_context import AppContext
    from wacampaign_desktop.core.store.models import Campaign, Contact, utcnow

    profile = tmp_path / "p"
    ctx = AppContext.open(profile)
    Contact.insert_many([{"phone": f"+3361230{i:04d}", "name": f"C{i}"} for i in range(3)]).execute()
    campaign_id = Campaign.create(name="Morning", body="Hello {{name}}", send_rate=50.0,
                                  state="scheduled", scheduled_at=utcnow()).id
    ctx.close()
    env = {**os.environ, "WACAMPAIGN_TWILIO_AUTH_TOKEN": TOKEN, "WACAMPAIGN_SECRET_BACKEND": "file"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "wacampaign_desktop", "serve", "--data-dir", str(profile),
         "--port", "0", "--tunnel", "local"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )
    try:
        info = json.loads(proc.stdout.readline())
        assert info["engine"] is True and info["mode"] == "sandbox"
        wait_until(lambda: _health(info["local_url"])["last_callback_at"] is not None, 60,
                   "a callback from the sandbox reached serve")  # generous: a loaded CI box
        ctx = AppContext.open(profile)
        try:
            wait_until(lambda: Campaign.get_by_id(campaign_id).delivered_count == 3, 60,
                       "the scheduled campaign delivered by serve's engine")  # read ⊆ delivered
        finally:
            ctx.close()
    finally:
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    assert '"stopped": true' in err


def _spawn(profile, *extra: str) -> subprocess.Popen:
    env = {**os.environ, "WACAMPAIGN_TWILIO_AUTH_TOKEN": TOKEN, "WACAMPAIGN_SECRET_BACKEND": "file"}
    return subprocess.Popen(
        [sys.executable, "-m", "wacampaign_desktop", "serve", "--data-dir", str(profile),
         "--port", "0", "--tunnel", "local", *extra],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )


def _ready(proc: subprocess.Popen) -> dict:
    line = proc.stdout.readline()
    if not line:
        proc.wait(30)
        raise AssertionError(f"serve did not start: {proc.stderr.read()}")
    return json.loads(line)


def _stop(proc: subprocess.Popen) -> str:
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    return err


def test_two_serve_processes_on_one_postgresql_database_agree(tmp_path, make_pg_database):
    """Two stateless receivers (two profiles, one database): a callback taken by one is the
    last callback the other reports, and both stop cleanly on SIGTERM."""
    url = make_pg_database()
    procs = [_spawn(tmp_path / name, "--database-url", url) for name in ("a", "b")]  # in parallel
    try:
        a, b = (_ready(proc) for proc in procs)
        assert _health(a["local_url"])["database"] == "postgresql"
        client = Client(a["local_url"])
        assert client.post(INCOMING_PATH, incoming_params("+33655550077", "Bonjour"))[0] == 200
        client.close()
        seen_by_a = _health(a["local_url"])["last_callback_at"]
        assert seen_by_a is not None and _health(b["local_url"])["last_callback_at"] == seen_by_a
    finally:
        errors = [_stop(proc) for proc in procs]
    assert all('"stopped": true' in err for err in errors)


def test_serve_live_with_the_token_in_a_file_as_on_a_server(tmp_path):
    """As the systemd unit runs it: the account and sender as options, the token read from the
    file named by WACAMPAIGN_TWILIO_AUTH_TOKEN_FILE (a systemd credential), no keyring: live."""
    from wacampaign_desktop.core.sandbox import SandboxConfig, SandboxServer

    sandbox = SandboxServer(SandboxConfig(port=0, seed=3))  # stands in for api.twilio.com
    sandbox.start()
    profile = tmp_path / "server"
    token_file = tmp_path / "twilio-token"
    token_file.write_text(sandbox.auth_token + "\n")
    env = {**os.environ, "WACAMPAIGN_SECRET_BACKEND": "file",
           "WACAMPAIGN_TWILIO_AUTH_TOKEN_FILE": str(token_file)}
    env.pop("WACAMPAIGN_TWILIO_AUTH_TOKEN", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "wacampaign_desktop", "serve", "--data-dir", str(profile),
         "--port", "0", "--public-url", "http://127.0.0.1:1", "--api-url", sandbox.base_url,
         "--account-sid", sandbox.account_sid, "--sender", "whatsapp:+14155238886"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )
    try:
        info = _ready(proc)
        assert info["mode"] == "live" and info["tunnel_mode"] == "server"
        assert info["status_callback_url"] == "http://127.0.0.1:1" + STATUS_PATH
        client = Client(info["local_url"], public_base="http://127.0.0.1:1",
                        token=sandbox.auth_token)  # signed for the public address, as Twilio
        assert client.post(INCOMING_PATH, incoming_params("+33655550088", "Hi"))[0] == 200
        client.close()
    finally:
        err = _stop(proc)
        sandbox.stop()
    assert sandbox.auth_token not in err  # the token never in the log
