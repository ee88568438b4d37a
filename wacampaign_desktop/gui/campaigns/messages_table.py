"""The messages table of the campaign view: column widths measured from the font (the phone
column always holds a whole international number, times a whole local date), contact and
error columns share what is left (elided, the full text in a tooltip), so the table fits a
1440 px screen without scrolling sideways. The A/B "Version" column shows only for a campaign
with variants. Tab leaves the table; arrows move within it."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from wacampaign_desktop.gui.models.labels import status_label
from wacampaign_desktop.gui.models.messages_model import MessagesTableModel
from wacampaign_desktop.gui.models.phone_text import display_phone
from wacampaign_desktop.gui.models.table_time import table_time

_SAMPLE_PHONE = "+33612345678"  # "+33 6 12 34 56 78": as wide as most numbers
_SAMPLE_TIME = datetime(2000, 12, 28, 23, 58)  # two-digit day and hour, the year left out


class MessagesTable(QTableView):
    def __init__(self, model: MessagesTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messagesTable")
        self.setModel(model)
        self.setSortingEnabled(True)
        self.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setTabKeyNavigation(False)  # Tab moves to the next pane, arrows move between rows
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setAlternatingRowColors(True)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.fit_columns()
        model.modelReset.connect(self._show_variant_column)

    def fit_columns(self) -> None:
        """Widths from the font: whole phone numbers, statuses and dates; contact and error
        stretch over the rest."""
        model: MessagesTableModel = self.model()  # type: ignore[assignment]
        header = self.horizontalHeader()
        header.setStretchLastSection(False)
        metrics = self.fontMetrics()
        pad = metrics.horizontalAdvance("M") + 8
        head = header.fontMetrics()

        def title_width(column: int) -> int:
            text = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
            return head.horizontalAdvance(text) + pad + 16  # room for the sort arrow

        statuses = ("pending", "sending", "delivered", "undelivered", "canceled", "skipped")
        widths = {
            "phone": metrics.horizontalAdvance(display_phone(_SAMPLE_PHONE) + "0") + pad,
            "status": max(metrics.horizontalAdvance(status_label(s)) for s in statuses) + pad,
        }
        when = metrics.horizontalAdvance(table_time(_SAMPLE_TIME.replace(
            year=QDate.currentDate().year()))) + pad
        for index, column in enumerate(model.COLUMNS):
            if column == "variant":  # one letter: its title without room for the sort arrow
                self.setColumnWidth(index, title_width(index) - 16)
                header.setSectionResizeMode(index, QHeaderView.ResizeMode.Interactive)
                continue
            if column in ("name", "error"):
                header.setSectionResizeMode(index, QHeaderView.ResizeMode.Stretch)
                continue
            width = max(widths.get(column, when), title_width(index))
            header.setSectionResizeMode(index, QHeaderView.ResizeMode.Interactive)
            self.setColumnWidth(index, width)
        header.setMinimumSectionSize(metrics.horizontalAdvance("M") * 4)
        self._variant_width = self.columnWidth(model.COLUMNS.index("variant"))
        self._show_variant_column()

    def _show_variant_column(self) -> None:
        """The "Version" column only for an A/B campaign; the text columns share the rest."""
        model: MessagesTableModel = self.model()  # type: ignore[assignment]
        index = model.COLUMNS.index("variant")
        self.setColumnHidden(index, not model.has_variants)
        if model.has_variants and self.columnWidth(index) == 0:
            self.setColumnWidth(index, self._variant_width)
        self._fixed = sum(self.columnWidth(i) for i, c in enumerate(model.COLUMNS)
                          if c not in ("name", "error") and not self.isColumnHidden(i))
        self._stretching: bool | None = None
        self._fit_text_columns()

    def _fit_text_columns(self) -> None:
        """Wide: contact and error share what is left. Narrow: they keep a readable width and
        the times scroll off to the right (the contact matters more than its read time)."""
        model: MessagesTableModel = self.model()  # type: ignore[assignment]
        em = self.fontMetrics().horizontalAdvance("M")
        room = 15 if model.has_variants else 20  # the A/B version takes some of their room
        stretching = self.viewport().width() >= self._fixed + room * em
        if stretching == self._stretching:
            return
        self._stretching = stretching
        header = self.horizontalHeader()
        for column, width in (("name", 11 * em), ("error", 9 * em)):
            index = model.COLUMNS.index(column)
            if stretching and column == "error" and model.has_variants:
                # A/B: the version takes room; the contact's name matters more than the
                # error's words (the code stays readable, the words are in its tooltip)
                title = str(model.headerData(index, Qt.Orientation.Horizontal) or "")
                header.setSectionResizeMode(index, QHeaderView.ResizeMode.Interactive)
                self.setColumnWidth(index, max(6 * em, header.fontMetrics().horizontalAdvance(
                    title) + 2 * em))
            elif stretching:
                header.setSectionResizeMode(index, QHeaderView.ResizeMode.Stretch)
            else:
                header.setSectionResizeMode(index, QHeaderView.ResizeMode.Interactive)
                self.setColumnWidth(index, width)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        self._fit_text_columns()
