"""Translated, human words for message statuses, campaign states and counters, plus small
formatting helpers (local times, percentages, error explanations) shared by the views."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from functools import lru_cache

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale

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
        "canceled": QCoreApplication.translate("Labels", "Canceled"),
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
        "cancelled": QCoreApplication.translate("Labels", "Cancelled"),
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
        "canceled": QCoreApplication.translate("Labels", "Canceled"),
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
    locale = QLocale()
    if short and stamp.date() == today:
        return locale.toString(stamp.time(), QLocale.FormatType.ShortFormat)
    return locale.toString(stamp, QLocale.FormatType.ShortFormat)


def attempted(counters: dict[str, int]) -> int:
    """Messages that left for Twilio and got an answer: sent (⊇ delivered ⊇ read) + failures."""
    return counters.get("sent", 0) + counters.get("failed", 0) + counters.get("undelivered", 0)


def percent(part: int, whole: int) -> str:
    if whole <= 0:
        return "–"
    return QLocale().toString(100.0 * part / whole, "f", 1) + " %"


@lru_cache(maxsize=256)
def error_explanation(code: int | None) -> tuple[str, str, str]:
    """(title, explanation, hint) for a Twilio error code, from twilio_gateway.explain_error
    when that module is available; a neutral text otherwise."""
    if code is None:
        return ("", "", "")
    try:
        from wacampaign_desktop.core.twilio_gateway import explain_error

        info = explain_error(code)
        return (str(info.title or ""), str(info.explanation or ""), str(info.hint or ""))
    except Exception:  # the gateway module may not be there yet, or may not know the code
        log.debug("No explanation for error %s", code, exc_info=True)
        return (QCoreApplication.translate("Labels", "Twilio error"),
                QCoreApplication.translate("Labels", "Twilio reported error code %1.").replace(
                    "%1", str(code)), "")
