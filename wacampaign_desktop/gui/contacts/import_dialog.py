"""CsvImportDialog: pick a file, map its columns, choose the default country, preview valid and
rejected rows (line numbers and reasons), then import. Reading, checking and importing run off
the GUI thread; nothing is written until Import is pressed.

While the rows are written a progress bar counts them (the service reports every 1,000 rows from
the worker; a Qt signal brings the count to the GUI thread) and "Cancel the import" rolls the
whole import back: nothing is half-imported. An Import click while the rows are being
re-checked (a tag typed, a column changed) imports as soon as the check is done."""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

import phonenumbers
from PySide6.QtCore import QLocale, QObject, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from wacampaign_desktop.core.services.contacts import (
    ContactsService,
    CsvTable,
    ImportCancelled,
    ImportReport,
    Mapping,
    Preview,
    RejectedRow,
)
from wacampaign_desktop.gui.forms_support import embed_ui, phone_reason_text, set_problem
from wacampaign_desktop.gui.models.labels import phone_advice_text, ui_locale

if TYPE_CHECKING:
    from wacampaign_desktop.gui.services import GuiServices

log = logging.getLogger(__name__)

PREVIEW_ROWS = 1000  # rows shown per tab; counts are always complete


def country_choices() -> list[tuple[str, str]]:
    """(display name, region code) for every region phonenumbers knows, sorted by name."""
    out = []
    for code in phonenumbers.SUPPORTED_REGIONS:
        territory = QLocale.codeToTerritory(code)
        name = QLocale.territoryToString(territory) if territory != QLocale.Country.AnyTerritory else code
        out.append((f"{name} (+{phonenumbers.country_code_for_region(code)})", code))
    return sorted(out)


class _Progress(QObject):
    """Created on the GUI thread: the worker emits `advanced`, the dialog's slot runs there."""

    advanced = Signal(int, int)  # (rows written, rows to write)


