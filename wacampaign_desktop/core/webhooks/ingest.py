"""What a status callback (and an audit-only or rejected request) does to the database: work
items for the store writer. They run on the writer thread inside its batch transaction and
return an `Outcome` (value for the handler, events to publish after commit, webhook-log rows).

Status callbacks go through the one status pipeline (`store.status_pipeline`) as ONE batch per
commit: `StatusWork.group` runs them together; a single callback is a batch of one.
"""

from __future__ import annotations

import logging

from wacampaign_desktop.core.events import Event, SignatureRejected, WebhookLogged
from wacampaign_desktop.core.store import webhook_log
from wacampaign_desktop.core.store.message_updates import hold_callback
from wacampaign_desktop.core.store.models import PendingCallback
from wacampaign_desktop.core.store.status_pipeline import StatusReport, status_changes
from wacampaign_desktop.core.store.writer import Batch, Outcome
from wacampaign_desktop.core.webhooks.delivery import Delivery

log = logging.getLogger(__name__)

__all__ = ["Delivery", "StatusWork", "apply_status_group", "log_rows", "record_other",
           "record_rejected"]


def log_rows(batch: Batch, outcomes: list[Outcome]) -> list[Event]:
    """Finish hook: the batch's webhook-log rows in one statement; WebhookLogged for each."""
    rows = [row for outcome in outcomes for row in outcome.rows]
    ids = webhook_log.insert_rows(rows)
    return [WebhookLogged(row_id, row["kind"], row["outcome"]) for row_id, row in zip(ids, rows,
                                                                                      strict=True)]


def _logged(batch: Batch, value: object, delivery: Delivery, outcome: str, status: str | None,
            events: list[Event] | None = None) -> Outcome:
    batch.on_finish("webhook_log", log_rows)
    row = webhook_log.audit_row(delivery, outcome, status, at=batch.clock.now())
    return Outcome(value, events or [], [row])


def apply_status_group(batch: Batch, works: list[StatusWork]) -> list[Outcome]:
    """Status callbacks of a batch at once: token duplicates dropped, the rest applied in arrival
    order by the status pipeline, unknown sids held as pending."""
    tokens = sorted({w.delivery.idempotency_token for w in works if w.delivery.idempotency_token})
    stored = webhook_log.seen_tokens("status", tokens) if tokens else set()
    seen = batch.cache.setdefault("tokens", set())
    outcomes: list[Outcome | None] = [None] * len(works)
    reports: list[StatusReport] = []
    positions: list[int] = []
    for index, work in enumerate(works):
        delivery = work.delivery
        token = delivery.idempotency_token
        if token and (token in stored or ("status", token) in seen):
            outcomes[index] = _logged(batch, "duplicate", delivery, "duplicate", delivery.status)
            continue
        if token:
            seen.add(("status", token))
        reports.append(StatusReport(delivery.sid, delivery.status, delivery.error_code,
                                    delivery.error_message))
        positions.append(index)
    with status_changes(clock=batch.clock, savepoint=False) as changes:  # in the group's own
        updates = changes.apply(reports)
    for index, report, update in zip(positions, reports, updates, strict=True):
        delivery = works[index].delivery
        if update.outcome == "not_found":
            outcomes[index] = _hold(batch, delivery, report)
        else:
            outcomes[index] = _logged(batch, update.outcome, delivery, update.outcome,
                                      delivery.status)
    done = [outcome for outcome in outcomes if outcome is not None]
    if done:  # the batch's status events ride on its first outcome (the group commits whole)
        done[0].events.extend(changes.events)
    return done


def _hold(batch: Batch, delivery: Delivery, report: StatusReport) -> Outcome:
    already = (PendingCallback.select(PendingCallback.id)
               .where((PendingCallback.sid == report.sid) & (PendingCallback.status == report.status))
               .exists())
    if already:
        return _logged(batch, "duplicate", delivery, "duplicate", report.status)
    now = batch.clock.now()
    row_id = webhook_log.insert_row(webhook_log.audit_row(delivery, "pending", report.status, at=now))
    hold_callback(report.sid, report.status, error_code=report.error_code,
                  error_message=report.error_message, webhook_event_id=row_id, at=now)
    return Outcome("pending", [WebhookLogged(row_id, "status", "pending")])


class StatusWork:
    """A status callback as a writer work item; the writer runs a batch's status callbacks
    together through `group` (and one by one, as batches of one, only if that fails)."""

    group = staticmethod(apply_status_group)

    def __init__(self, delivery: Delivery) -> None:
        self.delivery = delivery

    def __call__(self, batch: Batch) -> Outcome:
        return apply_status_group(batch, [self])[0]


def record_rejected(delivery: Delivery, path: str, reason: str, body: bytes) -> RejectedWork:
    """Work for a request whose signature failed: a bounded record, nothing else changes."""
    return RejectedWork(delivery, path, reason, body)


class RejectedWork:
    def __init__(self, delivery: Delivery, path: str, reason: str, body: bytes) -> None:
        self.delivery, self.path, self.reason, self.body = delivery, path, reason, body

    def __call__(self, batch: Batch) -> Outcome:
        d = self.delivery
        rejection = webhook_log.record_rejection(
            kind=d.kind, path=self.path, client=d.remote_addr, reason=self.reason,
            body=self.body, sid=d.sid or None, at=batch.clock.now())
        events: list[Event] = [SignatureRejected(self.path, d.remote_addr)]
        if rejection.new:
            events.insert(0, WebhookLogged(rejection.event_id, d.kind, "rejected"))
        return Outcome(self.reason, events)


def record_other(delivery: Delivery, outcome: str) -> OtherWork:
    """Work for an audit-only entry (unknown status, invalid request…)."""
    return OtherWork(delivery, outcome)


class OtherWork:
    def __init__(self, delivery: Delivery, outcome: str) -> None:
        self.delivery, self.outcome = delivery, outcome

    def __call__(self, batch: Batch) -> Outcome:
        return _logged(batch, self.outcome, self.delivery, self.outcome,
                       self.delivery.status or None)
