"""Campaign lifecycle: draft → scheduled → sending ⇄ paused → completed, or cancelled.

State changes are database transactions (so another process — the CLI beside the GUI — sees
them; the engine re-reads states every tick) followed by a CampaignStateChanged event. Message
moves (cancel, requeue) go through the status pipeline (`store.status_pipeline.status_changes`),
which writes the counters in the same transaction and builds the MessageStatusChanged and
CountersChanged events the caller publishes after commit. `db` is the AppContext's database
(the models' own binding when a caller outside the engine leaves it out); `clock` stamps times.

"Completed" means nothing is left to send: no message is pending or claimed without an answer
from Twilio, and every message handed to Twilio is final (delivered, read, failed, undelivered,
canceled, skipped) or was given up on — still not final `reconcile_after_minutes` after it was
sent, even after fetching it. Delivery statuses keep updating after completion.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import NamedTuple

import peewee

from wacampaign_desktop.core import status_rules as rules
from wacampaign_desktop.core.clock import SYSTEM_CLOCK, Clock
from wacampaign_desktop.core.engine.retries import MAX_ATTEMPTS, RetryReport, retry_verdict
from wacampaign_desktop.core.events import CampaignStateChanged, Event, EventBus
from wacampaign_desktop.core.store.models import Campaign, CampaignMessage, Contact
from wacampaign_desktop.core.store.status_pipeline import (
    StatusChanges,
    StatusUpdate,
    status_changes,
)

log = logging.getLogger(__name__)

DRAFT, SCHEDULED, SENDING, PAUSED, COMPLETED, CANCELLED = (
    "draft", "scheduled", "sending", "paused", "completed", "cancelled")

ALLOWED_FROM: dict[str, frozenset[str]] = {
    "schedule": frozenset({DRAFT}),
    "start": frozenset({DRAFT, SCHEDULED}),
    "pause": frozenset({SENDING}),
    "resume": frozenset({PAUSED}),
    "cancel": frozenset({DRAFT, SCHEDULED, SENDING, PAUSED}),
    "complete": frozenset({SENDING}),
    "retry": frozenset({SENDING, PAUSED, COMPLETED}),
    "unschedule": frozenset({SCHEDULED}),
}
TARGET = {"schedule": SCHEDULED, "start": SENDING, "pause": PAUSED, "resume": SENDING,
          "cancel": CANCELLED, "complete": COMPLETED, "retry": SENDING, "unschedule": DRAFT}


class EngineError(ValueError):
    """A campaign action that cannot be done now; the message says why, for the user."""


@dataclass(frozen=True)
class StateChange:
    campaign_id: int
    old_state: str
    new_state: str
    reason: str


def get_campaign(campaign_id: int) -> Campaign:
    campaign = Campaign.get_or_none(Campaign.id == campaign_id)
    if campaign is None:
        raise EngineError(f"there is no campaign {campaign_id}")
    return campaign


def _database(db: peewee.Database | None) -> peewee.Database:
    return db if db is not None else Campaign._meta.database


@contextmanager
def _changes(changes: StatusChanges | None, db: peewee.Database | None,
             clock: Clock) -> Iterator[StatusChanges]:
    """The caller's status transaction, or a new one."""
    with (nullcontext(changes) if changes is not None
          else status_changes(_database(db), clock)) as current:
        yield current


def change_state(campaign_id: int, action: str, reason: str = "", *,
                 db: peewee.Database | None = None, clock: Clock = SYSTEM_CLOCK,
                 **fields: object) -> StateChange:
    """Apply `action` in a transaction (call inside an outer atomic() to add more work);
    raises EngineError naming the current state when the action is not possible."""
    now = clock.now()
    with _database(db).atomic():
        campaign = get_campaign(campaign_id)
        if campaign.state not in ALLOWED_FROM[action]:
            raise EngineError(f"campaign {campaign_id} ({campaign.name}) is {campaign.state}: "
                              f"it cannot be {_verb(action)}")
        values: dict[object, object] = {Campaign.state: TARGET[action]}
        if action == "start" and campaign.started_at is None:
            values[Campaign.started_at] = now
        if action in ("complete", "cancel"):
            values[Campaign.finished_at] = now
        if action in ("resume", "retry"):
            values[Campaign.finished_at] = None
        for name, value in fields.items():
            values[getattr(Campaign, name)] = value
        Campaign.update(values).where(Campaign.id == campaign_id).execute()
    log.info("Campaign %d: %s → %s %s", campaign_id, campaign.state, TARGET[action], reason)
    return StateChange(campaign_id, campaign.state, TARGET[action], reason)


