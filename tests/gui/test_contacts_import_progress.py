"""The CSV import dialog while it writes: the first click on Import after typing a tag imports
(with that tag); a big import shows its progress and can be cancelled, leaving no contact
behind."""

from __future__ import annotations

import csv

import pytest
from PySide6.QtCore import Qt

from wacampaign_desktop.core.services.contacts import ContactsService

CSV_TEXT = """Nom;Téléphone;Ville
Alice Martin;06 12 34 56 78;Lyon
Bob Durand;+33 6 98 76 54 32;Paris
"""


@pytest.fixture
def services(context, qtbot):
    from wacampaign_desktop.gui.services import GuiServices

    svc = GuiServices.create(context)
    yield svc
    svc.close()


def _open_dialog(services, qtbot, path):
    from wacampaign_desktop.gui.contacts import CsvImportDialog

    dialog = CsvImportDialog(services, path=path)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: dialog.preview is not None and dialog.import_button.isEnabled(),
                    timeout=60_000)
    return dialog


def test_first_click_after_typing_a_tag_imports_with_the_tag(services, qtbot, tmp_path):
    path = tmp_path / "clients.csv"
    path.write_text(CSV_TEXT, encoding="utf-8")
    dialog = _open_dialog(services, qtbot, path)
    dialog.activateWindow()
    dialog.ui.extraTagEdit.setFocus()
    qtbot.waitUntil(dialog.ui.extraTagEdit.hasFocus, timeout=5000)
    qtbot.keyClicks(dialog.ui.extraTagEdit, "salon")

    with qtbot.waitSignal(dialog.accepted, timeout=15_000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)  # once

    contacts = ContactsService(services.context)
    assert contacts.count() == 2
    assert {tuple(c["tags"]) for c in contacts.listing()} == {("salon",)}
    assert "New contacts: 2" in dialog.result_text()


def test_alt_i_right_after_typing_a_tag_imports_with_the_tag(services, qtbot, tmp_path):
    path = tmp_path / "clients.csv"
    path.write_text(CSV_TEXT, encoding="utf-8")
    dialog = _open_dialog(services, qtbot, path)
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    dialog.ui.extraTagEdit.setFocus()
    qtbot.keyClicks(dialog.ui.extraTagEdit, "fair")

    with qtbot.waitSignal(dialog.accepted, timeout=15_000):  # the field keeps the focus
        qtbot.keyClick(dialog.ui.extraTagEdit, Qt.Key.Key_I, Qt.KeyboardModifier.AltModifier)

    assert {tuple(c["tags"]) for c in ContactsService(services.context).listing()} == {("fair",)}


def _big_csv(path, rows: int) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle, delimiter=";")
        out.writerow(["Nom", "Téléphone", "Tags"])
        for i in range(rows):
            out.writerow([f"Client {i}", f"+33 6 {i // 10**6 % 100:02d} {i:06d}", "salon"])


def test_big_import_shows_progress_and_cancel_leaves_nothing(services, qtbot, tmp_path):
    from wacampaign_desktop.core.store.contact_import import BATCH

    path = tmp_path / "big.csv"
    rows = 20 * BATCH
    _big_csv(path, rows)
    dialog = _open_dialog(services, qtbot, path)
    ui = dialog.ui
    assert not ui.progressBar.isVisible() and not ui.cancelImportButton.isVisible()
    assert f"({rows})" in dialog.import_button.text()

    seen: list[int] = []

    def on_value(value: int) -> None:  # what the bar shows, as it shows it (GUI thread)
        seen.append(value)
        if value > 0 and ui.cancelImportButton.isEnabled():
            qtbot.mouseClick(ui.cancelImportButton, Qt.MouseButton.LeftButton)

    ui.progressBar.valueChanged.connect(on_value)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(ui.progressBar.isVisible, timeout=10_000)
    assert ui.progressBar.maximum() == rows and not dialog.import_button.isEnabled()
    qtbot.waitUntil(lambda: "cancelled" in ui.summaryLabel.text(), timeout=60_000)

    assert 0 < max(seen) < rows  # progress was shown, and the import stopped part-way
    assert "Nothing was imported" in ui.summaryLabel.text()
    assert ContactsService(services.context).count() == 0  # rolled back: nothing half-imported
    assert dialog.isVisible() and dialog.report is None
    assert not ui.progressBar.isVisible()
    assert dialog.import_button.isEnabled()  # the user can import again


def test_big_import_runs_to_the_end_with_progress(services, qtbot, tmp_path):
    from wacampaign_desktop.core.store.contact_import import BATCH

    path = tmp_path / "big.csv"
    rows = 3 * BATCH + 10
    _big_csv(path, rows)
    dialog = _open_dialog(services, qtbot, path)
    seen: list[int] = []
    dialog.ui.progressBar.valueChanged.connect(seen.append)
    with qtbot.waitSignal(dialog.accepted, timeout=60_000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert seen[-1] == rows and BATCH in seen
    assert ContactsService(services.context).count() == rows
