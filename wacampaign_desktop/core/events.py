"""Thread-safe publish/subscribe of core events (no Qt): the webhook server, engine and tunnel
publish after their changes are committed; the GUI adapts this bus to queued Qt signals.

Subscribers run in the publisher's thread and must return quickly (hand work off, never block).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

log = logging.getLogger(__name__)


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Event:
    """Base class of every event; `at` is when it was published (UTC)."""

    at: datetime = field(default_factory=_now, kw_only=True)


@dataclass(frozen=True)
class MessageStatusChanged(Event):
    campaign_id: int
    message_id: int
    sid: str | None
    old_status: str
    new_status: str
    error_code: int | None = None


@dataclass(frozen=True)
class CountersChanged(Event):
    """A campaign's counters after a commit (`counters`: every counter) and what that commit
    added (`delta`: only the counters that moved; {} when unknown)."""

    campaign_id: int
    counters: dict[str, int]
    delta: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class CampaignStateChanged(Event):
    campaign_id: int
    old_state: str
    new_state: str
    reason: str = ""


@dataclass(frozen=True)
class CampaignProgress(Event):
    campaign_id: int
    dispatched: int
    total: int
    rate_per_s: float = 0.0


@dataclass(frozen=True)
class InboundReceived(Event):
    inbound_id: int
    contact_id: int | None
    phone: str
    body: str
    campaign_message_id: int | None = None
    source: str = "webhook"  # "webhook" | "catch_up"


@dataclass(frozen=True)
class DirectMessageChanged(Event):
    """A message sent outside a campaign (Inbox reply, automatic reply, opt-out confirmation)
    was stored or its status moved (status callback)."""

    direct_message_id: int
    phone: str
    old_status: str
    new_status: str
    kind: str = "manual"  # manual | auto_reply | optout_confirmation
    error_code: int | None = None


@dataclass(frozen=True)
class ContactOptChanged(Event):
    contact_id: int
    phone: str
    opted_out: bool


@dataclass(frozen=True)
class WebhookLogged(Event):
    webhook_event_id: int
    kind: str
    outcome: str


@dataclass(frozen=True)
class SignatureRejected(Event):
    path: str
    remote_addr: str


@dataclass(frozen=True)
class Alert(Event):
    """Something staff should see: auto-pause, tunnel down, signature failures, orphan callbacks."""

    code: str  # e.g. "auto_pause", "tunnel_down", "signature_rejected", "callback_orphaned"
    message: str
    level: str = "warning"  # "info" | "warning" | "error"
    campaign_id: int | None = None
    details: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ServerStateChanged(Event):
    running: bool
    host: str = ""
    port: int = 0
    error: str = ""


@dataclass(frozen=True)
class TunnelStateChanged(Event):
    mode: str  # "local" | "ngrok" | "own_url"
    state: str  # "starting" | "up" | "down" | "restarting" | "stopped" | "error"
    public_url: str = ""
    message: str = ""


@dataclass(frozen=True)
class WebhookRoutesApplied(Event):
    """"Apply to Twilio" ran (by the user, or automatically because the public URL changed)."""

    public_url: str
    ok: bool  # Twilio now sends both webhooks to public_url
    automatic: bool
    message: str = ""
    kind: str = ""  # "messaging_service" | "whatsapp_sender" | "phone_number"
    sid: str = ""


@dataclass(frozen=True)
class ExternalChange(Event):
    """Another process (a second window, `serve`, the CLI, another desktop on the same
    PostgreSQL database) committed changes (core/store/change_feed.py). `tables`: the tables it
    changed; empty = unknown (SQLite only says "something changed")."""

    tables: frozenset[str] = frozenset()


Subscriber = Callable[[Event], None]


class EventBus:
    """Fan-out of events to subscribers; safe to use from any thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._subscribers: list[tuple[Subscriber, tuple[type[Event], ...] | None]] = []

    def subscribe(
        self, callback: Subscriber, *types: type[Event]
    ) -> Callable[[], None]:
        """Call `callback(event)` for each event (of `types` if given). Returns an unsubscribe function."""
        entry = (callback, types or None)
        with self._lock:
            self._subscribers.append(entry)

        def unsubscribe() -> None:
            with self._lock:
                if entry in self._subscribers:
                    self._subscribers.remove(entry)

        return unsubscribe

    def publish(self, event: Event) -> None:
        with self._lock:
            subscribers = list(self._subscribers)
        for callback, types in subscribers:
            if types is not None and not isinstance(event, types):
                continue
            try:
                callback(event)
            except Exception:
                log.exception("Event subscriber %r failed on %s", callback, type(event).__name__)
