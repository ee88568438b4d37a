"""Twilio's webhook retry rule: one retry when the connection fails, none after any answer."""

from __future__ import annotations

import socket
import threading
import time

from twilio.rest import Client

from wacampaign_desktop.core.sandbox import DEFAULT_SENDER, SandboxConfig, SandboxServer


class SlammingListener:
    """Accepts TCP connections and closes them at once, counting them."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.sock.settimeout(0.2)
        self.accepted = 0
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.sock.getsockname()[1]}/status"

    def _run(self) -> None:
        while not self.stopping.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.accepted += 1
            conn.close()

    def close(self) -> None:
        self.stopping.set()
        self.thread.join(timeout=5)
        self.sock.close()


def _wait(predicate, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline
        time.sleep(0.02)


def _send(sandbox: SandboxServer, callback: str) -> None:
    client = Client(sandbox.account_sid, sandbox.auth_token)
    client.api.base_url = sandbox.base_url
    client.messages.create(to="whatsapp:+15550001234", from_=DEFAULT_SENDER, body="Hi",
                           status_callback=callback)


def test_failed_connections_are_retried_once_then_counted_as_failed():
    listener = SlammingListener()
    sandbox = SandboxServer(SandboxConfig(seed=1, step_latency=0.02))
    sandbox.start()
    try:
        _send(sandbox, listener.url)
        _wait(lambda: sandbox.stats.callbacks_failed == 4 and sandbox.pending_callbacks() == 0)
        assert listener.accepted == 8  # 4 callbacks, each tried twice
        assert sandbox.stats.callbacks_posted == 0
    finally:
        sandbox.stop()
        listener.close()


def test_an_error_answer_is_not_retried(receiver):
    receiver.status = "500 Internal Server Error"
    sandbox = SandboxServer(SandboxConfig(seed=1, step_latency=0.02))
    sandbox.start()
    try:
        _send(sandbox, receiver.base_url + "/status")
        _wait(lambda: sandbox.stats.callbacks_posted == 4 and sandbox.pending_callbacks() == 0)
        assert len(receiver.snapshot()) == 4 and sandbox.stats.callbacks_failed == 0
    finally:
        sandbox.stop()
