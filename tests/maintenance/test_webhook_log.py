"""The webhook log's row format and batched insert, and the bounded record of rejected requests."""

from __future__ import annotations

from datetime import datetime, timedelta
from functools import partial

from tests.maintenance.helpers import Request
from wacampaign_desktop.core.store import webhook_log as wl
from wacampaign_desktop.core.store.models import WebhookEvent

_Request = partial(Request, remote_addr="203.0.113.7")  # a request as the webhook server sees it


def test_batched_insert_returns_the_ids_of_the_rows_in_order(db):
    at = datetime(2026, 11, 1, 12, 0, 0)
    rows = [wl.audit_row(_Request("status", {"MessageSid": f"SM{i}", "MessageStatus": "sent"},
                                  idempotency_token=f"tok{i}"), "applied", "sent", at=at)
            for i in range(3)]
    with db.atomic():
        ids = wl.insert_rows(rows)
    assert ids == [1, 2, 3]
    stored = WebhookEvent.get_by_id(2)
    assert (stored.kind, stored.sid, stored.status, stored.outcome) == ("status", "SM1", "sent", "applied")
    assert stored.signature_valid
    assert wl.token_seen("status", "tok1") and not wl.token_seen("incoming", "tok1")
    assert wl.seen_tokens("status", ["tok0", "tok2", "tok9"]) == {"tok0", "tok2"}
    assert stored.received_at == at and stored.remote_addr == "203.0.113.7"
    with db.atomic():
        assert wl.insert_row(rows[0]) == 4


def test_a_rejection_is_a_few_hundred_bytes_and_repeats_are_counted(db):
    at = datetime(2026, 11, 1, 12, 0, 0)
    body = b"MessageSid=SM1&" + b"x" * 60_000
    with db.atomic():
        first = wl.record_rejection(kind="status", path="/twilio/status", client="198.51.100.9",
                                    reason="signature does not match", body=body, sid="SM1", at=at)
        again = wl.record_rejection(kind="status", path="/twilio/status", client="198.51.100.9",
                                    reason="signature does not match", body=body, sid="SM1",
                                    at=at + timedelta(minutes=5))
        other = wl.record_rejection(kind="status", path="/twilio/status", client="198.51.100.9",
                                    reason="missing X-Twilio-Signature", body=body, at=at)
        later = wl.record_rejection(kind="status", path="/twilio/status", client="198.51.100.9",
                                    reason="signature does not match", body=body,
                                    at=at + wl.REPEAT_WINDOW + timedelta(seconds=1))
    assert first.new and not again.new and again.event_id == first.event_id and again.repeats == 2
    assert other.new and later.new and len({first.event_id, other.event_id, later.event_id}) == 3
    row = WebhookEvent.get_by_id(first.event_id)
    assert row.outcome == "rejected" and not row.signature_valid
    assert row.params["repeats"] == 2 and row.params["body_bytes"] == len(body)
    assert row.params["reason"] == "signature does not match" and row.remote_addr == "198.51.100.9"
    size = db.execute_sql("SELECT SUM(LENGTH(params) + LENGTH(idempotency_token)) FROM webhook_event"
                          ).fetchone()[0]
    assert size < 3 * 400  # three records, none holding the 60 KB body


def test_the_log_keeps_what_support_needs_but_not_what_repeats(db):
    sid = "SM" + "a" * 32
    params = {"MessageSid": sid, "SmsSid": sid, "MessageStatus": "delivered", "SmsStatus": "delivered",
              "AccountSid": "AC" + "1" * 32, "ApiVersion": "2010-04-01", "ChannelPrefix": "whatsapp",
              "ChannelInstallSid": "XE" + "2" * 32, "ChannelToAddress": "+33600000001",
              "StructuredMessage": "false", "From": "whatsapp:+14155238886",
              "To": "whatsapp:+33600000001", "EventType": "DELIVERED", "SomethingNew": "kept"}
    with db.atomic():
        (event_id,) = wl.insert_rows([wl.audit_row(_Request("status", params), "applied", "delivered")])
    stored = WebhookEvent.get_by_id(event_id)
    assert stored.params == {"From": "whatsapp:+14155238886", "To": "whatsapp:+33600000001",
                             "EventType": "DELIVERED", "SomethingNew": "kept"}
    shown = wl.full_params(stored.params, stored.kind, stored.sid, stored.status)
    assert shown["MessageSid"] == sid and shown["MessageStatus"] == "delivered"
    # A status that differs from the column (e.g. not normalised) is kept as sent.
    odd = dict(params, MessageStatus="DELIVERED", SmsStatus="DELIVERED")
    with db.atomic():
        (odd_id,) = wl.insert_rows([wl.audit_row(_Request("status", odd), "applied", "delivered")])
    assert WebhookEvent.get_by_id(odd_id).params["MessageStatus"] == "DELIVERED"


def test_a_stored_status_callback_takes_at_most_300_bytes(db):
    from tests.maintenance.helpers import fill_log

    rows = 6000
    fill_log(db, rows, at=datetime(2026, 11, 1, 12, 0, 0))
    used = db.execute_sql("SELECT SUM(pgsize) FROM dbstat WHERE name LIKE 'webhook_event%'").fetchone()[0]
    assert used / rows <= 300  # table + index pages, as SQLite lays them out (was ~850 before)
