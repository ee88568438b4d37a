"""Template tests: a Runtime on the sandbox (its Content API and template sends), contacts."""

from __future__ import annotations

import pytest

from wacampaign_desktop.core.runtime import Runtime
from wacampaign_desktop.core.sandbox import SandboxConfig


@pytest.fixture
def runtime(context):
    """A started sandbox Runtime on this test's profile (the demo template catalogue seeded)."""
    context.settings.webhook_port = 0
    context.settings.tunnel_mode = "local"
    started = Runtime(context, sandbox_config=SandboxConfig(seed=3, step_latency=0.02)).start()
    yield started
    started.stop()

