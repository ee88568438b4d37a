"""What an incoming WhatsApp message does to the database (a store-writer work item): store it,
link or create the contact, keep the contact's last incoming time (the 24-hour window) current,
mark the answered campaign message replied, apply STOP/START. A message whose sender is not a
phone number is logged as "invalid" and creates nothing.

The webhook and the catch-up (replies fetched from Twilio after missing them) share this path:
`IncomingWork(delivery, source=…)` inside the writer, `ingest_incoming(writer, params, …)` from
outside it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

import peewee

from wacampaign_desktop.core.events import ContactOptChanged, Event, InboundReceived
from wacampaign_desktop.core.store import webhook_log
from wacampaign_desktop.core.store.contact_updates import set_opt_state
from wacampaign_desktop.core.store.message_updates import mark_replied
from wacampaign_desktop.core.store.models import CampaignMessage, Contact, InboundMessage
from wacampaign_desktop.core.store.status_pipeline import status_changes
from wacampaign_desktop.core.store.writer import Batch, Outcome
from wacampaign_desktop.core.webhooks.delivery import Delivery, int_field
from wacampaign_desktop.core.webhooks.ingest import log_rows
from wacampaign_desktop.core.webhooks.optout import opt_change

if TYPE_CHECKING:
    from wacampaign_desktop.core.store.writer import StoreWriter

REPLY_WINDOW = timedelta(days=7)  # a reply answers the latest campaign message of the last 7 days


def _answered_message(phone: str, now) -> CampaignMessage | None:
    stamp = peewee.fn.COALESCE(CampaignMessage.sent_at, CampaignMessage.updated_at)
    return (
        CampaignMessage.select()
        .where((CampaignMessage.phone == phone) & CampaignMessage.twilio_sid.is_null(False)
               & (stamp >= now - REPLY_WINDOW))
        .order_by(stamp.desc(), CampaignMessage.id.desc())
        .first()
    )


def _media(params: dict[str, str]) -> list[dict[str, str]]:
    count = max(0, int_field(params.get("NumMedia")) or 0)
    return [
        {"url": params.get(f"MediaUrl{i}", ""), "content_type": params.get(f"MediaContentType{i}", "")}
        for i in range(min(count, 10))
    ]


def _result(batch: Batch, delivery: Delivery, outcome: str, created: bool,
            events: list[Event] | None = None) -> Outcome:
    batch.on_finish("webhook_log", log_rows)
    row = webhook_log.audit_row(delivery, outcome, "received", at=batch.clock.now())
    return Outcome({"outcome": outcome, "created_contact": created}, events or [], [row])


class IncomingWork:
    """An incoming message as a writer work item; value {"outcome", "created_contact"}.
    `source`: "webhook" or "catch_up"; `received_at`: when Twilio got it (naive UTC; default now)."""

    def __init__(self, delivery: Delivery, *, source: str = "webhook",
                 received_at: datetime | None = None) -> None:
        self.delivery = delivery
        self.source = source
        self.received_at = received_at

    def __call__(self, batch: Batch) -> Outcome:
        return store_incoming(self.delivery, batch, source=self.source,
                              received_at=self.received_at)


def ingest_incoming(writer: StoreWriter, params: dict[str, str], *, source: str = "catch_up",
                    received_at: datetime | None = None, timeout: float = 20.0) -> dict:
    """Store one incoming message (Twilio's incoming fields: MessageSid, From, To, Body…) through
    `writer`, exactly as the webhook does, and wait for the commit. A MessageSid already stored
    is a "duplicate" and changes nothing. Returns {"outcome", "created_contact"}."""
    delivery = Delivery("incoming", dict(params), remote_addr=source)
    return writer.submit(IncomingWork(delivery, source=source,
                                      received_at=received_at)).result(timeout)


def _touch_last_inbound(contact: Contact, at: datetime) -> None:
    """Contact.last_inbound_at = the latest of its value and `at` (a late catch-up never moves
    it back)."""
    if contact.last_inbound_at is not None and contact.last_inbound_at >= at:
        return
    (Contact.update(last_inbound_at=at)
     .where((Contact.id == contact.id)
            & (Contact.last_inbound_at.is_null() | (Contact.last_inbound_at < at)))
     .execute())
    contact.last_inbound_at = at


def store_incoming(delivery: Delivery, batch: Batch, *, source: str = "webhook",
                   received_at: datetime | None = None) -> Outcome:
    params, sid, token = delivery.params, delivery.sid, delivery.idempotency_token
    seen = batch.cache.setdefault("tokens", set())
    if token and (("incoming", token) in seen or webhook_log.token_seen("incoming", token)):
        return _result(batch, delivery, "duplicate", False)
    if token:
        seen.add(("incoming", token))
    if InboundMessage.select(InboundMessage.id).where(InboundMessage.message_sid == sid).exists():
        return _result(batch, delivery, "duplicate", False)
    phone = delivery.sender_phone
    if phone is None:
        return _result(batch, delivery, "invalid", False)
    now = batch.clock.now()
    at = received_at or now
    if at.tzinfo is not None:
        at = at.astimezone(UTC).replace(tzinfo=None)
    contact, created = Contact.get_or_create(phone=phone,
                                             defaults={"name": params.get("ProfileName", "")})
    events: list[Event] = []
    with status_changes(clock=batch.clock) as changes:
        answered = _answered_message(phone, at)
        if answered is not None:
            mark_replied(answered, at, changes=changes)
    inbound = InboundMessage.create(
        message_sid=sid, from_number=params.get("From", ""), to_number=params.get("To", ""),
        body=params.get("Body", ""), media=_media(params), profile_name=params.get("ProfileName", ""),
        contact=contact, campaign_message=answered, received_at=at, source=source,
    )
    _touch_last_inbound(contact, at)
    outcome = "received"
    change = opt_change(params.get("Body"), params.get("OptOutType"))
    if change is not None and set_opt_state(contact.id, change, at):
        events.append(ContactOptChanged(contact.id, phone, change))
        outcome = "opted_out" if change else "opted_in"
    events.insert(0, InboundReceived(inbound.id, contact.id, phone, inbound.body,
                                     answered.id if answered else None, source=source))
    return _result(batch, delivery, outcome, created, events + changes.events)