def publish_change(bus: EventBus, change: StateChange) -> None:
    bus.publish(CampaignStateChanged(change.campaign_id, change.old_state, change.new_state,
                                     change.reason))


def _verb(action: str) -> str:
    return {"schedule": "scheduled", "start": "started", "pause": "paused", "resume": "resumed",
            "cancel": "cancelled", "complete": "completed", "retry": "retried",
            "unschedule": "unscheduled"}[action]


def cancel_pending(campaign_id: int, *, db: peewee.Database | None = None,
                   clock: Clock = SYSTEM_CLOCK, changes: StatusChanges | None = None) -> list[Event]:
    """Mark every not-yet-sent message canceled (inside the cancel transaction). Returns the
    events to publish after commit (MessageStatusChanged per message, CountersChanged); with
    the caller's `changes`, they land in `changes.events` when its block ends instead."""
    with _changes(changes, db, clock) as current:
        for message in CampaignMessage.select().where(
            (CampaignMessage.campaign == campaign_id) & (CampaignMessage.status == rules.PENDING)
        ):
            current.transition(message, rules.CANCELED, error_message="campaign cancelled",
                               next_attempt_at=None)
    return [] if changes is not None else current.events


def requeue_failed(campaign_id: int, *, db: peewee.Database | None = None,
                   clock: Clock = SYSTEM_CLOCK, changes: StatusChanges | None = None,
                   max_attempts: int | None = None,
                   ) -> tuple[list[StatusUpdate], StateChange | None]:
    """`retry_failed_messages` without the report (kept for its callers)."""
    _report, updates, change = retry_failed_messages(
        campaign_id, db=db, clock=clock, changes=changes, max_attempts=max_attempts)
    return updates, change


def retry_failed_messages(
    campaign_id: int, *, db: peewee.Database | None = None, clock: Clock = SYSTEM_CLOCK,
    changes: StatusChanges | None = None, max_attempts: int | None = None,
    message_ids: Iterable[int] | None = None, reason: str = "", delay_s: float = 0.0,
) -> tuple[RetryReport, list[StatusUpdate], StateChange | None]:
    """Put the campaign's failed/undelivered messages with a retryable error and fewer than
    `max_attempts` attempts back in the queue (new attempt, new sid; the old error cleared so
    the message shows its new status; attempts kept); a paused or completed campaign goes back
    to sending. `message_ids` limits it to those (the automatic retry). The report counts the
    requeued ones and the others by why they were left; `delay_s` makes them due that much
    later (by `clock`), longer at each attempt. Pass `changes` (a `status_changes()`
    block) to get the events to publish in `changes.events`."""

    cap = max_attempts or MAX_ATTEMPTS
    updates: list[StatusUpdate] = []
    left: dict[str | int, int] = {}
    change = None
    with _database(db).atomic(), _changes(changes, db, clock) as current:
        campaign = get_campaign(campaign_id)
        if campaign.state not in ALLOWED_FROM["retry"]:
            raise EngineError(f"campaign {campaign_id} is {campaign.state}: its failed messages "
                              "cannot be retried")
        query = CampaignMessage.select().where(
            (CampaignMessage.campaign == campaign_id)
            & CampaignMessage.status.in_(sorted(rules.FAILURES)))
        if message_ids is not None:
            query = query.where(CampaignMessage.id.in_(list(message_ids)))
        failed = list(query)
        opted = {c.phone for c in Contact.select().where(
            Contact.opted_out_at.is_null(False)
            & Contact.phone.in_(sorted({m.phone for m in failed}))) if c.opted_out}
        for m in failed:
            why = retry_verdict(m.error_code, m.attempts, cap, m.phone in opted)
            if why is not None:
                left[why] = left.get(why, 0) + 1
                continue
            due = clock.now() + timedelta(seconds=delay_s * max(1, m.attempts)) if delay_s else None
            updates.append(current.transition(
                m, rules.PENDING, twilio_sid=None, claimed_at=None, next_attempt_at=due,
                retry_count=0, error_code=None, error_message=None, sent_at=None,
                delivered_at=None, read_at=None, failed_at=None))
        if updates and campaign.state != SENDING:
            change = change_state(
                campaign_id, "retry", reason or f"{len(updates)} failed message(s) requeued",
                db=db, clock=clock)
    return RetryReport(len(updates), left, cap), updates, change


