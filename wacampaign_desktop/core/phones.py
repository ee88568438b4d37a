"""Phone numbers to E.164 through `phonenumbers`, with a plain-language reason when that fails.

WhatsApp addresses ("whatsapp:+33…") are accepted and stripped; numbers written without a
country code are read in `default_region` (an ISO 3166 code such as "FR").
"""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass

import phonenumbers

log = logging.getLogger(__name__)


class InvalidPhone(ValueError):
    """The text is not a usable phone number; the message says why, for the user."""


@dataclass(frozen=True)
class PhoneCheck:
    e164: str | None
    reason: str = ""

    @property
    def ok(self) -> bool:
        return self.e164 is not None


_REASONS = {
    phonenumbers.NumberParseException.INVALID_COUNTRY_CODE:
        "no valid country code (write it as +33… or set the default region)",
    phonenumbers.NumberParseException.NOT_A_NUMBER: "not a phone number",
    phonenumbers.NumberParseException.TOO_SHORT_AFTER_IDD: "too short after the international prefix",
    phonenumbers.NumberParseException.TOO_SHORT_NSN: "too short",
    phonenumbers.NumberParseException.TOO_LONG: "too long",
}


@functools.lru_cache(maxsize=262_144)
def check_phone(raw: str | None, default_region: str = "FR") -> PhoneCheck:
    """E.164 form of `raw` ("+33612345678"), or None with the reason it was refused.

    Memoised (the answer is a frozen value): the campaign editor's dry run re-checks every
    recipient each time the audience changes, which is 100,000 parses for a large list."""
    text = (raw or "").strip()
    if text.lower().startswith("whatsapp:"):
        text = text[len("whatsapp:"):].strip()
    if not text:
        return PhoneCheck(None, "empty phone number")
    if text.startswith("00"):
        text = "+" + text[2:]
    region = (default_region or "").upper() or None
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException as exc:
        return PhoneCheck(None, f"{text!r}: {_REASONS.get(exc.error_type, 'not a phone number')}")
    if not phonenumbers.is_possible_number(number):
        result = phonenumbers.is_possible_number_with_reason(number)
        why = {
            phonenumbers.ValidationResult.TOO_SHORT: "too short",
            phonenumbers.ValidationResult.TOO_LONG: "too long",
            phonenumbers.ValidationResult.INVALID_COUNTRY_CODE: "unknown country code",
        }.get(result, "wrong length for its country")
        return PhoneCheck(None, f"{text!r}: {why}")
    if not phonenumbers.is_valid_number(number):
        country = phonenumbers.region_code_for_number(number) or f"+{number.country_code}"
        return PhoneCheck(None, f"{text!r}: not a valid number for {country}")
    return PhoneCheck(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))


def to_e164(raw: str | None, default_region: str = "FR") -> str:
    """Like `check_phone` but raises InvalidPhone with the reason."""
    result = check_phone(raw, default_region)
    if result.e164 is None:
        raise InvalidPhone(result.reason)
    return result.e164


def whatsapp_address(e164: str) -> str:
    return e164 if e164.startswith("whatsapp:") else f"whatsapp:{e164}"
