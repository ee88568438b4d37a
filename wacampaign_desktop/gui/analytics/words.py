"""The Analytics view's words in the interface language: durations, the A/B verdict sentence
(from core.ab_stats.Comparison, the same data the CLI words in English), period names."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from wacampaign_desktop.core.ab_stats import Comparison
from wacampaign_desktop.gui.models.labels import percent, ui_locale


def _t(text: str) -> str:
    return QCoreApplication.translate("Analytics", text)


def duration_text(seconds: float | None) -> str:
    """"45 s", "3.5 min", "2.1 h" in the interface locale; "–" when unknown."""
    if seconds is None:
        return "–"
    locale = ui_locale()
    if seconds < 90:
        return QCoreApplication.translate("Analytics", "%1 s").replace(
            "%1", locale.toString(seconds, "f", 0 if seconds >= 10 else 1))
    if seconds < 90 * 60:
        return QCoreApplication.translate("Analytics", "%1 min").replace(
            "%1", locale.toString(seconds / 60, "f", 1))
    return QCoreApplication.translate("Analytics", "%1 h").replace(
        "%1", locale.toString(seconds / 3600, "f", 1))


def times_text(median: float | None, p90: float | None, count: int) -> str:
    if not count:
        return QCoreApplication.translate("Analytics", "no message yet")
    return (QCoreApplication.translate("Analytics", "median %1 · 90 % within %2")
            .replace("%1", duration_text(median)).replace("%2", duration_text(p90)))


def stage_name(stage: str) -> str:
    """A funnel stage or timeline series, as a column of figures names it (plural)."""
    names = {
        "sent": QCoreApplication.translate("Analytics", "Sent"),
        "delivered": QCoreApplication.translate("Analytics", "Delivered"),
        "read": QCoreApplication.translate("Analytics", "Read"),
        "replied": QCoreApplication.translate("Analytics", "Replied"),
        "failed": QCoreApplication.translate("Analytics", "Failed"),
    }
    return names.get(stage, stage)


def metric_words(metric: str) -> str:
    words = {
        "delivered": QCoreApplication.translate("Analytics", "delivery rate"),
        "read": QCoreApplication.translate("Analytics", "read rate"),
        "replied": QCoreApplication.translate("Analytics", "reply rate"),
    }
    return words.get(metric, metric)


def _rate(hits: int, trials: int) -> str:
    return percent(hits, trials)


def verdict_text(c: Comparison) -> str:
    """The verdict as one plain sentence."""
    what = metric_words(c.metric)
    lead, other = c.leader, c.other
    if c.verdict == "too_few":
        return QCoreApplication.translate(
            "Analytics", "Not enough messages in every variant yet to compare the %1.").replace(
            "%1", what)
    if c.verdict == "same":
        return (QCoreApplication.translate("Analytics", "%1 and %2 have the same %3 so far (%4).")
                .replace("%1", lead.name).replace("%2", other.name).replace("%3", what)
                .replace("%4", _rate(lead.hits, lead.trials)))
    if c.verdict == "too_close":
        text = QCoreApplication.translate(
            "Analytics", "%1's %2 (%3) and %4's (%5) are too close to call: the difference is "
            "likely chance.")
    elif c.verdict == "significant":
        text = QCoreApplication.translate(
            "Analytics", "%1's %2 (%3) is higher than %4's (%5); the difference is significant "
            "at 95 %.")
    elif c.more_needed:
        text = QCoreApplication.translate(
            "Analytics", "%1's %2 (%3) is higher than %4's (%5); not significant yet: about %6 "
            "more messages per variant would tell.")
        number = ui_locale().toString(c.more_needed)
        text = text.replace("%6", "".join("\u00a0" if ch.isspace() else ch for ch in number))
    else:
        text = QCoreApplication.translate(
            "Analytics", "%1's %2 (%3) is higher than %4's (%5); not significant yet.")
    return (text.replace("%1", lead.name).replace("%2", what)
            .replace("%3", _rate(lead.hits, lead.trials)).replace("%4", other.name)
            .replace("%5", _rate(other.hits, other.trials)))