class CsvImportDialog(QDialog):
    def __init__(self, services: GuiServices, parent: QWidget | None = None,
                 path: str | Path | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.contacts = ContactsService(services.context)
        self.table: CsvTable | None = None
        self.preview: Preview | None = None
        self.report: ImportReport | None = None
        self._guessed = Mapping(phone=None)  # the columns recognised in the file
        self._generation = 0
        self._reading = False  # the file is being read
        self._checking = False  # the rows are being (re)checked
        self._importing = False  # the rows are being written
        self._import_when_checked = False  # Import was clicked during a check
        self._checked_extra = ""  # the extra tag the current preview was checked with
        self._cancel: threading.Event | None = None
        self._progress = _Progress(self)
        self._progress.advanced.connect(self._on_progress)
        self.setWindowTitle(self.tr("Import contacts from a CSV file"))
        self.ui = ui = embed_ui(self, "csv_import_dialog.ui", margins=6)
        for name, code in country_choices():
            ui.countryCombo.addItem(name, code)
        index = ui.countryCombo.findData(services.context.settings.default_region or "FR")
        ui.countryCombo.setCurrentIndex(max(index, 0))
        ui.validTable.setColumnCount(5)
        ui.validTable.setHorizontalHeaderLabels([self.tr("Line"), self.tr("Phone"), self.tr("Name"),
                                                 self.tr("Tags"), self.tr("Note")])
        ui.rejectedTable.setColumnCount(3)
        ui.rejectedTable.setHorizontalHeaderLabels([self.tr("Line"), self.tr("As written"),
                                                    self.tr("Why it was rejected")])
        self.import_button = ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok)
        # Enter in a field must not import a preview that is being recomputed: click only.
        for button in ui.buttonBox.buttons():
            button.setAutoDefault(False)
            button.setDefault(False)
        ui.buttonBox.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        ui.buttonBox.accepted.connect(self.start_import)
        ui.buttonBox.rejected.connect(self.reject)
        ui.cancelImportButton.clicked.connect(self.cancel_import)
        ui.progressRow.hide()
        ui.browseButton.clicked.connect(self.browse)
        ui.fileEdit.editingFinished.connect(lambda: self.load_file(ui.fileEdit.text()))
        for combo in (ui.phoneCombo, ui.nameCombo, ui.tagsCombo, ui.countryCombo):
            combo.currentIndexChanged.connect(self.refresh_preview)
        ui.extraTagEdit.editingFinished.connect(self._extra_tag_edited)
        ui.mappingGroup.setEnabled(False)
        self.setAcceptDrops(True)
        ui.fileEdit.setToolTip(self.tr("Choose a file with Browse…, or drop it on this window."))
        self._update_buttons()
        self.resize(860, 680)
        if path:
            self.load_file(str(path))

    @property
    def _busy(self) -> bool:
        """Reading, checking or importing."""
        return self._reading or self._checking or self._importing

    # -- file ------------------------------------------------------------------------------------
    def dragEnterEvent(self, event: Any) -> None:  # noqa: N802 (Qt name)
        if event.mimeData().hasUrls() and event.mimeData().urls()[0].isLocalFile():
            event.acceptProposedAction()

    def dropEvent(self, event: Any) -> None:  # noqa: N802 (Qt name)
        """A CSV file dropped on the dialog is read like a browsed one."""
        urls = event.mimeData().urls()
        if urls and urls[0].isLocalFile():
            self.load_file(urls[0].toLocalFile())
            event.acceptProposedAction()

    @Slot()
    def browse(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Choose a CSV file"), str(Path.home()),
            self.tr("CSV files (*.csv *.txt);;All files (*)"))
        if path:
            self.load_file(path)

    def load_file(self, path: str) -> None:
        path = path.strip()
        if not path or (self.table is not None and str(self.table.path) == path):
            return
        self.ui.fileEdit.setText(path)
        self._reading = True
        set_problem(self.ui.summaryLabel, self.tr("Reading the file…"), "info")
        self._update_buttons()
        self.services.tasks.run(lambda: self.contacts.read_csv(path), self._on_read,
                                self._on_read_failed)

    def _on_read(self, table: CsvTable) -> None:
        self._reading = False
        self.table = table
        mapping = self.contacts.guess_mapping(table.header)
        self._guessed = mapping
        ui = self.ui
        none = self.tr("(none)")
        for combo, chosen in ((ui.phoneCombo, mapping.phone), (ui.nameCombo, mapping.name),
                              (ui.tagsCombo, mapping.tags)):
            combo.blockSignals(True)
            combo.clear()
            if combo is ui.nameCombo and (mapping.first is not None or mapping.last is not None):
                parts = [table.header[i] for i in (mapping.first, mapping.last) if i is not None]
                combo.addItem(self.tr("(joined: %1)").replace("%1", " + ".join(parts)), -1)
            elif combo is not ui.phoneCombo:
                combo.addItem(none, -1)
            else:
                combo.addItem(self.tr("(choose the column with phone numbers)"), -1)
            for index, header in enumerate(table.header):
                combo.addItem(header or self.tr("column %1").replace("%1", str(index + 1)), index)
            combo.setCurrentIndex(max(combo.findData(chosen if chosen is not None else -1), 0))
            combo.blockSignals(False)
        ui.mappingGroup.setEnabled(True)
        self.refresh_preview()

    def _on_read_failed(self, exc: BaseException) -> None:
        self._reading = False
        self.table = None
        log.warning("CSV file not readable: %s", exc)
        set_problem(self.ui.summaryLabel, self.tr("This file cannot be imported: %1").replace(
            "%1", str(exc)))
        self.ui.mappingGroup.setEnabled(False)
        self._show_preview(Preview())

    # -- preview -----------------------------------------------------------------------------------
    def mapping(self) -> Mapping:
        def value(combo: Any) -> int | None:
            data = combo.currentData()
            return None if data is None or data < 0 else int(data)

        guessed = self._guessed
        name = value(self.ui.nameCombo)
        return Mapping(value(self.ui.phoneCombo), name, value(self.ui.tagsCombo),
                       guessed.first if name is None else None,
                       guessed.last if name is None else None, guessed.ignored)

    @Slot()
    def _extra_tag_edited(self) -> None:
        """The tag field lost focus or got Enter: re-check only if the tag changed."""
        if self.ui.extraTagEdit.text().strip() != self._checked_extra or self.preview is None:
            self.refresh_preview()

    @Slot()
    def refresh_preview(self) -> None:
        if self.table is None or self._importing:
            return
        mapping = self.mapping()
        table = self.table
        others = [h for i, h in enumerate(table.header) if i not in mapping.used() and h]
        self.ui.otherColumnsLabel.setText(
            self.tr("Also kept as contact fields: %1").replace("%1", ", ".join(others)) if others else "")
        self._generation += 1  # a check still running is for the old choice: its answer is dropped
        if mapping.phone is None:
            self._checking = self._import_when_checked = False
            set_problem(self.ui.summaryLabel, self.tr(
                "No column looks like phone numbers: choose it under Phone number."))
            self._show_preview(Preview())
            return
        generation = self._generation
        region = self.ui.countryCombo.currentData() or ""
        extra = [self.ui.extraTagEdit.text()]
        self._checked_extra = self.ui.extraTagEdit.text().strip()
        self._checking = True
        set_problem(self.ui.summaryLabel, self.tr("Checking the rows (%1)…").replace("%1", str(len(table.rows))), "info")
        self._update_buttons()
        self.services.tasks.run(
            lambda: self.contacts.preview_csv(table, mapping, region, extra),
            lambda preview: self._on_preview(generation, preview),
            self._on_preview_failed)

    def _on_preview(self, generation: int, preview: Preview) -> None:
        if generation != self._generation:
            return  # a newer mapping is being checked
        self._checking = False
        self._show_preview(preview)
        if self._import_when_checked:
            self._import_when_checked = False
            self.start_import()

    def _on_preview_failed(self, exc: BaseException) -> None:
        self._checking = False
        self._import_when_checked = False
        log.error("CSV preview failed: %s", exc)
        set_problem(self.ui.summaryLabel, self.tr("The rows could not be checked: %1").replace("%1", str(exc)))
        self._update_buttons()

    def _show_preview(self, preview: Preview) -> None:
        self.preview = preview
        ui = self.ui
        _fill(ui.validTable, [
            (str(r.line), r.phone, r.name, ", ".join(r.tags),
             self.tr("already a contact: will be updated") if r.exists else self.tr("new"))
            for r in preview.valid[:PREVIEW_ROWS]])
        _fill(ui.rejectedTable, [(str(r.line), r.phone, _rejected_text(r))
                                 for r in preview.rejected[:PREVIEW_ROWS]])
        ui.previewTabs.setTabText(0, self.tr("Valid (%1)").replace("%1", str(len(preview.valid))))
        ui.previewTabs.setTabText(1, self.tr("Rejected (%1)").replace("%1", str(len(preview.rejected))))
        if self.table is not None and self.mapping().phone is not None:
            text = self.tr("New: %1 · to update: %2 · rejected: %3. Rejected rows are not "
                           "imported; fix them in the file and import it again.") \
                .replace("%1", str(preview.new_count)) \
                .replace("%2", str(len(preview.valid) - preview.new_count)) \
                .replace("%3", str(len(preview.rejected)))
            set_problem(ui.summaryLabel, text, "warning" if preview.rejected else "ok")
        self._update_buttons()

    def _update_buttons(self) -> None:
        count = len(self.preview.valid) if self.preview else 0
        self.import_button.setText(self.tr("&Import the valid rows (%1)").replace("%1", str(count)))
        # Stays enabled while rows are re-checked: a click then imports once the check is done
        # (typing a tag and clicking Import re-checks on the way: the click must not be lost).
        self.import_button.setEnabled(not self._reading and not self._importing
                                      and not self._import_when_checked and count > 0)

    # -- import --------------------------------------------------------------------------------------
    @Slot()
    def start_import(self) -> None:
        if self._importing or self._reading or not self.preview or not self.preview.valid:
            return
        if not self._checking and self.ui.extraTagEdit.text().strip() != self._checked_extra:
            self.refresh_preview()  # a tag typed, then Alt+I: the field never lost focus
        if self._checking:  # the rows are being re-checked: import the fresh preview
            self._import_when_checked = True
            set_problem(self.ui.summaryLabel, self.tr(
                "Checking the rows; the import starts as soon as they are checked…"), "info")
            self._update_buttons()
            return
        preview = self.preview
        cancel = self._cancel = threading.Event()
        report_progress = self._progress.advanced.emit  # called on the worker thread
        self._importing = True
        ui = self.ui
        self._on_progress(0, len(preview.valid))
        ui.cancelImportButton.setEnabled(True)
        ui.progressRow.show()
        ui.mappingGroup.setEnabled(False)
        ui.fileGroup.setEnabled(False)
        set_problem(ui.summaryLabel, self.tr("Importing…"), "info")
        self._update_buttons()
        self.services.tasks.run(
            lambda: self.contacts.commit_csv(preview, progress=report_progress, cancel=cancel),
            self._on_imported, self._on_import_failed)

    @Slot(int, int)
    def _on_progress(self, done: int, total: int) -> None:
        if not self._importing:
            return
        bar, locale = self.ui.progressBar, ui_locale()
        bar.setMaximum(total)
        bar.setValue(done)
        bar.setFormat(self.tr("%1 of %2 rows written").replace("%1", locale.toString(done))
                      .replace("%2", locale.toString(total)))

    @Slot()
    def cancel_import(self) -> None:
        """Stop the import under way; its transaction is rolled back (reported by the worker)."""
        if self._importing and self._cancel is not None:
            self._cancel.set()
            self.ui.cancelImportButton.setEnabled(False)
            set_problem(self.ui.summaryLabel, self.tr("Cancelling the import…"), "info")

    def reject(self) -> None:
        """Cancel (or Esc, or closing the window) while importing cancels the import first."""
        if self._importing:
            self.cancel_import()
            return
        super().reject()

    def _import_ended(self) -> None:
        self._importing = False
        self._cancel = None
        self.ui.progressRow.hide()
        self.ui.mappingGroup.setEnabled(self.table is not None)
        self.ui.fileGroup.setEnabled(True)

    def _on_imported(self, report: ImportReport) -> None:
        self._import_ended()
        self.report = report
        self.services.bridge.notify_contacts_changed()
        self.accept()

    def _on_import_failed(self, exc: BaseException) -> None:
        self._import_ended()
        if isinstance(exc, ImportCancelled):
            log.info("CSV import cancelled; rolled back")
            set_problem(self.ui.summaryLabel, self.tr(
                "Import cancelled. Nothing was imported: your contacts are as they were."), "warning")
        else:
            log.error("CSV import failed: %s", exc)
            set_problem(self.ui.summaryLabel, self.tr(
                "Nothing was imported: %1. Your file is unchanged; try again.").replace("%1", str(exc)))
        self._update_buttons()

    def result_text(self) -> str:
        if self.report is None:
            return ""
        rejected = len(self.preview.rejected) if self.preview else 0
        return self.tr("Import finished. New contacts: %1 · updated: %2 · rows rejected: %3.") \
            .replace("%1", str(self.report.imported)).replace("%2", str(self.report.updated)) \
            .replace("%3", str(rejected))


def _rejected_text(row: RejectedRow) -> str:
    """Why a row was rejected, in the interface language, with the "+" advice if any."""
    if row.check is None:
        return phone_reason_text(row.reason)
    advice = phone_advice_text(row.check)
    return phone_reason_text(row.check.reason) + (f"; {advice}" if advice else "")


def _fill(table: QTableWidget, rows: list[tuple[str, ...]]) -> None:
    table.setUpdatesEnabled(False)
    table.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.setItem(r, c, QTableWidgetItem(value))
    table.resizeColumnsToContents()
    header = table.horizontalHeader()  # stretch the last column again (it was sized to contents)
    header.setStretchLastSection(False)
    header.setStretchLastSection(True)
    table.setUpdatesEnabled(True)
