"""Auto-pause counts delivery failures, not API errors that a quick retry recovered."""

from __future__ import annotations

from retries.helpers import add_contacts, messages_of, new_campaign, state_of, wait_for
from wacampaign_desktop.core.events import Alert
from wacampaign_desktop.core.sandbox import SandboxConfig


def test_recovered_server_errors_do_not_pause_the_campaign(sandbox_runtime, context):
    add_contacts(20)
    alerts: list[Alert] = []
    context.bus.subscribe(alerts.append, Alert)
    runtime = sandbox_runtime(SandboxConfig(seed=31, step_latency=0.01, server_error_rate=0.5),
                              max_retries=8, autopause_window=10, autopause_failure_ratio=0.2)
    campaign = new_campaign()
    runtime.engine.start_campaign(campaign.id)
    wait_for(lambda: state_of(campaign.id) in ("completed", "paused"), what="campaign ends")

    assert state_of(campaign.id) == "completed"
    assert not [a for a in alerts if a.code == "auto_pause"]
    messages = messages_of(campaign.id)
    assert any(m.retry_count > 0 for m in messages)  # HTTP 500s did happen and were retried
    assert {m.status for m in messages} <= {"delivered", "read", "sent"}
