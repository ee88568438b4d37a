"""Catch-up tests: a sandbox that outlives each Runtime (it plays live Twilio for the profile),
and runtimes started on that profile."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from wacampaign_desktop.core.runtime import Runtime
from wacampaign_desktop.core.runtime_config import RuntimeConfig
from wacampaign_desktop.core.sandbox import DEFAULT_SENDER, SandboxConfig, SandboxServer
from wacampaign_desktop.core.secrets import TWILIO_AUTH_TOKEN


@pytest.fixture
def twilio(context) -> Iterator[Callable[..., SandboxServer]]:
    """`twilio(**knobs)`: a started sandbox the profile uses as its (live) Twilio account."""
    servers: list[SandboxServer] = []

    def make(**knobs: object) -> SandboxServer:
        server = SandboxServer(SandboxConfig(**{"step_latency": 0.02, **knobs}))
        server.start()
        servers.append(server)
        context.settings.use_sandbox = False
        context.settings.twilio_account_sid = server.account_sid
        context.settings.sender = DEFAULT_SENDER
        context.settings.webhook_port = 0
        context.settings.worker_threads = 8
        # Free text to contacts who never wrote: the live 24-hour guard (role D's subject)
        # would hold them back; these tests are about what comes back from Twilio.
        context.settings.window_guard = False
        context.secrets.set(TWILIO_AUTH_TOKEN, server.auth_token)
        context.save_settings()
        assert context.live
        return server

    yield make
    for server in servers:
        server.stop()


@pytest.fixture
def open_app(context) -> Iterator[Callable[[SandboxServer], Runtime]]:
    """`open_app(sandbox)`: start a Runtime on the profile against that sandbox (stopped after
    the test if the test did not stop it)."""
    runtimes: list[Runtime] = []

    def start(sandbox: SandboxServer, **engine: object) -> Runtime:
        config = RuntimeConfig(api_url=sandbox.base_url)
        runtime = Runtime(context, config, engine_options={"claim_grace_s": 1.0, **engine})
        runtimes.append(runtime)
        return runtime.start()

    yield start
    for runtime in runtimes:
        if runtime.started:
            runtime.stop()
