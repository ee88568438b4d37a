"""Webhook mode "Our server at URL": no tunnel; the team's receiver's /healthz is polled (health
and last callback), its address is the public one (status callbacks of the desktop's sends go
there), and an unreachable server is an "error" state, not a crash."""

from __future__ import annotations

import socket

from tests.webhooks.helpers import TOKEN, Client, incoming_params
from wacampaign_desktop.core.events import TunnelStateChanged
from wacampaign_desktop.core.runtime import Runtime, RuntimeConfig
from wacampaign_desktop.core.sandbox import SandboxConfig
from wacampaign_desktop.core.settings import Settings, SettingsError, settings_from_dict
from wacampaign_desktop.core.tunnel import TunnelManager
from wacampaign_desktop.core.webhooks import INCOMING_PATH, STATUS_PATH, WebhookServer


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_server_mode_polls_health_and_last_callback(db, bus, events, wait_until):
    server = WebhookServer(bus, lambda: TOKEN, port=0)  # the team's receiver (serve)
    server.start()
    tunnel = TunnelManager("server", bus, 0, public_url=server.local_base_url,
                           server_poll_interval=0.2)
    try:
        assert tunnel.start() == server.local_base_url and tunnel.state == "up"
        assert tunnel.server_health.ok and tunnel.server_health.last_callback_at is None
        assert tunnel.message == "Server OK · no callback received yet"
        client = Client(server.local_base_url)
        assert client.post(INCOMING_PATH, incoming_params("+33655550001", "Hi"))[0] == 200
        client.close()
        wait_until(lambda: tunnel.server_health.last_callback_at is not None, 5,
                   "the poll sees the callback")
        assert tunnel.server_health.summary() == "Server OK · last callback just now"
        wait_until(lambda: any(isinstance(e, TunnelStateChanged) and "last callback just now"
                               in e.message for e in events), 5,
                   "the new health line published for the status bar")
        server.stop()  # the server goes away: the next poll says so
        wait_until(lambda: tunnel.state == "error", 5, "unreachable server noticed")
        assert tunnel.message.startswith("Server not reachable: ")
        assert "/healthz could not be reached" in tunnel.message
    finally:
        tunnel.stop()
        server.stop()
    states = [(e.mode, e.state) for e in events if isinstance(e, TunnelStateChanged)]
    assert states[0] == ("server", "up") and ("server", "error") in states


def test_runtime_in_server_mode_sends_status_callbacks_to_the_server(context):
    s = context.settings
    url = f"http://127.0.0.1:{_closed_port()}"  # nothing there: health "error", still runs
    s.webhook_port, s.tunnel_mode, s.server_url = 0, "server", url
    runtime = Runtime(context, RuntimeConfig(sandbox=SandboxConfig(seed=2))).start()
    try:
        assert runtime.public_url == url and runtime.tunnel.state == "error"
        assert runtime.webhooks.status_callback_url == url + STATUS_PATH
        assert runtime.tunnel.server_health.problem
    finally:
        runtime.stop()


def test_server_url_is_checked_with_a_clear_message():
    Settings(tunnel_mode="server", server_url="https://hooks.example.com").validate()
    for bad, words in (("", "enter the address of your server"),
                       ("hooks.example.com", "must start with https://"),
                       ("https://hooks.example.com/?x=1", "without ? or #")):
        try:
            settings_from_dict({"tunnel_mode": "server", "server_url": bad})
        except SettingsError as exc:
            assert "server_url" in str(exc) and words in str(exc)
        else:
            raise AssertionError(f"{bad!r} accepted")
