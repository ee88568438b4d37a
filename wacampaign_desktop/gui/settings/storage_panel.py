"""Settings → Storage: the profile's size, what the webhook log takes, the retention settings,
"Clean up now" (saying first what it will remove), and backups (now, or daily keeping K).

Everything goes through core/services/maintenance.py; sizes are read on a worker thread.
`back_up_interactively(parent, services)` is File → Back up….
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from wacampaign_desktop.core.services.maintenance import (
    BackupError,
    MaintenanceService,
    StorageReport,
)
from wacampaign_desktop.gui.models.labels import ui_locale

if TYPE_CHECKING:
    from wacampaign_desktop.gui.services import GuiServices


def size_text(count: int) -> str:
    return ui_locale().formattedDataSize(int(count), 1, QLocale.DataSizeFormat.DataSizeTraditionalFormat)


def fill(text: str, *values: Any) -> str:
    """Qt-style %1, %2… placeholders (translations may reorder them)."""
    for number in range(len(values), 0, -1):
        text = text.replace(f"%{number}", str(values[number - 1]))
    return text


def _date(value: datetime) -> str:
    return ui_locale().toString(value.date(), QLocale.FormatType.ShortFormat)


class StorageDialog(QDialog):
    def __init__(self, services: GuiServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("StorageDialog")
        self.setWindowTitle(self.tr("Storage"))
        self.services = services
        self.maintenance = MaintenanceService(services.context)
        self.report: StorageReport | None = None
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)

        sizes = QGroupBox(self.tr("Size on disk"), self)
        form = QFormLayout(sizes)
        self.profileLabel = QLabel("…", sizes)
        self.databaseLabel = QLabel("…", sizes)
        self.logLabel = QLabel("…", sizes)
        self.backupsLabel = QLabel("…", sizes)
        form.addRow(self.tr("Profile:"), self.profileLabel)
        form.addRow(self.tr("Database:"), self.databaseLabel)
        form.addRow(self.tr("Webhook log:"), self.logLabel)
        form.addRow(self.tr("Backups:"), self.backupsLabel)
        layout.addWidget(sizes)

        retention = QGroupBox(self.tr("Webhook log"), self)
        form = QFormLayout(retention)
        settings = services.context.settings
        self.fullSpin = QSpinBox(retention)
        self.fullSpin.setRange(1, 3650)
        self.fullSpin.setSuffix(self.tr(" days"))
        self.fullSpin.setValue(max(1, round(settings.log_full_days)))
        self.summarySpin = QSpinBox(retention)
        self.summarySpin.setRange(1, 36500)
        self.summarySpin.setSuffix(self.tr(" days"))
        self.summarySpin.setValue(max(1, round(settings.log_summary_days)))
        form.addRow(self.tr("Keep every detail for:"), self.fullSpin)
        form.addRow(self.tr("Keep a summary for:"), self.summarySpin)
        hint = QLabel(self.tr("Messages, contacts, campaigns and their counters are never removed."),
                      retention)
        hint.setWordWrap(True)
        form.addRow(hint)
        self.planLabel = QLabel("…", retention)
        self.planLabel.setWordWrap(True)
        form.addRow(self.planLabel)
        self.cleanButton = QPushButton(self.tr("Clean up now"), retention)
        self.cleanButton.setObjectName("cleanButton")
        self.cleanButton.clicked.connect(self.clean_up)
        form.addRow(self.cleanButton)
        layout.addWidget(retention)

        backups = QGroupBox(self.tr("Backups"), self)
        form = QFormLayout(backups)
        self.dailyCheck = QCheckBox(self.tr("Back up every day"), backups)
        self.dailyCheck.setChecked(settings.auto_backup_daily)
        self.keepSpin = QSpinBox(backups)
        self.keepSpin.setRange(1, 365)
        self.keepSpin.setValue(settings.auto_backup_keep)
        form.addRow(self.dailyCheck)
        form.addRow(self.tr("Copies kept:"), self.keepSpin)
        form.addRow(self.tr("Folder:"), QLabel(str(self.maintenance.backup_folder), backups))
        backup_button = QPushButton(self.tr("Back up now…"), backups)
        backup_button.clicked.connect(lambda: back_up_interactively(self, services))
        form.addRow(backup_button)
        layout.addWidget(backups)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Close, self)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.refresh()

    # -- sizes ----------------------------------------------------------------------------------
    def refresh(self) -> None:
        self.cleanButton.setEnabled(False)
        self.services.tasks.run(self.maintenance.storage_report, self.show_report, self._failed)

    def show_report(self, report: StorageReport) -> None:
        self.report = report
        db = report.database
        self.profileLabel.setText(size_text(report.profile_bytes))
        self.databaseLabel.setText(fill(self.tr("%1 (free space inside: %2)"),
            size_text(db.file_bytes), size_text(db.free_bytes)))
        self.logLabel.setText(fill(self.tr("%1 in %2 entries (%3 kept as a summary)"),
            size_text(db.log_bytes), ui_locale().toString(db.log_rows),
            ui_locale().toString(db.summarised_rows)))
        self.backupsLabel.setText(size_text(report.backups_bytes))
        plan = report.plan
        if plan.to_summarise or plan.to_delete:
            self.planLabel.setText(fill(self.tr(
                "Clean up now will keep only a summary of %1 entries from before %2 and remove "
                "%3 entries from before %4 (about %5)."),
                ui_locale().toString(plan.to_summarise), _date(plan.full_before),
                ui_locale().toString(plan.to_delete), _date(plan.summary_before),
                size_text(plan.estimated_bytes)))
        else:
            self.planLabel.setText(self.tr("Nothing to clean up: every entry is within the "
                                           "periods above."))
        self.cleanButton.setEnabled(bool(plan.to_summarise or plan.to_delete or db.free_bytes))
        self.adjustSize()  # room for the wrapped texts

    def _failed(self, exc: BaseException) -> None:
        self.planLabel.setText(fill(self.tr("Could not read the sizes: %1"), str(exc)))

    # -- actions --------------------------------------------------------------------------------
    def clean_up(self) -> None:
        self.cleanButton.setEnabled(False)
        self.planLabel.setText(self.tr("Cleaning up…"))
        self.services.tasks.run(lambda: self.maintenance.clean_up(), lambda _r: self.refresh(),
                                self._failed)

    def save(self) -> None:
        settings = self.services.context.settings
        previous = (settings.log_full_days, settings.log_summary_days, settings.auto_backup_daily,
                    settings.auto_backup_keep)
        settings.log_full_days = float(self.fullSpin.value())
        settings.log_summary_days = float(max(self.summarySpin.value(), self.fullSpin.value()))
        settings.auto_backup_daily = self.dailyCheck.isChecked()
        settings.auto_backup_keep = self.keepSpin.value()
        try:
            self.services.context.save_settings()
        except ValueError as exc:
            (settings.log_full_days, settings.log_summary_days, settings.auto_backup_daily,
             settings.auto_backup_keep) = previous
            QMessageBox.warning(self, self.tr("Storage"), str(exc))
            return
        self.refresh()



def back_up_interactively(parent: QWidget, services: GuiServices) -> Any:
    """File → Back up…: ask where, write a checked copy on a worker thread, say how it went."""
    maintenance = MaintenanceService(services.context)
    suggested = maintenance.backup_folder / f"wacampaign-{datetime.now():%Y%m%d-%H%M}.sqlite3"
    title = QCoreApplication.translate("StorageDialog", "Back up")
    path, _ = QFileDialog.getSaveFileName(
        parent, QCoreApplication.translate("StorageDialog", "Back up the database"), str(suggested),
        QCoreApplication.translate("StorageDialog", "Database copies (*.sqlite3)"))
    if not path:
        return None

    def done(copy: Any) -> None:
        text = QCoreApplication.translate(
            "StorageDialog", "The backup was written to %1 (%2) and checked.")
        QMessageBox.information(parent, title, fill(text, copy.path, size_text(copy.size_bytes)))

    def failed(exc: BaseException) -> None:
        QMessageBox.warning(parent, title, str(exc) if isinstance(exc, BackupError) else repr(exc))

    services.tasks.run(lambda: maintenance.backup(Path(path)), done, failed)
    return path


def open_storage_dialog(parent: QWidget, services: GuiServices) -> StorageDialog:
    """File → Storage…: the dialog, modeless (sizes fill in when read)."""
    dialog = StorageDialog(services, parent)
    dialog.setModal(False)
    dialog.show()
    return dialog
