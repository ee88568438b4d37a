"""Retry rules, opt-out on 21610, "retry failed", auto-pause, and reconciliation of dropped
callbacks (periodic and at start-up), on the sandbox over real HTTP."""

from __future__ import annotations

import time

from engine_helpers import (
    assert_counters_consistent,
    make_campaign,
    make_contacts,
    state_of,
    statuses,
    wait_for,
)

from wacampaign_desktop.core.events import Alert
from wacampaign_desktop.core.runtime import Runtime, RuntimeConfig
from wacampaign_desktop.core.sandbox import SandboxConfig
from wacampaign_desktop.core.sandbox.config import FAILURES
from wacampaign_desktop.core.store.models import CampaignMessage, Contact, WebhookEvent

FAST = {"retry_backoff_s": 0.05, "reconcile_interval_s": 0.3}


def _messages(campaign_id: int) -> dict[str, CampaignMessage]:
    return {m.phone: m for m in CampaignMessage.select().where(CampaignMessage.campaign == campaign_id)}


def test_retries_follow_the_rules(runtime_factory, context):
    make_contacts(5)
    Contact.create(phone="+15005550001", name="Invalid")  # 21211: permanent
    Contact.create(phone="+15005550004", name="Stopped")  # 21610: permanent + opt-out
    runtime = runtime_factory(SandboxConfig(seed=5, step_latency=0.02, server_error_rate=1.0),
                              engine=FAST, max_retries=3)
    campaign = make_campaign(send_rate=200)
    runtime.engine.start_campaign(campaign.id)
    wait_for(lambda: statuses(campaign.id) == {"failed": 7}, 30, "every attempt used up")

    messages = _messages(campaign.id)
    for i in range(5):  # HTTP 500 is retryable: 1 try + 3 retries, the last error kept
        m = messages[f"+3361{i:07d}"]
        assert (m.retry_count, m.error_code) == (3, 20500)
    invalid, stopped = messages["+15005550001"], messages["+15005550004"]
    assert (invalid.retry_count, invalid.error_code) == (0, 21211)
    assert (stopped.retry_count, stopped.error_code) == (0, 21610)
    assert Contact.get(Contact.phone == "+15005550004").opted_out
    assert not Contact.get(Contact.phone == "+15005550001").opted_out
    assert runtime.sandbox.send_counts() == {}

    # The outage ends; "retry failed" requeues only the retryable ones.
    runtime.sandbox.config.server_error_rate = 0.0
    wait_for(lambda: state_of(campaign.id) in ("completed", "paused"), 30, "campaign settles")
    assert runtime.engine.retry_failed(campaign.id) == 5
    wait_for(lambda: state_of(campaign.id) == "completed", 30, "completion after retry")
    counters = assert_counters_consistent(campaign.id)
    assert (counters["delivered"], counters["failed"]) == (5, 2)
    assert set(runtime.sandbox.send_counts().values()) == {1}


def test_auto_pause_names_the_dominant_error(runtime_factory, context):
    make_contacts(300)
    alerts: list[Alert] = []
    context.bus.subscribe(alerts.append, Alert)
    runtime = runtime_factory(SandboxConfig(seed=6, step_latency=0.02, failure_rate=0.9),
                              engine=FAST, autopause_window=20, autopause_failure_ratio=0.2)
    campaign = make_campaign(send_rate=60)
    runtime.engine.start_campaign(campaign.id)
    wait_for(lambda: state_of(campaign.id) == "paused", 30, "auto-pause")

    alert = wait_for(lambda: next((a for a in alerts if a.code == "auto_pause"), None), 5)
    assert alert.campaign_id == campaign.id and alert.level == "error"
    assert alert.details["error_code"] in {code for _, code, _ in FAILURES}
    assert str(alert.details["error_code"]) in alert.message
    assert alert.details["failure_share"] > 0.2
    wait_for(lambda: statuses(campaign.id).get("sending", 0) == 0, 10)
    assert statuses(campaign.id).get("pending", 0) > 0  # it stopped sending
    assert_counters_consistent(campaign.id)


def test_reconciliation_recovers_dropped_callbacks(runtime_factory, context):
    make_contacts(60)
    runtime = runtime_factory(SandboxConfig(seed=7, step_latency=0.01, drop_rate=1.0),
                              engine=FAST, reconcile_after_minutes=0.01)
    campaign = make_campaign(send_rate=200)
    runtime.engine.start_campaign(campaign.id)
    wait_for(lambda: state_of(campaign.id) == "completed", 30, "completion")
    wait_for(lambda: set(statuses(campaign.id)) <= {"delivered", "read"}, 30, "fetched statuses")
    assert WebhookEvent.select().where(WebhookEvent.kind == "status").count() == 0
    truth = {m.sid: m.current(time.time()).status for m in runtime.sandbox.messages()}
    ours = {m.twilio_sid: m.status for m in CampaignMessage.select()}
    assert ours == truth
    assert_counters_consistent(campaign.id)


def test_non_final_messages_are_fetched_at_start_up(live_sandbox, context):
    make_contacts(40)
    sandbox = live_sandbox(SandboxConfig(seed=8, step_latency=0.3, callbacks_enabled=False))
    campaign = make_campaign(send_rate=200)
    live = RuntimeConfig(api_url=sandbox.base_url)
    first = Runtime(context, live, engine_options=FAST).start()
    try:
        first.engine.start_campaign(campaign.id)
        wait_for(lambda: statuses(campaign.id).get("pending", 0) == 0
                 and all(m.twilio_sid for m in CampaignMessage.select()), 30, "all handed over")
    finally:
        first.stop()
    assert set(statuses(campaign.id)) <= {"queued", "accepted", "sending", "sent"}
    wait_for(lambda: all(m.current().status in ("delivered", "read") for m in sandbox.messages()),
             30, "Twilio side done while the app is closed")

    second = Runtime(context, live, engine_options=FAST).start()  # callbacks were lost meanwhile
    try:
        wait_for(lambda: set(statuses(campaign.id)) <= {"delivered", "read"}, 30, "start-up fetch")
        wait_for(lambda: state_of(campaign.id) == "completed", 30, "completion")
    finally:
        second.stop()
    assert set(sandbox.send_counts().values()) == {1}
    assert_counters_consistent(campaign.id)
