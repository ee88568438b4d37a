"""What the webhook receiver shares through the database (so several stateless `serve`
processes agree): the time of the last Twilio callback, the webhook URL last applied to Twilio,
and the Activity entry of an "Apply to Twilio"."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from wacampaign_desktop.core.store.database import database_proxy, engine_name
from wacampaign_desktop.core.store.models import AppState, WebhookEvent, utcnow

APPLIED_KEY = "webhook_routes"
CALLBACK_KINDS = ("status", "incoming")
ROUTES_KIND = "routes"  # the Activity entry of an "Apply to Twilio"


def last_callback_at() -> datetime | None:
    """When the newest Twilio callback (status or incoming, not a rejected forgery) arrived.
    Walks the log from its newest id (the primary key), so it stays cheap on a big log."""
    row = (WebhookEvent.select(WebhookEvent.received_at)
           .where(WebhookEvent.kind.in_(CALLBACK_KINDS) & (WebhookEvent.outcome != "rejected"))
           .order_by(WebhookEvent.id.desc()).limit(1).first())
    return row.received_at if row is not None else None


def database_kind() -> str:
    """"postgresql" or "sqlite", for the health answer."""
    return engine_name(database_proxy)


def applied_routes() -> dict[str, Any] | None:
    """What the last "Apply to Twilio" set ({"public_url", "kind", "sid", "at"}), or None."""
    row = AppState.get_or_none(AppState.key == APPLIED_KEY)
    return row.value if row is not None and isinstance(row.value, dict) else None


def save_applied_routes(value: dict[str, Any]) -> None:
    with AppState._meta.database.atomic():
        updated = (AppState.update(value=value, updated_at=utcnow())
                   .where(AppState.key == APPLIED_KEY).execute())
        if not updated:
            AppState.insert(key=APPLIED_KEY, value=value, updated_at=utcnow()).on_conflict_ignore().execute()


def record_routes_activity(outcome: str, public_url: str, details: dict[str, Any]) -> int:
    """An Activity entry for an "Apply to Twilio" (outcome "applied" or "failed")."""
    row = WebhookEvent.create(kind=ROUTES_KIND, sid=details.get("sid") or None, status=None,
                              params={"public_url": public_url, **details},
                              signature_valid=True, outcome=outcome, remote_addr="",
                              received_at=utcnow())
    return int(row.id)
