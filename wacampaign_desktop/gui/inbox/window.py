"""WhatsApp's 24-hour customer-service window, as plain data: free text may be sent only within
24 hours of the contact's last incoming message; after that only an approved template."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

WINDOW = timedelta(hours=24)


@dataclass(frozen=True)
class ReplyWindow:
    open: bool
    closes_at: datetime | None  # naive UTC, like the database
    remaining: timedelta

    @property
    def hours_left(self) -> int:
        return int(self.remaining.total_seconds() // 3600)

    @property
    def minutes_left(self) -> int:
        return int(self.remaining.total_seconds() % 3600 // 60)


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def reply_window(last_inbound_at: datetime | None, now: datetime | None = None) -> ReplyWindow:
    """Whether free text may be sent now, given when the contact last wrote (naive UTC)."""
    if last_inbound_at is None:
        return ReplyWindow(False, None, timedelta(0))
    if last_inbound_at.tzinfo is not None:
        last_inbound_at = last_inbound_at.astimezone(UTC).replace(tzinfo=None)
    now = now or utcnow()
    closes_at = last_inbound_at + WINDOW
    remaining = closes_at - now
    if remaining <= timedelta(0):
        return ReplyWindow(False, closes_at, timedelta(0))
    return ReplyWindow(True, closes_at, remaining)


def bare_phone(address: str) -> str:
    """'whatsapp:+336…' → '+336…'."""
    return address[len("whatsapp:"):] if address.lower().startswith("whatsapp:") else address
