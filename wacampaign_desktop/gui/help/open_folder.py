"""open_folder: ask the desktop to show a folder; when nothing can (no file manager, as on a bare
Linux desktop), say where the folder is in a message whose path can be selected and copied."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QMessageBox, QWidget

log = logging.getLogger(__name__)


def open_folder(parent: QWidget | None, folder: Path | str,
                opener: Callable[[QUrl], bool] = QDesktopServices.openUrl) -> QMessageBox | None:
    """Open `folder` in the file manager. If `opener` (the desktop's, by default) says it could
    not, show a message naming the folder (selectable, with a Copy button) and return it."""
    path = str(folder)
    if opener(QUrl.fromLocalFile(path)):
        return None
    log.warning("No file manager could open %s", path)
    box = QMessageBox(
        QMessageBox.Icon.Information,
        QCoreApplication.translate("OpenFolder", "Open folder"),
        QCoreApplication.translate("OpenFolder", "No file manager could open the folder. It is here:"),
        QMessageBox.StandardButton.Close, parent)
    box.setObjectName("openFolderMessage")
    box.setInformativeText(path)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                | Qt.TextInteractionFlag.TextSelectableByKeyboard)
    copy = box.addButton(QCoreApplication.translate("OpenFolder", "Copy the path"),
                         QMessageBox.ButtonRole.ActionRole)
    copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(path))
    box.button(QMessageBox.StandardButton.Close).setText(
        QCoreApplication.translate("OpenFolder", "Close"))
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.open()
    return box
