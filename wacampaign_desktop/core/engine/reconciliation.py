"""Bringing the database back in line with Twilio.

- `resolve_claims`: messages claimed (status `sending`, no sid) by a process that died before
  recording the sid. Twilio is asked for messages to that number since the claim: a match gets
  its sid recorded (it was sent: never send again); no match puts the message back to `pending`
  and gives back the attempt its claim counted (attempts = sends Twilio actually took).
  A claim is only resolved once it is `grace` seconds old (the API call of a live process can
  take that long) and when this process is not sending it right now. If Twilio cannot be asked, the claim stays as it is:
  nothing is resent on a guess.
- `reconcile`: messages not final some time after they were sent (dropped callbacks, a tunnel
  that was down), fetched by sid and applied as one batch through the status pipeline.

Writes go through the store writer when one is passed (`writer=`; it publishes after commit),
else directly in a `status_changes` transaction whose events are published on `bus`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta

from wacampaign_desktop.core import status_rules as rules
from wacampaign_desktop.core.events import EventBus
from wacampaign_desktop.core.store import claims
from wacampaign_desktop.core.store.models import CampaignMessage, utcnow
from wacampaign_desktop.core.store.status_pipeline import (
    StatusChanges,
    StatusReport,
    status_changes,
)
from wacampaign_desktop.core.store.writer import Batch, Outcome, StoreWriter
from wacampaign_desktop.core.twilio_gateway import GatewayError, TwilioGateway

log = logging.getLogger(__name__)

Change = Callable[[StatusChanges], object]


def write(bus: EventBus, writer: StoreWriter | None, change: Change) -> object:
    """Run `change(changes)` in a status transaction: through the store writer when there is
    one (it publishes after commit), else directly here, publishing on `bus` after commit."""
    if writer is not None:
        def work(batch: Batch) -> Outcome:
            with status_changes(clock=batch.clock) as changes:
                value = change(changes)
            return Outcome(value, changes.events)
        return writer.call(work)
    with status_changes() as changes:
        value = change(changes)
    for event in changes.events:
        bus.publish(event)
    return value


def _naive_utc(value: datetime | None) -> datetime | None:
    if value is None or value.tzinfo is None:
        return value
    return value.astimezone(UTC).replace(tzinfo=None)


def unresolved_claims(grace: float, busy: Callable[[int], bool]) -> list[CampaignMessage]:
    cutoff = utcnow() - timedelta(seconds=grace)
    query = CampaignMessage.select().where(
        (CampaignMessage.status == "sending") & CampaignMessage.twilio_sid.is_null()
        & (CampaignMessage.claimed_at.is_null() | (CampaignMessage.claimed_at <= cutoff))
    ).order_by(CampaignMessage.id)
    elsewhere = claims.sent_elsewhere(utcnow())  # H: another live process's claims are its own
    if elsewhere:
        query = query.where(CampaignMessage.campaign.not_in(sorted(elsewhere)))
    return [m for m in query if not busy(m.id)]


def resolve_claim(gateway: TwilioGateway, bus: EventBus, message: CampaignMessage, *,
                  writer: StoreWriter | None = None) -> str:
    """'sent' (sid found and recorded), 'released' (back to pending) or 'unknown' (ask later)."""
    claimed = message.claimed_at or message.created_at
    try:
        found = gateway.list_messages_to(message.phone, since=claimed - timedelta(minutes=1))
    except GatewayError as exc:
        log.warning("Could not ask Twilio about claimed message %d (%s); will try again",
                    message.id, exc)
        return "unknown"
    known = {m.twilio_sid for m in CampaignMessage.select(CampaignMessage.twilio_sid).where(
        CampaignMessage.phone == message.phone, CampaignMessage.twilio_sid.is_null(False))}
    candidates = [
        info for info in found
        if info.sid not in known
        and (info.date_created is None
             or _naive_utc(info.date_created) >= claimed - timedelta(seconds=2))
    ]
    if candidates:
        info = min(candidates, key=lambda i: _naive_utc(i.date_created) or claimed)
        report = StatusReport(info.sid, info.status, info.error_code, info.error_message)

        def record(changes: StatusChanges) -> None:
            current = CampaignMessage.get_by_id(message.id)
            changes.record_sid(current, info.sid, "queued")
            changes.apply([report])

        write(bus, writer, record)
        log.info("Claimed message %d had been sent (%s): recorded, not resent", message.id, info.sid)
        return "sent"

    def release(changes: StatusChanges) -> None:
        current = CampaignMessage.get_by_id(message.id)  # never reached Twilio: not an attempt (G)
        changes.transition(current, rules.PENDING, claimed_at=None,
                           attempts=max(0, current.attempts - 1))

    write(bus, writer, release)
    log.info("Claimed message %d never reached Twilio: back in the queue", message.id)
    return "released"


def resolve_claims(gateway: TwilioGateway, bus: EventBus, grace: float,
                   busy: Callable[[int], bool], *,
                   writer: StoreWriter | None = None) -> dict[str, int]:
    counts = {"sent": 0, "released": 0, "unknown": 0}
    for message in unresolved_claims(grace, busy):
        counts[resolve_claim(gateway, bus, message, writer=writer)] += 1
    return counts


GIVE_UP_AFTER = timedelta(days=2)  # Twilio fails a message still queued after 4 hours


def stale_in_flight(older_than_s: float, limit: int = 500,
                    exclude: Callable[[int], bool] = lambda _id: False) -> list[CampaignMessage]:
    """Messages with a sid, not final, sent more than `older_than_s` seconds ago (0: all) but
    less than GIVE_UP_AFTER ago (older ones are not fetched again). Campaigns another live
    process is sending are left to that process (it reconciles its own in-flight messages)."""
    now = utcnow()
    cutoff = now - timedelta(seconds=older_than_s)
    query = CampaignMessage.select().where(
        CampaignMessage.twilio_sid.is_null(False)
        & CampaignMessage.status.in_(sorted(rules.IN_FLIGHT))
        & (CampaignMessage.claimed_at.is_null() | (CampaignMessage.claimed_at <= cutoff))
        & (CampaignMessage.updated_at >= now - GIVE_UP_AFTER)
    ).order_by(CampaignMessage.id)
    elsewhere = claims.sent_elsewhere(now)  # H2: not this process's messages to fetch
    if elsewhere:
        query = query.where(CampaignMessage.campaign.not_in(sorted(elsewhere)))
    out = []
    for message in query:
        if not exclude(message.id):
            out.append(message)
            if len(out) >= limit:
                break
    return out


def reconcile(gateway: TwilioGateway, bus: EventBus, messages: Iterable[CampaignMessage],
              should_stop: Callable[[], bool] = lambda: False, *,
              writer: StoreWriter | None = None) -> tuple[int, int]:
    """Fetch each message by sid and apply what Twilio says, as one batch through the status
    pipeline; returns (fetched, changed)."""
    reports: list[StatusReport] = []
    for message in messages:
        if should_stop():
            break
        try:
            info = gateway.fetch(message.twilio_sid)
        except GatewayError as exc:
            log.warning("Could not fetch %s (%s)", message.twilio_sid, exc)
            continue
        reports.append(StatusReport(info.sid, info.status, info.error_code, info.error_message))
    if not reports:
        return 0, 0
    updates = write(bus, writer, lambda changes: changes.apply(reports))
    changed = sum(1 for update in updates if update.changed)  # type: ignore[attr-defined]
    log.info("Reconciled %d message(s) with Twilio, %d changed", len(reports), changed)
    return len(reports), changed
