"""Status rules: a status never moves backwards, failures end delivery but a late read wins,
unknown statuses change nothing, and stored counters always equal a recount."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wacampaign_desktop.core import status_rules as rules
from wacampaign_desktop.core.store import message_updates as mu
from wacampaign_desktop.core.store.models import Campaign, CampaignMessage


@pytest.mark.parametrize(
    ("current", "incoming", "expected"),
    [
        ("queued", "sent", "sent"),
        ("delivered", "sent", None),  # a late `sent` after `delivered` is ignored
        ("read", "delivered", None),  # never move read back to delivered
        ("sent", "read", "read"),  # Meta may skip delivered
        ("sent", "failed", "failed"),
        ("failed", "sent", None),  # failed is final for delivery…
        ("failed", "read", "read"),  # …but a later read for the same sid wins
        ("undelivered", "delivered", "delivered"),
        ("delivered", "undelivered", None),
        ("queued", "bogus", None),  # unknown statuses change nothing
        ("queued", "received", None),  # inbound statuses are not outbound progress
        ("skipped", "sent", None),
        ("queued", "QUEUED", None),
        ("sending", " Delivered ", "delivered"),
        ("queued", "canceled", "canceled"),
        ("sent", "canceled", None),
    ],
)
def test_next_status(current, incoming, expected):
    assert rules.next_status(current, incoming) == expected


def test_counters_are_a_funnel():
    assert rules.buckets("read") == {"sent", "delivered", "read"}
    assert rules.buckets("delivered") == {"sent", "delivered"}
    assert rules.buckets("queued") == {"pending"}
    assert rules.counter_delta("sent", "read") == {"delivered": 1, "read": 1}
    assert rules.counter_delta("read", "failed") == {
        "sent": -1, "delivered": -1, "read": -1, "failed": 1,
    }
    assert rules.counter_delta(None, "pending") == {"total": 1, "pending": 1}


STATUSES = ["queued", "sending", "sent", "delivered", "read", "failed", "undelivered",
            "canceled", "accepted", "received", "mystery", "READ"]

callback_story = st.lists(st.sampled_from(STATUSES), min_size=0, max_size=8).flatmap(
    # duplicates then shuffle: the order Twilio promises nothing about
    lambda seq: st.permutations(seq + seq[: len(seq) // 2])
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    stories=st.lists(callback_story, min_size=1, max_size=6),
    early=st.lists(st.integers(min_value=0, max_value=3), min_size=6, max_size=6),
    skipped=st.integers(min_value=0, max_value=2),
)
def test_any_callback_story_ends_in_the_rules_answer_with_consistent_counters(
    db, stories, early, skipped
):
    campaign = Campaign.create(name="property", body="hi")
    rows = [{"phone": f"+3361000{index:04d}", "message": "hi"} for index in range(len(stories))]
    rows += [{"phone": f"+3362000{index:04d}", "status": "skipped", "error_message": "opted out"}
             for index in range(skipped)]
    mu.insert_messages(campaign.id, rows)
    messages = list(
        CampaignMessage.select().where(
            (CampaignMessage.campaign == campaign.id) & (CampaignMessage.status == "pending")
        ).order_by(CampaignMessage.id)
    )
    for index, (message, story) in enumerate(zip(messages, stories, strict=True)):
        sid = f"SM{campaign.id:08d}{index:024d}"
        # Some callbacks beat the sid: they wait as pending callbacks and apply on record_sid.
        cut = min(early[index], len(story))
        for status in story[:cut]:
            assert mu.apply_status(sid, status).outcome in ("not_found", "unknown_status")
            if rules.is_known(status):
                mu.hold_callback(sid, status)
        mu.transition(message, "sending", claimed_at=None)
        mu.record_sid(message, sid, "queued")
        for status in story[cut:]:
            mu.apply_status(sid, status, error_code=63016 if "fail" in status else None)
        stored = CampaignMessage.get_by_id(message.id)
        assert stored.status == rules.final_of(list(story), start="queued")
    assert Campaign.get_by_id(campaign.id).counters() == mu.recount(campaign.id)
    assert Campaign.get_by_id(campaign.id).counters()["skipped"] == skipped


def test_a_late_read_after_failure_counts_once_in_each_funnel_stage(db):
    campaign = Campaign.create(name="late read", body="hi")
    mu.insert_messages(campaign.id, [{"phone": "+33612345678"}])
    message = CampaignMessage.get()
    mu.transition(message, "sending")
    mu.record_sid(message, "SMaaa", "queued")
    assert mu.apply_status("SMaaa", "undelivered", error_code=30003).changed
    counters = Campaign.get_by_id(campaign.id).counters()
    assert (counters["undelivered"], counters["sent"]) == (1, 0)
    assert mu.apply_status("SMaaa", "read").changed
    counters = Campaign.get_by_id(campaign.id).counters()
    assert (counters["undelivered"], counters["sent"], counters["delivered"], counters["read"]) == (0, 1, 1, 1)
    assert mu.apply_status("SMaaa", "read").outcome == "duplicate"
    assert mu.apply_status("SMaaa", "delivered").outcome == "ignored"
    assert counters == mu.recount(campaign.id)
