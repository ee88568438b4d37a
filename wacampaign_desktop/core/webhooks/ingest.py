"""What each webhook does to the database. These functions run on the writer thread, inside the
batch transaction (each in its own savepoint), and return the events to publish after commit.

Every status change goes through `store.message_updates`, which keeps counters in step.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import peewee

from wacampaign_desktop.core import status_rules as rules
from wacampaign_desktop.core.events import (
    ContactOptChanged,
    CountersChanged,
    Event,
    InboundReceived,
    MessageStatusChanged,
    SignatureRejected,
    WebhookLogged,
)
from wacampaign_desktop.core.store import message_updates as mu
from wacampaign_desktop.core.store.models import (
    Campaign,
    CampaignMessage,
    Contact,
    InboundMessage,
    PendingCallback,
    WebhookEvent,
    utcnow,
)
from wacampaign_desktop.core.webhooks.optout import opt_change, phone_from_address
from wacampaign_desktop.core.webhooks.writer import Batch, Outcome

log = logging.getLogger(__name__)

REPLY_WINDOW = timedelta(days=7)  # a reply answers the latest campaign message of the last 7 days


@dataclass
class Delivery:
    """One webhook request as received: its form fields and a few headers."""

    kind: str  # "status" | "incoming"
    params: dict[str, str]
    remote_addr: str = ""
    idempotency_token: str | None = None
    signature_valid: bool = True
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def sid(self) -> str:
        return self.params.get("MessageSid") or self.params.get("SmsSid") or ""

    @property
    def status(self) -> str:
        return rules.normalize(self.params.get("MessageStatus") or self.params.get("SmsStatus"))


def _int_or_none(value: str | None) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except ValueError:
        return None


def _token_seen(batch: Batch, token: str | None, kind: str) -> bool:
    """Was this idempotency token already stored (or seen earlier in this batch)?"""
    if not token:
        return False
    seen = batch.cache.setdefault("tokens", set())
    if (kind, token) in seen:
        return True
    seen.add((kind, token))
    return (
        WebhookEvent.select(WebhookEvent.id)
        .where((WebhookEvent.idempotency_token == token) & (WebhookEvent.kind == kind))
        .exists()
    )


def _audit(delivery: Delivery, outcome: str, status: str | None) -> dict[str, Any]:
    return {
        "kind": delivery.kind, "sid": delivery.sid or None, "status": status,
        "params": delivery.params, "signature_valid": delivery.signature_valid,
        "outcome": outcome, "idempotency_token": delivery.idempotency_token,
        "remote_addr": delivery.remote_addr, "received_at": utcnow(),
    }


_AUDIT_COLUMNS = ("kind", "sid", "status", "params", "signature_valid", "outcome",
                  "idempotency_token", "remote_addr", "received_at")
_AUDIT_SQL = (f"INSERT INTO webhook_event (id, {', '.join(_AUDIT_COLUMNS)}) "
              f"VALUES ({', '.join('?' * (len(_AUDIT_COLUMNS) + 1))})")


def finish_batch(outcomes: list[Outcome]) -> list[Event]:
    """Insert the batch's audit rows with one statement; WebhookLogged and CountersChanged follow.
    (Audit rows only: status changes went through message_updates.)"""
    rows = [row for outcome in outcomes for row in outcome.audit]
    events: list[Event] = []
    if rows:
        db = WebhookEvent._meta.database
        cursor = db.execute_sql("SELECT COALESCE(MAX(id), 0) FROM webhook_event")
        first_id = int(cursor.fetchone()[0]) + 1  # inside the IMMEDIATE transaction: ours alone
        values = []
        for offset, row in enumerate(rows):
            record = [first_id + offset]
            for column in _AUDIT_COLUMNS:
                value = row[column]
                if column == "params":
                    value = json.dumps(value, ensure_ascii=False, sort_keys=True)
                elif column == "signature_valid":
                    value = int(bool(value))
                record.append(value)
            values.append(record)
        db.connection().cursor().executemany(_AUDIT_SQL, values)
        events.extend(WebhookLogged(first_id + i, row["kind"], row["outcome"])
                      for i, row in enumerate(rows))
    campaigns = {cid for outcome in outcomes for cid in outcome.campaigns}
    if campaigns:
        events.extend(counters_changed(campaigns))
    return events


class StatusWork:
    """A status callback as a writer work item; the writer runs a batch's status callbacks
    together through `apply_status_group` (and one by one only if that fails)."""

    group = "status"

    def __init__(self, delivery: Delivery) -> None:
        self.delivery = delivery
        self.sid = delivery.sid

    def __call__(self, batch: Batch) -> Outcome:
        return apply_status_callback(self.delivery, batch)


def _seen_tokens(batch: Batch, works: list[StatusWork]) -> set[str]:
    tokens = sorted({w.delivery.idempotency_token for w in works if w.delivery.idempotency_token})
    stored: set[str] = set()
    for start in range(0, len(tokens), 500):
        query = (WebhookEvent.select(WebhookEvent.idempotency_token)
                 .where((WebhookEvent.kind == "status")
                        & WebhookEvent.idempotency_token.in_(tokens[start:start + 500])).tuples())
        stored.update(token for (token,) in query)
    return stored


def apply_status_group(batch: Batch, works: list[StatusWork]) -> list[Outcome]:
    """All status callbacks of a batch at once: token duplicates dropped, the rest applied in
    arrival order by `message_updates.apply_statuses`, unknown sids held as pending."""
    stored = _seen_tokens(batch, works)
    seen = batch.cache.setdefault("tokens", set())
    outcomes: list[Outcome | None] = [None] * len(works)
    reports: list[tuple[str, str, int | None, str | None]] = []
    positions: list[int] = []
    for index, work in enumerate(works):
        delivery = work.delivery
        token = delivery.idempotency_token
        if token and (token in stored or ("status", token) in seen):
            outcomes[index] = Outcome("duplicate", audit=[_audit(delivery, "duplicate", delivery.status)])
            continue
        if token:
            seen.add(("status", token))
        error_code = _int_or_none(delivery.params.get("ErrorCode"))
        error_message = delivery.params.get("ChannelStatusMessage") or delivery.params.get("ErrorMessage")
        reports.append((delivery.sid, delivery.status, error_code, error_message))
        positions.append(index)
    updates = mu.apply_statuses(reports)
    for index, report, update in zip(positions, reports, updates, strict=True):
        delivery = works[index].delivery
        if update.outcome == "not_found":
            outcomes[index] = _hold(delivery, report[2], report[3])
            continue
        outcomes[index] = _status_outcome(delivery, update)
    return [outcome for outcome in outcomes if outcome is not None]


def _hold(delivery: Delivery, error_code: int | None, error_message: str | None) -> Outcome:
    sid, status = delivery.sid, delivery.status
    already = (
        PendingCallback.select(PendingCallback.id)
        .where((PendingCallback.sid == sid) & (PendingCallback.status == status))
        .exists()
    )
    if already:
        return Outcome("duplicate", audit=[_audit(delivery, "duplicate", status)])
    row = WebhookEvent.create(**_audit(delivery, "pending", status))
    mu.hold_callback(sid, status, error_code=error_code, error_message=error_message,
                     webhook_event_id=row.id)
    return Outcome("pending", [WebhookLogged(row.id, "status", "pending")])


def _status_outcome(delivery: Delivery, update: mu.StatusUpdate) -> Outcome:
    events: list[Event] = []
    campaigns: set[int] = set()
    if update.changed and update.message_id is not None and update.campaign_id is not None:
        events.append(MessageStatusChanged(
            campaign_id=update.campaign_id, message_id=update.message_id, sid=delivery.sid,
            old_status=update.old_status or "", new_status=update.new_status or delivery.status,
            error_code=update.error_code,
        ))
        campaigns.add(update.campaign_id)
    return Outcome(update.outcome, events, campaigns, [_audit(delivery, update.outcome, delivery.status)])


def apply_status_callback(delivery: Delivery, batch: Batch | None = None) -> Outcome:
    """One status callback on its own (the fallback when a batch's group run failed): apply by
    the status rules, or hold it until its sid is recorded."""
    batch = batch or Batch([])
    sid, status = delivery.sid, delivery.status
    if _token_seen(batch, delivery.idempotency_token, "status"):
        return Outcome("duplicate", audit=[_audit(delivery, "duplicate", status)])
    error_code = _int_or_none(delivery.params.get("ErrorCode"))
    error_message = delivery.params.get("ChannelStatusMessage") or delivery.params.get("ErrorMessage")
    update = mu.apply_status(sid, status, error_code=error_code, error_message=error_message)
    if update.outcome == "not_found":
        return _hold(delivery, error_code, error_message)
    return _status_outcome(delivery, update)


def _answered_message(phone: str) -> CampaignMessage | None:
    since = utcnow() - REPLY_WINDOW
    stamp = peewee.fn.COALESCE(CampaignMessage.sent_at, CampaignMessage.updated_at)
    return (
        CampaignMessage.select()
        .where(
            (CampaignMessage.phone == phone)
            & CampaignMessage.twilio_sid.is_null(False)
            & (stamp >= since)
        )
        .order_by(stamp.desc(), CampaignMessage.id.desc())
        .first()
    )


def _media(params: dict[str, str]) -> list[dict[str, str]]:
    count = _int_or_none(params.get("NumMedia")) or 0
    return [
        {"url": params.get(f"MediaUrl{i}", ""), "content_type": params.get(f"MediaContentType{i}", "")}
        for i in range(min(count, 10))
    ]


def store_incoming(delivery: Delivery, batch: Batch | None = None) -> Outcome:
    """An incoming WhatsApp message: store it, link the contact, mark the answered message replied,
    and apply STOP/START keywords."""
    params = delivery.params
    sid = delivery.sid
    if _token_seen(batch or Batch([]), delivery.idempotency_token, "incoming") or (
        InboundMessage.select(InboundMessage.id).where(InboundMessage.message_sid == sid).exists()
    ):
        return Outcome({"outcome": "duplicate", "created_contact": False},
                       audit=[_audit(delivery, "duplicate", "received")])
    phone = phone_from_address(params.get("From"))
    now = utcnow()
    contact, created = Contact.get_or_create(
        phone=phone, defaults={"name": params.get("ProfileName", "")}
    )
    events: list[Event] = []
    campaigns: set[int] = set()
    answered = _answered_message(phone)
    if answered is not None and mu.mark_replied(answered, now):
        campaigns.add(answered.campaign_id)
    inbound = InboundMessage.create(
        message_sid=sid, from_number=params.get("From", ""), to_number=params.get("To", ""),
        body=params.get("Body", ""), media=_media(params), profile_name=params.get("ProfileName", ""),
        contact=contact, campaign_message=answered, received_at=now,
    )
    outcome = "received"
    change = opt_change(params.get("Body"), params.get("OptOutType"))
    if change is True and not contact.opted_out:
        Contact.update(opted_out_at=now, updated_at=now).where(Contact.id == contact.id).execute()
        events.append(ContactOptChanged(contact.id, phone, True))
        outcome = "opted_out"
    elif change is False and contact.opted_out:
        Contact.update(opted_in_at=now, updated_at=now).where(Contact.id == contact.id).execute()
        events.append(ContactOptChanged(contact.id, phone, False))
        outcome = "opted_in"
    events.insert(0, InboundReceived(
        inbound.id, contact.id, phone, inbound.body, answered.id if answered else None
    ))
    return Outcome({"outcome": outcome, "created_contact": created}, events, campaigns,
                   [_audit(delivery, outcome, "received")])


def record_rejected(delivery: Delivery, path: str, reason: str) -> Outcome:
    """A request whose signature failed: kept in the event log, nothing else changes."""
    return Outcome(reason, [SignatureRejected(path, delivery.remote_addr)],
                   audit=[_audit(delivery, "rejected", delivery.status or None)])


def record_other(delivery: Delivery, outcome: str) -> Outcome:
    """Audit-only entries (unknown status…)."""
    return Outcome(outcome, audit=[_audit(delivery, outcome, delivery.status or None)])


def counters_changed(campaign_ids: set[int]) -> list[Event]:
    """CountersChanged for each campaign touched by a batch (read inside the transaction)."""
    ids = sorted(campaign_ids)
    columns = ", ".join(f"{name}_count" for name in rules.COUNTER_NAMES)
    cursor = Campaign._meta.database.execute_sql(
        f"SELECT id, {columns} FROM campaign WHERE id IN ({', '.join('?' * len(ids))})", ids)
    return [CountersChanged(row[0], dict(zip(rules.COUNTER_NAMES, row[1:], strict=True)))
            for row in cursor.fetchall()]
