"""Callbacks that beat their sid: after a timeout they are reported, never dropped.

A reported callback stays in `PendingCallback` (marked `reported_at`), so if the sender does
record that sid later, `message_updates.record_sid` still applies it.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from wacampaign_desktop.core.events import Alert, Event, WebhookLogged
from wacampaign_desktop.core.store.models import PendingCallback, WebhookEvent
from wacampaign_desktop.core.store.writer import Batch, Outcome

log = logging.getLogger(__name__)

DEFAULT_PENDING_TIMEOUT = timedelta(minutes=10)


def sweep_pending(timeout: timedelta, now: datetime) -> Outcome:
    """Report callbacks still waiting for their sid after `timeout` at `now` (once each). Runs in
    a transaction (the writer's batch); the number reported and the events to publish."""
    cutoff = now - timeout
    waiting = list(
        PendingCallback.select()
        .where(PendingCallback.reported_at.is_null() & (PendingCallback.received_at <= cutoff))
        .order_by(PendingCallback.id)
        .limit(1000)
    )
    events: list[Event] = []
    for callback in waiting:
        log.warning(
            "Campaign message not found for Twilio callback: sid=%s status=%s (waiting since %s)",
            callback.sid, callback.status, callback.received_at,
        )
        row = WebhookEvent.create(
            kind="status", sid=callback.sid, status=callback.status, signature_valid=True,
            outcome="not_found", params={"MessageSid": callback.sid, "MessageStatus": callback.status},
            received_at=now,
        )
        events.append(WebhookLogged(row.id, "status", "not_found"))
    if waiting:
        ids = [callback.id for callback in waiting]
        PendingCallback.update(reported_at=now).where(PendingCallback.id.in_(ids)).execute()
        sids = sorted({callback.sid for callback in waiting})
        events.append(Alert(
            code="callback_orphaned",
            message=(
                f"{len(waiting)} Twilio status callback(s) name a message this app does not know "
                f"(after {timeout.total_seconds() / 60:g} min). "
                "They are kept and will apply if the message's sid is recorded later."
            ),
            level="warning",
            details={"sids": sids[:50], "count": len(waiting)},
        ))
    return Outcome(len(waiting), events)


class SweepWork:
    """`sweep_pending` as a store-writer work item, on the writer's clock."""

    def __init__(self, timeout: timedelta = DEFAULT_PENDING_TIMEOUT) -> None:
        self.timeout = timeout

    def __call__(self, batch: Batch) -> Outcome:
        return sweep_pending(self.timeout, batch.clock.now())
