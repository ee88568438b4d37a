"""The webhook log as the Activity view reads it: newest first, keyset pages on id, filtered by
kind, outcome and text, plus the events that arrived since the newest one shown."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

import peewee

from wacampaign_desktop.core.store.models import WebhookEvent

if TYPE_CHECKING:
    from wacampaign_desktop.core.app_context import AppContext


@dataclass(frozen=True)
class WebhookFilter:
    kind: str = ""  # "status" | "incoming" | "unknown"; "" = all
    outcome: str = ""  # "applied", "rejected", …; "" = all
    search: str = ""  # part of the sid or the status


@dataclass(frozen=True)
class WebhookLogRow:
    id: int
    received_at: datetime
    kind: str
    sid: str | None
    status: str | None
    outcome: str
    signature_valid: bool
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def phone(self) -> str:
        """The contact's number: `To` of a status callback, `From` of an incoming message."""
        value = str(self.params.get("To" if self.kind == "status" else "From", ""))
        return value.removeprefix("whatsapp:")


class ActivityQueries:
    """Webhook-log reads (each one indexed query on the primary key)."""

    def __init__(self, context: AppContext | None = None) -> None:
        self._context = context

    def newest_webhook_id(self) -> int:
        return WebhookEvent.select(peewee.fn.MAX(WebhookEvent.id)).scalar() or 0

    def webhook_page(self, where: WebhookFilter, below_id: int, limit: int) -> list[WebhookLogRow]:
        """Up to `limit` events with an id below `below_id`, newest first."""
        query = _filtered(where).where(WebhookEvent.id < below_id)
        return [_row(e) for e in query.order_by(WebhookEvent.id.desc()).limit(limit)]

    def webhooks_since(self, where: WebhookFilter, after_id: int, limit: int) -> list[WebhookLogRow]:
        """The newest `limit` events with an id above `after_id`, newest first."""
        query = _filtered(where).where(WebhookEvent.id > after_id)
        return [_row(e) for e in query.order_by(WebhookEvent.id.desc()).limit(limit)]

    def webhook_count(self, where: WebhookFilter) -> int:
        return _filtered(where).count()

    @staticmethod
    def webhook_params(row: WebhookLogRow) -> dict[str, Any]:
        """The request's parameters for display (the stored ones plus those kept in columns)."""
        try:
            from wacampaign_desktop.core.store.webhook_log import full_params
        except ImportError:  # an older store without lean parameters
            return dict(row.params)
        return full_params(row.params, row.kind, row.sid, row.status)


def _filtered(where: WebhookFilter) -> peewee.ModelSelect:
    query = WebhookEvent.select()
    if where.kind:
        query = query.where(WebhookEvent.kind == where.kind)
    if where.outcome:
        query = query.where(WebhookEvent.outcome == where.outcome)
    text = where.search.strip()
    if text:
        like = f"%{text}%"
        query = query.where((WebhookEvent.sid ** like) | (WebhookEvent.status ** like))
    return query


def _row(event: WebhookEvent) -> WebhookLogRow:
    params = event.params if isinstance(event.params, dict) else {}
    return WebhookLogRow(event.id, event.received_at, event.kind, event.sid, event.status,
                         event.outcome, bool(event.signature_valid), params)
