"""Contacts: CSV import through the dialog (rejected lines with reasons, good rows imported),
the table's search / tag filter / opt-out marking, add with validation, and export."""

from __future__ import annotations

import csv

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from wacampaign_desktop.core.store.models import Contact, utcnow

CSV_TEXT = """Nom;Téléphone;Ville;Tags
Alice Martin;06 12 34 56 78;Lyon;vip
Bob Durand;+33 6 98 76 54 32;Paris;vip, paris
Pas un numéro;bonjour;Nice;
Chloé Petit;0612345678;Lyon;
Trop court;06 12;Lille;
David Roux;+44 7911 123456;London;uk
"""


@pytest.fixture
def services(context, qtbot):
    from wacampaign_desktop.gui.services import GuiServices

    svc = GuiServices.create(context)
    yield svc
    svc.close()


def test_import_csv_with_bad_rows_through_the_dialog(services, qtbot, tmp_path):
    from wacampaign_desktop.gui.contacts import ContactsView, CsvImportDialog

    Contact.create(phone="+33698765432", name="Bob (old)")
    view = ContactsView(services)
    qtbot.addWidget(view)
    view.show()
    path = tmp_path / "clients.csv"
    path.write_text(CSV_TEXT, encoding="utf-8")
    dialog = CsvImportDialog(services, view, path=path)
    qtbot.addWidget(dialog)
    ui = dialog.ui
    qtbot.waitUntil(lambda: dialog.preview is not None and not dialog._busy, timeout=15_000)
    assert ui.phoneCombo.currentText() == "Téléphone" and ui.nameCombo.currentText() == "Nom"
    assert "Ville" in ui.otherColumnsLabel.text()
    rejected = {int(ui.rejectedTable.item(r, 0).text()): ui.rejectedTable.item(r, 2).text()
                for r in range(ui.rejectedTable.rowCount())}
    assert set(rejected) == {4, 5, 6}  # file lines (the header is line 1)
    assert "not a phone number" in rejected[4]
    assert "line 2" in rejected[5]  # same number as Alice
    assert "too short" in rejected[6] or "valid" in rejected[6]
    assert ui.previewTabs.tabText(1) == "Rejected (3)"
    assert ui.validTable.rowCount() == 3
    assert "will be updated" in ui.validTable.item(1, 4).text()  # Bob exists already
    assert dialog.import_button.isEnabled() and "3" in dialog.import_button.text()

    ui.extraTagEdit.setText("salon")
    ui.extraTagEdit.editingFinished.emit()
    qtbot.waitUntil(lambda: not dialog._busy and dialog.preview.valid[0].tags == ["vip", "salon"],
                    timeout=15_000)
    with qtbot.waitSignal(dialog.accepted, timeout=15_000):
        dialog.import_button.click()
    assert dialog.report.imported == 2 and dialog.report.updated == 1
    alice = Contact.get(Contact.phone == "+33612345678")
    assert alice.name == "Alice Martin" and alice.fields == {"Ville": "Lyon"}
    assert alice.tags == ["vip", "salon"]
    assert Contact.get(Contact.phone == "+447911123456").tags == ["uk", "salon"]
    assert Contact.get(Contact.phone == "+33698765432").name == "Bob Durand"
    qtbot.waitUntil(lambda: view.model.rowCount() == 3, timeout=5000)  # contactsChanged refresh
    assert view.ui.tagCombo.findData("salon") >= 0


def test_file_without_phone_column_says_so(services, qtbot, tmp_path):
    from wacampaign_desktop.gui.contacts import CsvImportDialog

    path = tmp_path / "bad.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    dialog = CsvImportDialog(services, path=path)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: "choose it under Phone number" in dialog.ui.summaryLabel.text(),
                    timeout=15_000)
    assert not dialog.import_button.isEnabled()
    dialog.ui.phoneCombo.setCurrentIndex(dialog.ui.phoneCombo.findText("b"))
    qtbot.waitUntil(lambda: dialog.ui.previewTabs.tabText(1) == "Rejected (1)", timeout=15_000)


