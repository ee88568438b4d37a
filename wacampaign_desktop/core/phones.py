"""Phone numbers to E.164 through `phonenumbers`, with a plain-language reason when that fails.

WhatsApp addresses ("whatsapp:+33…") are accepted and stripped; numbers written without a
country code are read in `default_region` (an ISO 3166 code such as "FR").

Beyond yes/no: a refused number whose digits start with a country code carries the "+" form
(`PhoneCheck.suggestion`, "did you mean +33 6 12 34 56 78?"), and `landline_warning()` says
when an accepted number is a fixed line, which WhatsApp may not reach (a warning, not a refusal).
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
    # For a refused number whose digits start with a country code: the same digits with "+"
    # ("+33 6 12 34 56 78", international format), and whether that form is a valid number.
    suggestion: str = ""
    suggestion_valid: bool = False

    @property
    def ok(self) -> bool:
        return self.e164 is not None

    @property
    def advice(self) -> str:
        """English advice about the "+" form ('' when there is none)."""
        if not self.suggestion:
            return ""
        if self.suggestion_valid:
            return f"did you mean {self.suggestion}?"
        return f"{self.suggestion} is not a valid number either: check the digits"

    @property
    def message(self) -> str:
        """The reason and the advice in one English sentence (for the command line)."""
        return f"{self.reason}; {self.advice}" if self.advice else self.reason


LANDLINE_WARNING = "a landline (fixed-line) number: WhatsApp may not reach it"


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
        return _refused(text, _REASONS.get(exc.error_type, "not a phone number"))
    if not phonenumbers.is_possible_number(number):
        result = phonenumbers.is_possible_number_with_reason(number)
        why = {
            phonenumbers.ValidationResult.TOO_SHORT: "too short",
            phonenumbers.ValidationResult.TOO_LONG: "too long",
            phonenumbers.ValidationResult.INVALID_COUNTRY_CODE: "unknown country code",
        }.get(result, "wrong length for its country")
        return _refused(text, why)
    if not phonenumbers.is_valid_number(number):
        country = phonenumbers.region_code_for_number(number) or f"+{number.country_code}"
        return _refused(text, f"not a valid number for {country}")
    return PhoneCheck(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))


def _refused(text: str, why: str) -> PhoneCheck:
    """A refusal; when `text` has no "+" but its digits start with a country code, the "+" form
    too (only refused numbers pay for this second parse)."""
    digits = "".join(ch for ch in text if ch.isdigit())
    if text.startswith("+") or len(digits) < 8:
        return PhoneCheck(None, f"{text!r}: {why}")
    try:
        number = phonenumbers.parse("+" + digits, None)
    except phonenumbers.NumberParseException:
        return PhoneCheck(None, f"{text!r}: {why}")
    if not phonenumbers.is_possible_number(number):
        return PhoneCheck(None, f"{text!r}: {why}")
    return PhoneCheck(None, f"{text!r}: {why}",
                      phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL),
                      phonenumbers.is_valid_number(number))


@functools.lru_cache(maxsize=65_536)
def is_landline(e164: str | None) -> bool:
    """True when `e164` is a fixed-line number (not "fixed line or mobile", as in the US)."""
    if not e164:
        return False
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.number_type(number) == phonenumbers.PhoneNumberType.FIXED_LINE


def landline_warning(e164: str | None) -> str:
    """LANDLINE_WARNING for a fixed-line number, else '' (a warning: the number is still kept)."""
    return LANDLINE_WARNING if is_landline(e164) else ""


def to_e164(raw: str | None, default_region: str = "FR") -> str:
    """Like `check_phone` but raises InvalidPhone with the reason."""
    result = check_phone(raw, default_region)
    if result.e164 is None:
        raise InvalidPhone(result.reason)
    return result.e164


def whatsapp_address(e164: str) -> str:
    return e164 if e164.startswith("whatsapp:") else f"whatsapp:{e164}"
