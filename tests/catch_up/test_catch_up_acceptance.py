"""Issue 13's acceptance, on SQLite and PostgreSQL: close the app in the middle of a
2,000-message campaign — every message handed to Twilio, statuses still arriving — let Twilio
(the sandbox) deliver every status, read included, and 200 replies while nothing listens,
reopen: within 10 s no status and no reply is missing, and the counters equal a recount.

A second, smaller test closes the app while it is still sending: after reopening, what was
missed is recovered and the rest of the campaign is sent, and everything adds up."""

from __future__ import annotations

import time
from collections import Counter

import pytest

from tests.engine.engine_helpers import assert_counters_consistent, make_campaign, make_contacts
from wacampaign_desktop.core.sandbox import SandboxServer
from wacampaign_desktop.core.store.models import CampaignMessage, InboundMessage

pytestmark = pytest.mark.both_engines

FINAL = ("read", "failed", "undelivered")


def _stored_statuses(campaign_id: int) -> dict[str, str]:
    return dict(CampaignMessage.select(CampaignMessage.twilio_sid, CampaignMessage.status)
                .where((CampaignMessage.campaign == campaign_id)
                       & CampaignMessage.twilio_sid.is_null(False)).tuples())


def _twilio_final(sandbox: SandboxServer) -> dict[str, str]:
    return {m.sid: m.current().status for m in sandbox.messages()}


def _behind(campaign_id: int, final: dict[str, str]) -> dict[str, int]:
    """How many messages' stored status differs from Twilio's (and how many reads are not
    known), and how many replies are not stored."""
    stored = _stored_statuses(campaign_id)
    return {"statuses": sum(stored.get(sid) != status for sid, status in final.items()),
            "reads": sum(s == "read" and stored.get(sid) != "read" for sid, s in final.items())}


def _close(runtime, sandbox: SandboxServer) -> None:
    """The app is closed: its webhook URL stops answering (callbacks and replies posted there
    fail at once, as a refused connection would), then it stops."""
    sandbox.mark_unreachable(runtime.webhooks.local_base_url)
    runtime.stop()


def _replies_while_closed(sandbox: SandboxServer, count: int) -> None:
    repliers = sorted({m.to.removeprefix("whatsapp:") for m in sandbox.messages()})[:count]
    for i, phone in enumerate(repliers):
        with pytest.raises(RuntimeError):  # the incoming webhook is down: nobody gets it
            sandbox.simulate_reply(phone, f"Reply {i}")
    assert len(sandbox.inbound_messages()) == count


def _everything_known(campaign_id: int, final: dict[str, str], replies: int,
                      missing: dict[str, int]) -> bool:
    missing.update(_behind(campaign_id, final),
                   replies=replies - InboundMessage.select().count(),
                   unsent=len(final) - len(_stored_statuses(campaign_id)))
    return not any(missing.values())


