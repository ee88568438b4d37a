"""What the window shows comes from CountersChanged events only (the engine no longer polls):
after every engine move — start, claims and sends, cancel, "retry failed" — the latest event's
counters are the stored counters. Callbacks are switched off, so no later callback can cover a
move that forgot to announce itself."""

from __future__ import annotations

import pytest
from engine_helpers import (
    assert_counters_consistent,
    make_campaign,
    make_contacts,
    state_of,
    statuses,
    wait_for,
)

from wacampaign_desktop.core.events import CountersChanged
from wacampaign_desktop.core.sandbox import SandboxConfig
from wacampaign_desktop.core.store.models import Campaign

pytestmark = pytest.mark.both_engines  # H: on SQLite and on PostgreSQL

FAST = {"retry_backoff_s": 0.05, "reconcile_interval_s": 60.0}


def _announced(context) -> dict[int, dict[str, int]]:
    latest: dict[int, dict[str, int]] = {}
    context.bus.subscribe(lambda e: latest.__setitem__(e.campaign_id, dict(e.counters)),
                          CountersChanged)
    return latest


def _shown_equals_stored(latest: dict, campaign_id: int) -> bool:
    return latest.get(campaign_id) == Campaign.get_by_id(campaign_id).counters()


def test_start_sends_and_cancel_are_announced(runtime_factory, context):
    make_contacts(200)
    latest = _announced(context)
    runtime = runtime_factory(SandboxConfig(seed=13, step_latency=0.02, callbacks_enabled=False))
    campaign = make_campaign(send_rate=40)
    runtime.engine.start_campaign(campaign.id)
    wait_for(lambda: latest.get(campaign.id, {}).get("total") == 200, 10, "start announced")
    wait_for(lambda: len(runtime.sandbox.messages()) >= 20, 30, "sending under way")
    runtime.engine.cancel(campaign.id)
    wait_for(lambda: statuses(campaign.id).get("sending", 0) == 0, 10, "in-flight recorded")
    wait_for(lambda: _shown_equals_stored(latest, campaign.id), 10,
             "the last CountersChanged shows the cancelled campaign")
    shown = latest[campaign.id]
    sent = len(runtime.sandbox.messages())  # queued at "Twilio" (no callbacks): still pending
    assert shown["canceled"] == 200 - sent and shown["pending"] == sent
    assert shown == assert_counters_consistent(campaign.id)


def test_retry_failed_is_announced(runtime_factory, context):
    make_contacts(4)
    latest = _announced(context)
    runtime = runtime_factory(SandboxConfig(seed=14, step_latency=0.02, server_error_rate=1.0,
                                            callbacks_enabled=False), engine=FAST, max_retries=0)
    campaign = make_campaign(send_rate=200)
    runtime.engine.start_campaign(campaign.id)
    wait_for(lambda: statuses(campaign.id) == {"failed": 4}, 30, "every send failed")
    wait_for(lambda: state_of(campaign.id) in ("completed", "paused"), 30, "campaign settles")
    wait_for(lambda: _shown_equals_stored(latest, campaign.id), 10, "failures announced")
    assert latest[campaign.id]["failed"] == 4

    runtime.sandbox.config.server_error_rate = 0.0
    assert runtime.engine.retry_failed(campaign.id) == 4
    wait_for(lambda: len(runtime.sandbox.messages()) == 4, 30, "resent")
    wait_for(lambda: statuses(campaign.id).get("pending", 0) == 0
             and statuses(campaign.id).get("sending", 0) == 0, 10, "sids recorded")
    wait_for(lambda: _shown_equals_stored(latest, campaign.id), 10,
             "the last CountersChanged shows the retried messages")
    assert latest[campaign.id]["failed"] == 0
    assert latest[campaign.id] == assert_counters_consistent(campaign.id)
