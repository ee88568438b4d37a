"""TunnelManager with the real pyngrok code against a fake ngrok agent, plus own-URL and local modes."""

from __future__ import annotations

import json
import os
import signal
import sys
import threading
import urllib.request
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from pyngrok import installer

from tests.tunnel.conftest import make_fake_ngrok
from tests.webhooks.helpers import wait_for
from wacampaign_desktop.core.events import Alert, TunnelStateChanged
from wacampaign_desktop.core.tunnel import TunnelError, TunnelManager


def _get(url: str) -> tuple[int, dict]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, json.loads(response.read())


def _calls(tmp_path) -> list[dict]:
    path = tmp_path / "ngrok-config" / "fake_ngrok_calls.jsonl"
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


def _manager(tmp_path, bus, port, fake, **kwargs) -> TunnelManager:
    (tmp_path / "ngrok-config").mkdir(exist_ok=True)
    return TunnelManager(
        "ngrok", bus, port, ngrok_authtoken="2abcdefghijklmnopqrstu_vwxyz0123456789ABCDE",
        ngrok_path=str(fake), config_path=str(tmp_path / "ngrok-config" / "ngrok.yml"),
        watch_interval=0.2, **kwargs,
    )


def test_ngrok_tunnel_start_forward_restart_stop(tmp_path, bus, events, webhooks, fake_ngrok):
    tunnel = _manager(tmp_path, bus, webhooks.port, fake_ngrok, region="eu")
    url = tunnel.start()
    try:
        assert tunnel.state == "up" and url.startswith("http://127.0.0.1:")
        assert any(isinstance(e, TunnelStateChanged) and e.state == "up" and e.public_url == url
                   for e in events)
        # The public port forwards to the webhook server.
        status, health = _get(url + "/healthz")
        assert status == 200 and health["ok"] is True and health["app"] == "wacampaign-desktop"
        assert health["status"] == "ok" and health["database"] == "sqlite"
        calls = _calls(tmp_path)
        assert "--region eu" in calls[0]["path"] and "--authtoken ***" in calls[0]["path"]
        post = next(c for c in calls if c["method"] == "POST")
        assert post["body"]["upstream"]["url"] == f"http://127.0.0.1:{webhooks.port}"

        # The agent dies: the watchdog restarts it with a new URL and says so.
        old_pid = tunnel.agent_pid
        os.kill(old_pid, signal.SIGKILL)
        assert wait_for(lambda: tunnel.restarts == 1 and tunnel.state == "up", timeout=30)
        assert tunnel.public_url != url and tunnel.agent_pid != old_pid
        assert _get(tunnel.public_url + "/healthz")[0] == 200
        alert = next(e for e in events if isinstance(e, Alert))
        assert alert.code == "tunnel_restarted" and url in alert.message
        states = [e.state for e in events if isinstance(e, TunnelStateChanged)]
        assert states[-2:] == ["restarting", "up"]
    finally:
        pid = tunnel.agent_pid
        tunnel.stop()
    assert tunnel.state == "stopped"
    assert any(c["method"] == "DELETE" for c in _calls(tmp_path))
    assert wait_for(lambda: _pid_gone(pid), timeout=10)


def _pid_gone(pid: int) -> bool:
    try:
        os.waitpid(pid, os.WNOHANG)
        os.kill(pid, 0)
    except (OSError, ChildProcessError):
        return True
    return False


def test_reserved_domain_is_passed_as_url(tmp_path, bus, webhooks, fake_ngrok):
    tunnel = _manager(tmp_path, bus, webhooks.port, fake_ngrok, domain="hooks.example.ngrok.app")
    try:
        assert tunnel.start() == "https://hooks.example.ngrok.app"
        post = next(c for c in _calls(tmp_path) if c["method"] == "POST")
        assert post["body"]["url"] == "https://hooks.example.ngrok.app"
    finally:
        tunnel.stop()


