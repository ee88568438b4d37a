"""Engine test helpers: a Runtime on the sandbox (real HTTP, real Waitress), contacts, campaigns."""

from __future__ import annotations

import pytest

from wacampaign_desktop.core.runtime import Runtime
from wacampaign_desktop.core.sandbox import SandboxConfig


@pytest.fixture
def runtime_factory(context):
    """Build and start a sandbox Runtime with the given sandbox/settings overrides."""
    started: list[Runtime] = []
    context.settings.webhook_port = 0
    context.settings.worker_threads = 8

    def make(sandbox: SandboxConfig | None = None, engine: dict | None = None, **settings) -> Runtime:
        for key, value in settings.items():
            setattr(context.settings, key, value)
        config = sandbox or SandboxConfig(seed=1, step_latency=0.02)
        runtime = Runtime(context, sandbox_config=config, engine_options=engine)
        runtime.start()
        started.append(runtime)
        return runtime

    yield make
    for runtime in started:
        runtime.stop()


@pytest.fixture
def live_sandbox(context, monkeypatch):
    """A sandbox playing real Twilio for this profile, so it outlives each Runtime (restarts,
    reconciliation): in-process runtimes get `RuntimeConfig(api_url=server.base_url)`; commands
    run as subprocesses get it through WACAMPAIGN_TWILIO_API_URL, the CLI's --api-url default."""
    from wacampaign_desktop.core.runtime import API_URL_ENV
    from wacampaign_desktop.core.sandbox import DEFAULT_SENDER, SandboxServer
    from wacampaign_desktop.core.secrets import TWILIO_AUTH_TOKEN

    def make(config: SandboxConfig) -> SandboxServer:
        server = SandboxServer(config)
        server.start()
        servers.append(server)
        monkeypatch.setenv(API_URL_ENV, server.base_url)
        context.settings.use_sandbox = False
        context.settings.window_guard = False  # its contacts never wrote; the window is not tested here
        context.settings.twilio_account_sid = server.account_sid
        context.settings.sender = DEFAULT_SENDER
        context.settings.webhook_port = 0
        context.secrets.set(TWILIO_AUTH_TOKEN, server.auth_token)
        context.save_settings()
        assert context.live
        return server

    servers: list[SandboxServer] = []
    yield make
    for server in servers:
        server.stop()
