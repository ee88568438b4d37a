"""Compact local times for table cells, in the interface's locale: the time alone today, the
date without its year this year ("11/28 1:06 AM", "28/11 01:06"), the locale's full short date
and time otherwise. The whole date and time go in the cell's tooltip (labels.local_time)."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from functools import lru_cache

from PySide6.QtCore import QDateTime, QLocale

from wacampaign_desktop.gui.models.labels import local_time, ui_locale

_YEAR = re.compile(r"[^dM]*y+[^dM]*")


@lru_cache(maxsize=16)
def _date_without_year(date_format: str) -> str:
    """"M/d/yy" → "M/d", "dd/MM/yyyy" → "dd/MM", "yyyy-MM-dd" → "MM-dd"."""
    stripped = _YEAR.sub(lambda m: "" if m.start() == 0 or m.end() == len(date_format)
                         else m.group(0)[:1], date_format)
    return stripped.strip(" ,.-/") or date_format


def table_time(value: datetime | None, now: QDateTime | None = None) -> str:
    """A stored naive-UTC time as short as it can be read unambiguously ('' when None)."""
    if value is None:
        return ""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    stamp = QDateTime.fromSecsSinceEpoch(int(value.timestamp())).toLocalTime()
    today = (now or QDateTime.currentDateTime()).date()
    locale = ui_locale()
    time_text = locale.toString(stamp.time(), QLocale.FormatType.ShortFormat)
    if stamp.date() == today:
        return time_text
    if stamp.date().year() == today.year():
        day = locale.toString(stamp.date(), _date_without_year(
            locale.dateFormat(QLocale.FormatType.ShortFormat)))
        return f"{day} {time_text}"
    return local_time(value, short=False)
