"""The messages of one campaign as a lazy Qt table model.

Rows are fetched in pages (keyset pagination on (sort key, id), so page N costs the same as
page 1 on a 100,000-message campaign), sorted by SQL `ORDER BY`, filtered by status group and
phone/name search, and updated in place by message id when the bridge reports status changes.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import peewee
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from wacampaign_desktop.core import status_rules as rules
from wacampaign_desktop.core.store.models import CampaignMessage, Contact
from wacampaign_desktop.gui.models.labels import error_explanation, local_time, status_label
from wacampaign_desktop.gui.resources import status_color

log = logging.getLogger(__name__)

PAGE_SIZE = 500
ID_ROLE = Qt.ItemDataRole.UserRole + 1
STATUS_ROLE = Qt.ItemDataRole.UserRole + 2

# Status groups offered by the filter box: key -> statuses (None = all; "replied" is special).
STATUS_GROUPS: dict[str, tuple[str, ...] | None] = {
    "all": None,
    "pending": ("pending", "accepted", "scheduled", "queued", "sending"),
    "sent": ("sent",),
    "delivered": ("delivered",),
    "read": ("read",),
    "failed": ("failed", "undelivered"),
    "skipped": ("skipped", "canceled"),
    "replied": (),
}

_STATUS_RANK = peewee.Case(
    CampaignMessage.status,
    [(s, i) for i, s in enumerate((*rules.PROGRESS, "undelivered", "failed", "canceled", "skipped"))],
    99,
)


_STAMP_FOR = {"sent": "sent_at", "delivered": "delivered_at", "read": "read_at"}


@dataclass
class MessageRow:
    id: int
    phone: str
    name: str
    status: str
    error_code: int | None
    error_message: str | None
    sent_at: Any
    delivered_at: Any
    read_at: Any
    replied_at: Any
    sid: str | None
    body: str
    retry_count: int
    updated_at: Any
    key: Any  # raw value of the sort key (keyset pagination)


def _search_condition(text: str) -> peewee.Expression:
    """Phone digits anywhere in the number (spaces, dots and dashes ignored), or a name part."""
    digits = "".join(ch for ch in text if ch.isdigit())
    looks_like_phone = digits and all(ch.isdigit() or ch in " +-.()" for ch in text)
    if looks_like_phone:
        return CampaignMessage.phone.contains(digits)
    return Contact.name.contains(text) | CampaignMessage.phone.contains(text)


class MessagesTableModel(QAbstractTableModel):
    COLUMNS: tuple[str, ...] = ("phone", "name", "status", "error", "sent_at", "delivered_at",
                                "read_at", "replied_at")

    def __init__(self, campaign_id: int | None = None, page_size: int = PAGE_SIZE,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._campaign_id = campaign_id
        self._page_size = page_size
        self._rows: list[MessageRow] = []
        self._row_of: dict[int, int] = {}
        self._more = campaign_id is not None
        self._sort_column = -1  # -1: insertion order (id)
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._group = "all"
        self._search = ""
        self.pages_fetched = 0
        if self._more:
            self.fetchMore(QModelIndex())

    # -- configuration -------------------------------------------------------------------
    @property
    def campaign_id(self) -> int | None:
        return self._campaign_id

    def set_campaign(self, campaign_id: int | None) -> None:
        self._campaign_id = campaign_id
        self.reload()

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

    def reload(self) -> None:
        """Drop loaded rows and fetch the first page again."""
        self.beginResetModel()
        self._rows, self._row_of = [], {}
        self._more = self._campaign_id is not None
        self.endResetModel()
        if self._more:
            self.fetchMore(QModelIndex())

    # -- Qt model API ----------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = (self.tr("Phone"), self.tr("Contact"), self.tr("Status"), self.tr("Error"),
                  self.tr("Sent"), self.tr("Delivered"), self.tr("Read"), self.tr("Replied"))
        return titles[section] if 0 <= section < len(titles) else None

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
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
        if role == Qt.ItemDataRole.ToolTipRole and column in ("status", "error") and row.error_code:
            title, explanation, hint = error_explanation(row.error_code)
            return "\n".join(part for part in (f"{row.error_code} · {title}", explanation, hint) if part)
        return None

    @staticmethod
    def _display(row: MessageRow, column: str) -> str:
        if column == "phone":
            return row.phone
        if column == "name":
            return row.name
        if column == "status":
            return status_label(row.status)
        if column == "error":
            if not row.error_code:
                return ""
            title = error_explanation(row.error_code)[0]
            return f"{row.error_code} · {title}" if title else str(row.error_code)
        return local_time(getattr(row, column))

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or not self._more or self._campaign_id is None:
            return
        last = self._rows[-1] if self._rows else None
        page = self._query(after=last).limit(self._page_size)
        rows = [self._to_row(r) for r in page.tuples()]
        self._more = len(rows) == self._page_size
        self.pages_fetched += 1
        if not rows:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
        for offset, row in enumerate(rows):
            self._row_of[row.id] = first + offset
        self._rows.extend(rows)
        self.endInsertRows()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if column == self._sort_column and order == self._sort_order and self._rows:
            return
        self._sort_column, self._sort_order = column, order
        self.layoutAboutToBeChanged.emit()
        self.reload()
        self.layoutChanged.emit()

    # -- live updates --------------------------------------------------------------------------
    def apply_changes(self, events: Iterable[Any]) -> int:
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
        if changed:
            self.dataChanged.emit(self.index(min(changed), 0),
                                  self.index(max(changed), len(self.COLUMNS) - 1))
        return len(changed)

    def refresh_rows(self, ids: Sequence[int]) -> int:
        changed: list[int] = []
        for start in range(0, len(ids), 900):  # SQLite parameter limit
            chunk = ids[start:start + 900]
            for raw in self._base_query().where(CampaignMessage.id.in_(chunk)).tuples():
                row = self._to_row(raw)
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
        return self._rows[position] if 0 <= position < len(self._rows) else None

    def row_of_id(self, message_id: int) -> int | None:
        return self._row_of.get(message_id)

    # -- SQL --------------------------------------------------------------------------------
    def _sort_key(self) -> peewee.Node:
        column = self.COLUMNS[self._sort_column] if self._sort_column >= 0 else "id"
        keys: dict[str, peewee.Node] = {
            "id": CampaignMessage.id,
            "phone": CampaignMessage.phone,
            "name": peewee.fn.COALESCE(Contact.name, "").coerce(False),
            "status": _STATUS_RANK,
            "error": peewee.fn.COALESCE(CampaignMessage.error_code, 0).coerce(False),
        }
        if column in keys:
            return keys[column]
        return peewee.fn.COALESCE(getattr(CampaignMessage, column), "").coerce(False)

    def _base_query(self) -> peewee.ModelSelect:
        return (
            CampaignMessage.select(
                CampaignMessage.id, CampaignMessage.phone, peewee.fn.COALESCE(Contact.name, ""),
                CampaignMessage.status, CampaignMessage.error_code, CampaignMessage.error_message,
                CampaignMessage.sent_at, CampaignMessage.delivered_at, CampaignMessage.read_at,
                CampaignMessage.replied_at, CampaignMessage.twilio_sid, CampaignMessage.message,
                CampaignMessage.retry_count, CampaignMessage.updated_at,
                self._sort_key().alias("sort_key"),
            )
            .join(Contact, peewee.JOIN.LEFT_OUTER, on=(CampaignMessage.contact == Contact.id))
            .where(CampaignMessage.campaign == self._campaign_id)
        )

    def _query(self, after: MessageRow | None) -> peewee.ModelSelect:
        query = self._base_query()
        statuses = STATUS_GROUPS[self._group]
        if self._group == "replied":
            query = query.where(CampaignMessage.replied_at.is_null(False))
        elif statuses:
            query = query.where(CampaignMessage.status.in_(statuses))
        if self._search:
            query = query.where(_search_condition(self._search))
        key = self._sort_key()
        descending = self._sort_order == Qt.SortOrder.DescendingOrder and self._sort_column >= 0
        if after is not None:
            pair = peewee.Tuple(key, CampaignMessage.id)
            bound = peewee.Tuple(after.key, after.id)
            query = query.where(pair < bound if descending else pair > bound)
        if descending:
            return query.order_by(key.desc(), CampaignMessage.id.desc())
        return query.order_by(key, CampaignMessage.id)

    @staticmethod
    def _to_row(raw: tuple) -> MessageRow:
        return MessageRow(*raw)
