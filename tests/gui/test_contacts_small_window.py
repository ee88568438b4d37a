"""The Contacts view at 800×600, in English and French, as the user sees it: the window shrinks
to 800 px with the view shown (and after going back to Campaigns), the filter row wraps and every
toolbar widget stays whole inside the window; phones in international format, never cut; a long
name elided in its cell is whole in the tooltip; the export opens in Documents and confirms
with "Open folder"."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QRect
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QPushButton, QToolTip

from tests.gui.export_helpers import answer_save_dialog, documents_or_home, export_confirmation
from wacampaign_desktop.core.store.models import Contact, utcnow
from wacampaign_desktop.gui.main_window import MainWindow

TOOLBAR = ("titleLabel", "countLabel", "importButton", "exportButton", "searchEdit", "tagCombo",
           "optedOutCheck", "addButton", "editButton", "deleteButton")
LONG_NAME = "Marie-Christine de La Tour d'Auvergne-Lauraguais, directrice commerciale"


def _window(qtbot, services, width: int = 1280) -> MainWindow:
    Contact.create(phone="+33612345601", name="Camille Martin", tags=["clients fidèles de Lyon"])
    Contact.create(phone="+4915123456789", name=LONG_NAME, fields={"city": "Berlin"})
    Contact.create(phone="+447911123456", name="Zoé Stop", opted_out_at=utcnow())
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.resize(width, 800)
    window.show()
    qtbot.waitExposed(window)
    window.show_view("contacts")
    return window


def _box(window: MainWindow, name: str) -> QRect:
    widget = getattr(window.view("contacts").ui, name)
    return QRect(widget.mapTo(window, widget.rect().topLeft()), widget.size())


def _whole_inside(window: MainWindow) -> list[str]:
    """Toolbar widgets that are hidden, outside the window, squeezed below their minimum or
    overlapping another one (empty when the user sees them all, whole)."""
    ui = window.view("contacts").ui
    problems = []
    for name in TOOLBAR:
        widget, box = getattr(ui, name), _box(window, name)
        if not widget.isVisible() or not window.rect().contains(box):
            problems.append(f"{name} {box} outside {window.rect()}")
        elif box.width() < widget.minimumSizeHint().width():
            problems.append(f"{name} squeezed to {box.width()} px")
    problems += [f"{a} overlaps {b}" for i, a in enumerate(TOOLBAR) for b in TOOLBAR[i + 1:]
                 if _box(window, a).intersects(_box(window, b))]
    return problems


def _shrinks_to_800(qtbot, window: MainWindow) -> None:
    window.resize(800, 600)
    qtbot.waitUntil(lambda: window.width() == 800 and not _whole_inside(window), timeout=5000)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_window_shrinks_to_800_with_the_contacts_toolbar_whole(qtbot, services, request, language):
    if language == "fr":
        request.getfixturevalue("french")
    window = _window(qtbot, services)
    window.resize(800, 600)
    qtbot.waitUntil(lambda: window.width() == 800, timeout=5000)  # was held at 984 / 1081 px
    qtbot.waitUntil(lambda: not _whole_inside(window), timeout=5000)
    assert _whole_inside(window) == []
    ui = window.view("contacts").ui
    assert _box(window, "addButton").top() > _box(window, "searchEdit").top()  # wrapped row
    table = _box(window, "table")
    assert window.rect().contains(table) and table.height() > 250  # the list stays usable
    if language == "fr":
        assert ui.optedOutCheck.text() == "Désinscrits seulement"

    window.show_view("campaigns")  # the contacts toolbar no longer holds every view wide
    window.resize(1100, 600)
    qtbot.waitUntil(lambda: window.width() == 1100, timeout=5000)
    window.resize(800, 600)
    qtbot.waitUntil(lambda: window.width() == 800, timeout=5000)
    window.show_view("contacts")
    _shrinks_to_800(qtbot, window)


def test_wide_window_keeps_the_filters_and_buttons_on_one_row(qtbot, services):
    window = _window(qtbot, services, width=1280)
    qtbot.waitUntil(lambda: not _whole_inside(window), timeout=5000)
    assert _box(window, "addButton").center().y() == _box(window, "searchEdit").center().y()
    assert _box(window, "deleteButton").right() > _box(window, "table").right() - 12  # at the right


def test_phones_whole_in_international_format_and_long_names_in_tooltips(qtbot, services):
    window = _window(qtbot, services)
    _shrinks_to_800(qtbot, window)
    view = window.view("contacts")
    table, model = view.ui.table, view.model
    rows = {model.contact_at(row).phone: row for row in range(model.rowCount())}
    german = model.index(rows["+4915123456789"], 1)
    assert model.data(german) == "+49\u00a01512\u00a03456789"
    assert model.data(model.index(rows["+33612345601"], 1)) == "+33\u00a06\u00a012\u00a034\u00a056\u00a001"
    metrics = table.fontMetrics()
    for row in rows.values():  # the cell is wider than the number: Qt does not elide it
        text = model.data(model.index(row, 1))
        assert table.visualRect(model.index(row, 1)).width() > metrics.horizontalAdvance(text) + 8

    name = model.index(rows["+4915123456789"], 0)
    cell = table.visualRect(name)
    assert metrics.horizontalAdvance(LONG_NAME) > cell.width()  # elided in its cell
    QToolTip.hideText()
    viewport = table.viewport()
    QApplication.sendEvent(viewport, QHelpEvent(QEvent.Type.ToolTip, cell.center(),
                                                viewport.mapToGlobal(cell.center())))
    qtbot.waitUntil(lambda: QToolTip.text() == LONG_NAME, timeout=5000)
    stop = model.index(rows["+447911123456"], 0)
    assert model.data(stop, 3).startswith("Zoé Stop\nOpted out on ")  # 3: ToolTipRole


@pytest.mark.parametrize("language", ["en", "fr"])
def test_export_opens_in_documents_and_confirms_with_open_folder(
        qtbot, services, file_manager, tmp_path, request, language):
    if language == "fr":
        request.getfixturevalue("french")
    window = _window(qtbot, services)
    view = window.view("contacts")
    target = tmp_path / "mes contacts.csv"
    seen = answer_save_dialog(choose=target)
    view.export_csv()  # returns once the dialog is answered
    expected = documents_or_home()  # never the current folder
    assert seen and Path(seen[0]).resolve() == expected.resolve() != Path.cwd().resolve()
    assert Path(seen[1]).name == "contacts.csv"

    qtbot.waitUntil(lambda: export_confirmation(view) is not None, timeout=15_000)
    box = export_confirmation(view)
    words = {"en": ("3 contacts exported to mes contacts.csv.", "Open folder"),
             "fr": ("3 contacts exportés vers mes contacts.csv.", "Ouvrir le dossier")}[language]
    assert box.text() == words[0]
    assert str(target) in box.informativeText()
    assert len(target.read_text(encoding="utf-8").splitlines()) == 4  # header + 3 contacts
    open_button = box.findChild(QPushButton, "openExportFolder")
    assert open_button.text() == words[1]
    open_button.click()
    assert file_manager.opened == [str(tmp_path)]


def test_contact_dialog_shows_numbers_in_international_format(qtbot, services):
    from PySide6.QtWidgets import QDialogButtonBox

    from wacampaign_desktop.gui.contacts.contact_dialog import ContactDialog

    Contact.create(phone="+4915123456789", name="Max")
    camille = Contact.create(phone="+33612345601", name="Camille Martin")
    dialog = ContactDialog(services, camille.id)
    qtbot.addWidget(dialog)
    ui = dialog.ui
    assert ui.phoneEdit.text() == "+33 6 12 34 56 01"
    ui.phoneEdit.setText("+49 1512 3456789")
    assert ui.phoneProblem.text() == "+49\u00a01512\u00a03456789 already belongs to another contact (Max)."
    ui.phoneEdit.setText("+33 6 12 34 56 01")
    ui.nameEdit.setText("Camille Martin-Roux")
    ui.buttonBox.button(QDialogButtonBox.StandardButton.Save).click()
    saved = Contact.get_by_id(camille.id)
    assert (saved.phone, saved.name) == ("+33612345601", "Camille Martin-Roux")
