"""Reading incoming WhatsApp messages: the sender's phone, and whether the text is an opt-out
(STOP…) or opt-in (START…) keyword on its own."""

from __future__ import annotations

import unicodedata

import phonenumbers

# Twilio's standard and advanced opt-out words, plus the French ARRET/ARRÊT.
STOP_WORDS = frozenset(
    {"STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT", "ARRET"}
)
START_WORDS = frozenset({"START", "UNSTOP", "YES"})


def keyword(body: str | None) -> str:
    """The message as one keyword: spaces removed, upper case, accents and end punctuation dropped."""
    text = "".join((body or "").split()).rstrip(".!;")
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch)).upper()


def opt_change(body: str | None, opt_out_type: str | None = None) -> bool | None:
    """True = opt out, False = opt back in, None = an ordinary message."""
    kind = (opt_out_type or "").strip().upper()
    if kind == "STOP":
        return True
    if kind == "START":
        return False
    word = keyword(body)
    if word in STOP_WORDS:
        return True
    if word in START_WORDS:
        return False
    return None


def valid_phone(phone: str | None) -> bool:
    """Is `phone` ("+…") a possible phone number (not empty, not words)?"""
    if not phone or not phone.startswith("+"):
        return False
    try:
        return phonenumbers.is_possible_number(phonenumbers.parse(phone, None))
    except phonenumbers.NumberParseException:
        return False


def phone_from_address(address: str | None) -> str:
    """"whatsapp:+33612345678" → "+33612345678" (E.164 when it parses; the digits otherwise)."""
    raw = (address or "").strip()
    if ":" in raw:
        raw = raw.split(":", 1)[1]
    raw = raw.strip()
    if raw and not raw.startswith("+"):
        raw = "+" + raw
    try:
        number = phonenumbers.parse(raw, None)
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    except phonenumbers.NumberParseException:
        return raw
