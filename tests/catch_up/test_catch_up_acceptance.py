"""Issue 13's acceptance, on SQLite and PostgreSQL: close the app in the middle of a
2,000-message campaign, let Twilio (the sandbox) deliver every status — read included — and 200
replies while nothing listens, reopen: within 10 s no status and no reply is missing, and the
campaign's counters equal a recount."""

from __future__ import annotations

import contextlib
import time

import pytest

from tests.engine.engine_helpers import (
    assert_counters_consistent,
    make_campaign,
    make_contacts,
    wait_for,
)
from wacampaign_desktop.core.store.models import CampaignMessage, InboundMessage

pytestmark = pytest.mark.both_engines

MESSAGES = 2000
REPLIES = 200


def _stored_statuses(campaign_id: int) -> dict[str, str]:
    return dict(CampaignMessage.select(CampaignMessage.twilio_sid, CampaignMessage.status)
                .where((CampaignMessage.campaign == campaign_id)
                       & CampaignMessage.twilio_sid.is_null(False)).tuples())


def test_closed_mid_campaign_then_reopened_misses_nothing(twilio, open_app, context):
    sandbox = twilio(seed=13, failure_rate=0.02, callback_workers=16)
    make_contacts(MESSAGES)
    campaign = make_campaign(send_rate=1000.0)
    first = open_app(sandbox)
    sandbox.incoming_url = first.webhooks.incoming_url  # as set in Twilio for this app
    first.engine.start_campaign(campaign.id)
    wait_for(lambda: len(sandbox.messages()) >= MESSAGES // 2, 60, "half the campaign sent")
    closed_url = first.webhooks.local_base_url
    first.stop()  # the app is closed: callbacks and replies now go nowhere
    sandbox.mark_unreachable(closed_url)  # refused at once, without a network round trip

    sent_before = {m.sid for m in sandbox.messages()}
    assert MESSAGES // 2 <= len(sent_before) < MESSAGES
    wait_for(lambda: all(m.current() == m.timeline[-1] for m in sandbox.messages())
             and sandbox.pending_callbacks() == 0, 60,
             "Twilio delivered every status (to nobody)")
    repliers = sorted({m.to.removeprefix("whatsapp:") for m in sandbox.messages()})[:REPLIES]
    for i, phone in enumerate(repliers):
        with contextlib.suppress(RuntimeError):  # the incoming webhook is down
            sandbox.simulate_reply(phone, f"Reply {i}")
    assert len(sandbox.inbound_messages()) == REPLIES
    twilio_final = {m.sid: m.current().status for m in sandbox.messages()}
    stored = _stored_statuses(campaign.id)
    behind = sum(stored.get(sid) != status for sid, status in twilio_final.items())
    assert behind > MESSAGES // 10, "the closed app really missed statuses"

    reopened = time.monotonic()
    second = open_app(sandbox)
    missing: dict[str, int] = {}

    def missed_known() -> bool:
        stored = _stored_statuses(campaign.id)
        missing.update(statuses=sum(stored.get(sid) != status
                                    for sid, status in twilio_final.items()),
                       replies=REPLIES - InboundMessage.select().count())
        return not any(missing.values())

    try:
        wait_for(missed_known, 10, "every missed status and reply known")
    except AssertionError as exc:
        raise AssertionError(f"{exc}; still missing: {missing}") from None
    caught_up_in = time.monotonic() - reopened
    assert_counters_consistent(campaign.id)
    assert InboundMessage.select().where(InboundMessage.source == "catch_up").count() == REPLIES
    wait_for(lambda: second.catch_up.results, 10, "the catch-up run recorded")
    (start_run,) = [r for r in second.catch_up.results if r.reason == "start"]
    assert start_run.replies == REPLIES and start_run.statuses > 0

    def campaign_done() -> bool:  # the other half, sent after reopening, by webhooks as usual
        final = {m.sid: m.current().status for m in sandbox.messages()}
        stored = _stored_statuses(campaign.id)
        missing.update(unsent=MESSAGES - len(final),
                       unsettled=sum(s not in ("read", "failed", "undelivered")
                                     for s in final.values()),
                       statuses=sum(stored.get(sid) != status for sid, status in final.items()))
        return not any(missing.values())

    try:
        wait_for(campaign_done, 60, "the rest of the campaign sent and settled")
    except AssertionError as exc:
        raise AssertionError(f"{exc}; still missing: {missing}") from None
    done_in = time.monotonic() - reopened
    counters = assert_counters_consistent(campaign.id)
    assert counters["total"] == MESSAGES and counters["pending"] == 0
    assert counters["read"] + counters["failed"] + counters["undelivered"] == MESSAGES
    print(f"\n{len(sent_before)} of {MESSAGES} sent before closing, {behind} statuses and "
          f"{REPLIES} replies missed; reopened: caught up in {caught_up_in:.2f} s "
          f"(catch-up run: {start_run.statuses} statuses, {start_run.replies} replies), whole "
          f"campaign consistent in {done_in:.2f} s")
