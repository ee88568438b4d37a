"""The store's message API: the status pipeline (`status_pipeline`) in one-call forms, plus
inserting messages, replies and recounts. Counters change in the same transaction as the
messages (and always equal `recount()`).

Each function opens `atomic()`: on its own a transaction, inside a caller's batch a savepoint.
Callers that publish events use `status_changes()` / `apply_reports()` directly.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
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
from wacampaign_desktop.core.store.status_pipeline import (
    StatusChanges,
    StatusReport,
    StatusUpdate,
    apply_reports,
    status_changes,
)

__all__ = [
    "StatusReport", "StatusUpdate", "apply_reports", "apply_status", "apply_statuses",
    "campaign_counters", "hold_callback", "insert_messages", "mark_replied", "recount",
    "record_sid", "status_changes", "store_recount", "transition",
]

log = logging.getLogger(__name__)

def transition(
    message: CampaignMessage, new_status: str, *, at: datetime | None = None, **fields: Any
) -> StatusUpdate:
    """Move `message` to `new_status` unconditionally (engine moves), in its own transaction
    (a savepoint inside a caller's); the pipeline's `StatusChanges.transition`."""
    with status_changes() as changes:
        return changes.transition(message, new_status, at=at, **fields)


def apply_status(
    sid: str,
    status: str,
    *,
    error_code: int | None = None,
    error_message: str | None = None,
    at: datetime | None = None,
) -> StatusUpdate:
    """One reported status for `sid`: `apply_reports` with a batch of one."""
    return apply_reports([StatusReport(sid, status, error_code, error_message, at)]).updates[0]


def apply_statuses(
    reports: list[tuple[str, str, int | None, str | None]], *, at: datetime | None = None
) -> list[StatusUpdate]:
    """`apply_reports` for (sid, status, error_code, error_message) tuples."""
    return apply_reports([StatusReport(*report, at=at) for report in reports]).updates


def record_sid(
    message: CampaignMessage, sid: str, status: str, *, at: datetime | None = None
) -> list[StatusUpdate]:
    """Record the sid Twilio gave a claimed message, then apply any callbacks that beat it here.
    Returns the updates in order (the first is the sid's own)."""
    with status_changes() as changes:
        return changes.record_sid(message, sid, status, at=at)


def hold_callback(
    sid: str, status: str, *, error_code: int | None = None, error_message: str | None = None,
    webhook_event_id: int | None = None, at: datetime | None = None,
) -> PendingCallback:
    """Keep a callback whose sid is not known yet; `record_sid` applies it later."""
    return PendingCallback.create(
        sid=sid, status=rules.normalize(status), error_code=error_code,
        error_message=error_message, webhook_event=webhook_event_id, received_at=at or utcnow(),
    )


def insert_messages(campaign_id: int, rows: Iterable[dict[str, Any]], batch: int = 500, *,
                    changes: StatusChanges | None = None) -> int:
    """Bulk-create messages of a campaign (each row: phone, contact, message, status…); counters
    follow (in `changes` when given, so its CountersChanged carries them)."""
    if changes is None:
        with status_changes() as own:
            return insert_messages(campaign_id, rows, batch, changes=own)
    count = 0
    now = changes.clock.now()
    chunk: list[dict[str, Any]] = []
    with db.atomic():
        for row in rows:
            row = {"campaign": campaign_id, "created_at": now, "updated_at": now, **row}
            row.setdefault("status", rules.PENDING)
            changes.bump(campaign_id, rules.counter_delta(None, row["status"]))
            chunk.append(row)
            if len(chunk) >= batch:
                CampaignMessage.insert_many(chunk).execute()
                count += len(chunk)
                chunk = []
        if chunk:
            CampaignMessage.insert_many(chunk).execute()
            count += len(chunk)
    return count


def mark_replied(message: CampaignMessage, at: datetime | None = None, *,
                 changes: StatusChanges | None = None) -> bool:
    """Flag the campaign message a contact answered; True the first time."""
    if changes is None:
        with status_changes() as own:
            return mark_replied(message, at, changes=own)
    changed = (
        CampaignMessage.update(replied_at=at or changes.clock.now())
        .where((CampaignMessage.id == message.id) & CampaignMessage.replied_at.is_null())
        .execute()
    )
    if changed:
        changes.bump(message.campaign_id, {"replied": 1})
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
