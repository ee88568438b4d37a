"""Shared GUI fixtures: `french`, the shipped French translation installed for one test,
`services`, the GUI's services on the test's own fresh profile (closed after the test), and
`file_manager`, a stand-in for the desktop's file manager recording the folders it was asked to
open."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QUrl, Slot
from PySide6.QtGui import QDesktopServices

FRENCH_QM = Path(__file__).resolve().parents[2] / "resources" / "i18n" / "wacampaign_fr.qm"


@pytest.fixture
def french(qapp) -> Iterator[object]:
    """The shipped French translation installed for one test, removed after it."""
    from PySide6.QtCore import QTranslator

    translator = QTranslator()
    assert translator.load(str(FRENCH_QM))
    qapp.installTranslator(translator)
    yield translator
    qapp.removeTranslator(translator)


@pytest.fixture
def services(qapp, context) -> Iterator[object]:
    """GuiServices on the test's own profile (`context`), closed after the test."""
    from wacampaign_desktop.gui.services import GuiServices

    gui = GuiServices.create(context)
    yield gui
    gui.close()


class FolderSpy(QObject):
    """Stands in for the desktop's file manager (Qt's own URL-handler hook)."""

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[str] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.opened.append(url.toLocalFile())


@pytest.fixture
def file_manager() -> Iterator[FolderSpy]:
    """`file://` URLs opened during the test land in `.opened` instead of a real file manager."""
    spy = FolderSpy()
    QDesktopServices.setUrlHandler("file", spy, "open")
    yield spy
    QDesktopServices.unsetUrlHandler("file")
