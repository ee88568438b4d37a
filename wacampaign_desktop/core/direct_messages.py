"""Messages sent outside any campaign: free-text replies staff send from the Inbox, automatic
replies of reply rules and opt-out confirmations. Each is sent through the TwilioGateway WITH a
status callback (the same route campaign messages use, so the status pipeline keeps its status,
delivered/read/failed times current) and stored as a DirectMessage whatever the outcome (sid and
status, or the error), so nothing is lost on restart."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from wacampaign_desktop.core.clock import SYSTEM_CLOCK, Clock
from wacampaign_desktop.core.events import DirectMessageChanged, Event
from wacampaign_desktop.core.store.models import Contact, DirectMessage, PendingCallback
from wacampaign_desktop.core.store.status_pipeline import StatusReport, apply_reports
from wacampaign_desktop.core.twilio_gateway.types import SendRequest, SendResult

log = logging.getLogger(__name__)

MAX_THREAD = 200
KINDS = ("manual", "auto_reply", "optout_confirmation")


class _Gateway(Protocol):
    def send(self, request: SendRequest) -> SendResult: ...


@dataclass(frozen=True)
class DirectSend:
    """What to send: free text (`body`) or an approved template (`content_sid` + variables)."""

    phone: str  # E.164
    sender: str
    body: str = ""
    content_sid: str | None = None
    content_variables: dict[str, str] | None = None
    kind: str = "manual"
    rule_id: int | None = None


def send_direct(gateway: _Gateway, message: DirectSend, *, status_callback: str | None,
                clock: Clock = SYSTEM_CLOCK,
                publish: Callable[[Event], None] | None = None) -> DirectMessage:
    """Send `message` and store the result (never raises for Twilio or network errors: a failed
    send is stored with status "failed" and the error). Callbacks that beat the store (held as
    pending) are applied at once. `publish`: where the DirectMessageChanged event goes."""
    if message.kind not in KINDS:
        raise ValueError(f"kind: {message.kind!r} is not one of {', '.join(KINDS)}")
    request = SendRequest(to=message.phone, sender=message.sender,
                          body=None if message.content_sid else message.body,
                          content_sid=message.content_sid,
                          content_variables=message.content_variables if message.content_sid else None,
                          status_callback=status_callback or None)
    try:
        result = gateway.send(request)
    except Exception as exc:  # the gateway should not raise; keep the message anyway
        log.error("Direct message to %s could not be sent: %s", message.phone, type(exc).__name__)
        result = None
    contact = Contact.get_or_none(Contact.phone == message.phone)
    now = clock.now()
    common = {"contact": contact, "phone": message.phone, "body": message.body,
              "created_at": now, "updated_at": now, "kind": message.kind,
              "rule": message.rule_id, "content_sid": message.content_sid}
    if result is not None and result.success:
        stored = DirectMessage.create(twilio_sid=result.sid, status=result.status or "queued",
                                      sent_at=now, **common)
        log.info("Direct message %d (%s) sent to %s (sid %s)", stored.id, message.kind,
                 message.phone, result.sid)
        events = _apply_pending(stored, clock)
    else:
        stored = DirectMessage.create(
            status="failed", failed_at=now,
            error_code=result.error_code if result is not None else None,
            error_message=(result.error_message if result is not None else None)
            or "The connection to Twilio failed.", **common)
        log.warning("Direct message %d (%s) to %s failed (error %s)", stored.id, message.kind,
                    message.phone, stored.error_code)
        events = []
    if publish is not None:
        publish(DirectMessageChanged(stored.id, stored.phone, "", stored.status, stored.kind,
                                     stored.error_code))
        for event in events:
            publish(event)
    return stored


def _apply_pending(stored: DirectMessage, clock: Clock) -> list[Event]:
    """Callbacks for this sid that arrived before it was stored (held as pending)."""
    waiting = list(PendingCallback.select().where(PendingCallback.sid == stored.twilio_sid)
                   .order_by(PendingCallback.id))
    if not waiting:
        return []
    applied = apply_reports([StatusReport(c.sid, c.status, c.error_code, c.error_message,
                                          c.received_at) for c in waiting], clock=clock)
    PendingCallback.delete().where(PendingCallback.sid == stored.twilio_sid).execute()
    stored.status = DirectMessage.get_by_id(stored.id).status
    return applied.events


def send_direct_message(gateway: _Gateway, phone: str, sender: str, body: str, *,
                        clock: Clock = SYSTEM_CLOCK, status_callback: str | None = None,
                        publish: Callable[[Event], None] | None = None) -> DirectMessage:
    """A free-text reply from the Inbox (kind "manual")."""
    return send_direct(gateway, DirectSend(phone, sender, body), status_callback=status_callback,
                       clock=clock, publish=publish)


def thread_direct_messages(phone: str, limit: int = MAX_THREAD) -> list[DirectMessage]:
    """The latest messages sent to `phone` outside campaigns, oldest first."""
    rows = list(DirectMessage.select().where(DirectMessage.phone == phone)
                .order_by(DirectMessage.created_at.desc(), DirectMessage.id.desc()).limit(limit))
    rows.reverse()
    return rows
