"""Campaigns end to end on the sandbox (real HTTP both ways, real Waitress, real SQLite):
pacing, 429 storms, pause/resume/cancel, scheduling across a restart."""

from __future__ import annotations

import time
from datetime import timedelta

from engine_helpers import (
    assert_counters_consistent,
    make_campaign,
    make_contacts,
    state_of,
    statuses,
    wait_for,
)

from wacampaign_desktop.core.sandbox import SandboxConfig
from wacampaign_desktop.core.store.models import CampaignMessage, utcnow


def _achieved_rate(runtime) -> float:
    created = sorted(m.created for m in runtime.sandbox.messages())
    return (len(created) - 1) / (created[-1] - created[0])


def test_pacing_within_ten_percent_of_the_set_rate(runtime_factory, context):
    make_contacts(160)
    runtime = runtime_factory()
    campaign = make_campaign(send_rate=40)
    runtime.engine.start_campaign(campaign.id)
    wait_for(lambda: state_of(campaign.id) == "completed", 60, "completion")
    rate = _achieved_rate(runtime)
    assert 36 <= rate <= 44, f"achieved {rate:.1f} msg/s for a set rate of 40"


def test_429_storm_slows_down_without_loss(runtime_factory, context):
    make_contacts(300)
    runtime = runtime_factory(SandboxConfig(seed=4, step_latency=0.02, rate_limit_per_s=60))
    campaign = make_campaign(send_rate=300)
    runtime.engine.start_campaign(campaign.id)
    wait_for(lambda: state_of(campaign.id) == "completed", 90, "completion")
    assert runtime.sandbox.stats.rate_limited > 0
    sends = runtime.sandbox.send_counts()
    assert len(sends) == 300 and set(sends.values()) == {1}
    counters = assert_counters_consistent(campaign.id)
    assert counters["delivered"] == 300 and counters["failed"] == 0
    # The limiter slowed down: far fewer 429s than messages would be rejected at 300 msg/s.
    assert runtime.sandbox.stats.rate_limited < 300
    # 429 was never processed by Twilio: requeued without using up any of the 3 retries.
    assert max(m.retry_count for m in CampaignMessage.select()) == 0


def test_pause_resume_cancel_take_effect_within_a_second(runtime_factory, context):
    make_contacts(300)
    runtime = runtime_factory()
    campaign = make_campaign(send_rate=30)
    engine = runtime.engine
    engine.start_campaign(campaign.id)
    wait_for(lambda: len(runtime.sandbox.messages()) >= 10, 30, "first sends")

    engine.pause(campaign.id)
    assert state_of(campaign.id) == "paused"
    time.sleep(1.0)  # in-flight calls finish; nothing new may start after this
    frozen = len(runtime.sandbox.messages())
    time.sleep(1.0)
    assert len(runtime.sandbox.messages()) == frozen < 300

    engine.resume(campaign.id)
    wait_for(lambda: len(runtime.sandbox.messages()) >= frozen + 10, 30, "sending again")
    engine.cancel(campaign.id)
    assert state_of(campaign.id) == "cancelled"
    time.sleep(1.0)
    after_cancel = len(runtime.sandbox.messages())
    time.sleep(0.5)
    assert len(runtime.sandbox.messages()) == after_cancel < 300
    wait_for(lambda: statuses(campaign.id).get("sending", 0) == 0, 10, "in-flight calls recorded")
    counters = assert_counters_consistent(campaign.id)
    assert counters["canceled"] == 300 - after_cancel
    assert counters["pending"] + counters["sent"] + counters["canceled"] == 300


def test_scheduled_campaign_starts_on_time_after_a_restart(runtime_factory, context):
    make_contacts(20)
    first = runtime_factory()
    campaign = make_campaign(send_rate=100, scheduled_at=utcnow() + timedelta(seconds=2))
    first.engine.start_campaign(campaign.id)
    assert state_of(campaign.id) == "scheduled"
    first.stop()  # the app closes before the time comes

    second = runtime_factory()
    wait_for(lambda: state_of(campaign.id) == "completed", 30, "scheduled start")
    started = min(m.created for m in second.sandbox.messages())
    scheduled = campaign.scheduled_at.replace(tzinfo=__import__("datetime").UTC).timestamp()
    assert scheduled - 0.5 <= started <= scheduled + 3
    assert assert_counters_consistent(campaign.id)["delivered"] == 20


def test_cancel_at_full_speed_leaves_nothing_pending(runtime_factory, context):
    make_contacts(600)
    runtime = runtime_factory()
    campaign = make_campaign(send_rate=400)
    runtime.engine.start_campaign(campaign.id)
    wait_for(lambda: len(runtime.sandbox.messages()) >= 50, 30, "sending under way")
    runtime.engine.cancel(campaign.id)
    wait_for(lambda: statuses(campaign.id).get("sending", 0) == 0, 10, "in-flight calls recorded")
    found = statuses(campaign.id)
    assert "pending" not in found and found["canceled"] > 0
    sent = len(runtime.sandbox.messages())
    assert found["canceled"] == 600 - sent
    assert_counters_consistent(campaign.id)


def test_pause_and_resume_from_another_process_are_followed(runtime_factory, context):
    from wacampaign_desktop.core.engine import lifecycle
    from wacampaign_desktop.core.events import CampaignStateChanged

    make_contacts(300)
    changes: list = []
    context.bus.subscribe(changes.append, CampaignStateChanged)
    runtime = runtime_factory()
    campaign = make_campaign(send_rate=30)
    runtime.engine.start_campaign(campaign.id)
    wait_for(lambda: len(runtime.sandbox.messages()) >= 5, 30, "first sends")

    lifecycle.change_state(campaign.id, "pause", "from the CLI")  # what `campaign pause` does
    wait_for(lambda: any(c.new_state == "paused" for c in changes), 5, "pause noticed")
    time.sleep(0.5)
    frozen = len(runtime.sandbox.messages())
    time.sleep(1.0)
    assert len(runtime.sandbox.messages()) == frozen

    lifecycle.change_state(campaign.id, "resume", "from the CLI")
    wait_for(lambda: len(runtime.sandbox.messages()) > frozen + 5, 30, "sending again")
    assert [(c.old_state, c.new_state) for c in changes][-2:] == [("sending", "paused"),
                                                                  ("paused", "sending")]
