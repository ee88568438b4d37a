"""core/services/inbox.py: conversations newest first, the thread in time order, the 24-hour
window on the passed-in clock, and replies sent through the sandbox (sent or stored as failed)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from wacampaign_desktop.core.clock import SYSTEM_CLOCK, ManualClock
from wacampaign_desktop.core.sandbox import DEFAULT_SENDER, SandboxConfig, SandboxServer
from wacampaign_desktop.core.services.inbox import InboxService, ReplyWindowClosed
from wacampaign_desktop.core.store.models import Campaign, CampaignMessage, Contact, InboundMessage
from wacampaign_desktop.core.twilio_gateway import TwilioGateway

NOW = datetime(2026, 3, 1, 12, 0, 0)


def _inbound(sid: str, phone: str, body: str, at: datetime) -> None:
    InboundMessage.create(message_sid=sid, from_number=f"whatsapp:{phone}", body=body,
                          received_at=at)


def test_conversations_thread_and_window(context):
    alice = Contact.create(phone="+33612345678", name="Alice Martin")
    _inbound("SM1", alice.phone, "Old question", NOW - timedelta(hours=30))
    _inbound("SM2", alice.phone, "Open on Sunday?", NOW - timedelta(hours=2))
    _inbound("SM3", "+33698765432", "Hello from last week", NOW - timedelta(days=7))
    campaign = Campaign.create(name="Spring")
    CampaignMessage.create(campaign=campaign, contact=alice, phone=alice.phone,
                           message="Spring sale!", status="read", sent_at=NOW - timedelta(hours=3))
    inbox = InboxService(context, clock=ManualClock(NOW))

    conversations = inbox.conversations()
    assert [c.phone for c in conversations] == [alice.phone, "+33698765432"]
    assert conversations[0].name == "Alice Martin" and conversations[0].count == 2
    assert conversations[0].last_body == "Open on Sunday?"
    assert [c.phone for c in inbox.conversations("Alice")] == [alice.phone]
    assert [c.phone for c in inbox.conversations("last week")] == ["+33698765432"]

    thread = inbox.thread(alice.phone)
    assert [(e.kind, e.body) for e in thread] == [
        ("inbound", "Old question"), ("campaign", "Spring sale!"), ("inbound", "Open on Sunday?")]
    assert thread[1].outgoing and thread[1].status == "read"

    window = inbox.reply_window(alice.phone)
    assert window.open and window.hours_left == 22
    assert not inbox.reply_window("+33698765432").open


@pytest.fixture
def gateway():
    sandbox = SandboxServer(SandboxConfig(seed=5, step_latency=0.02))
    sandbox.start()
    gw = TwilioGateway(sandbox.credentials)
    yield gw
    gw.close()
    sandbox.stop()


def test_replies_are_sent_or_stored_as_failed(context, gateway):
    now = SYSTEM_CLOCK.now()  # the window is judged on the real clock here
    _inbound("SM1", "+33612345678", "Vous livrez ?", now - timedelta(minutes=5))
    _inbound("SM2", "+15005550001", "Hello?", now - timedelta(minutes=5))  # invalid To number
    _inbound("SM3", "+33699999999", "Too late", now - timedelta(days=2))
    inbox = InboxService(context)

    sent = inbox.send_reply(gateway, "+33612345678", DEFAULT_SENDER, "Oui, sous 48 h.")
    assert sent.sent and sent.sid and sent.status != "failed"
    refused = inbox.send_reply(gateway, "+15005550001", DEFAULT_SENDER, "Bonjour !")
    assert not refused.sent and refused.error_code == 21211
    with pytest.raises(ReplyWindowClosed):
        inbox.send_reply(gateway, "+33699999999", DEFAULT_SENDER, "Hi")

    replies = [e for e in inbox.thread("+33612345678") if e.kind == "reply"]
    assert [r.body for r in replies] == ["Oui, sous 48 h."]
    failed = [e for e in inbox.thread("+15005550001") if e.kind == "reply"]
    assert failed[0].status == "failed" and failed[0].error_code == 21211
    assert inbox.thread("+33699999999")[-1].kind == "inbound"  # nothing sent or stored


def test_conversations_found_past_a_long_run_of_one_sender(context):
    """The newest 2,500 messages all come from one number: the older sender is still listed,
    with the counts of the whole history."""
    InboundMessage.insert_many([
        {"message_sid": f"SMa{i}", "from_number": "whatsapp:+33611111111", "body": f"n°{i}",
         "received_at": NOW - timedelta(seconds=i)} for i in range(2500)]).execute()
    _inbound("SMb", "+33622222222", "Older", NOW - timedelta(days=1))
    conversations = InboxService(context).conversations()
    assert [(c.phone, c.count) for c in conversations] == [("+33611111111", 2500),
                                                           ("+33622222222", 1)]
    assert conversations[0].last_body == "n°0"
    assert [c.phone for c in InboxService(context).conversations("Older")] == ["+33622222222"]


def test_unread_counts_and_reading_a_conversation(context):
    alice, bob = "+33612345678", "+33698765432"
    _inbound("SM1", alice, "First", NOW - timedelta(hours=3))
    _inbound("SM2", alice, "Second", NOW - timedelta(hours=2))
    _inbound("SM3", bob, "Hello", NOW - timedelta(hours=1))
    inbox = InboxService(context, clock=ManualClock(NOW))
    assert inbox.unread_count() == 3
    assert {c.phone: c.unread for c in inbox.conversations()} == {alice: 2, bob: 1}

    assert inbox.mark_read(alice) == 2
    assert inbox.unread_count() == 1
    assert {c.phone: c.unread for c in inbox.conversations()} == {alice: 0, bob: 1}
    assert InboundMessage.get(InboundMessage.message_sid == "SM1").seen_at == NOW
    assert inbox.mark_read(alice) == 0  # already read: nothing changes
    _inbound("SM4", alice, "Third", NOW)
    assert {c.phone: c.unread for c in inbox.conversations()} == {alice: 1, bob: 1}