def test_refused_authtoken_is_reported_without_the_token(tmp_path, bus, events, fake_ngrok):
    (tmp_path / "ngrok-config").mkdir()
    tunnel = TunnelManager("ngrok", bus, 9, ngrok_authtoken="invalid-token", ngrok_path=str(fake_ngrok),
                           config_path=str(tmp_path / "ngrok-config" / "ngrok.yml"))
    with pytest.raises(TunnelError, match="refused the authtoken") as info:
        tunnel.start()
    assert "invalid-token" not in str(info.value)
    assert tunnel.state == "error"
    tunnel.stop()


def test_missing_binary_at_configured_path(tmp_path, bus):
    tunnel = TunnelManager("ngrok", bus, 9, ngrok_path=str(tmp_path / "nowhere" / "ngrok"),
                           config_path=str(tmp_path / "ngrok.yml"))
    with pytest.raises(TunnelError, match="ngrok program was not found at"):
        tunnel.start()


class _NotFound(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802
        self.send_response(404)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


def test_failed_download_is_clear_even_without_stdout(tmp_path, bus, monkeypatch):
    cdn = HTTPServer(("127.0.0.1", 0), _NotFound)
    threading.Thread(target=cdn.serve_forever, daemon=True).start()
    local = f"http://127.0.0.1:{cdn.server_address[1]}/ngrok-v3-stable.tgz"
    # pyngrok's real installer, pointed at a local "CDN" that answers 404 (never the internet).
    monkeypatch.setattr(installer, "PLATFORMS", {key: local for key in installer.PLATFORMS})
    monkeypatch.setenv("PYNGROK_NGROK_PATH", str(tmp_path / "download" / "ngrok"))
    monkeypatch.setattr(sys, "stdout", None)  # a windowed frozen app has no stdout
    monkeypatch.setattr(installer, "_print_progress_enabled", True)
    tunnel = TunnelManager("ngrok", bus, 9, config_path=str(tmp_path / "ngrok.yml"))
    try:
        with pytest.raises(TunnelError, match="could not be downloaded"):
            tunnel.start()
    finally:
        cdn.shutdown()
    assert not (tmp_path / "download" / "ngrok").exists()


def test_own_url_checks_healthz(bus, events, webhooks):
    tunnel = TunnelManager("own_url", bus, webhooks.port, public_url=webhooks.local_base_url + "/")
    assert tunnel.start() == webhooks.local_base_url and tunnel.state == "up"
    closed = TunnelManager("own_url", bus, webhooks.port, public_url="http://127.0.0.1:9")
    assert closed.start() == "http://127.0.0.1:9"
    assert closed.state == "error" and "could not be reached" in closed.message
    assert any(isinstance(e, Alert) and e.code == "tunnel_down" for e in events)


def test_local_mode(bus, webhooks):
    tunnel = TunnelManager("local", bus, webhooks.port)
    assert tunnel.start() == f"http://127.0.0.1:{webhooks.port}"
    tunnel.stop()
    assert tunnel.state == "stopped"


def test_fake_agent_answers_version_and_config(fake_ngrok):
    import subprocess

    assert "version 3" in subprocess.check_output([str(fake_ngrok), "--version"], text=True)
    out = subprocess.check_output([str(fake_ngrok), "config", "add-authtoken", "x", "--log", "stdout"],
                                  text=True)
    assert "Authtoken saved" in out
    assert make_fake_ngrok  # the helper other test folders can reuse


def test_agent_that_cannot_come_back_is_reported_down(tmp_path, bus, events, webhooks, fake_ngrok):
    tunnel = _manager(tmp_path, bus, webhooks.port, fake_ngrok, restart_attempts=1)
    tunnel.start()
    try:
        pid = tunnel.agent_pid
        fake_ngrok.write_text("#!/bin/sh\necho 'lvl=eror msg=\"session closed\" err=\"no network\"'\nexit 1\n")
        os.kill(pid, signal.SIGKILL)
        assert wait_for(lambda: tunnel.state == "down", timeout=30)
        assert any(isinstance(e, Alert) and e.code == "tunnel_down" for e in events)
    finally:
        tunnel.stop()
    assert tunnel.state == "stopped"
