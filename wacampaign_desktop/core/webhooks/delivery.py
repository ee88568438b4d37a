"""One webhook request as received (`Delivery`) and the checks on its fields: numbers that fit a
64-bit column, a sender that is a phone number."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from wacampaign_desktop.core import status_rules as rules
from wacampaign_desktop.core.webhooks.optout import phone_from_address, valid_phone

INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1


def int_field(value: str | None) -> int | None:
    """A whole number that fits a 64-bit column, or None (empty, not a number, too large)."""
    if value is None:
        return None
    text = value.strip()
    if not text or len(text) > 20:
        return None
    try:
        number = int(text)
    except ValueError:
        return None
    return number if INT64_MIN <= number <= INT64_MAX else None


@dataclass
class Delivery:
    """One webhook request as received: its form fields and a few headers."""

    kind: str  # "status" | "incoming"
    params: dict[str, str]
    remote_addr: str = ""
    idempotency_token: str | None = None
    signature_valid: bool = True
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def sid(self) -> str:
        return self.params.get("MessageSid") or self.params.get("SmsSid") or ""

    @property
    def status(self) -> str:
        return rules.normalize(self.params.get("MessageStatus") or self.params.get("SmsStatus"))

    @property
    def error_code(self) -> int | None:
        """Twilio's ErrorCode, or None when absent or unusable (the raw text stays in the log)."""
        return int_field(self.params.get("ErrorCode"))

    @property
    def error_message(self) -> str | None:
        return self.params.get("ChannelStatusMessage") or self.params.get("ErrorMessage")

    @property
    def sender_phone(self) -> str | None:
        """The sender's E.164 phone for an incoming message; None when `From` is not a phone."""
        phone = phone_from_address(self.params.get("From"))
        return phone if valid_phone(phone) else None
