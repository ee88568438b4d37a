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


def test_runtime_built_from_its_config(context, monkeypatch):
    """Live mode reaches the API URL of the RuntimeConfig (not the environment: that is the
    CLI's default for --api-url); the gateway and tunnel come from its factories; the engine
    and writer run on its clock."""
    from wacampaign_desktop.core.clock import SYSTEM_CLOCK, ManualClock
    from wacampaign_desktop.core.engine.options import EngineOptions
    from wacampaign_desktop.core.runtime import API_URL_ENV, RuntimeConfig
    from wacampaign_desktop.core.sandbox import DEFAULT_SENDER, SandboxConfig, SandboxServer
    from wacampaign_desktop.core.secrets import TWILIO_AUTH_TOKEN
    from wacampaign_desktop.core.tunnel import TunnelManager
    from wacampaign_desktop.core.twilio_gateway import TwilioGateway

    sandbox = SandboxServer(SandboxConfig(seed=8, step_latency=0.01))
    sandbox.start()
    monkeypatch.setenv(API_URL_ENV, "http://127.0.0.1:9")  # nothing listens there
    s = context.settings
    s.use_sandbox, s.twilio_account_sid, s.sender, s.webhook_port = (
        False, sandbox.account_sid, DEFAULT_SENDER, 0)
    context.secrets.set(TWILIO_AUTH_TOKEN, sandbox.auth_token)
    made: dict = {}

    def gateway_factory(credentials):
        made["credentials"] = credentials
        return TwilioGateway(credentials)

    def tunnel_factory(mode, bus, port, **options):
        made["tunnel"] = (mode, port)
        return TunnelManager(mode, bus, port, **options)

    clock = ManualClock(SYSTEM_CLOCK.now())
    config = RuntimeConfig(api_url=sandbox.base_url, gateway_factory=gateway_factory,
                           tunnel_factory=tunnel_factory, clock=clock,
                           engine=EngineOptions(claim_grace_s=1.0), webhook_options={"threads": 4})
    runtime = Runtime(context, config).start()
    try:
        assert runtime.mode == "live" and runtime.sandbox is None
        assert made["credentials"].base_url == sandbox.base_url
        assert made["tunnel"] == ("local", runtime.webhooks.port)
        assert runtime.clock is clock and runtime.engine.clock is clock
        assert runtime.writer.clock is clock and runtime.engine.db is context.db
        assert runtime.writer.health is runtime.storage_health  # full-disk alerts reach the engine
        assert runtime.gateway.check_credentials().ok
    finally:
        runtime.stop()
        sandbox.stop()


def test_runtime_makes_the_daily_backup_when_asked(context, tmp_path, wait_until):
    context.settings.webhook_port = 0
    context.settings.auto_backup_daily = True
    context.settings.backup_folder = str(tmp_path / "copies")
    runtime = Runtime(context).start()
    try:
        wait_until(lambda: list((tmp_path / "copies").glob("*.sqlite3")), 15, "a daily backup")
    finally:
        runtime.stop()
    assert runtime.housekeeping is not None
