"""`serve` runs the webhook server headless until SIGTERM; `routes` prints the webhook URLs."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys

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
