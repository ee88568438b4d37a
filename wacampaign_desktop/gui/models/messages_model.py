"""The messages of one campaign as a lazy Qt table model on the shared KeysetPagedModel.

Pages come from core/services/queries.py (keyset pagination on (sort key, id), so page N costs
the same as page 1 on a 100,000-message campaign), sorted, filtered by status group and
phone/name search in SQL; loaded rows are updated in place by message id from the bridge's
MessageStatusChanged events, without a query.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, QObject, QPersistentModelIndex, Qt

from wacampaign_desktop.core.events import MessageStatusChanged
from wacampaign_desktop.core.services.queries import (
    STATUS_GROUPS,
    MessageFilter,
    MessageRow,
    Queries,
)
from wacampaign_desktop.gui.models.labels import error_explanation, local_time, status_label
from wacampaign_desktop.gui.models.paged import KeysetPagedModel
from wacampaign_desktop.gui.models.phone_text import display_phone
from wacampaign_desktop.gui.models.table_time import table_time
from wacampaign_desktop.gui.resources import status_color

log = logging.getLogger(__name__)

__all__ = ["ID_ROLE", "PAGE_SIZE", "STATUS_GROUPS", "STATUS_ROLE", "MessageRow",
           "MessagesTableModel"]

PAGE_SIZE = 500
ID_ROLE = Qt.ItemDataRole.UserRole + 1
STATUS_ROLE = Qt.ItemDataRole.UserRole + 2
QT_RANGE_CELLS = 200  # a dataChanged range of more cells repaints the whole table (Qt 6)
MAX_RUNS = 64  # more runs than this: one range (one repaint beats many signals)

_STAMP_FOR = {"sent": "sent_at", "delivered": "delivered_at", "read": "read_at"}
_Index = QModelIndex | QPersistentModelIndex


class MessagesTableModel(KeysetPagedModel):
    COLUMNS: tuple[str, ...] = ("phone", "name", "status", "variant", "error", "sent_at",
                                "delivered_at", "read_at", "replied_at")
    HEADERS = (
        QT_TRANSLATE_NOOP("MessagesTableModel", "Phone"),
        QT_TRANSLATE_NOOP("MessagesTableModel", "Contact"),
        QT_TRANSLATE_NOOP("MessagesTableModel", "Status"),
        QT_TRANSLATE_NOOP("MessagesTableModel", "Version"),
        QT_TRANSLATE_NOOP("MessagesTableModel", "Error"),
        QT_TRANSLATE_NOOP("MessagesTableModel", "Sent"),
        QT_TRANSLATE_NOOP("MessagesTableModel", "Delivered"),
        QT_TRANSLATE_NOOP("MessagesTableModel", "Read"),
        QT_TRANSLATE_NOOP("MessagesTableModel", "Replied"),
    )

    def __init__(self, campaign_id: int | None = None, page_size: int = PAGE_SIZE,
                 parent: QObject | None = None, *, queries: Queries | None = None) -> None:
        super().__init__(parent, page_size)
        self._queries = queries or Queries()
        self._campaign_id = campaign_id
        self._row_of: dict[int, int] = {}
        self._sort_column = -1  # -1: insertion order (id)
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._group = "all"
        self._search = ""
        self._has_variants = self._queries.campaign_has_variants(campaign_id)
        self._more = self.has_source()
        if self._more:
            self.fetchMore(QModelIndex())

    # -- configuration -------------------------------------------------------------------
    @property
    def campaign_id(self) -> int | None:
        return self._campaign_id

    def set_campaign(self, campaign_id: int | None, *, clear_filter: bool = False) -> None:
        """Show `campaign_id`'s messages; `clear_filter` also drops the status filter and the
        search (another campaign: its table must not start empty behind an old filter)."""
        self._campaign_id = campaign_id
        self._has_variants = self._queries.campaign_has_variants(campaign_id)
        if clear_filter:
            self._group, self._search = "all", ""
        self.reload()

    @property
    def has_variants(self) -> bool:
        """The campaign is an A/B test: the table shows the "variant" column (hidden otherwise)."""
        return self._has_variants

    @property
    def status_group(self) -> str:
        return self._group

    @property
    def search_text(self) -> str:
        return self._search

    def is_filtered(self) -> bool:
        return self._group != "all" or bool(self._search)

    def set_status_group(self, group: str) -> None:
        if group not in STATUS_GROUPS:
            raise ValueError(f"unknown status group {group!r}")
        if group != self._group:
            self._group = group
            self.reload()

    def set_search(self, text: str) -> None:
        text = text.strip()
        if text != self._search:
            self._search = text
            self.reload()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if column == self._sort_column and order == self._sort_order and self._rows:
            return
        self._sort_column, self._sort_order = column, order
        self.layoutAboutToBeChanged.emit()
        self.reload()
        self.layoutChanged.emit()

    # -- paging (KeysetPagedModel) ---------------------------------------------------------
    def has_source(self) -> bool:
        return self._campaign_id is not None

    def filter(self) -> MessageFilter | None:
        """The current filter and order as the queries service takes it."""
        if self._campaign_id is None:
            return None
        sort = self.COLUMNS[self._sort_column] if self._sort_column >= 0 else "id"
        descending = self._sort_order == Qt.SortOrder.DescendingOrder and self._sort_column >= 0
        return MessageFilter(self._campaign_id, self._group, self._search, sort, descending)

    def next_page(self, last_row: MessageRow | None, size: int) -> list[MessageRow]:
        where = self.filter()
        return [] if where is None else self._queries.message_page(where, last_row, size)

    def _rows_reset(self) -> None:
        self._row_of = {}

    def _rows_added(self, first: int, rows: list[Any]) -> None:
        for offset, row in enumerate(rows):
            self._row_of[row.id] = first + offset

    # -- Qt model API ----------------------------------------------------------------------
    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row = self._rows[index.row()]
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == ID_ROLE:
            return row.id
        if role == STATUS_ROLE:
            return row.status
        if role == Qt.ItemDataRole.ForegroundRole and column in ("status", "error"):
            return status_color(row.status)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        return None

    def _tooltip(self, row: MessageRow, column: str) -> str | None:
        """The whole text of a cell that may be elided (name, error explained, full date)."""
        if column in ("status", "error") and row.error_code:
            title, explanation, hint = error_explanation(row.error_code)
            return "\n".join(part for part in (f"{row.error_code} · {title}", explanation, hint) if part)
        if column == "name":
            return row.name or None
        if column.endswith("_at"):
            return local_time(getattr(row, column), short=False) or None
        return None

    @staticmethod
    def _display(row: MessageRow, column: str) -> str:
        if column == "phone":
            return display_phone(row.phone)
        if column == "name":
            return row.name
        if column == "status":
            return status_label(row.status)
        if column == "variant":
            return row.variant or ""
        if column == "error":
            if not row.error_code:
                return ""
            title = error_explanation(row.error_code)[0]
            return f"{row.error_code} · {title}" if title else str(row.error_code)
        return table_time(getattr(row, column))

    # -- live updates --------------------------------------------------------------------------
    def apply_changes(self, events: Iterable[MessageStatusChanged]) -> int:
        """Update loaded rows in memory from MessageStatusChanged events (no query: a storm of
        callbacks costs the GUI thread almost nothing). Times come from the event; the exact
        stored row is re-read for the detail pane (`refresh_rows`). Returns rows changed.
        Rows that no longer match the status filter stay until the next reload."""
        changed: list[int] = []
        for event in events:
            if event.campaign_id != self._campaign_id:
                continue
            position = self._row_of.get(event.message_id)
            if position is None:
                continue
            row = self._rows[position]
            row.status = event.new_status
            if event.error_code is not None:
                row.error_code = event.error_code
            at = event.at.replace(tzinfo=None) if event.at.tzinfo else event.at
            stamp = _STAMP_FOR.get(event.new_status)
            if stamp and getattr(row, stamp) is None:
                setattr(row, stamp, at)
            if event.new_status in ("delivered", "read") and row.sent_at is None:
                row.sent_at = at
            if event.new_status == "read" and row.delivered_at is None:
                row.delivered_at = at
            if event.sid and not row.sid:
                row.sid = event.sid
            changed.append(position)
        self._emit_rows_changed(changed)
        return len(changed)

    def _emit_rows_changed(self, positions: list[int]) -> None:
        """dataChanged for each run of neighbouring rows, at most QT_RANGE_CELLS cells a signal:
        Qt's table repaints only the visible part of a short range but the whole viewport for a
        long one, so a storm of changes off screen costs no repaint at all. Scattered changes
        (sorted by phone…) fall back to one range."""
        if not positions:
            return
        run_rows = max(1, QT_RANGE_CELLS // len(self.COLUMNS))
        rows = sorted(set(positions))
        runs: list[tuple[int, int]] = []
        first = last = rows[0]
        for row in rows[1:]:
            if row == last + 1 and row - first < run_rows:
                last = row
                continue
            runs.append((first, last))
            first = last = row
        runs.append((first, last))
        if len(runs) > MAX_RUNS:
            runs = [(rows[0], rows[-1])]
        right = len(self.COLUMNS) - 1
        for top, bottom in runs:
            self.dataChanged.emit(self.index(top, 0), self.index(bottom, right))

    def refresh_rows(self, ids: Sequence[int]) -> int:
        """Re-read these loaded rows (the detail pane shows the exact stored row)."""
        if self._campaign_id is None:
            return 0
        return self.apply_rows(self._campaign_id, self._queries.messages_by_id(self._campaign_id, ids))

    def apply_rows(self, campaign_id: int, rows: Sequence[MessageRow]) -> int:
        """H3: put rows read elsewhere (a worker) in place of the loaded ones with their ids."""
        if campaign_id != self._campaign_id:
            return 0
        changed: list[int] = []
        for row in rows:
            position = self._row_of.get(row.id)
            if position is None:
                continue
            row.key = self._rows[position].key  # keep the page boundary stable
            self._rows[position] = row
            changed.append(position)
        if changed:
            self.dataChanged.emit(self.index(min(changed), 0),
                                  self.index(max(changed), len(self.COLUMNS) - 1))
        return len(changed)

    def notice_total(self, total: int) -> None:
        """Counters say the campaign has `total` messages: fetch what appeared since (new rows
        only show up at the end when sorted by insertion order; otherwise on reload)."""
        if self._campaign_id is None or self._more:
            return
        if self._group == "all" and not self._search and total > len(self._rows):
            self._more = True
            if len(self._rows) < self._page_size or self._sort_column < 0:
                self.fetchMore(QModelIndex())

    def row_at(self, position: int) -> MessageRow | None:
        return self.row_object(position)

    def row_of_id(self, message_id: int) -> int | None:
        return self._row_of.get(message_id)
