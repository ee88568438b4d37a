"""What the export tests share: answering the save dialog, the folder it must open in, and the
confirmation box that follows an export."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox


def answer_save_dialog(choose: Path | None = None) -> list[str]:
    """Answer the next modal file dialog once it shows: note the folder and the file it offers
    (in the returned list), then choose `choose`, or cancel when it is None."""
    seen: list[str] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(20, answer)
            return
        seen.append(dialog.directory().absolutePath())
        seen.append(dialog.selectedFiles()[0])
        if choose is None:
            dialog.reject()
        else:
            dialog.selectFile(str(choose))
            dialog.accept()

    QTimer.singleShot(0, answer)
    return seen


def documents_or_home() -> Path:
    """Where a save dialog must open: Documents, or the home folder if there is none."""
    documents = Path(QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.DocumentsLocation))
    return documents if documents.is_dir() else Path.home()


def export_confirmation(parent) -> QMessageBox | None:
    """The visible "exported" confirmation shown over `parent`, if any."""
    boxes = [b for b in parent.findChildren(QMessageBox, "exportFinishedMessage") if b.isVisible()]
    return boxes[-1] if boxes else None
