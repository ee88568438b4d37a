"""WebhookEvent rows as a lazy table model: newest first, keyset pages on id, filtered by kind,
outcome and text; new events are inserted at the top as the bridge reports them."""

from __future__ import annotations

import json
import logging
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from wacampaign_desktop.core.services.activity import ActivityQueries, WebhookFilter, WebhookLogRow
from wacampaign_desktop.gui.models.labels import local_time, status_label
from wacampaign_desktop.gui.models.paged import KeysetPagedModel
from wacampaign_desktop.gui.models.phone_text import display_phone
from wacampaign_desktop.gui.models.table_time import table_time
from wacampaign_desktop.gui.resources import status_color

log = logging.getLogger(__name__)

PAGE_SIZE = 300
MAX_ROWS = 5000  # rows kept while new events stream in at the top
_Index = QModelIndex | QPersistentModelIndex


_CTX = "WebhookEventsModel"
KIND_LABELS = {
    "status": QT_TRANSLATE_NOOP("WebhookEventsModel", "Status callback"),
    "incoming": QT_TRANSLATE_NOOP("WebhookEventsModel", "Incoming message"),
    "unknown": QT_TRANSLATE_NOOP("WebhookEventsModel", "Unknown request"),
    "routes": QT_TRANSLATE_NOOP("WebhookEventsModel", "Twilio webhook settings"),  # Apply to Twilio
    "catch_up": QT_TRANSLATE_NOOP("WebhookEventsModel", "Caught up from Twilio"),  # catch-up run
}
OUTCOME_LABELS = {
    "applied": QT_TRANSLATE_NOOP("WebhookEventsModel", "Applied"),
    "duplicate": QT_TRANSLATE_NOOP("WebhookEventsModel", "Duplicate (ignored)"),
    "ignored": QT_TRANSLATE_NOOP("WebhookEventsModel", "Ignored"),
    "pending": QT_TRANSLATE_NOOP("WebhookEventsModel", "Waiting for its message"),
    "rejected": QT_TRANSLATE_NOOP("WebhookEventsModel", "Rejected (bad signature)"),
    "received": QT_TRANSLATE_NOOP("WebhookEventsModel", "Received"),
    "opted_out": QT_TRANSLATE_NOOP("WebhookEventsModel", "Opted out (STOP)"),
    "opted_in": QT_TRANSLATE_NOOP("WebhookEventsModel", "Opted back in"),
    "unknown_status": QT_TRANSLATE_NOOP("WebhookEventsModel", "Unknown status"),
    "invalid": QT_TRANSLATE_NOOP("WebhookEventsModel", "Invalid request"),
    "not_found": QT_TRANSLATE_NOOP("WebhookEventsModel", "Message not found"),
    "failed": QT_TRANSLATE_NOOP("WebhookEventsModel", "Failed"),
    "caught_up": QT_TRANSLATE_NOOP("WebhookEventsModel", "Missed messages recovered"),
}


def kind_label(kind: str) -> str:
    return QCoreApplication.translate(_CTX, KIND_LABELS[kind]) if kind in KIND_LABELS else kind


def outcome_label(outcome: str) -> str:
    if outcome in OUTCOME_LABELS:
        return QCoreApplication.translate(_CTX, OUTCOME_LABELS[outcome])
    return outcome


class WebhookEventsModel(KeysetPagedModel):
    HEADERS = (
        QT_TRANSLATE_NOOP("WebhookEventsModel", "Received"),
        QT_TRANSLATE_NOOP("WebhookEventsModel", "Kind"),
        QT_TRANSLATE_NOOP("WebhookEventsModel", "Message SID"),
        QT_TRANSLATE_NOOP("WebhookEventsModel", "Status"),
        QT_TRANSLATE_NOOP("WebhookEventsModel", "Outcome"),
        QT_TRANSLATE_NOOP("WebhookEventsModel", "Signature"),
        QT_TRANSLATE_NOOP("WebhookEventsModel", "Phone"),
    )

    def __init__(self, parent: Any = None, page_size: int = PAGE_SIZE, *,
                 queries: ActivityQueries | None = None) -> None:
        super().__init__(parent, page_size)
        self._queries = queries or ActivityQueries()
        self._filter = WebhookFilter()
        self._newest_id = 0

    # -- filtering ------------------------------------------------------------------------------
    def set_filter(self, kind: str = "", outcome: str = "", search: str = "") -> None:
        self._filter = WebhookFilter(kind, outcome, search.strip())
        self.reload()

    @property
    def current_filter(self) -> WebhookFilter:
        return self._filter

    def reload(self) -> None:
        self._newest_id = self._queries.newest_webhook_id()
        super().reload()

    def next_page(self, last_row: WebhookLogRow | None, size: int) -> list[WebhookLogRow]:
        below = last_row.id if last_row is not None else self._newest_id + 1
        return self._queries.webhook_page(self._filter, below, size)

    def add_new(self) -> int:
        """Insert events newer than the newest shown (matching the filter) at the top."""
        newest = self._queries.newest_webhook_id()
        if newest <= self._newest_id:
            return 0
        if newest - self._newest_id > self._page_size:  # a burst: start again from the top
            self.reload()
            return len(self._rows)
        fresh = self._queries.webhooks_since(self._filter, self._newest_id, self._page_size)
        self._newest_id = newest
        if fresh:
            self.beginInsertRows(QModelIndex(), 0, len(fresh) - 1)
            self._rows[:0] = fresh
            self.endInsertRows()
        if len(self._rows) > MAX_ROWS:  # keep memory bounded; older rows come back by scrolling
            self.beginRemoveRows(QModelIndex(), MAX_ROWS, len(self._rows) - 1)
            del self._rows[MAX_ROWS:]
            self.endRemoveRows()
            self._more = True
        return len(fresh)

    def event_at(self, row: int) -> WebhookLogRow | None:
        return self.row_object(row)

    # -- Qt model ---------------------------------------------------------------------------------
    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        event = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._texts(event, compact=True)[column]
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == 5 and not event.signature_valid:
                return status_color("error")
            if column == 4 and event.outcome == "rejected":
                return status_color("error")
        if role == Qt.ItemDataRole.ToolTipRole:  # the whole text of a cell too narrow for it
            text = self._texts(event, compact=False)[column]
            if column == 4 and event.outcome and text != event.outcome:
                text = f"{text} ({event.outcome})"
            return text or None
        return None

    @staticmethod
    def _texts(event: WebhookLogRow, compact: bool) -> tuple[str, ...]:
        """The row's cells: the time compact in the table, whole in tooltips; the phone in
        international format."""
        signature = (QCoreApplication.translate("WebhookEventsModel", "Valid")
                     if event.signature_valid
                     else QCoreApplication.translate("WebhookEventsModel", "Invalid"))
        status = status_label(event.status) if event.status else ""
        if event.status in ("received", "receiving"):
            status = QCoreApplication.translate("WebhookEventsModel", "Received")
        when = table_time(event.received_at) if compact else local_time(event.received_at, short=False)
        return (when, kind_label(event.kind), event.sid or "", status, outcome_label(event.outcome),
                signature, display_phone(event.phone))

    def detail(self, row: int) -> str:
        event = self.event_at(row)
        if event is None:
            return ""
        return json.dumps(self._queries.webhook_params(event), indent=2, ensure_ascii=False, sort_keys=True)
