"""The one search rule of the tables: what the user types becomes a peewee condition.

Text that looks like a phone number (digits with spaces, '+', '-', '.', '(' or ')') matches
those digits anywhere in the stored number, so "06 12" finds "+33612…". Anything else matches
a part of the name or of the number.
"""

from __future__ import annotations

import peewee

_PHONE_PUNCTUATION = " +-.()"


def looks_like_phone(text: str) -> bool:
    """True if `text` is only digits and phone punctuation, with at least one digit."""
    return any(ch.isdigit() for ch in text) and all(
        ch.isdigit() or ch in _PHONE_PUNCTUATION for ch in text)


def search_condition(text: str, phone_field: peewee.Field,
                     name_field: peewee.Field | None = None) -> peewee.Expression | None:
    """Condition matching `text` on the given fields, or None when `text` is blank."""
    text = text.strip()
    if not text:
        return None
    if looks_like_phone(text):
        return phone_field.contains("".join(ch for ch in text if ch.isdigit()))
    if name_field is None:
        return phone_field.contains(text)
    return name_field.contains(text) | phone_field.contains(text)
