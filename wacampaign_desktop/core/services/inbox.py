"""The inbox: conversations (contacts who wrote to us, newest first, with how many of their
messages are unread), the unread total (the Inbox badge) and marking a conversation read, the
thread with one contact (their messages, our campaign messages, our replies and automatic
replies, each with its current status, in time order), WhatsApp's 24-hour reply window, the
follow-up mark, and sending a reply (through core/direct_messages.py, which stores it whatever
the outcome and asks for status callbacks). Free text is refused, with the reason, to an
opted-out contact and outside the window (an approved template may still go outside it)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from peewee import Expression, Tuple, fn

from wacampaign_desktop.core.clock import SYSTEM_CLOCK, Clock
from wacampaign_desktop.core.direct_messages import (
    DirectSend,
    send_direct,
    send_direct_message,
    thread_direct_messages,
)
from wacampaign_desktop.core.store import rules as rules_store
from wacampaign_desktop.core.store.models import CampaignMessage, Contact, InboundMessage

if TYPE_CHECKING:
    from wacampaign_desktop.core.app_context import AppContext
    from wacampaign_desktop.core.direct_messages import _Gateway
    from wacampaign_desktop.core.services.rules import TemplateChoice

MAX_CONVERSATIONS = 500
MAX_THREAD = 200
_SCAN_CHUNK = 2000
WINDOW = timedelta(hours=24)


class ReplyWindowClosed(ValueError):
    """Free text outside the 24-hour window (WhatsApp would refuse it)."""


class ContactOptedOut(ValueError):
    """The contact opted out (replied STOP…): nothing may be sent to it from the Inbox."""


OPTED_OUT_REASON = ("This contact opted out (replied STOP), so no message can be sent to them. "
                    "They can write START to subscribe again.")
WINDOW_CLOSED_REASON = ("This contact last wrote more than 24 hours ago: free text would fail. "
                        "WhatsApp only allows an approved template now.")


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
    follow_up: bool = False  # marked for follow-up (by staff or a reply rule)
    opted_out: bool = False


@dataclass(frozen=True)
class ThreadEntry:
    """One message of a thread. `kind`: "inbound" (they wrote), "campaign" (a campaign message
    we sent) or "reply" (a message sent outside campaigns: `automatic` for a rule's reply or an
    opt-out confirmation)."""

    at: datetime
    kind: str
    body: str
    status: str = ""
    error_code: int | None = None
    automatic: bool = False
    direct_kind: str = ""  # manual | auto_reply | optout_confirmation (replies only)

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

    def conversations(self, search: str = "", limit: int = MAX_CONVERSATIONS, *,
                      follow_up_only: bool = False) -> list[Conversation]:
        """Contacts who wrote to us, newest first; `search` matches the text, the number, the
        WhatsApp profile name or the contact's name (then the count and last text are those of
        the matching messages). Walks the received_at index from the newest message until
        `limit` numbers are found, so the usual case never groups the whole table."""
        condition = self._search_condition(search.strip())
        if follow_up_only:
            marked = [row.phone for row in Contact.select(Contact.phone)
                      .where(Contact.follow_up_at.is_null(False)).limit(5000)]
            marked_condition = InboundMessage.from_number.in_(
                [f"whatsapp:{p}" for p in marked] + marked)
            condition = marked_condition if condition is None else (condition & marked_condition)
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
        contacts = {c.phone: c for c in Contact.select(
            Contact.phone, Contact.name, Contact.follow_up_at, Contact.opted_out_at,
            Contact.opted_in_at).where(Contact.phone.in_(phones))}
        names = {phone: c.name for phone, c in contacts.items()}
        unread = dict(InboundMessage.select(InboundMessage.from_number, fn.COUNT(InboundMessage.id))
                      .where(InboundMessage.from_number.in_(addresses)
                             & InboundMessage.seen_at.is_null())
                      .group_by(InboundMessage.from_number).tuples())
        return [Conversation(address, phone, names.get(phone) or row["profile_name"] or "",
                             row["body"] or "", row["last_at"], row["n"], unread.get(address, 0),
                             bool(c is not None and c.follow_up_at is not None),
                             bool(c is not None and c.opted_out))
                for address, phone in zip(addresses, phones, strict=True)
                if (row := rows.get(address)) is not None
                for c in [contacts.get(phone)]]

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
                                   r.error_code, r.kind != "manual", r.kind)
                       for r in thread_direct_messages(phone, limit))
        entries.sort(key=lambda e: e.at)
        return entries[-limit:]

    def last_inbound_at(self, phone: str) -> datetime | None:
        """The contact's last incoming message (Contact.last_inbound_at, or the messages
        stored before it was kept)."""
        row = (InboundMessage.select(fn.MAX(InboundMessage.received_at).alias("last"))
               .where(InboundMessage.from_number.in_([f"whatsapp:{phone}", phone])).dicts().first())
        stored = row["last"] if row else None
        contact = Contact.get_or_none(Contact.phone == phone)
        kept = contact.last_inbound_at if contact is not None else None
        return max((t for t in (stored, kept) if t is not None), default=None)

    @staticmethod
    def opted_out(phone: str) -> bool:
        contact = Contact.get_or_none(Contact.phone == phone)
        return bool(contact is not None and contact.opted_out)

    def refusal(self, phone: str) -> str:
        """Why free text cannot go to `phone` now, in plain words ("" when it can)."""
        if self.opted_out(phone):
            return OPTED_OUT_REASON
        if not self.reply_window(phone).open:
            return WINDOW_CLOSED_REASON
        return ""

    def set_follow_up(self, phone: str, marked: bool) -> bool:
        """Mark (or clear) the conversation with `phone` for follow-up."""
        return rules_store.set_follow_up(phone, self._clock.now() if marked else None)

    @staticmethod
    def follow_up(phone: str) -> bool:
        contact = Contact.get_or_none(Contact.phone == phone)
        return bool(contact is not None and contact.follow_up_at is not None)

    def templates(self) -> list[TemplateChoice]:
        """Approved templates, which can be sent outside the 24-hour window."""
        from wacampaign_desktop.core.services.rules import RulesService

        return RulesService(self._context, self._clock).templates()

    def reply_window(self, phone: str) -> ReplyWindow:
        return reply_window(self.last_inbound_at(phone), self._clock.now())

    def _publish(self):  # noqa: ANN202 - the bus's publish, when there is a profile
        return self._context.bus.publish if self._context is not None else None

    def send_reply(self, gateway: _Gateway, phone: str, sender: str, body: str, *,
                   status_callback: str | None = None) -> SentReply:
        """Send free text to `phone` (blocking: call off the GUI thread), with `status_callback`
        (the webhook server's status URL) so its status moves past Queued. Never raises for
        Twilio or network errors: a refused reply comes back with sent=False and is stored as
        failed. Raises ContactOptedOut or ReplyWindowClosed (nothing sent or stored) with the
        reason in plain words."""
        if self.opted_out(phone):
            raise ContactOptedOut(OPTED_OUT_REASON)
        if not self.reply_window(phone).open:
            raise ReplyWindowClosed(WINDOW_CLOSED_REASON)
        stored = send_direct_message(gateway, phone, sender, body, clock=self._clock,
                                     status_callback=status_callback, publish=self._publish())
        return SentReply(phone, stored.status != "failed", stored.status, stored.twilio_sid,
                         stored.error_code, stored.error_message)

    def send_template(self, gateway: _Gateway, phone: str, sender: str, content_sid: str,
                      variables: dict[str, str] | None = None, *, label: str = "",
                      status_callback: str | None = None) -> SentReply:
        """Send an approved template (allowed outside the 24-hour window); refused, like free
        text, to an opted-out contact."""
        if self.opted_out(phone):
            raise ContactOptedOut(OPTED_OUT_REASON)
        stored = send_direct(gateway, DirectSend(phone, sender, label or content_sid, content_sid,
                                                 variables or {}),
                             status_callback=status_callback, clock=self._clock,
                             publish=self._publish())
        return SentReply(phone, stored.status != "failed", stored.status, stored.twilio_sid,
                         stored.error_code, stored.error_message)
