"""The one status pipeline: a batch of reports applies by the status rules and yields the
events to publish — one MessageStatusChanged per change and one CountersChanged per campaign
whose totals come from the counter write itself and equal a recount."""

from __future__ import annotations

from datetime import datetime

import pytest

from tests.webhooks.helpers import make_campaign
from wacampaign_desktop.core.clock import ManualClock
from wacampaign_desktop.core.events import CountersChanged, MessageStatusChanged
from wacampaign_desktop.core.store import message_updates as mu
from wacampaign_desktop.core.store.models import Campaign, CampaignMessage
from wacampaign_desktop.core.store.status_pipeline import (
    StatusReport,
    apply_reports,
    merge_counter_events,
    status_changes,
)

pytestmark = pytest.mark.both_engines  # H: on SQLite and on PostgreSQL


def _counters_events(events):
    return {e.campaign_id: e for e in events if isinstance(e, CountersChanged)}


def test_a_batch_over_two_campaigns_gives_one_counters_event_each_with_the_batch_delta(db):
    one, _, sids_one = make_campaign(3, status="queued", prefix="SA")
    two, _, sids_two = make_campaign(2, status="queued", prefix="SB")
    reports = [StatusReport(sids_one[0], "delivered"), StatusReport(sids_one[1], "read"),
               StatusReport(sids_one[1], "sent"),  # late: ignored
               StatusReport(sids_two[0], "failed", 30003, "unreachable"),
               StatusReport("SMunknown", "read"), StatusReport(sids_two[1], "bogus")]
    applied = apply_reports(reports, db=db)
    assert [u.outcome for u in applied.updates] == ["applied", "applied", "ignored", "applied",
                                                    "not_found", "unknown_status"]
    changed = [e for e in applied.events if isinstance(e, MessageStatusChanged)]
    assert [(e.sid, e.old_status, e.new_status) for e in changed] == [
        (sids_one[0], "queued", "delivered"), (sids_one[1], "queued", "read"),
        (sids_two[0], "queued", "failed")]
    assert changed[2].error_code == 30003
    counters = _counters_events(applied.events)
    assert set(counters) == {one.id, two.id}
    assert counters[one.id].delta == {"pending": -2, "sent": 2, "delivered": 2, "read": 1}
    assert counters[two.id].delta == {"pending": -1, "failed": 1}
    for campaign in (one, two):
        stored = Campaign.get_by_id(campaign.id).counters()
        assert counters[campaign.id].counters == stored == mu.recount(campaign.id)
    # Events come after the changes they describe: status changes first, counters last.
    assert isinstance(applied.events[-1], CountersChanged)


def test_nothing_changed_means_no_counters_event(db):
    _, _, sids = make_campaign(1, status="read")
    applied = apply_reports([StatusReport(sids[0], "delivered"), StatusReport(sids[0], "read")])
    assert [u.outcome for u in applied.updates] == ["ignored", "duplicate"]
    assert applied.events == []


def test_engine_moves_and_reports_share_one_transaction_and_its_events(db):
    clock = ManualClock(datetime(2026, 3, 1, 12, 0, 0))
    campaign = Campaign.create(name="moves", body="hi")
    mu.insert_messages(campaign.id, [{"phone": "+33612345678"}, {"phone": "+33612345679"}])
    first, second = CampaignMessage.select().order_by(CampaignMessage.id)
    mu.hold_callback("SMfirst", "delivered")  # beat its sid here
    with status_changes(db, clock) as changes:
        changes.transition(first, "sending", claimed_at=clock.now())
        changes.record_sid(first, "SMfirst", "queued")
        changes.transition(second, "sending")
        changes.transition(second, "failed", error_code=63016, error_message="no template")
    statuses = [(e.old_status, e.new_status) for e in changes.events
                if isinstance(e, MessageStatusChanged)]
    assert statuses == [("pending", "sending"), ("sending", "queued"), ("queued", "delivered"),
                        ("pending", "sending"), ("sending", "failed")]
    (counters,) = [e for e in changes.events if isinstance(e, CountersChanged)]
    assert counters.counters == Campaign.get_by_id(campaign.id).counters() == mu.recount(campaign.id)
    stored = CampaignMessage.get_by_id(first.id)
    assert stored.status == "delivered" and stored.delivered_at is not None
    assert CampaignMessage.get_by_id(second.id).failed_at == clock.now()


def test_a_failed_block_changes_nothing_and_publishes_nothing(db):
    campaign, _, sids = make_campaign(2, status="queued")
    before = Campaign.get_by_id(campaign.id).counters()
    with pytest.raises(RuntimeError), status_changes(db) as changes:
        changes.apply([StatusReport(sids[0], "read")])
        raise RuntimeError("boom")
    assert changes.events == []
    assert CampaignMessage.get(CampaignMessage.twilio_sid == sids[0]).status == "queued"
    assert Campaign.get_by_id(campaign.id).counters() == before == mu.recount(campaign.id)


def test_counter_events_of_one_commit_merge_per_campaign():
    a1 = CountersChanged(1, {"sent": 1}, delta={"sent": 1})
    b1 = CountersChanged(2, {"sent": 5}, delta={"sent": 1})
    a2 = CountersChanged(1, {"sent": 3}, delta={"sent": 2, "pending": -1})
    other = MessageStatusChanged(1, 9, "SM", "queued", "sent")
    merged = merge_counter_events([a1, other, b1, a2])
    assert merged[0] is other
    assert [(e.campaign_id, e.counters, e.delta) for e in merged[1:]] == [
        (1, {"sent": 3}, {"sent": 3, "pending": -1}), (2, {"sent": 5}, {"sent": 1})]
