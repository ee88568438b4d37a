"""Every change of a campaign message's status goes through here, so that the campaign's stored
counters change in the same transaction (and always equal `recount()`).

Each function opens `atomic()`: on its own a transaction, inside a caller's batch a savepoint.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import peewee

from wacampaign_desktop.core import status_rules as rules
from wacampaign_desktop.core.store.database import database_proxy as db
from wacampaign_desktop.core.store.models import (
    Campaign,
    CampaignMessage,
    PendingCallback,
    utcnow,
)

log = logging.getLogger(__name__)

_TIMESTAMP_FOR = {"sent": "sent_at", "delivered": "delivered_at", "read": "read_at",
                  "failed": "failed_at", "undelivered": "failed_at"}


def _timestamps(
    status: str, sent_at: datetime | None, delivered_at: datetime | None, at: datetime
) -> dict[str, datetime]:
    """Timestamp columns a move to `status` sets: its own, plus the funnel stages it implies
    (a read message was delivered and sent) when those were never reported."""
    stamps: dict[str, datetime] = {}
    own = _TIMESTAMP_FOR.get(status)
    if own:
        stamps[own] = at
    if status in ("delivered", "read") and sent_at is None:
        stamps["sent_at"] = at
    if status == "read" and delivered_at is None:
        stamps["delivered_at"] = at
    return stamps


@dataclass
class StatusUpdate:
    """What one reported status did. outcome: applied | duplicate | ignored | unknown_status | not_found."""

    outcome: str
    sid: str | None = None
    message_id: int | None = None
    campaign_id: int | None = None
    old_status: str | None = None
    new_status: str | None = None
    error_code: int | None = None
    counter_delta: dict[str, int] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        return self.outcome == "applied"


def _bump_counters(campaign_id: int, delta: dict[str, int]) -> None:
    changes = {
        getattr(Campaign, f"{name}_count"): getattr(Campaign, f"{name}_count") + amount
        for name, amount in delta.items()
        if amount
    }
    if changes:
        Campaign.update(changes).where(Campaign.id == campaign_id).execute()


def transition(
    message: CampaignMessage, new_status: str, *, at: datetime | None = None, **fields: Any
) -> StatusUpdate:
    """Move `message` to `new_status` unconditionally (engine transitions: claim, retry, give up),
    with other columns in `fields`; counters follow."""
    at = at or utcnow()
    old_status = message.status
    delta = rules.counter_delta(old_status, new_status) if old_status != new_status else {}
    values: dict[str, Any] = {"status": new_status, "updated_at": at, **fields}
    stamps = _timestamps(new_status, message.sent_at, message.delivered_at, at)
    values.update({column: when for column, when in stamps.items() if column not in fields})
    with db.atomic():
        CampaignMessage.update(values).where(CampaignMessage.id == message.id).execute()
        _bump_counters(message.campaign_id, delta)
    for key, value in values.items():
        setattr(message, key, value)
    return StatusUpdate(
        "applied", message.twilio_sid, message.id, message.campaign_id, old_status, new_status,
        fields.get("error_code", message.error_code), delta,
    )


def apply_status(
    sid: str,
    status: str,
    *,
    error_code: int | None = None,
    error_message: str | None = None,
    at: datetime | None = None,
) -> StatusUpdate:
    """Apply a status reported by Twilio (callback or fetch) for `sid`, by the status rules."""
    status = rules.normalize(status)
    if not rules.is_known(status):
        return StatusUpdate("unknown_status", sid, new_status=status)
    with db.atomic():
        message = CampaignMessage.get_or_none(CampaignMessage.twilio_sid == sid)
        if message is None:
            return StatusUpdate("not_found", sid, new_status=status, error_code=error_code)
        if message.status == status:
            return StatusUpdate("duplicate", sid, message.id, message.campaign_id, status, status)
        target = rules.next_status(message.status, status)
        if target is None:
            return StatusUpdate(
                "ignored", sid, message.id, message.campaign_id, message.status, status, error_code
            )
        extra: dict[str, Any] = {}
        if target in rules.FAILURES:
            extra["error_code"] = error_code
            extra["error_message"] = error_message
        return transition(message, target, at=at, **extra)


def record_sid(
    message: CampaignMessage, sid: str, status: str, *, at: datetime | None = None
) -> list[StatusUpdate]:
    """Record the sid Twilio gave a claimed message, then apply any callbacks that beat it here.
    Returns the updates in order (the first is the sid's own)."""
    at = at or utcnow()
    status = rules.normalize(status) or "queued"
    with db.atomic():
        updates = [transition(message, status, at=at, twilio_sid=sid)]
        waiting = list(
            PendingCallback.select().where(PendingCallback.sid == sid).order_by(PendingCallback.id)
        )
        for callback in waiting:
            updates.append(
                apply_status(sid, callback.status, error_code=callback.error_code,
                             error_message=callback.error_message, at=callback.received_at)
            )
        if waiting:
            PendingCallback.delete().where(PendingCallback.sid == sid).execute()
    return updates


def hold_callback(
    sid: str, status: str, *, error_code: int | None = None, error_message: str | None = None,
    webhook_event_id: int | None = None,
) -> PendingCallback:
    """Keep a callback whose sid is not known yet; `record_sid` applies it later."""
    return PendingCallback.create(
        sid=sid, status=rules.normalize(status), error_code=error_code,
        error_message=error_message, webhook_event=webhook_event_id,
    )


def insert_messages(campaign_id: int, rows: Iterable[dict[str, Any]], batch: int = 500) -> int:
    """Bulk-create messages of a campaign (each row: phone, contact, message, status…); counters follow."""
    delta: dict[str, int] = {}
    count = 0
    now = utcnow()
    chunk: list[dict[str, Any]] = []
    with db.atomic():
        for row in rows:
            row = {"campaign": campaign_id, "created_at": now, "updated_at": now, **row}
            row.setdefault("status", rules.PENDING)
            for name, amount in rules.counter_delta(None, row["status"]).items():
                delta[name] = delta.get(name, 0) + amount
            chunk.append(row)
            if len(chunk) >= batch:
                CampaignMessage.insert_many(chunk).execute()
                count += len(chunk)
                chunk = []
        if chunk:
            CampaignMessage.insert_many(chunk).execute()
            count += len(chunk)
        _bump_counters(campaign_id, delta)
    return count


def mark_replied(message: CampaignMessage, at: datetime | None = None) -> bool:
    """Flag the campaign message a contact answered; True the first time."""
    with db.atomic():
        changed = (
            CampaignMessage.update(replied_at=at or utcnow())
            .where((CampaignMessage.id == message.id) & CampaignMessage.replied_at.is_null())
            .execute()
        )
        if changed:
            _bump_counters(message.campaign_id, {"replied": 1})
    return bool(changed)


def recount(campaign_id: int) -> dict[str, int]:
    """Counters recomputed from the messages themselves."""
    counters = dict.fromkeys(rules.COUNTER_NAMES, 0)
    query = (
        CampaignMessage.select(CampaignMessage.status, peewee.fn.COUNT(CampaignMessage.id))
        .where(CampaignMessage.campaign == campaign_id)
        .group_by(CampaignMessage.status)
        .tuples()
    )
    for status, number in query:
        counters["total"] += number
        for name in rules.buckets(status):
            counters[name] += number
    counters["replied"] = (
        CampaignMessage.select()
        .where((CampaignMessage.campaign == campaign_id) & CampaignMessage.replied_at.is_null(False))
        .count()
    )
    return counters


def store_recount(campaign_id: int) -> dict[str, int]:
    """Overwrite the stored counters with `recount()` (repair tool)."""
    counters = recount(campaign_id)
    with db.atomic():
        Campaign.update({getattr(Campaign, f"{k}_count"): v for k, v in counters.items()}).where(
            Campaign.id == campaign_id
        ).execute()
    return counters


def campaign_counters(campaign_id: int) -> dict[str, int]:
    campaign = Campaign.get_by_id(campaign_id)
    return campaign.counters()


_STAMP_COLUMNS = ("sent_at", "delivered_at", "read_at", "failed_at")


def apply_statuses(
    reports: list[tuple[str, str, int | None, str | None]], *, at: datetime | None = None
) -> list[StatusUpdate]:
    """`apply_status` for many (sid, status, error_code, error_message) reports at once, in order,
    with the same rules and timestamps — a few statements per batch instead of several per report
    (the webhook server's group commit). Returns one StatusUpdate per report."""
    at = at or utcnow()
    sids = sorted({sid for sid, *_ in reports})
    rows: dict[str, dict[str, Any]] = {}
    names = ("id", "sid", "campaign_id", "status", "error_code", "error_message", *_STAMP_COLUMNS)
    for start in range(0, len(sids), 500):
        chunk = sids[start:start + 500]
        cursor = db.execute_sql(  # plain SQL: this runs for every webhook batch
            "SELECT id, twilio_sid, campaign_id, status, error_code, error_message, sent_at, "
            "delivered_at, read_at, failed_at FROM campaign_message WHERE twilio_sid IN "
            f"({', '.join('?' * len(chunk))})", chunk)
        for values in cursor.fetchall():
            row = dict(zip(names, values, strict=True))
            row["initial"] = row["status"]
            rows[row["sid"]] = row
    updates: list[StatusUpdate] = []
    for sid, raw_status, error_code, error_message in reports:
        status = rules.normalize(raw_status)
        if not rules.is_known(status):
            updates.append(StatusUpdate("unknown_status", sid, new_status=status))
            continue
        row = rows.get(sid)
        if row is None:
            updates.append(StatusUpdate("not_found", sid, new_status=status, error_code=error_code))
            continue
        current = row["status"]
        if current == status:
            updates.append(StatusUpdate("duplicate", sid, row["id"], row["campaign_id"], status, status))
            continue
        target = rules.next_status(current, status)
        if target is None:
            updates.append(StatusUpdate("ignored", sid, row["id"], row["campaign_id"], current,
                                        status, error_code))
            continue
        # The same columns `transition` sets.
        row.update(_timestamps(target, row["sent_at"], row["delivered_at"], at))
        if target in rules.FAILURES:
            row["error_code"], row["error_message"] = error_code, error_message
        row["status"] = target
        row["changed"] = True
        updates.append(StatusUpdate(
            "applied", sid, row["id"], row["campaign_id"], current, target, row["error_code"],
            rules.counter_delta(current, target),
        ))
    changed = [row for row in rows.values() if row.get("changed")]
    if changed:
        with db.atomic():
            cursor = db.connection().cursor()
            cursor.executemany(
                "UPDATE campaign_message SET status = ?, updated_at = ?, error_code = ?, "
                "error_message = ?, sent_at = ?, delivered_at = ?, read_at = ?, failed_at = ? "
                "WHERE id = ?",
                [(r["status"], at, r["error_code"], r["error_message"],
                  *(r[name] for name in _STAMP_COLUMNS), r["id"]) for r in changed],
            )
            totals: dict[int, dict[str, int]] = {}
            for r in changed:
                campaign_delta = totals.setdefault(r["campaign_id"], {})
                for name, amount in rules.counter_delta(r["initial"], r["status"]).items():
                    campaign_delta[name] = campaign_delta.get(name, 0) + amount
            for campaign_id, delta in totals.items():
                changes = [(name, amount) for name, amount in delta.items() if amount]
                if changes:  # names come from status_rules.COUNTER_NAMES, never from input
                    cursor.execute(
                        "UPDATE campaign SET "
                        + ", ".join(f"{name}_count = {name}_count + ?" for name, _ in changes)
                        + " WHERE id = ?", [amount for _, amount in changes] + [campaign_id])
    return updates

