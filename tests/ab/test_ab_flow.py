"""The test-then-winner plan moved by a ManualClock: the wait starts once the test group is
handed over, the winner is the best rate (the first on a tie), the rest gets its text."""

from __future__ import annotations

from datetime import datetime

from wacampaign_desktop.core.clock import ManualClock
from wacampaign_desktop.core.engine import ab_flow
from wacampaign_desktop.core.engine.recipients import prepare_rows
from wacampaign_desktop.core.store import message_updates as mu
from wacampaign_desktop.core.store.models import Campaign, CampaignMessage, Contact

VARIANTS = [{"name": "B", "body": "Beta {{name}}"}]


def _started(plan: dict) -> Campaign:
    for i in range(20):
        Contact.create(phone=f"+3363000{i:04d}", name=f"C{i}")
    campaign = Campaign.create(name="T", body="Alpha {{name}}", variants=VARIANTS,
                               ab_test=plan, state="sending")
    prep = prepare_rows(campaign)
    assert ab_flow.hold_rest(campaign, prep) == 16  # 20 % of 20 = 4 in the test
    mu.insert_messages(campaign.id, prep.recipients + prep.skipped)
    return Campaign.get_by_id(campaign.id)


def _hand_over(campaign: Campaign, read: set[str]) -> None:
    for m in CampaignMessage.select().where(CampaignMessage.variant.is_null(False)):
        mu.transition(m, "read" if m.variant in read else "delivered",
                      twilio_sid=f"SM{m.id}")


def test_wait_starts_after_the_test_group_then_the_best_rate_wins(db):
    clock = ManualClock(datetime(2026, 11, 29, 9, 0))
    campaign = _started({"test_share": 0.2, "wait_minutes": 30, "metric": "read"})
    test = CampaignMessage.select().where(CampaignMessage.variant.is_null(False))
    assert sorted(m.variant for m in test) == ["A", "A", "B", "B"]

    assert ab_flow.advance(campaign, db, clock) == (None, [])  # test group not sent yet
    assert Campaign.get_by_id(campaign.id).ab_test.get("phase", "testing") == "testing"
    _hand_over(campaign, read={"B"})
    ab_flow.advance(Campaign.get_by_id(campaign.id), db, clock)
    plan = Campaign.get_by_id(campaign.id).ab_test
    assert plan["phase"] == "waiting" and plan["wait_until"] == "2026-11-29T09:30:00"

    clock.advance(29 * 60)
    assert ab_flow.advance(Campaign.get_by_id(campaign.id), db, clock)[0] is None
    clock.advance(60)
    winner, _events = ab_flow.advance(Campaign.get_by_id(campaign.id), db, clock)
    assert winner == "B"
    rest = CampaignMessage.select().where(CampaignMessage.id.not_in([m.id for m in test]))
    assert {m.variant for m in rest} == {"B"} and all(m.message.startswith("Beta") for m in rest)
    assert all(m.next_attempt_at is None and m.status == "pending" for m in rest)
    plan = Campaign.get_by_id(campaign.id).ab_test
    assert (plan["phase"], plan["winner"], plan["decided_by"]) == ("done", "B", "auto")


def test_a_tie_goes_to_the_first_version(db):
    clock = ManualClock(datetime(2026, 11, 29, 9, 0))
    campaign = _started({"test_share": 0.2, "wait_minutes": 1, "metric": "reply"})
    _hand_over(campaign, read={"A", "B"})
    ab_flow.advance(Campaign.get_by_id(campaign.id), db, clock)
    clock.advance(60)
    assert ab_flow.advance(Campaign.get_by_id(campaign.id), db, clock)[0] == "A"
