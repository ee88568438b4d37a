"""A full disk holds sending: on the store's storage_full alert the feeders stop (the campaign
stays `sending`, nothing more goes to Twilio), and sending goes on by itself once free space is
seen again (checked every 5 s of the engine's clock), each recipient still sent to once."""

from __future__ import annotations

from engine_helpers import (
    assert_counters_consistent,
    make_campaign,
    make_contacts,
    state_of,
    statuses,
)
from test_clock_driven import WatchedClock

from wacampaign_desktop.core.events import Alert
from wacampaign_desktop.core.runtime import Runtime, RuntimeConfig
from wacampaign_desktop.core.sandbox import SandboxConfig


def test_full_disk_holds_sending_until_there_is_room(context, wait_until):
    make_contacts(150)
    context.settings.webhook_port = 0
    clock = WatchedClock()
    runtime = Runtime(context, RuntimeConfig(sandbox=SandboxConfig(seed=17, step_latency=0.01),
                                             clock=clock)).start()
    try:
        campaign = make_campaign(send_rate=20)
        runtime.engine.start_campaign(campaign.id)
        wait_until(lambda: len(runtime.sandbox.messages()) >= 10, 30, "sending under way")

        context.bus.publish(Alert("storage_full", "The database is full", level="error"))
        wait_until(lambda: not runtime.engine.feeding, 10, "feeders stopped")
        wait_until(lambda: statuses(campaign.id).get("sending", 0) == 0, 10, "calls recorded")
        held = len(runtime.sandbox.messages())
        assert clock.wait_reads(20), "the engine keeps ticking while it holds"
        assert len(runtime.sandbox.messages()) == held < 150
        assert state_of(campaign.id) == "sending" and not runtime.engine.feeding

        clock.advance(5)  # the next look for free space finds some
        wait_until(lambda: state_of(campaign.id) == "completed", 60, "completion after the hold")
    finally:
        runtime.stop()
    assert set(runtime.sandbox.send_counts().values()) == {1}
    assert assert_counters_consistent(campaign.id)["total"] == 150
