"""The Analytics tables (QAbstractTableModel): failures by error code with the plain
explanation in the interface language, and the per-variant funnel with its rates."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from wacampaign_desktop.core.services.analytics import FailureRow, VariantRow
from wacampaign_desktop.gui.models.labels import error_explanation, percent, ui_locale

Index = QModelIndex | QPersistentModelIndex


def _number(value: int) -> str:
    return ui_locale().toString(value)


class _Table(QAbstractTableModel):
    HEADERS: tuple[str, ...] = ()

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[Any] = []

    def set_rows(self, rows: list[Any]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 (Qt)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 (Qt)
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 (Qt)
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("Analytics", self.HEADERS[section])
        return None

    def cell(self, row: Any, column: int) -> str:
        raise NotImplementedError

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cell(row, index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() > 0 \
                and index.column() < self.numeric_columns:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(row)
        return None

    numeric_columns = 0

    def tooltip(self, row: Any) -> str | None:
        return None


class FailuresModel(_Table):
    """Error code, messages, share of the failures, what it means."""

    HEADERS = (QT_TRANSLATE_NOOP("Analytics", "Error code"),
               QT_TRANSLATE_NOOP("Analytics", "Messages"),
               QT_TRANSLATE_NOOP("Analytics", "Share"),
               QT_TRANSLATE_NOOP("Analytics", "What it means"))
    numeric_columns = 3

    def cell(self, row: FailureRow, column: int) -> str:
        if column == 0:
            return str(row.code) if row.code is not None else "—"
        if column == 1:
            return _number(row.count)
        if column == 2:
            return percent(round(row.share * 10000), 10000)
        if row.code is None:
            return QCoreApplication.translate("Analytics", "No error code given")
        return error_explanation(row.code)[0]

    def tooltip(self, row: FailureRow) -> str | None:
        if row.code is None:
            return None
        title, explanation, hint = error_explanation(row.code)
        return "\n".join(part for part in (title, explanation, hint) if part)


class VariantsModel(_Table):
    """Variant, sent, delivered, read, replied, and the three rates of sent."""

    HEADERS = (QT_TRANSLATE_NOOP("Analytics", "Variant"), QT_TRANSLATE_NOOP("Analytics", "Sent"),
               QT_TRANSLATE_NOOP("Analytics", "Delivered"), QT_TRANSLATE_NOOP("Analytics", "Read"),
               QT_TRANSLATE_NOOP("Analytics", "Replied"),
               QT_TRANSLATE_NOOP("Analytics", "Delivery rate"),
               QT_TRANSLATE_NOOP("Analytics", "Read rate"),
               QT_TRANSLATE_NOOP("Analytics", "Reply rate"))
    numeric_columns = 8

    def cell(self, row: VariantRow, column: int) -> str:
        f = row.funnel
        if column == 0:
            return row.name
        if column <= 4:
            return _number((f.sent, f.delivered, f.read, f.replied)[column - 1])
        stage = ("delivered", "read", "replied")[column - 5]
        return percent(getattr(f, stage), f.sent)


def make_table(model: Any, parent: QWidget, name: str) -> QTableView:
    table = QTableView(parent)
    table.setObjectName(name)
    table.setModel(model)
    table.verticalHeader().setVisible(False)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.horizontalHeader().setStretchLastSection(True)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return table


def fit_rows(table: QTableView, most: int = 8) -> None:
    """As tall as its rows (up to `most`, then it scrolls), so no empty block is left below."""
    rows = max(1, min(most, table.model().rowCount()))
    header = table.horizontalHeader().sizeHint().height()
    height = header + rows * table.verticalHeader().defaultSectionSize() + 2 * table.frameWidth()
    table.setFixedHeight(height + 2)
