"""`wacampaign-desktop sandbox` from a shell: one JSON line, a working API, clean stop."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys

from twilio.rest import Client


def test_cli_prints_credentials_and_serves_until_terminated(tmp_path):
    proc = subprocess.Popen(
        [sys.executable, "-m", "wacampaign_desktop", "sandbox", "--seed", "9",
         "--step-latency", "0.01"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        line = proc.stdout.readline()
        info = json.loads(line)
        assert set(info) == {"base_url", "account_sid", "auth_token"}
        assert info["base_url"].startswith("http://127.0.0.1:")
        client = Client(info["account_sid"], info["auth_token"])
        client.api.base_url = info["base_url"]
        msg = client.messages.create(to="whatsapp:+15551234567", from_="whatsapp:+14155238886",
                                     body="hello from a shell")
        assert msg.sid.startswith("SM") and msg.status == "queued"
    finally:
        proc.send_signal(signal.SIGTERM if os.name != "nt" else signal.CTRL_C_EVENT)
        out, err = proc.communicate(timeout=20)
    assert proc.returncode == 0, err
    assert '"sends": 1' in err


def test_cli_rejects_bad_knobs():
    done = subprocess.run([sys.executable, "-m", "wacampaign_desktop", "sandbox",
                           "--failure-rate", "2"], capture_output=True, text=True, timeout=60)
    assert done.returncode != 0 and "between 0 and 1" in done.stderr
