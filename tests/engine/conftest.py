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
