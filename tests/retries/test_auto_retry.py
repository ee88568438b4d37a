"""Automatic retry: retryable delivery failures (30008) go back to the queue after the delay,
until they succeed or reach 3 attempts; others stay failed. Counted by the sandbox's own sends."""

from __future__ import annotations

from retries.helpers import add_contacts, messages_of, new_campaign, settled, wait_for
from wacampaign_desktop.core.engine.retries import retryable_code
from wacampaign_desktop.core.sandbox import SandboxConfig


def test_retryable_delivery_failures_are_retried_automatically(sandbox_runtime, context):
    add_contacts(30)
    runtime = sandbox_runtime(SandboxConfig(seed=22, step_latency=0.01, failure_rate=0.6),
                              max_attempts=3, auto_retry_delay_minutes=0.002,
                              autopause_window=1000)
    campaign = new_campaign(auto_retry=True)
    runtime.engine.start_campaign(campaign.id)

    def done() -> bool:
        ms = messages_of(campaign.id)
        return settled(campaign.id) and all(
            not retryable_code(m.error_code) or m.attempts == 3
            for m in ms if m.status in ("failed", "undelivered"))

    wait_for(done, what="retryable failures retried up to the cap")
    sent = runtime.sandbox.send_counts()
    retried = [m for m in messages_of(campaign.id) if m.attempts > 1]
    assert retried, "some message failed with 30008 and was sent again"
    for m in messages_of(campaign.id):
        assert m.attempts == sent[m.phone] <= 3
    by_phone: dict[str, list] = {}
    for sm in sorted(runtime.sandbox.messages(), key=lambda sm: sm.created):
        by_phone.setdefault(sm.to.removeprefix("whatsapp:"), []).append(sm)
    for sends in by_phone.values():  # only retryable failures were sent again
        assert all(retryable_code(sm.timeline[-1].error_code) and sm.timeline[-1].error_code
                   for sm in sends[:-1])


def test_no_automatic_retry_when_off(sandbox_runtime, context):
    add_contacts(30)
    runtime = sandbox_runtime(SandboxConfig(seed=22, step_latency=0.01, failure_rate=0.6),
                              auto_retry_delay_minutes=0.002, autopause_window=1000)
    campaign = new_campaign()
    runtime.engine.start_campaign(campaign.id)
    wait_for(lambda: settled(campaign.id), what="campaign done")
    assert any(m.error_code == 30008 for m in messages_of(campaign.id))
    assert set(runtime.sandbox.send_counts().values()) == {1}
