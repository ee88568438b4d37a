"""An alert fires when the sandbox's failure share is raised in the middle of a campaign."""

from __future__ import annotations

from retries.helpers import add_contacts, messages_of, new_campaign, wait_for

from wacampaign_desktop.core.events import Alert
from wacampaign_desktop.core.sandbox import SandboxConfig


def test_failure_share_raised_mid_campaign_alerts(sandbox_runtime, context):
    add_contacts(150)
    alerts: list[Alert] = []
    context.bus.subscribe(alerts.append, Alert)
    runtime = sandbox_runtime(SandboxConfig(seed=41, step_latency=0.01, failure_rate=0.0),
                              alert_window=20, alert_failure_rate=0.3, alert_undelivered_rate=0,
                              autopause_window=100, autopause_failure_ratio=0.9)
    campaign = new_campaign(send_rate=40.0)
    runtime.engine.start_campaign(campaign.id)
    wait_for(lambda: sum(m.status in ("delivered", "read") for m in messages_of(campaign.id))
             >= 25, what="a good start")
    assert not [a for a in alerts if a.code == "failure_rate"]

    runtime.sandbox.config.failure_rate = 1.0  # Twilio starts failing every message
    alert = wait_for(lambda: next((a for a in alerts if a.code == "failure_rate"), None),
                     what="the failure-rate alert")
    assert alert.campaign_id == campaign.id and alert.details["share"] > 0.3
    failed = sum(m.status in ("failed", "undelivered") for m in messages_of(campaign.id))
    assert failed >= 7  # more than 30 % of the last 20 outcomes
    assert "Alert failure_rate" in wait_for(lambda: context.paths.log_file.read_text("utf-8"), what="log")
