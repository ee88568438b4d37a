"""Shared GUI fixtures: `french`, the shipped French translation installed for one test, and
`services`, the GUI's services on the test's own fresh profile (closed after the test)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

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
