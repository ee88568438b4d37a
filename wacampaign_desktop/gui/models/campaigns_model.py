"""All campaigns as a small Qt table model (newest first, read through core/services/queries),
with counters updated live from the bridge's countersChanged / campaignStateChanged signals
without re-querying. An A/B campaign's state reads "Sending · A/B"."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from wacampaign_desktop.core.services.queries import CampaignSummary, Queries
from wacampaign_desktop.gui.models.labels import attempted, local_time, percent, state_label
from wacampaign_desktop.gui.resources import status_color

log = logging.getLogger(__name__)

ID_ROLE = Qt.ItemDataRole.UserRole + 1


class CampaignsTableModel(QAbstractTableModel):
    COLUMNS = ("name", "state", "total", "delivered", "created_at")

    def __init__(self, parent: QObject | None = None, *, queries: Queries | None = None) -> None:
        super().__init__(parent)
        self._queries = queries or Queries()
        self._rows: list[CampaignSummary] = []
        self._row_of: dict[int, int] = {}

    def reload(self) -> None:
        self.beginResetModel()
        self._rows = self._queries.campaigns()
        self._row_of = {row.id: i for i, row in enumerate(self._rows)}
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = (self.tr("Campaign"), self.tr("State"), self.tr("Messages"),
                  self.tr("Delivered"), self.tr("Created"))
        return titles[section] if 0 <= section < len(titles) else None

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row = self._rows[index.row()]
        column = self.COLUMNS[index.column()]
        counters = row.counters
        if role == ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.DisplayRole:
            if column == "name":
                return row.name
            if column == "state":
                return (self.tr("%1 · A/B").replace("%1", state_label(row.state)) if row.ab
                        else state_label(row.state))
            if column == "total":
                return QLocale().toString(counters.get("total", 0))
            if column == "delivered":
                return percent(counters.get("delivered", 0), attempted(counters))
            return local_time(row.created_at, short=False)
        if role == Qt.ItemDataRole.ToolTipRole and column == "name":
            return row.name  # elided in a narrow list
        if role == Qt.ItemDataRole.ToolTipRole and column == "state" and row.ab:
            return self.tr("An A/B test: each message is sent with one of its versions")
        if role == Qt.ItemDataRole.ForegroundRole and column == "state":
            return status_color(row.state)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in ("total", "delivered"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def campaign_id_at(self, position: int) -> int | None:
        return self._rows[position].id if 0 <= position < len(self._rows) else None

    def row_of_id(self, campaign_id: int) -> int | None:
        return self._row_of.get(campaign_id)

    def update_counters(self, campaign_id: int, counters: dict[str, int]) -> None:
        position = self._row_of.get(campaign_id)
        if position is None:
            return
        self._rows[position].counters = dict(counters)
        self.dataChanged.emit(self.index(position, 2), self.index(position, 3))

    def update_state(self, campaign_id: int, state: str) -> None:
        position = self._row_of.get(campaign_id)
        if position is None:
            self.reload()  # a campaign we have not seen yet
            return
        self._rows[position].state = state
        self.dataChanged.emit(self.index(position, 1), self.index(position, 1))
