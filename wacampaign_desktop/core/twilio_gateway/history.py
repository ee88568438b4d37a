"""Twilio's message history for catch-up: `messages.list(to=, from_=, date_sent_after=,
page_size=1000)`, newest first, as plain records (direction, body, status, dates), and an
incoming message's media (`…/Messages/{sid}/Media.json`)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from wacampaign_desktop.core.twilio_gateway.errors import classify_exception
from wacampaign_desktop.core.twilio_gateway.gateway import TwilioGateway, whatsapp_address
from wacampaign_desktop.core.twilio_gateway.types import GatewayError

PAGE_SIZE = 1000  # Twilio's maximum


@dataclass(frozen=True)
class HistoryMessage:
    """One message of the account's history. Dates are naive UTC (whole seconds)."""

    sid: str
    direction: str  # "inbound" | "outbound-api" | "outbound-reply" | …
    status: str
    from_: str
    to: str
    body: str
    num_media: int
    messaging_service_sid: str | None
    error_code: int | None
    error_message: str | None
    date_sent: datetime | None
    date_updated: datetime | None

    @property
    def inbound(self) -> bool:
        return self.direction == "inbound"


def _naive(value: Any) -> datetime | None:
    if not isinstance(value, datetime):
        return None
    return value.astimezone(UTC).replace(tzinfo=None) if value.tzinfo else value


def _record(instance: Any) -> HistoryMessage:
    return HistoryMessage(
        sid=instance.sid, direction=str(instance.direction), status=str(instance.status),
        from_=instance.from_ or "", to=instance.to or "", body=instance.body or "",
        num_media=int(instance.num_media or 0),
        messaging_service_sid=instance.messaging_service_sid,
        error_code=int(instance.error_code) if instance.error_code is not None else None,
        error_message=instance.error_message, date_sent=_naive(instance.date_sent),
        date_updated=_naive(instance.date_updated),
    )


def list_history(gateway: TwilioGateway, *, sent_after: datetime, to: str | None = None,
                 from_: str | None = None, page_size: int = PAGE_SIZE) -> Iterator[HistoryMessage]:
    """Messages sent (or received) on or after `sent_after` (naive = UTC), newest first, to
    and/or from a number ("+E164" or "whatsapp:+E164"), `page_size` per request. Raises
    GatewayError (with `.result`) when Twilio cannot be read."""
    since = sent_after.replace(tzinfo=UTC) if sent_after.tzinfo is None else sent_after
    kwargs: dict[str, Any] = {"date_sent_after": since, "page_size": min(page_size, PAGE_SIZE)}
    if to:
        kwargs["to"] = whatsapp_address(to)
    if from_:
        kwargs["from_"] = whatsapp_address(from_)
    messages = gateway.client.api.v2010.accounts(gateway.credentials.account_sid).messages
    try:
        for instance in messages.stream(**kwargs):
            yield _record(instance)
    except GeneratorExit:
        raise
    except Exception as exc:
        raise GatewayError(classify_exception(exc)) from exc


def list_media(gateway: TwilioGateway, message_sid: str) -> list[tuple[str, str]]:
    """An incoming message's media as the webhook gives them (MediaUrl{i}, MediaContentType{i}):
    (URL on Twilio's API host, content type), from `GET …/Messages/{sid}/Media.json`. Raises
    GatewayError (with `.result`) when Twilio cannot be read."""
    messages = gateway.client.api.v2010.accounts(gateway.credentials.account_sid).messages
    base = gateway.base_url.rstrip("/")
    try:
        return [(base + (item.uri or "").removesuffix(".json"), item.content_type or "")
                for item in messages(message_sid).media.list()]
    except Exception as exc:
        raise GatewayError(classify_exception(exc)) from exc
