"""The inbox: conversations (contacts who wrote to us, newest first, with how many of their
messages are unread), the unread total (the Inbox badge) and marking a conversation read, the
thread with one contact (their messages, our campaign messages and our free-text replies, in time order),
WhatsApp's 24-hour reply window, and sending a reply (through core/direct_messages.py, which
stores it whatever the outcome)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from peewee import Expression, Tuple, fn

from wacampaign_desktop.core.clock import SYSTEM_CLOCK, Clock
from wacampaign_desktop.core.direct_messages import send_direct_message, thread_direct_messages
from wacampaign_desktop.core.store.models import CampaignMessage, Contact, InboundMessage

if TYPE_CHECKING:
    from wacampaign_desktop.core.app_context import AppContext
    from wacampaign_desktop.core.direct_messages import _Gateway

MAX_CONVERSATIONS = 500
MAX_THREAD = 200
_SCAN_CHUNK = 2000
WINDOW = timedelta(hours=24)


class ReplyWindowClosed(ValueError):
    """Free text outside the 24-hour window (WhatsApp would refuse it)."""


@dataclass(frozen=True)
class ReplyWindow:
    """Whether free text may be sent now: only within 24 hours of the contact's last message."""

    open: bool
    closes_at: datetime | None  # naive UTC, like the database
    remaining: timedelta

    @property
    def hours_left(self) -> int:
        return int(self.remaining.total_seconds() // 3600)

    @property
    def minutes_left(self) -> int:
        return int(self.remaining.total_seconds() % 3600 // 60)


def reply_window(last_inbound_at: datetime | None, now: datetime) -> ReplyWindow:
    """The window given when the contact last wrote and the time now (both naive UTC)."""
    if last_inbound_at is None:
        return ReplyWindow(False, None, timedelta(0))
    if last_inbound_at.tzinfo is not None:
        last_inbound_at = last_inbound_at.astimezone(UTC).replace(tzinfo=None)
    closes_at = last_inbound_at + WINDOW
    remaining = closes_at - now
    if remaining <= timedelta(0):
        return ReplyWindow(False, closes_at, timedelta(0))
    return ReplyWindow(True, closes_at, remaining)


def bare_phone(address: str) -> str:
    """'whatsapp:+336…' → '+336…'."""
    return address[len("whatsapp:"):] if address.lower().startswith("whatsapp:") else address


@dataclass(frozen=True)
class Conversation:
    address: str  # "whatsapp:+…" as Twilio sent it
    phone: str
    name: str
    last_body: str
    last_at: datetime
    count: int
    unread: int = 0  # their messages not yet seen in the Inbox (seen_at is None)


@dataclass(frozen=True)
class ThreadEntry:
    """One message of a thread. `kind`: "inbound" (they wrote), "campaign" (a campaign message
    we sent) or "reply" (a free-text reply from the inbox)."""

    at: datetime
    kind: str
    body: str
    status: str = ""
    error_code: int | None = None

    @property
    def outgoing(self) -> bool:
        return self.kind != "inbound"


@dataclass(frozen=True)
class SentReply:
    """What happened to a reply (it is stored either way)."""

    phone: str
    sent: bool
    status: str  # Twilio's status at send time, or "failed"
    sid: str | None
    error_code: int | None
    error_message: str | None


class InboxService:
    def __init__(self, context: AppContext | None = None, clock: Clock | None = None) -> None:
        self._context = context
        self._clock = clock or (context.clock if context is not None else SYSTEM_CLOCK)

    def conversations(self, search: str = "", limit: int = MAX_CONVERSATIONS) -> list[Conversation]:
        """Contacts who wrote to us, newest first; `search` matches the text, the number, the
        WhatsApp profile name or the contact's name (then the count and last text are those of
        the matching messages). Walks the received_at index from the newest message until
        `limit` numbers are found, so the usual case never groups the whole table."""
        condition = self._search_condition(search.strip())
        addresses = self._latest_addresses(condition, limit)
        if not addresses:
            return []
        stats = (InboundMessage
                 .select(InboundMessage.from_number, InboundMessage.body,
                         InboundMessage.profile_name,
                         fn.MAX(InboundMessage.received_at).alias("last_at"),
                         fn.COUNT(InboundMessage.id).alias("n"))
                 .where(InboundMessage.from_number.in_(addresses))
                 .group_by(InboundMessage.from_number))
        if condition is not None:
            stats = stats.where(condition)
        rows = {row["from_number"]: row for row in stats.dicts()}  # body of the MAX row (SQLite)
        phones = [bare_phone(address) for address in addresses]
        names = {c.phone: c.name for c in Contact.select(Contact.phone, Contact.name)
                 .where(Contact.phone.in_(phones))}
        unread = dict(InboundMessage.select(InboundMessage.from_number, fn.COUNT(InboundMessage.id))
                      .where(InboundMessage.from_number.in_(addresses)
                             & InboundMessage.seen_at.is_null())
                      .group_by(InboundMessage.from_number).tuples())
        return [Conversation(address, phone, names.get(phone) or row["profile_name"] or "",
                             row["body"] or "", row["last_at"], row["n"], unread.get(address, 0))
                for address, phone in zip(addresses, phones, strict=True)
                if (row := rows.get(address)) is not None]

    @staticmethod
    def unread_count() -> int:
        """Messages from contacts not yet seen in the Inbox (the badge on Inbox)."""
        return InboundMessage.select().where(InboundMessage.seen_at.is_null()).count()

    def mark_read(self, phone: str) -> int:
        """Mark every message from `phone` (E.164) seen now; returns how many were unread."""
        return (InboundMessage.update(seen_at=self._clock.now())
                .where(InboundMessage.from_number.in_([f"whatsapp:{phone}", phone])
                       & InboundMessage.seen_at.is_null())
                .execute())

    @staticmethod
    def _search_condition(text: str) -> Expression | None:
        if not text:
            return None
        like = f"%{text}%"
        named = [row.phone for row in Contact.select(Contact.phone)
                 .where(Contact.name ** like).limit(1000)]
        condition = ((InboundMessage.body ** like) | (InboundMessage.from_number ** like)
                     | (InboundMessage.profile_name ** like))
        if named:
            condition |= InboundMessage.from_number.in_([f"whatsapp:{p}" for p in named] + named)
        return condition

    @staticmethod
    def _latest_addresses(condition: Expression | None, limit: int) -> list[str]:
        """The `limit` senders who wrote last (matching `condition`), newest first."""
        seen: dict[str, None] = {}
        after: tuple[datetime, int] | None = None
        while len(seen) < limit:
            query = InboundMessage.select(InboundMessage.id, InboundMessage.from_number,
                                          InboundMessage.received_at)
            if condition is not None:
                query = query.where(condition)
            if after is not None:
                query = query.where(Tuple(InboundMessage.received_at, InboundMessage.id)
                                    < Tuple(*after))
            rows = list(query.order_by(InboundMessage.received_at.desc(),
                                       InboundMessage.id.desc()).limit(_SCAN_CHUNK).tuples())
            for _id, address, _at in rows:
                seen.setdefault(address)
            if len(rows) < _SCAN_CHUNK:
                break
            after = (rows[-1][2], rows[-1][0])
        return list(seen)[:limit]

    def thread(self, phone: str, limit: int = MAX_THREAD) -> list[ThreadEntry]:
        """The latest `limit` messages with `phone` (E.164), oldest first."""
        entries: list[ThreadEntry] = []
        inbound = (InboundMessage.select()
                   .where(InboundMessage.from_number.in_([f"whatsapp:{phone}", phone]))
                   .order_by(InboundMessage.received_at.desc()).limit(limit))
        entries.extend(ThreadEntry(m.received_at, "inbound", m.body or "") for m in inbound)
        outbound = (CampaignMessage.select()
                    .where((CampaignMessage.phone == phone) & CampaignMessage.sent_at.is_null(False))
                    .order_by(CampaignMessage.sent_at.desc()).limit(limit))
        entries.extend(ThreadEntry(m.sent_at, "campaign", m.message or "", m.status) for m in outbound)
        entries.extend(ThreadEntry(r.sent_at or r.created_at, "reply", r.body or "", r.status,
                                   r.error_code) for r in thread_direct_messages(phone, limit))
        entries.sort(key=lambda e: e.at)
        return entries[-limit:]

    def last_inbound_at(self, phone: str) -> datetime | None:
        row = (InboundMessage.select(fn.MAX(InboundMessage.received_at).alias("last"))
               .where(InboundMessage.from_number.in_([f"whatsapp:{phone}", phone])).dicts().first())
        return row["last"] if row else None

    def reply_window(self, phone: str) -> ReplyWindow:
        return reply_window(self.last_inbound_at(phone), self._clock.now())

    def send_reply(self, gateway: _Gateway, phone: str, sender: str, body: str) -> SentReply:
        """Send free text to `phone` (blocking: call off the GUI thread). Never raises for Twilio
        or network errors: a refused reply comes back with sent=False and is stored as failed.
        Raises ReplyWindowClosed (nothing sent or stored) outside the 24-hour window."""
        if not self.reply_window(phone).open:
            raise ReplyWindowClosed(
                "This contact last wrote more than 24 hours ago: WhatsApp only allows an approved "
                "template now.")
        stored = send_direct_message(gateway, phone, sender, body)
        return SentReply(phone, stored.status != "failed", stored.status, stored.twilio_sid,
                         stored.error_code, stored.error_message)
