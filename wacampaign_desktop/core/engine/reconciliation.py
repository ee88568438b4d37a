"""Bringing the database back in line with Twilio.

- `resolve_claims`: messages claimed (status `sending`, no sid) by a process that died before
  recording the sid. Twilio is asked for messages to that number since the claim: a match gets
  its sid recorded (it was sent: never send again); no match puts the message back to `pending`.
  A claim is only resolved once it is `grace` seconds old (the API call of a live process can
  take that long, and Twilio only lists a message once it has a send date) and when this
  process is not sending it right now. If Twilio cannot be asked, the claim stays as it is:
  nothing is resent on a guess.
- `reconcile`: messages not final some time after they were sent (dropped callbacks, a tunnel
  that was down), fetched by sid and updated through the status rules.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta

from wacampaign_desktop.core import status_rules as rules
from wacampaign_desktop.core.events import EventBus, MessageStatusChanged
from wacampaign_desktop.core.store import message_updates as mu
from wacampaign_desktop.core.store.models import CampaignMessage, utcnow
from wacampaign_desktop.core.twilio_gateway import GatewayError, TwilioGateway

log = logging.getLogger(__name__)


def publish_updates(bus: EventBus, updates: Iterable[mu.StatusUpdate]) -> None:
    for u in updates:
        if u.changed and u.message_id is not None and u.campaign_id is not None:
            bus.publish(MessageStatusChanged(u.campaign_id, u.message_id, u.sid, u.old_status or "",
                                             u.new_status or "", u.error_code))


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
    return [m for m in query if not busy(m.id)]


def resolve_claim(gateway: TwilioGateway, bus: EventBus, message: CampaignMessage) -> str:
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
        updates = mu.record_sid(message, info.sid, "queued")
        updates.append(mu.apply_status(info.sid, info.status, error_code=info.error_code,
                                       error_message=info.error_message))
        publish_updates(bus, updates)
        log.info("Claimed message %d had been sent (%s): recorded, not resent", message.id, info.sid)
        return "sent"
    update = mu.transition(message, rules.PENDING, claimed_at=None)
    publish_updates(bus, [update])
    log.info("Claimed message %d never reached Twilio: back in the queue", message.id)
    return "released"


def resolve_claims(gateway: TwilioGateway, bus: EventBus, grace: float,
                   busy: Callable[[int], bool]) -> dict[str, int]:
    counts = {"sent": 0, "released": 0, "unknown": 0}
    for message in unresolved_claims(grace, busy):
        counts[resolve_claim(gateway, bus, message)] += 1
    return counts


GIVE_UP_AFTER = timedelta(days=2)  # Twilio fails a message still queued after 4 hours


def stale_in_flight(older_than_s: float, limit: int = 500,
                    exclude: Callable[[int], bool] = lambda _id: False) -> list[CampaignMessage]:
    """Messages with a sid, not final, sent more than `older_than_s` seconds ago (0: all) but
    less than GIVE_UP_AFTER ago (older ones are not fetched again)."""
    now = utcnow()
    cutoff = now - timedelta(seconds=older_than_s)
    query = CampaignMessage.select().where(
        CampaignMessage.twilio_sid.is_null(False)
        & CampaignMessage.status.in_(sorted(rules.IN_FLIGHT))
        & (CampaignMessage.claimed_at.is_null() | (CampaignMessage.claimed_at <= cutoff))
        & (CampaignMessage.updated_at >= now - GIVE_UP_AFTER)
    ).order_by(CampaignMessage.id)
    out = []
    for message in query:
        if not exclude(message.id):
            out.append(message)
            if len(out) >= limit:
                break
    return out


def reconcile(gateway: TwilioGateway, bus: EventBus, messages: Iterable[CampaignMessage],
              should_stop: Callable[[], bool] = lambda: False) -> tuple[int, int]:
    """Fetch each message by sid and apply its status; returns (fetched, changed)."""
    fetched = changed = 0
    for message in messages:
        if should_stop():
            break
        try:
            info = gateway.fetch(message.twilio_sid)
        except GatewayError as exc:
            log.warning("Could not fetch %s (%s)", message.twilio_sid, exc)
            continue
        fetched += 1
        update = mu.apply_status(info.sid, info.status, error_code=info.error_code,
                                 error_message=info.error_message)
        if update.changed:
            changed += 1
            publish_updates(bus, [update])
    if fetched:
        log.info("Reconciled %d message(s) with Twilio, %d changed", fetched, changed)
    return fetched, changed
