"""ContactsView: the contacts table (lazy, searchable, tag filter, opted-out contacts marked) with
add / edit / delete, CSV import and CSV export. The filter row wraps (FlowLayout) so the window
still shrinks to 800 px, in French too; phones show in international format, whole; the export
opens in Documents and confirms with "Open folder"."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QFileDialog, QHeaderView, QMessageBox, QWidget

from wacampaign_desktop.core.services.contacts import ContactsService
from wacampaign_desktop.gui.campaigns.export import confirm_export, documents_folder
from wacampaign_desktop.gui.contacts.contact_dialog import ContactDialog
from wacampaign_desktop.gui.contacts.flow_layout import FlowLayout
from wacampaign_desktop.gui.contacts.import_dialog import CsvImportDialog
from wacampaign_desktop.gui.contacts.model import ID_ROLE, ContactsTableModel
from wacampaign_desktop.gui.forms_support import embed_ui, set_problem
from wacampaign_desktop.gui.models.phone_text import display_phone

if TYPE_CHECKING:
    from wacampaign_desktop.gui.services import GuiServices

log = logging.getLogger(__name__)

CELL_PADDING = 20  # the cell's margins and the grid line, so the text needs no elision


class ContactsView(QWidget):
    def __init__(self, services: GuiServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self._stale = False
        self.contacts = ContactsService(services.context)
        self.ui = ui = embed_ui(self, "contacts_view.ui")
        self.model = ContactsTableModel(self, contacts=self.contacts)
        ui.table.setModel(self.model)
        self._wrap_filter_row()
        self._size_columns()
        ui.table.doubleClicked.connect(lambda _i: self.edit_contact())
        ui.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        ui.addButton.clicked.connect(self.add_contact)
        ui.editButton.clicked.connect(self.edit_contact)
        ui.deleteButton.clicked.connect(self.delete_contacts)
        ui.importButton.clicked.connect(self.import_csv)
        ui.exportButton.clicked.connect(self.export_csv)
        ui.tagCombo.currentIndexChanged.connect(self.apply_filter)
        ui.optedOutCheck.toggled.connect(self.apply_filter)
        self._search_timer = QTimer(self, singleShot=True, interval=250)
        self._search_timer.timeout.connect(self.apply_filter)
        ui.searchEdit.textChanged.connect(lambda _t: self._search_timer.start())
        ui.addButton.setToolTip(self.tr("New contact (Ctrl+Shift+N)"))
        ui.importButton.setToolTip(self.tr("Import contacts from a CSV file (Ctrl+I)"))
        ui.exportButton.setToolTip(self.tr("Export the contacts shown to a CSV file (Ctrl+Shift+E)"))
        ui.deleteButton.setToolTip(self.tr("Delete the selected contacts (Delete)"))
        context = Qt.ShortcutContext.WindowShortcut  # Qt enables them only while this view shows
        # Ctrl+F (search) and Ctrl+N (new campaign) belong to the main window: no clashes here.
        for keys, slot in (("Ctrl+Shift+N", self.add_contact),
                           ("Ctrl+I", self.import_csv), ("Ctrl+Shift+E", self.export_csv),
                           ("F2", self.edit_contact)):
            QShortcut(QKeySequence(keys), self, slot).setContext(context)
        for keys, slot in ((QKeySequence.StandardKey.Delete, self.delete_contacts),
                           ("Return", self.edit_contact)):  # only while the table has focus
            QShortcut(QKeySequence(keys), ui.table, slot).setContext(
                Qt.ShortcutContext.WidgetShortcut)
        services.bridge.contactsChanged.connect(self._on_contacts_changed)
        set_problem(ui.messageLabel, "")
        self.refresh()

    def _wrap_filter_row(self) -> None:
        """Search + tag, "Only opted-out", then New/Edit/Delete at the right: one row when the
        window is wide, two or three when it is narrow (never a minimum width for the window)."""
        ui = self.ui
        search = ui.searchEdit  # room for its placeholder ("… (Ctrl+F)"), French too
        search.setMinimumWidth(min(search.fontMetrics().horizontalAdvance(search.placeholderText())
                                   + 48, 340))
        search.setToolTip(search.placeholderText())
        ui.tagCombo.setSizeAdjustPolicy(  # a long tag name does not widen the row
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        ui.tagCombo.setMinimumContentsLength(14)
        ui.searchGroup.setMaximumWidth(560)
        flow = FlowLayout(ui.filterBar)
        for widget in (ui.searchGroup, ui.optedOutCheck, ui.actionGroup):
            flow.addWidget(widget)
        flow.setAlignment(ui.actionGroup, Qt.AlignmentFlag.AlignRight)

    def _size_columns(self) -> None:
        """Status as wide as its words; the phone column as wide as the widest number loaded
        (at least a 12-digit one), growing as pages load, so no number is ever cut."""
        table = self.ui.table
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        metrics = table.fontMetrics()
        status = max(metrics.horizontalAdvance(self.model.headerData(2, Qt.Orientation.Horizontal)),
                     *(metrics.horizontalAdvance(self.model.status_text(opted_out))
                       for opted_out in (False, True))) + CELL_PADDING
        for column, width in ((0, 160), (2, status), (3, 120)):
            table.setColumnWidth(column, width)
        table.setColumnWidth(1, metrics.horizontalAdvance(display_phone("+447911123456"))
                             + CELL_PADDING)
        self.model.modelReset.connect(self._fit_phones)
        self.model.rowsInserted.connect(lambda _parent, first, last: self._fit_phones(first, last))

    @Slot()
    def _fit_phones(self, first: int = 0, last: int = -1) -> None:
        table = self.ui.table
        last = self.model.rowCount() - 1 if last < 0 else last
        metrics = table.fontMetrics()
        widest = max((metrics.horizontalAdvance(self.model.data(self.model.index(row, 1)))
                      for row in range(first, last + 1)), default=0) + CELL_PADDING
        if widest > table.columnWidth(1):
            table.setColumnWidth(1, widest)

    @Slot()
    def _on_contacts_changed(self) -> None:
        if not self.isVisible():  # an opt-out or import while another view shows: catch up later
            self._stale = True
            return
        self.refresh()

    def showEvent(self, event: object) -> None:  # noqa: N802 (Qt name)
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.refresh()

    def focus_search(self) -> None:
        """Ctrl+F in the main window."""
        self.ui.searchEdit.setFocus()
        self.ui.searchEdit.selectAll()

    # -- filter ------------------------------------------------------------------------------------
    @Slot()
    def refresh(self) -> None:
        """Re-read tags and rows (after an import, edit, or an opt-out reported by the webhook)."""
        combo = self.ui.tagCombo
        current = combo.currentData() or ""
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(self.tr("All tags"), "")
        for tag in self.contacts.all_tags():
            combo.addItem(tag, tag)
        combo.setCurrentIndex(max(combo.findData(current), 0))
        combo.blockSignals(False)
        self.apply_filter()

    @Slot()
    def apply_filter(self) -> None:
        self.model.set_filter(self.ui.searchEdit.text(), self.ui.tagCombo.currentData() or "",
                              self.ui.optedOutCheck.isChecked())
        total = self.model.total()
        everyone = self.contacts.count()
        if total == everyone:
            text = self.tr("Total: %1").replace("%1", str(total))
        else:
            text = self.tr("Shown: %1 of %2").replace("%1", str(total)).replace("%2", str(everyone))
        self.ui.countLabel.setText(text)
        self._update_buttons()

    def selected_ids(self) -> list[int]:
        rows = self.ui.table.selectionModel().selectedRows()
        return [self.model.data(self.model.index(i.row(), 0), ID_ROLE) for i in rows]

    def _update_buttons(self) -> None:
        count = len(self.selected_ids())
        self.ui.editButton.setEnabled(count == 1)
        self.ui.deleteButton.setEnabled(count > 0)

    # -- actions -----------------------------------------------------------------------------------
    @Slot()
    def add_contact(self) -> None:
        dialog = ContactDialog(self.services, None, self)
        if dialog.exec():
            self._say(self.tr("Contact %1 added.").replace("%1", display_phone(dialog.contact.phone)), "ok")

    @Slot()
    def edit_contact(self) -> None:
        ids = self.selected_ids()
        if len(ids) != 1:
            return
        dialog = ContactDialog(self.services, ids[0], self)
        if dialog.exec():
            self._say(self.tr("Contact %1 saved.").replace("%1", display_phone(dialog.contact.phone)), "ok")

    @Slot()
    def delete_contacts(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        answer = QMessageBox.question(
            self, self.tr("Delete contacts"),
            self.tr("Delete the selected contacts (%1)? Messages already sent to them stay in "
                    "campaign reports.").replace("%1", str(len(ids))),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            deleted = self.contacts.delete(ids)
        except Exception as exc:  # the database said no (locked, disk…): nothing changed
            log.error("Deleting contacts failed: %s", exc)
            self._say(self.tr("The contacts could not be deleted: %1. Nothing was changed; try "
                              "again.").replace("%1", str(exc)), "error")
            return
        self.services.bridge.notify_contacts_changed()
        self._say(self.tr("Contacts deleted: %1.").replace("%1", str(deleted)), "ok")

    @Slot()
    def import_csv(self) -> None:
        dialog = CsvImportDialog(self.services, self)
        if dialog.exec():
            self._say(dialog.result_text(), "ok")

    @Slot()
    def export_csv(self, path: str | None = None) -> None:
        """Export the contacts shown (search, tag, opt-out filter) to a CSV file: the save dialog
        opens in Documents; when done, a confirmation with "Open folder"."""
        if not path:
            path, _f = QFileDialog.getSaveFileName(
                self, self.tr("Export contacts"), str(documents_folder() / "contacts.csv"),
                self.tr("CSV files (*.csv)"))
        if not path:
            return
        shown = self.model.filter
        self._say(self.tr("Exporting…"), "info")
        self.services.tasks.run(
            lambda: self.contacts.export_csv(path, *shown),
            lambda count: self._export_done(path, count),
            lambda exc: self._say(self.tr("The export failed: %1. Nothing was lost; choose another "
                                          "folder and try again.").replace("%1", str(exc)), "error"))

    def _export_done(self, path: str, count: int) -> QMessageBox:
        self._say(self.tr("Export done (contacts: %1): %2").replace("%1", str(count))
                  .replace("%2", path), "ok")
        box = confirm_export(self, path, count)  # "Open folder", the full path below
        if count == 1:
            text = self.tr("1 contact exported to %1.")
        else:
            text = self.tr("%2 contacts exported to %1.").replace("%2", str(count))
        box.setText(text.replace("%1", Path(path).name))
        self.export_box = box
        return box

    def _say(self, text: str, level: str) -> None:
        set_problem(self.ui.messageLabel, text, level)
