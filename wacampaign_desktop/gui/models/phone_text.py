"""Phone numbers as people read them: E.164 "+33612345678" shown in international format
"+33 6 12 34 56 78" (phonenumbers), with no-break spaces so a narrow cell or a wrapped line
never cuts a number in the middle. Cached: tables call it for every painted cell."""

from __future__ import annotations

from functools import lru_cache

import phonenumbers

NBSP = "\u00a0"


@lru_cache(maxsize=65_536)
def display_phone(e164: str | None) -> str:
    """International format with no-break spaces; the text unchanged when it does not parse."""
    text = (e164 or "").strip()
    if not text:
        return ""
    try:
        number = phonenumbers.parse(text, None)
    except phonenumbers.NumberParseException:
        return text
    if not phonenumbers.is_possible_number(number):
        return text
    formatted = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    return formatted.replace(" ", NBSP)
