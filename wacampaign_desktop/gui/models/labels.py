"""Translated, human words for message statuses, campaign states and counters, plus small
formatting helpers (local times, percentages, error explanations) shared by the views."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from functools import lru_cache

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale

from wacampaign_desktop.core.phones import PhoneCheck, is_landline

log = logging.getLogger(__name__)


def status_label(status: str) -> str:
    """The word a user sees for a message status."""
    labels = {
        "pending": QCoreApplication.translate("Labels", "Waiting"),
        "accepted": QCoreApplication.translate("Labels", "Accepted"),
        "scheduled": QCoreApplication.translate("Labels", "Scheduled"),
        "queued": QCoreApplication.translate("Labels", "Queued"),
        "sending": QCoreApplication.translate("Labels", "Sending"),
        "sent": QCoreApplication.translate("Labels", "Sent"),
        "delivered": QCoreApplication.translate("Labels", "Delivered"),
        "read": QCoreApplication.translate("Labels", "Read"),
        "failed": QCoreApplication.translate("Labels", "Failed"),
        "undelivered": QCoreApplication.translate("Labels", "Undelivered"),
        "canceled": QCoreApplication.translate("Labels", "Cancelled", "message status"),
        "skipped": QCoreApplication.translate("Labels", "Skipped"),
    }
    return labels.get(status, status)


def state_label(state: str) -> str:
    """The word a user sees for a campaign state."""
    labels = {
        "draft": QCoreApplication.translate("Labels", "Draft"),
        "scheduled": QCoreApplication.translate("Labels", "Scheduled"),
        "sending": QCoreApplication.translate("Labels", "Sending"),
        "paused": QCoreApplication.translate("Labels", "Paused"),
        "completed": QCoreApplication.translate("Labels", "Completed"),
        "cancelled": QCoreApplication.translate("Labels", "Cancelled", "campaign state"),
    }
    return labels.get(state, state)


def counter_label(name: str) -> str:
    labels = {
        "total": QCoreApplication.translate("Labels", "Total"),
        "pending": QCoreApplication.translate("Labels", "Waiting"),
        "sent": QCoreApplication.translate("Labels", "Sent"),
        "delivered": QCoreApplication.translate("Labels", "Delivered"),
        "read": QCoreApplication.translate("Labels", "Read"),
        "failed": QCoreApplication.translate("Labels", "Failed"),
        "undelivered": QCoreApplication.translate("Labels", "Undelivered"),
        "replied": QCoreApplication.translate("Labels", "Replied"),
        "skipped": QCoreApplication.translate("Labels", "Skipped"),
        "canceled": QCoreApplication.translate("Labels", "Cancelled", "message status"),
    }
    return labels.get(name, name)


def local_time(value: datetime | str | None, short: bool = True) -> str:
    """A stored naive-UTC timestamp shown in the user's time zone and locale ('' when None)."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return value
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    stamp = QDateTime.fromSecsSinceEpoch(int(value.timestamp())).toLocalTime()
    today = QDateTime.currentDateTime().date()
    locale = ui_locale()
    if short and stamp.date() == today:
        return locale.toString(stamp.time(), QLocale.FormatType.ShortFormat)
    return locale.toString(stamp, QLocale.FormatType.ShortFormat)


def attempted(counters: dict[str, int]) -> int:
    """Messages that left for Twilio and got an answer: sent (⊇ delivered ⊇ read) + failures."""
    return counters.get("sent", 0) + counters.get("failed", 0) + counters.get("undelivered", 0)


def percent(part: int, whole: int) -> str:
    """"87.5%" in English, "87,5 %" (narrow no-break space) in French."""
    if whole <= 0:
        return "–"
    locale = ui_locale()
    sign = "\u202f%" if locale.language() == QLocale.Language.French else "%"
    return locale.toString(100.0 * part / whole, "f", 1) + sign


def ui_locale() -> QLocale:
    """The locale for dates and numbers: the system's when it speaks the interface language
    (fr_CA, en_GB… keep their formats), else that language's own (never the bare "C" locale,
    whose dates read "28 11 2026")."""
    system = QLocale()
    wanted = QLocale.Language.French if interface_language() == "fr" else QLocale.Language.English
    return system if system.language() == wanted else QLocale(wanted)


def interface_language() -> str:
    """"fr" or "en": the language of the translation installed in the application (the French
    .qm translates this code), so core texts such as error explanations follow the interface."""
    code = QCoreApplication.translate("Labels", "en", "interface language code").strip().lower()
    return code if code in ("en", "fr") else "en"


def error_explanation(code: int | None) -> tuple[str, str, str]:
    """(title, explanation, hint) for a Twilio error code in the interface language, from
    twilio_gateway.explain_error; a neutral text when that fails."""
    if code is None:
        return ("", "", "")
    return _error_explanation(code, interface_language())


@lru_cache(maxsize=256)
def _error_explanation(code: int, language: str) -> tuple[str, str, str]:
    try:
        from wacampaign_desktop.core.twilio_gateway import explain_error

        info = explain_error(code, language)
        return (str(info.title or ""), str(info.explanation or ""), str(info.hint or ""))
    except Exception:  # the catalogue may be missing in a broken build
        log.debug("No explanation for error %s", code, exc_info=True)
        return (QCoreApplication.translate("Labels", "Twilio error"),
                QCoreApplication.translate("Labels", "Twilio reported error code %1.").replace(
                    "%1", str(code)), "")


def phone_advice_text(check: PhoneCheck) -> str:
    """The "+" advice of a refused number in the interface language ('' when there is none);
    the number is kept whole (no-break spaces), never wrapped mid-number."""
    if not check.suggestion:
        return ""
    number = check.suggestion.replace(" ", "\u00a0")
    if check.suggestion_valid:
        return QCoreApplication.translate("Labels", "did you mean %1?").replace("%1", number)
    return QCoreApplication.translate(
        "Labels", "%1 is not a valid number either: check the digits").replace("%1", number)


def landline_warning_text(e164: str | None) -> str:
    """A translated warning when `e164` is a landline, which WhatsApp may not reach; else ''."""
    if not is_landline(e164):
        return ""
    return QCoreApplication.translate(
        "Labels", "This looks like a landline (fixed-line) number: WhatsApp may not reach it. "
        "It is kept; ask the contact for a mobile number if messages fail.")
