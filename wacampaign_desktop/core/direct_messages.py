"""Free-text replies staff send from the Inbox: sent through the TwilioGateway and stored as a
DirectMessage whatever the outcome (sid and status, or the error), so nothing is lost on restart."""

from __future__ import annotations

import logging
from typing import Protocol

from wacampaign_desktop.core.clock import SYSTEM_CLOCK, Clock
from wacampaign_desktop.core.store.models import Contact, DirectMessage
from wacampaign_desktop.core.twilio_gateway.types import SendRequest, SendResult

log = logging.getLogger(__name__)

MAX_THREAD = 200


class _Gateway(Protocol):
    def send(self, request: SendRequest) -> SendResult: ...


def send_direct_message(gateway: _Gateway, phone: str, sender: str, body: str, *,
                        clock: Clock = SYSTEM_CLOCK) -> DirectMessage:
    """Send `body` to `phone` (E.164) and store the result; never raises for Twilio or network
    errors (a failed reply is stored with status "failed" and the error code/message).

    No status callback is requested: replies are not campaign messages, so their callbacks would
    only show up as "status for an unknown message" alerts."""
    request = SendRequest(to=phone, sender=sender, body=body)
    try:
        result = gateway.send(request)
    except Exception as exc:  # the gateway should not raise; keep the reply anyway
        log.error("Direct message to %s could not be sent: %s", phone, type(exc).__name__)
        result = None
    contact = Contact.get_or_none(Contact.phone == phone)
    if result is not None and result.success:
        message = DirectMessage.create(contact=contact, phone=phone, body=body,
                                       twilio_sid=result.sid, status=result.status or "queued",
                                       created_at=clock.now(), sent_at=clock.now())
        log.info("Direct message %d sent to %s (sid %s)", message.id, phone, result.sid)
    else:
        message = DirectMessage.create(
            contact=contact, phone=phone, body=body, status="failed", created_at=clock.now(),
            error_code=result.error_code if result is not None else None,
            error_message=(result.error_message if result is not None else None)
            or "The connection to Twilio failed.")
        log.warning("Direct message %d to %s failed (error %s)", message.id, phone,
                    message.error_code)
    return message


def thread_direct_messages(phone: str, limit: int = MAX_THREAD) -> list[DirectMessage]:
    """The latest replies sent to `phone`, oldest first."""
    rows = list(DirectMessage.select().where(DirectMessage.phone == phone)
                .order_by(DirectMessage.created_at.desc(), DirectMessage.id.desc()).limit(limit))
    rows.reverse()
    return rows
