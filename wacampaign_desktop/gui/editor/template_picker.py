"""The template picker of the campaign editor: search by name, filter by language and category,
a table of the synced templates (name, language, category, status, rejection reason) where only
approved ones can be chosen (the others are greyed, the reason in their tooltip), and "Sync
templates" with the time of the last sync. The sync runs on the GUI task pool."""

from __future__ import annotations

import logging
from datetime import UTC
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTime,
    Signal,
)
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from wacampaign_desktop.core.services.templates import TemplateInfo, sync_failure
from wacampaign_desktop.gui.editor.template_words import category_text, status_text, unsendable_text
from wacampaign_desktop.gui.forms_support import set_problem
from wacampaign_desktop.gui.models.labels import ui_locale
from wacampaign_desktop.gui.resources import status_color

if TYPE_CHECKING:
    from wacampaign_desktop.gui.services import GuiServices

log = logging.getLogger(__name__)
Index = QModelIndex | QPersistentModelIndex
STATUS_COLOR = {"approved": "read", "pending": "queued", "rejected": "failed", "paused": "failed",
                "disabled": "failed"}


class TemplatesTableModel(QAbstractTableModel):
    """The synced templates as rows; approved rows are selectable, others greyed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.templates: list[TemplateInfo] = []

    def set_templates(self, templates: list[TemplateInfo]) -> None:
        self.beginResetModel()
        self.templates = list(templates)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.templates)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else 5

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 (Qt API)
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("Name"), self.tr("Language"), self.tr("Category"), self.tr("Status"),
                self.tr("Reason"))[section]

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self.templates[index.row()].sendable:
            return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return Qt.ItemFlag.ItemIsEnabled  # shown with its reason, never chosen

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        t = self.templates[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (t.name, t.language, category_text(t.category), status_text(t.status),
                    t.rejection_reason)[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            reason = unsendable_text(t.status, t.rejection_reason)
            return reason or t.body
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == 3 and t.status in STATUS_COLOR:
                return status_color(STATUS_COLOR[t.status])
            if not t.sendable:
                return self.parent().palette().color(QPalette.ColorGroup.Disabled,
                                                     QPalette.ColorRole.Text)
        if role == Qt.ItemDataRole.UserRole:
            return t
        return None

    def row_of(self, sid: str) -> int:
        return next((i for i, t in enumerate(self.templates) if t.sid == sid), -1)


class TemplatePicker(QWidget):
    """Emits `chosen(TemplateInfo | None)` when the chosen approved template changes."""

    chosen = Signal(object)
    synced = Signal()

    def __init__(self, services: GuiServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.templates = services.templates
        self.current: TemplateInfo | None = None
        self._syncing = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        filters = QHBoxLayout()
        self.searchEdit = QLineEdit(self)
        self.searchEdit.setPlaceholderText(self.tr("Search templates by name"))
        self.searchEdit.setClearButtonEnabled(True)
        self.languageCombo = QComboBox(self)
        self.languageCombo.setAccessibleName(self.tr("Language"))
        self.categoryCombo = QComboBox(self)
        self.categoryCombo.setAccessibleName(self.tr("Category"))
        filters.addWidget(self.searchEdit, 1)
        filters.addWidget(self.languageCombo)
        filters.addWidget(self.categoryCombo)
        layout.addLayout(filters)
        self.model = TemplatesTableModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)  # reason: elided, whole
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)  # in the tooltip
        self.table.setMinimumHeight(150)
        self.table.setAccessibleName(self.tr("Templates"))
        layout.addWidget(self.table, 1)
        syncRow = QHBoxLayout()
        self.syncButton = QPushButton(self.tr("Sync templates"), self)
        self.syncButton.setToolTip(self.tr("Read the templates of your Twilio account again"))
        self.syncedLabel = QLabel(self)
        self.syncedLabel.setProperty("role", "muted")
        self.syncedLabel.setWordWrap(True)
        syncRow.addWidget(self.syncButton)
        syncRow.addWidget(self.syncedLabel, 1)
        layout.addLayout(syncRow)

        self.searchEdit.textChanged.connect(lambda _t: self.refresh())
        self.languageCombo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.categoryCombo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._selection_changed())
        self.syncButton.clicked.connect(self.sync)
        self._fill_filters()
        self.refresh()

    # -- reading the catalogue -----------------------------------------------------------------
    def _fill_filters(self) -> None:
        for combo, first, values, words in (
                (self.languageCombo, self.tr("All languages"), self.templates.languages(), str),
                (self.categoryCombo, self.tr("All categories"), self.templates.categories(),
                 category_text)):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(first, "")
            for value in values:
                combo.addItem(words(value), value)
            combo.setCurrentIndex(max(combo.findData(current), 0))
            combo.blockSignals(False)

    def refresh(self) -> None:
        """Re-read the templates with the current search and filters, keeping the choice."""
        keep = self.current.sid if self.current else ""
        found = self.templates.list(search=self.searchEdit.text(),
                                    language=self.languageCombo.currentData() or "",
                                    category=self.categoryCombo.currentData() or "")
        self.model.set_templates(found)
        self._select(keep, emit=False)
        self._show_synced()

    def _show_synced(self) -> None:
        when = self.templates.last_synced_at()
        if self._syncing:
            text = self.tr("Syncing templates…")
        elif when is None:
            text = self.tr("Never synced: click Sync templates to read them from Twilio.")
        else:
            local = when.replace(tzinfo=UTC).astimezone()
            locale = ui_locale()
            shown = locale.toString(QTime(local.hour, local.minute), QLocale.FormatType.ShortFormat)
            day = locale.toString(QDate(local.year, local.month, local.day),
                                  QLocale.FormatType.ShortFormat)
            text = self.tr("Last synced %1 at %2 · %3 templates").replace("%1", day) \
                .replace("%2", shown).replace("%3", str(self.templates.count()))
        self.syncedLabel.setText(text)
        self.syncedLabel.setPalette(QPalette())  # not red any more after a failed sync

    # -- choosing -----------------------------------------------------------------------------------
    def select_sid(self, sid: str) -> None:
        """Show `sid` as chosen (a stored campaign); clears filters that would hide it."""
        if sid and self.model.row_of(sid) < 0 and self.templates.get(sid) is not None:
            self.searchEdit.clear()
            self.languageCombo.setCurrentIndex(0)
            self.categoryCombo.setCurrentIndex(0)
        self._select(sid, emit=True)

    def _select(self, sid: str, emit: bool) -> None:
        row = self.model.row_of(sid) if sid else -1
        selection = self.table.selectionModel()
        selection.blockSignals(True)
        self.table.clearSelection()
        if row >= 0 and self.model.templates[row].sendable:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))
        selection.blockSignals(False)
        info = self.templates.get(sid) if sid else None
        changed = (info.sid if info else "") != (self.current.sid if self.current else "") \
            or info != self.current
        self.current = info
        if emit and changed:
            self.chosen.emit(info)

    def _selection_changed(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        info = self.model.templates[rows[0].row()] if rows else None
        if info is None:
            return  # a click on a greyed row selects nothing: the choice stays
        if self.current is None or info.sid != self.current.sid:
            self.current = info
            self.chosen.emit(info)

    # -- syncing --------------------------------------------------------------------------------------
    def sync(self) -> None:
        """Read the account's templates on a worker; the table follows when done."""
        gateway = self.services.runtime_controller.gateway
        if gateway is None:
            self.syncedLabel.setText(self.tr("Sending is not ready yet: try again in a moment."))
            return
        if self._syncing:
            return
        self._syncing = True
        self.syncButton.setEnabled(False)
        self._show_synced()
        self.services.tasks.run(lambda: self.templates.sync(gateway), self._on_synced,
                                self._on_sync_failed)

    def _on_synced(self, _result: Any) -> None:
        self._syncing = False
        self.syncButton.setEnabled(True)
        self._fill_filters()
        keep = self.current.sid if self.current else ""
        self.refresh()
        self._select(keep, emit=True)
        self.synced.emit()

    def _on_sync_failed(self, exc: BaseException) -> None:
        self._syncing = False
        self.syncButton.setEnabled(True)
        failure = sync_failure(exc)
        log.warning("Template sync failed: %s", failure.message)
        words = {
            "auth": self.tr("Twilio refused the Account SID or Auth Token. Check them in File → "
                            "Connect Twilio…"),
            "forbidden": self.tr("This Twilio account may not read the templates (HTTP 403)."),
            "network": self.tr("Could not reach Twilio. Check the internet connection and try "
                               "again."),
        }
        text = words.get(failure.kind) or self.tr(
            "The templates could not be read from Twilio: %1").replace("%1", failure.message)
        set_problem(self.syncedLabel, text)
