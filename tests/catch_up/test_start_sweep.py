"""The engine's start-up reconciliation sweep fetches what was in flight when the app started,
not each message the app sends meanwhile (their callbacks come; a message is fetched only once
it is older than `reconcile_after_minutes` without news)."""

from __future__ import annotations

import pytest

from tests.engine.engine_helpers import assert_counters_consistent, make_campaign, make_contacts
from wacampaign_desktop.core.store.models import CampaignMessage

pytestmark = pytest.mark.both_engines

FINAL = ("read", "failed", "undelivered")


def test_a_resumed_campaign_is_not_fetched_message_by_message(twilio, open_app, wait_until):
    messages = 300
    sandbox = twilio(seed=31, step_latency=0.5)
    make_contacts(messages)
    campaign = make_campaign(send_rate=100.0)
    first = open_app(sandbox)
    first.engine.start_campaign(campaign.id)
    wait_until(lambda: len(sandbox.messages()) >= 20, 20, "the campaign under way")
    sandbox.mark_unreachable(first.webhooks.local_base_url)
    first.stop()  # closed while sending: its messages are still in flight when it reopens,
    # so the start sweep has work (fetches them) while the resumed campaign is being sent
    first_sids = {m.sid for m in sandbox.messages()}
    sent_before = len(first_sids)
    assert sent_before < messages // 2

    second = open_app(sandbox, reconcile_interval_s=0.2)
    fetched_at_start = sandbox.stats.fetches
    def rest_settled() -> bool:
        rows = CampaignMessage.select(CampaignMessage.twilio_sid).where(
            (CampaignMessage.campaign == campaign.id) & CampaignMessage.status.in_(FINAL))
        return sum(row.twilio_sid not in first_sids for row in rows) == messages - sent_before

    wait_until(rest_settled, 30, "the rest sent and settled by its callbacks")
    assert second.engine is not None and len(sandbox.messages()) == messages
    # Only what was sent before reopening may need a fetch; the rest came by callback.
    fetched = sandbox.stats.fetches - fetched_at_start
    assert fetched <= sent_before, f"{fetched} fetches for {messages - sent_before} new messages"
    assert_counters_consistent(campaign.id)
