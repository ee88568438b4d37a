"""Runtime: sandbox mode brings everything up on ephemeral ports, stop() takes it all down, and
one profile runs one sending process at a time."""

from __future__ import annotations

import socket

import pytest
import requests

from wacampaign_desktop.core.runtime import Runtime, RuntimeBusy


def _port_open(url: str) -> bool:
    host, port = url.split("//", 1)[1].split("/", 1)[0].rsplit(":", 1)
    with socket.socket() as sock:
        sock.settimeout(1.0)
        return sock.connect_ex((host, int(port))) == 0


def test_sandbox_runtime_up_and_down(context):
    context.settings.webhook_port = 0
    assert not context.live
    runtime = Runtime(context).start()
    try:
        assert runtime.mode == "sandbox" and runtime.sender.startswith("whatsapp:+")
        health = requests.get(runtime.webhooks.local_base_url + "/healthz", timeout=5)
        assert health.ok
        assert runtime.gateway.check_credentials().ok
        assert runtime.webhooks.status_callback_url.startswith("http://127.0.0.1:")
        with pytest.raises(RuntimeBusy, match="already sending from this profile"):
            Runtime(context).start()
        urls = [runtime.webhooks.local_base_url, runtime.sandbox.base_url]
    finally:
        runtime.stop()
    assert not any(_port_open(url) for url in urls)
    Runtime(context).start().stop()  # the lock is free again
