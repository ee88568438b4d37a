"""Base for tables that load rows lazily, a page at a time, by keyset (no OFFSET scans)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

_Index = QModelIndex | QPersistentModelIndex


class KeysetPagedModel(QAbstractTableModel):
    """Subclasses set HEADERS (QT_TRANSLATE_NOOP'd in their class name's context) and implement
    `next_page(last_row, size)`: the rows after `last_row` (None for the first page), in order,
    read through a core service. Optional hooks: `has_source()` (False: nothing to fetch, e.g.
    no campaign chosen), `_rows_reset()` and `_rows_added(first, rows)` to keep an index."""

    HEADERS: tuple[str, ...] = ()

    def __init__(self, parent: Any = None, page_size: int = 500) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []
        self._page_size = page_size
        self._more = True
        self.pages_fetched = 0  # pages read so far (tests check typing does not query per key)

    def next_page(self, last_row: Any | None, size: int) -> list[Any]:
        raise NotImplementedError

    def has_source(self) -> bool:
        return True

    def _rows_reset(self) -> None:
        """Hook: every row was dropped."""

    def _rows_added(self, first: int, rows: list[Any]) -> None:
        """Hook: `rows` were appended at position `first`."""

    def reload(self) -> None:
        """Drop loaded rows and fetch the first page again."""
        self.beginResetModel()
        self._rows, self._more = [], self.has_source()
        self._rows_reset()
        self.endResetModel()
        self.fetchMore(QModelIndex())

    def row_object(self, row: int) -> Any | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    # -- Qt model API ---------------------------------------------------------------------------
    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or not self._more:
            return
        page = self.next_page(self._rows[-1] if self._rows else None, self._page_size)
        self.pages_fetched += 1
        self._more = len(page) == self._page_size
        if page:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
            self._rows.extend(page)
            self._rows_added(first, page)
            self.endInsertRows()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate(type(self).__name__, self.HEADERS[section])
        return None
