"""A sandbox Runtime (real sandbox, real webhook server, real writer, the automation worker) on
the test's profile, and a RulesService on it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from wacampaign_desktop.core.runtime import Runtime
from wacampaign_desktop.core.sandbox import SandboxConfig
from wacampaign_desktop.core.services.rules import RulesService


@pytest.fixture
def runtime(context) -> Iterator[Runtime]:
    context.settings.webhook_port = 0
    running = Runtime(context, sandbox_config=SandboxConfig(seed=5, step_latency=0.02)).start()
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture
def rules(context) -> RulesService:
    return RulesService(context)


def sent_to(runtime: Runtime, phone: str) -> list:
    """The sandbox's own record of the messages it accepted for `phone`."""
    return [m for m in runtime.sandbox.messages() if m.to == f"whatsapp:{phone}"]
