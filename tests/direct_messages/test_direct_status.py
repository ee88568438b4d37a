"""Messages sent outside campaigns follow their status callbacks through the one status pipeline:
the highest status is kept whatever the order, the times are set, no campaign counter moves, a
DirectMessageChanged event is published, and a callback that beats the store (held as pending)
is applied when the message is stored."""

from __future__ import annotations

from datetime import datetime

import pytest

from wacampaign_desktop.core.events import DirectMessageChanged
from wacampaign_desktop.core.runtime import Runtime
from wacampaign_desktop.core.sandbox import SandboxConfig
from wacampaign_desktop.core.services.inbox import InboxService
from wacampaign_desktop.core.store.models import (
    Campaign,
    DirectMessage,
    InboundMessage,
    PendingCallback,
)
from wacampaign_desktop.core.store.status_pipeline import StatusReport, apply_reports

AT = datetime(2026, 3, 2, 10, 0, 0)


@pytest.mark.both_engines
def test_direct_statuses_keep_the_highest_and_touch_no_campaign(db, db_engine):
    campaign = Campaign.create(name="Untouched")
    DirectMessage.create(phone="+33612345678", body="Hi", twilio_sid="SMd1", status="queued",
                         kind="auto_reply")
    applied = apply_reports([StatusReport("SMd1", "read", at=AT),
                             StatusReport("SMd1", "delivered", at=AT),
                             StatusReport("SMd1", "sent", at=AT)])
    assert [u.outcome for u in applied.updates] == ["applied", "ignored", "ignored"]
    row = DirectMessage.get(DirectMessage.twilio_sid == "SMd1")
    assert row.status == "read" and row.read_at == AT and row.delivered_at == AT
    assert row.updated_at == AT
    assert [type(e) for e in applied.events] == [DirectMessageChanged]
    assert applied.events[0].new_status == "read" and applied.events[0].kind == "auto_reply"
    after = Campaign.get_by_id(campaign.id)
    assert (after.sent_count, after.delivered_count, after.read_count) == (0, 0, 0)
    failed = apply_reports([StatusReport("SMd2", "failed", 63016)])  # unknown sid: still held
    assert failed.updates[0].outcome == "not_found"


def test_a_callback_that_beats_the_store_is_applied(context, wait_until):
    context.settings.webhook_port = 0
    config = SandboxConfig(seed=3, step_latency=0.05, callback_before_response=True)
    runtime = Runtime(context, sandbox_config=config).start()
    try:
        phone = "+33612345678"
        InboundMessage.create(message_sid="SMin1", from_number=f"whatsapp:{phone}", body="Hi",
                              received_at=context.clock.now())
        sent = InboxService(context).send_reply(
            runtime.gateway, phone, runtime.sender, "Hello!",
            status_callback=runtime.webhooks.status_callback_url)
        assert sent.sent
        wait_until(lambda: DirectMessage.get(DirectMessage.twilio_sid == sent.sid).status
                   == "read", what="the reply to reach read")
        assert PendingCallback.select().where(PendingCallback.sid == sent.sid).count() == 0
    finally:
        runtime.stop()


def test_a_campaign_only_batch_never_reads_direct_messages(db):
    """The hot path stays one read for campaign messages: direct_message is read only for sids
    that are not campaign messages'."""
    from tests.webhooks.helpers import make_campaign

    _campaign, _messages, sids = make_campaign(50)
    statements: list[str] = []
    db.connection().set_trace_callback(statements.append)
    try:
        applied = apply_reports([StatusReport(sid, "delivered") for sid in sids])
    finally:
        db.connection().set_trace_callback(None)
    assert [s for s in statements if s.lstrip().upper().startswith("SELECT")
            and "campaign_message" in s] != []
    assert not [s for s in statements if "direct_message" in s]
    assert all(u.outcome == "applied" for u in applied.updates)