def all_settled(campaign_id: int, now: datetime, window_s: float,
                fetched: Callable[[int], bool]) -> bool:
    """No message handed to Twilio is still waiting for a final status within the reconcile
    window `window_s` (older ones were fetched once — `fetched(id)` — and given up), by `now`."""
    from wacampaign_desktop.core.engine.reconciliation import GIVE_UP_AFTER

    young = CampaignMessage.select().where(
        (CampaignMessage.campaign == campaign_id)
        & CampaignMessage.status.in_(sorted(rules.IN_FLIGHT))
        & CampaignMessage.twilio_sid.is_null(False)
    )
    give_up_s = GIVE_UP_AFTER.total_seconds()
    for m in young.iterator():
        if m.claimed_at is None:
            continue
        age = (now - m.claimed_at).total_seconds()
        if age < window_s or (not fetched(m.id) and age < give_up_s):
            return False
    return True


class SendBacklog(NamedTuple):
    """A campaign's messages in one snapshot: all of them, those not yet claimed, and those
    claimed but still without a sid."""

    total: int
    pending: int
    claimed: int

    @property
    def handed_over(self) -> int:
        """Messages past the claim: handed to Twilio, or final without it (skipped…)."""
        return self.total - self.pending - self.claimed


def left_to_send(campaign_id: int) -> SendBacklog:
    """Counted by ONE query: with two separate counts a message claimed between them was
    counted twice (the status bar once read "-2 of 8")."""
    is_pending = peewee.Case(None, [(CampaignMessage.status == rules.PENDING, 1)], 0)
    is_claimed = peewee.Case(None, [((CampaignMessage.status == "sending")
                                     & CampaignMessage.twilio_sid.is_null(), 1)], 0)
    row = (CampaignMessage
           .select(peewee.fn.COUNT(CampaignMessage.id), peewee.fn.SUM(is_pending),
                   peewee.fn.SUM(is_claimed))
           .where(CampaignMessage.campaign == campaign_id).tuples().get())
    total, pending, claimed = (int(value or 0) for value in row)
    return SendBacklog(total, pending, claimed)


def variant_counts(campaign_id: int) -> dict[str, dict[str, int]]:
    """Counters per A/B variant ({} without a test), for `campaign show` and the GUI."""
    import peewee

    out: dict[str, dict[str, int]] = {}
    query = (CampaignMessage.select(CampaignMessage.variant, CampaignMessage.status,
                                    peewee.fn.COUNT(CampaignMessage.id))
             .where((CampaignMessage.campaign == campaign_id) & CampaignMessage.variant.is_null(False))
             .group_by(CampaignMessage.variant, CampaignMessage.status).tuples())
    for variant, status, number in query:
        counts = out.setdefault(variant, dict.fromkeys(rules.COUNTER_NAMES, 0))
        counts["total"] += number
        for name in rules.buckets(status):
            counts[name] += number
    replied = (CampaignMessage.select(CampaignMessage.variant, peewee.fn.COUNT(CampaignMessage.id))
               .where((CampaignMessage.campaign == campaign_id)
                      & CampaignMessage.variant.is_null(False)
                      & CampaignMessage.replied_at.is_null(False))
               .group_by(CampaignMessage.variant).tuples())
    for variant, number in replied:
        out.setdefault(variant, dict.fromkeys(rules.COUNTER_NAMES, 0))["replied"] = number
    return out
