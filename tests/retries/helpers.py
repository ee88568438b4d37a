"""Helpers of the retries, A/B and alerts tests: a sandbox Runtime, contacts, campaigns, waits."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.engine.engine_helpers import state_of  # noqa: F401 (used by the retries tests)
from tests.engine.engine_helpers import wait_for as engine_wait_for
from wacampaign_desktop.core.runtime import Runtime
from wacampaign_desktop.core.sandbox import SandboxConfig
from wacampaign_desktop.core.store.models import Campaign, CampaignMessage, Contact


@pytest.fixture
def sandbox_runtime(context):
    """make(SandboxConfig, **settings) -> a started sandbox Runtime (stopped after the test)."""
    started: list[Runtime] = []
    context.settings.webhook_port = 0
    context.settings.worker_threads = 4

    def make(config: SandboxConfig, **settings) -> Runtime:
        for key, value in settings.items():
            setattr(context.settings, key, value)
        runtime = Runtime(context, sandbox_config=config,
                          engine_options={"retry_backoff_s": 0.02, "reconcile_interval_s": 0.3})
        runtime.start()
        started.append(runtime)
        return runtime

    yield make
    for runtime in started:
        runtime.stop()


def add_contacts(n: int, start: int = 0) -> list[Contact]:
    return [Contact.create(phone=f"+3362{start + i:07d}", name=f"Client {start + i}")
            for i in range(n)]


def new_campaign(**fields) -> Campaign:
    return Campaign.create(**{"name": "Test", "body": "Hello {{name}}", "send_rate": 200.0,
                              **fields})


def wait_for(predicate: Callable[[], object], timeout: float = 20.0, what: str = "") -> object:
    """The engine tests' wait, with these tests' shorter default bound."""
    return engine_wait_for(predicate, timeout, what)


def messages_of(campaign_id: int) -> list[CampaignMessage]:
    return list(CampaignMessage.select().where(CampaignMessage.campaign == campaign_id)
                .order_by(CampaignMessage.id))


def settled(campaign_id: int) -> bool:
    """Completed (or paused) with no message waiting to be sent or in flight."""
    return state_of(campaign_id) in ("completed", "paused") and all(
        m.status in ("delivered", "read", "failed", "undelivered", "skipped", "canceled")
        for m in messages_of(campaign_id))
