"""The sandbox's memory: messages with their timelines, per-recipient counters, statistics."""

from __future__ import annotations

import hashlib
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime

from wacampaign_desktop.core.sandbox.config import API_VERSION
from wacampaign_desktop.core.sandbox.story import Step


def rfc2822(epoch: float | None) -> str | None:
    if epoch is None:
        return None
    return format_datetime(datetime.fromtimestamp(int(epoch), UTC), usegmt=True)


@dataclass
class SandboxMessage:
    sid: str
    account_sid: str
    to: str  # as given, e.g. "whatsapp:+15551234567"
    from_: str | None
    messaging_service_sid: str | None
    body: str
    media_urls: list[str]
    content_sid: str | None
    status_callback: str | None
    created: float  # epoch seconds
    timeline: list[Step]
    direction: str = "outbound-api"  # "inbound" for a contact's message to the sender
    content_variables: str | None = None
    media_types: list[str] = field(default_factory=list)  # content type of each media_urls entry

    def media_sid(self, index: int) -> str:
        return "ME" + hashlib.sha256(f"{self.sid}|media|{index}".encode()).hexdigest()[:32]

    def media_json(self) -> list[dict]:
        """The message's Media list resources (Twilio keeps an incoming message's media)."""
        uri = f"/{API_VERSION}/Accounts/{self.account_sid}/Messages/{self.sid}/Media"
        created = rfc2822(self.created)
        return [{"account_sid": self.account_sid, "content_type": self.media_types[i]
                 if i < len(self.media_types) else "application/octet-stream",
                 "date_created": created, "date_updated": created, "parent_sid": self.sid,
                 "sid": self.media_sid(i), "uri": f"{uri}/{self.media_sid(i)}.json"}
                for i in range(len(self.media_urls))]

    def current(self, now: float | None = None) -> Step:
        elapsed = (time.time() if now is None else now) - self.created
        reached = self.timeline[0]
        for step in self.timeline:
            if step.at <= elapsed:
                reached = step
            else:
                break
        return reached

    def date_sent(self, now: float | None = None) -> float | None:
        """When Twilio handed the message on (the 'sending' step), once reached; an incoming
        message's date_sent is when it arrived."""
        if self.direction == "inbound":
            return self.created
        elapsed = (time.time() if now is None else now) - self.created
        for step in self.timeline:
            if step.status == "sending" and step.at <= elapsed:
                return self.created + step.at
        return None

    def to_json(self, now: float | None = None) -> dict:
        now = time.time() if now is None else now
        step = self.current(now)
        uri = f"/{API_VERSION}/Accounts/{self.account_sid}/Messages/{self.sid}.json"
        return {
            "account_sid": self.account_sid,
            "api_version": API_VERSION,
            "body": self.body,
            "date_created": rfc2822(self.created),
            "date_sent": rfc2822(self.date_sent(now)),
            "date_updated": rfc2822(self.created + step.at),
            "direction": self.direction,
            "error_code": step.error_code,
            "error_message": step.error_message,
            "from": self.from_,
            "messaging_service_sid": self.messaging_service_sid,
            "num_media": str(len(self.media_urls)),
            "num_segments": "1",
            "price": None,
            "price_unit": "USD",
            "sid": self.sid,
            "status": step.status,
            "subresource_uris": {"media": uri.replace(".json", "/Media.json")},
            "to": self.to,
            "uri": uri,
        }


@dataclass
class SandboxStats:
    api_requests: int = 0
    sends: int = 0
    rejected: int = 0
    rate_limited: int = 0
    callbacks_posted: int = 0
    callbacks_failed: int = 0  # receiver unreachable even after Twilio's one retry
    callbacks_dropped: int = 0  # dropped on purpose by drop_rate
    callbacks_duplicated: int = 0
    replies_posted: int = 0
    media_lists: int = 0  # GET …/Messages/{sid}/Media.json requests
    fetches: int = 0  # GET …/Messages/{sid}.json requests (one message by sid)


@dataclass
class SandboxState:
    messages: dict[str, SandboxMessage] = field(default_factory=dict)
    order: list[str] = field(default_factory=list)
    sends_per_phone: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    attempts_per_phone: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    last_inbound: dict[str, float] = field(default_factory=dict)  # phone -> epoch of last reply
    ordinals: dict[str, int] = field(default_factory=dict)  # phone -> order of its first send
    in_time_order: bool = True  # `order` is also creation-time order (no seeded past message)
    stats: SandboxStats = field(default_factory=SandboxStats)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def next_attempt(self, phone: str) -> int:
        with self.lock:
            n = self.attempts_per_phone[phone]
            self.attempts_per_phone[phone] = n + 1
            return n

    def reserve_send(self, phone: str) -> tuple[int, int]:
        """(earlier sends to `phone`, the recipient's ordinal: 0 for the first recipient ever
        sent to, 1 for the next new one…); counts this send."""
        with self.lock:
            n = self.sends_per_phone[phone]
            self.sends_per_phone[phone] = n + 1
            self.stats.sends += 1
            ordinal = self.ordinals.setdefault(phone, len(self.ordinals))
            return n, ordinal

    def note_inbound(self, phone: str, at: float) -> None:
        with self.lock:
            self.last_inbound[phone] = max(at, self.last_inbound.get(phone, at))

    def in_session(self, phone: str, now: float) -> bool:
        """True when `phone` wrote within the last 24 hours (WhatsApp's customer-care window)."""
        with self.lock:
            last = self.last_inbound.get(phone)
        return last is not None and now - last < 24 * 3600

    def add(self, message: SandboxMessage) -> None:
        with self.lock:
            if self.order and message.created < self.messages[self.order[-1]].created:
                self.in_time_order = False  # seeded history in the past
            self.messages[message.sid] = message
            self.order.append(message.sid)

    def newest_first(self) -> list[SandboxMessage]:
        """Every message, newest first by creation time."""
        with self.lock:
            ordered = [self.messages[sid] for sid in reversed(self.order)]
            if self.in_time_order:
                return ordered
        return sorted(ordered, key=lambda m: m.created, reverse=True)

    def get(self, sid: str) -> SandboxMessage | None:
        with self.lock:
            return self.messages.get(sid)

    def all_messages(self) -> list[SandboxMessage]:
        """Every message, outbound and inbound, in the order they were created."""
        with self.lock:
            return [self.messages[sid] for sid in self.order]

    def inbound_messages(self) -> list[SandboxMessage]:
        with self.lock:
            return [m for sid in self.order if (m := self.messages[sid]).direction == "inbound"]

    def bump(self, name: str, by: int = 1) -> None:
        with self.lock:
            setattr(self.stats, name, getattr(self.stats, name) + by)
