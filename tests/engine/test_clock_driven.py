"""The engine follows the Clock it is given: a scheduled campaign starts when that clock reaches
its time (a ManualClock moved by the test, no waiting for the wall clock), and not before."""

from __future__ import annotations

import threading
from datetime import timedelta

from engine_helpers import assert_counters_consistent, make_campaign, make_contacts, state_of

from wacampaign_desktop.core.app_context import AppContext
from wacampaign_desktop.core.clock import SYSTEM_CLOCK, ManualClock
from wacampaign_desktop.core.engine import scheduler
from wacampaign_desktop.core.events import CampaignStateChanged, CountersChanged
from wacampaign_desktop.core.runtime import Runtime, RuntimeConfig
from wacampaign_desktop.core.sandbox import SandboxConfig


class WatchedClock(ManualClock):
    """A ManualClock that lets the test wait until someone has read it (wall or monotonic time)
    N more times: the engine reads it on every tick."""

    def __init__(self) -> None:
        super().__init__(SYSTEM_CLOCK.now())
        self.reads = 0
        self._read = threading.Condition()

    def _count(self) -> None:
        with self._read:
            self.reads += 1
            self._read.notify_all()

    def now(self):
        self._count()
        return super().now()

    def monotonic(self) -> float:
        self._count()
        return super().monotonic()

    def wait_reads(self, more: int, timeout: float = 10.0) -> bool:
        with self._read:
            target = self.reads + more
            return self._read.wait_for(lambda: self.reads >= target, timeout)


def test_due_scheduled_is_by_the_time_given(db):
    at = SYSTEM_CLOCK.now() + timedelta(days=3)
    later = make_campaign(name="later", state="scheduled", scheduled_at=at + timedelta(hours=1))
    first = make_campaign(name="first", state="scheduled", scheduled_at=at)
    make_campaign(name="draft", scheduled_at=at)  # not scheduled: never started by the clock
    assert scheduler.due_scheduled(at - timedelta(seconds=1)) == []
    assert scheduler.due_scheduled(at) == [first.id]
    assert scheduler.due_scheduled(at + timedelta(days=1)) == [first.id, later.id]


def test_scheduled_campaign_starts_when_the_clock_says_so(tmp_path):
    clock = WatchedClock()
    context = AppContext.open(tmp_path / "profile", clock=clock)
    context.settings.webhook_port = 0
    changes: list[CampaignStateChanged] = []
    counters: list[CountersChanged] = []
    started = threading.Event()

    def on_change(event: CampaignStateChanged) -> None:
        changes.append(event)
        if event.new_state in ("sending", "completed"):
            started.set()

    context.bus.subscribe(on_change, CampaignStateChanged)
    context.bus.subscribe(counters.append, CountersChanged)
    make_contacts(10)
    campaign = make_campaign(send_rate=200, scheduled_at=clock.now() + timedelta(hours=2))
    runtime = Runtime(context, RuntimeConfig(sandbox=SandboxConfig(seed=11, step_latency=0.01)))
    runtime.start()
    try:
        assert runtime.engine.clock is clock
        runtime.engine.start_campaign(campaign.id)
        assert state_of(campaign.id) == "scheduled"

        clock.advance(2 * 3600 - 1)  # one second early
        assert clock.wait_reads(20), "the engine should keep looking at the clock"
        assert state_of(campaign.id) == "scheduled" and not started.is_set()

        clock.advance(1)
        assert started.wait(10), "the campaign should start once the clock reaches its time"
        done = threading.Event()
        context.bus.subscribe(lambda e: e.new_state == "completed" and done.set(),
                              CampaignStateChanged)
        assert done.is_set() or state_of(campaign.id) == "completed" or done.wait(30)
    finally:
        runtime.stop()
        context.close()
    assert [(c.old_state, c.new_state) for c in changes][:2] == [("draft", "scheduled"),
                                                                ("scheduled", "sending")]
    stored = assert_counters_consistent(campaign.id)
    assert stored["total"] == 10
    assert counters and counters[0].counters["total"] == 10  # the start's counters were announced
    started_at = type(campaign).get_by_id(campaign.id).started_at
    assert started_at >= campaign.scheduled_at  # stamped by the engine's clock, not the wall's