def test_table_search_tag_filter_opt_out_add_and_export(services, qtbot, tmp_path):
    from wacampaign_desktop.gui.contacts import ContactsView
    from wacampaign_desktop.gui.contacts.contact_dialog import ContactDialog

    for i in range(1200):
        Contact.create(phone=f"+336{i:08d}", name=f"Client {i}", tags=["lyon"] if i % 2 else [])
    Contact.create(phone="+33700000001", name="Zoé Stop", tags=["vip"], opted_out_at=utcnow())
    view = ContactsView(services)
    qtbot.addWidget(view)
    view.show()
    assert view.model.rowCount() == 500  # lazy
    assert "1201" in view.ui.countLabel.text()
    view.ui.tagCombo.setCurrentIndex(view.ui.tagCombo.findData("vip"))
    assert view.model.rowCount() == 1
    assert view.model.data(view.model.index(0, 2)) == "Opted out"
    view.ui.tagCombo.setCurrentIndex(0)
    view.ui.searchEdit.setText("Client 11")
    qtbot.waitUntil(lambda: view.model.rowCount() == 111, timeout=5000)  # 11, 110–119, 1100–1199

    dialog = ContactDialog(services)
    qtbot.addWidget(dialog)
    save = dialog.ui.buttonBox.button(QDialogButtonBox.StandardButton.Save)
    dialog.ui.phoneEdit.setText("06 00 00 00 01")  # taken by Client 1
    assert "already belongs" in dialog.ui.phoneProblem.text() and not save.isEnabled()
    dialog.ui.phoneEdit.setText("07 81 23 45 67")
    dialog.ui.fieldsEdit.setPlainText("city: Lyon\nno colon here")
    assert "Line 2" in dialog.ui.fieldsProblem.text() and not save.isEnabled()
    dialog.ui.fieldsEdit.setPlainText("city: Lyon")
    assert save.isEnabled()
    save.click()
    assert Contact.get(Contact.phone == "+33781234567").fields == {"city": "Lyon"}

    out = tmp_path / "export.csv"
    view.ui.searchEdit.setText("")
    view.apply_filter()
    view.export_csv(str(out))
    qtbot.waitUntil(lambda: "Export done (contacts: 1202)" in view.ui.messageLabel.text(), timeout=15_000)
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert len(rows) == 1202 and {"phone", "name", "tags", "opted_out"} <= set(rows[0])


def test_delete_selected_contacts_after_confirmation(services, qtbot, monkeypatch):
    from PySide6.QtCore import QItemSelectionModel
    from PySide6.QtWidgets import QMessageBox

    from wacampaign_desktop.gui.contacts import ContactsView

    for i in range(3):
        Contact.create(phone=f"+3361234567{i}", name=f"C{i}")
    view = ContactsView(services)
    qtbot.addWidget(view)
    view.show()
    selection = view.ui.table.selectionModel()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    selection.select(view.model.index(0, 0), flags)
    selection.select(view.model.index(2, 0), flags)
    assert view.ui.deleteButton.isEnabled() and not view.ui.editButton.isEnabled()
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2])
                        or QMessageBox.StandardButton.Yes)
    view.ui.deleteButton.click()
    assert "(2)" in asked[0]
    assert [c.name for c in Contact.select()] == ["C1"]
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=5000)
    assert "deleted: 2" in view.ui.messageLabel.text()


def test_shortcuts_work_from_the_main_window_only_on_the_contacts_page(services, qtbot, monkeypatch):
    from PySide6.QtCore import Qt

    from wacampaign_desktop.gui.contacts import import_dialog
    from wacampaign_desktop.gui.main_window import MainWindow

    opened = []
    monkeypatch.setattr(import_dialog.CsvImportDialog, "exec", lambda self: opened.append(1) or 0)
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.show_view("campaigns")
    window.activateWindow()
    qtbot.waitActive(window)
    window.nav.setFocus()
    qtbot.keyClick(window.windowHandle(), Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    assert opened == []  # the contacts page is not showing
    window.show_view("contacts")
    window.nav.setFocus()  # focus on the navigation list, as after a click on "Contacts"
    qtbot.keyClick(window.windowHandle(), Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: opened == [1], timeout=5000)
    # Return edits the selected contact only from the table, never from the search box.
    from wacampaign_desktop.gui.contacts import contact_dialog

    edited = []
    monkeypatch.setattr(contact_dialog.ContactDialog, "exec", lambda self: edited.append(1) or 0)
    Contact.create(phone="+33612345678", name="Alice")
    view = window.view("contacts")
    view.refresh()
    view.ui.searchEdit.setFocus()
    qtbot.keyClick(window.windowHandle(), Qt.Key.Key_Return)
    assert edited == []
    view.ui.table.setFocus()
    view.ui.table.selectRow(0)
    qtbot.keyClick(window.windowHandle(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: edited == [1], timeout=5000)