def test_closed_while_statuses_arrive_then_reopened_misses_nothing(twilio, open_app,
                                                                    wait_until):
    messages, replies = 2000, 200
    sandbox = twilio(seed=13, failure_rate=0.02, step_latency=4.0, callback_workers=8)
    make_contacts(messages)
    campaign = make_campaign(send_rate=1000.0)
    first = open_app(sandbox)
    sandbox.incoming_url = first.webhooks.incoming_url  # as set in Twilio for this app
    began = time.monotonic()
    first.engine.start_campaign(campaign.id)
    with_sid = CampaignMessage.select().where((CampaignMessage.campaign == campaign.id)
                                              & CampaignMessage.twilio_sid.is_null(False))
    wait_until(lambda: with_sid.count() == messages, 60,  # a cheap poll: the app is busy
               "every message handed to Twilio (its sid stored)")
    sent_in = time.monotonic() - began
    _close(first, sandbox)
    at_close = Counter(m.current().status for m in sandbox.messages())
    assert len(sandbox.messages()) == messages
    in_progress = messages - sum(at_close[s] for s in FINAL)
    assert in_progress > messages // 10, f"closed while statuses were still arriving: {at_close}"

    # The hours the app stays closed pass at once for Twilio: every remaining status is
    # reached and its callback posted now — to nobody.
    assert in_progress // 2 < sandbox.deliver_everything_now() <= in_progress
    wait_until(lambda: all(m.current() == m.timeline[-1] for m in sandbox.messages())
               and sandbox.pending_callbacks() == 0, 10,
               "Twilio delivered every status (to nobody)")
    _replies_while_closed(sandbox, replies)
    final = _twilio_final(sandbox)
    assert set(final.values()) <= set(FINAL) and "read" in final.values()
    missed = _behind(campaign.id, final)
    # Without catch-up these would stay wrong: the callbacks really went nowhere.
    assert missed["statuses"] > messages // 10 and missed["reads"] > messages // 10, missed
    assert sandbox.stats.callbacks_failed >= missed["statuses"]
    assert InboundMessage.select().count() == 0

    reopened = time.monotonic()
    second = open_app(sandbox)
    missing: dict[str, int] = {}
    try:
        wait_until(lambda: _everything_known(campaign.id, final, replies, missing), 10,
                   "every missed status and reply known")
    except AssertionError as exc:
        raise AssertionError(f"{exc}; still missing: {missing}") from None
    caught_up_in = time.monotonic() - reopened
    assert caught_up_in <= 10
    counters = assert_counters_consistent(campaign.id)
    assert counters["total"] == messages and counters["pending"] == 0
    assert counters["read"] == sum(s == "read" for s in final.values())
    assert counters["read"] + counters["failed"] + counters["undelivered"] == messages
    assert InboundMessage.select().where(InboundMessage.source == "catch_up").count() == replies
    assert {m.message_sid for m in InboundMessage.select()} == {
        m.sid for m in sandbox.inbound_messages()}
    start_run = next(r for r in second.catch_up.results if r.reason == "start")
    # catch-up, not anything else, recovered them: one change per message that was behind
    assert (start_run.replies, start_run.statuses) == (replies, missed["statuses"])
    print(f"\n{messages} handed to Twilio in {sent_in:.1f} s (when closed: {dict(at_close)}); {missed['statuses']} statuses ({missed['reads']} reads) and {replies} "
          f"replies missed; reopened: everything known in {caught_up_in:.2f} s")


def test_closed_while_sending_then_reopened_sends_the_rest(twilio, open_app, wait_until):
    messages, replies = 300, 30
    sandbox = twilio(seed=14, failure_rate=0.02, step_latency=0.1)
    make_contacts(messages)
    campaign = make_campaign(send_rate=100.0)
    first = open_app(sandbox)
    sandbox.incoming_url = first.webhooks.incoming_url
    first.engine.start_campaign(campaign.id)
    wait_until(lambda: len(sandbox.messages()) >= messages // 3, 30, "a third of it sent")
    _close(first, sandbox)
    sent_before = len(sandbox.messages())
    assert messages // 3 <= sent_before < messages, "closed while sending"

    wait_until(lambda: all(m.current() == m.timeline[-1] for m in sandbox.messages())
               and sandbox.pending_callbacks() == 0, 20, "Twilio delivered every status")
    _replies_while_closed(sandbox, replies)
    missed = _behind(campaign.id, _twilio_final(sandbox))
    assert missed["statuses"] > 0 and missed["reads"] > 0, missed

    reopened = time.monotonic()
    second = open_app(sandbox)
    missing: dict[str, int] = {}

    def all_sent_and_known() -> bool:
        final = _twilio_final(sandbox)
        missing.update(unsettled=sum(s not in FINAL for s in final.values()),
                       untold=messages - len(final))
        return _everything_known(campaign.id, final, replies, missing) and not any(
            missing.values())

    try:
        wait_until(all_sent_and_known, 20, "the rest sent, every status and reply known")
    except AssertionError as exc:
        raise AssertionError(f"{exc}; still missing: {missing}") from None
    done_in = time.monotonic() - reopened
    counters = assert_counters_consistent(campaign.id)
    assert counters["total"] == messages and counters["pending"] == 0
    assert counters["read"] + counters["failed"] + counters["undelivered"] == messages
    assert set(sandbox.send_counts().values()) == {1}  # nobody sent twice
    start_run = next(r for r in second.catch_up.results if r.reason == "start")
    assert (start_run.replies, start_run.statuses) == (replies, missed["statuses"])
    print(f"\n{sent_before} of {messages} sent before closing, {missed['statuses']} statuses "
          f"and {replies} replies missed; reopened: all sent and known in {done_in:.2f} s")
