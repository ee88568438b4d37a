"""Export a campaign's messages for a spreadsheet: the save dialog opens in the Documents folder,
the file follows the interface locale's CSV convention with translated headers and statuses,
the error explained beside its code and local times to the second (core/services/
message_export.py, rows from the one query `Queries.export_rows`), and a confirmation names the
file and offers "Open folder" (gui.help.open_folder, which says where the folder is when no
file manager can open it)."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from wacampaign_desktop.core.services.message_export import (
    SheetStyle,
    SheetWords,
    write_file,
)
from wacampaign_desktop.core.services.queries import Queries
from wacampaign_desktop.gui.models.labels import error_explanation, status_label, ui_locale

log = logging.getLogger(__name__)


def documents_folder() -> Path:
    """The user's Documents folder (their home folder if there is none)."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(folder) if folder and Path(folder).is_dir() else Path.home()


def default_export_path(campaign_name: str) -> Path:
    """Documents/<campaign name>.csv, the name reduced to letters, digits and "_"."""
    stem = "".join(ch if ch.isalnum() else "_" for ch in campaign_name).strip("_") or "campaign"
    return documents_folder() / f"{stem}.csv"


def ask_export_path(parent: QWidget | None, campaign_name: str) -> str:
    """The save dialog, opened in Documents; '' when the user cancels."""
    path, _ = QFileDialog.getSaveFileName(
        parent, QCoreApplication.translate("Export", "Export messages"), str(default_export_path(campaign_name)),
        QCoreApplication.translate("Export", "CSV files (*.csv)"))
    return path


def sheet_style() -> SheetStyle:
    """The interface locale's CSV convention (";" in French, where the decimal point is ",")."""
    return SheetStyle.for_decimal_point(ui_locale().decimalPoint())


def _error_text(code: int) -> str:
    title, explanation, _hint = error_explanation(code)  # in the interface language
    return " – ".join(part for part in (title, explanation) if part)


def sheet_words() -> SheetWords:
    """Headers, statuses and error texts in the interface language."""
    translate = QCoreApplication.translate
    headers = {
        "phone": translate("Export", "Phone"),
        "name": translate("Export", "Name"),
        "status": translate("Export", "Status"),
        "error_code": translate("Export", "Error code"),
        "error_text": translate("Export", "Error"),
        "sent_at": translate("Export", "Sent"),
        "delivered_at": translate("Export", "Delivered"),
        "read_at": translate("Export", "Read"),
        "failed_at": translate("Export", "Failed"),
        "replied_at": translate("Export", "Replied"),
        "variant": translate("Export", "Variant"),
        "retry_count": translate("Export", "Retries"),
        "twilio_sid": translate("Export", "Twilio SID"),
        "message": translate("Export", "Message"),
    }
    return SheetWords(headers, status_label, _error_text)


def export_messages_csv(queries: Queries, campaign_id: int, path: str | Path,
                        style: SheetStyle | None = None, words: SheetWords | None = None,
                        batch: int = 2000) -> int:
    """Write every message of the campaign to `path` for a spreadsheet (call on a worker;
    build `style` and `words` on the GUI thread). Returns the number of messages written."""
    written = write_file(path, queries.export_rows(campaign_id, batch=batch),
                         style or sheet_style(), words or sheet_words())
    log.info("Exported %d messages of campaign %d", written, campaign_id)
    return written


def confirm_export(parent: QWidget | None, path: str | Path, rows: int) -> QMessageBox:
    """"N messages exported to <file>" with "Open folder" and "Close" (not blocking)."""
    path = Path(path)
    if rows == 1:
        text = QCoreApplication.translate("Export", "1 message exported to %1.")
    else:
        text = QCoreApplication.translate("Export", "%2 messages exported to %1.").replace(
            "%2", str(rows))
    box = QMessageBox(QMessageBox.Icon.Information,
                      QCoreApplication.translate("Export", "Export finished"),
                      text.replace("%1", path.name), QMessageBox.StandardButton.Close, parent)
    box.setObjectName("exportFinishedMessage")
    box.setInformativeText(str(path))
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    open_button = box.addButton(QCoreApplication.translate("Export", "Open folder"),
                                QMessageBox.ButtonRole.ActionRole)
    open_button.setObjectName("openExportFolder")
    box.button(QMessageBox.StandardButton.Close).setText(QCoreApplication.translate("Export", "Close"))
    box.setDefaultButton(open_button)

    def open_folder() -> None:
        from wacampaign_desktop.gui.help import open_folder as show_folder

        show_folder(parent, path.parent)

    open_button.clicked.connect(open_folder)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
