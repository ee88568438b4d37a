"""What the progress line counts: total, not yet claimed, claimed without a sid, in one snapshot."""

from __future__ import annotations

from wacampaign_desktop.core.engine import lifecycle
from wacampaign_desktop.core.store import message_updates as mu
from wacampaign_desktop.core.store.models import Campaign


def test_backlog_counts_each_message_once(db):
    campaign = Campaign.create(name="Backlog", body="Hi", state="sending")
    rows = ([{"phone": f"+3361234560{i}", "message": "Hi"} for i in range(4)]  # pending
            + [{"phone": "+33612345610", "message": "Hi", "status": "sending"}]  # claimed, no sid
            + [{"phone": "+33612345611", "message": "Hi", "status": "sending",
                "twilio_sid": "SM" + "1" * 32}]  # in the API call's answer already
            + [{"phone": "+33612345612", "message": "Hi", "status": "delivered",
                "twilio_sid": "SM" + "2" * 32},
               {"phone": "+33612345613", "message": "Hi", "status": "skipped"}])
    for row in rows:  # one shape for every row (insert_many takes its columns from the first)
        row.setdefault("status", "pending")
        row.setdefault("twilio_sid", None)
    mu.insert_messages(campaign.id, rows)

    left = lifecycle.left_to_send(campaign.id)

    assert (left.total, left.pending, left.claimed) == (8, 4, 1)
    assert left.handed_over == 3 == Campaign.get_by_id(campaign.id).total_count - 5


def test_empty_campaign_has_nothing_left(db):
    campaign = Campaign.create(name="Empty", body="Hi")
    left = lifecycle.left_to_send(campaign.id)
    assert left == (0, 0, 0) and left.handed_over == 0
