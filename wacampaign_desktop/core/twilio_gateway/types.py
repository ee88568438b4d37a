"""Value objects of the Twilio gateway contract (see docs/architecture.md, "Twilio gateway")."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class TwilioCredentials:
    """Who to talk to: an account, its auth token, and the API base URL (None = real Twilio)."""

    account_sid: str
    auth_token: str = field(repr=False)
    base_url: str | None = None  # e.g. the sandbox's "http://127.0.0.1:PORT"; None = api.twilio.com


@dataclass(frozen=True)
class SendRequest:
    """One WhatsApp message: `to` is "+E164"; `sender` is "whatsapp:+…" or a Messaging Service "MG…"."""

    to: str
    sender: str
    body: str | None = None
    media_urls: tuple[str, ...] = ()
    content_sid: str | None = None
    content_variables: dict[str, str] | None = None
    status_callback: str | None = None


@dataclass(frozen=True)
class SendResult:
    """What happened to one send; `hint` is a plain-language next step for the user."""

    success: bool
    sid: str | None
    status: str | None
    error_code: int | None
    error_message: str | None
    retryable: bool
    retry_after: float | None
    http_status: int | None
    hint: str
    opt_out: bool


@dataclass(frozen=True)
class MessageInfo:
    """A message as Twilio reports it now (fetch / list)."""

    sid: str
    status: str
    to: str
    from_: str
    error_code: int | None
    error_message: str | None
    date_created: datetime | None
    date_sent: datetime | None


@dataclass(frozen=True)
class CheckResult:
    ok: bool
    message: str


@dataclass(frozen=True)
class ErrorExplanation:
    code: int | None
    title: str
    explanation: str
    hint: str
    retryable: bool


class GatewayError(Exception):
    """A fetch/list/check that failed; `.result` classifies the failure like a send."""

    def __init__(self, result: SendResult) -> None:
        super().__init__(result.error_message or "Twilio request failed")
        self.result = result
