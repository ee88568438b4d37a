"""The user's first session through the forms, in the real window on the real runtime (sandbox,
Waitress webhooks, engine): demo contacts → import a CSV with bad rows → write a campaign in the
editor → Save and start → every good number reaches read → a contact replies → the inbox answers."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.gui.window_helpers import open_demo_window
from wacampaign_desktop.core.store.models import Campaign, CampaignMessage, Contact
from wacampaign_desktop.gui.first_run import DEMO_CONTACTS

runtime_module = pytest.importorskip("wacampaign_desktop.core.runtime")
sandbox_module = pytest.importorskip("wacampaign_desktop.core.sandbox")

TIMEOUT = 60_000
CSV = """prénom,nom,mobile,ville,étiquettes
Ana,Lopez,06 11 22 33 44,Lyon,salon
Ben,Roy,pas de numéro,Paris,salon
Cléo,Diaz,+33 6 55 44 33 22,Nice,salon
"""


@pytest.fixture
def window(qtbot, context):
    context.settings.webhook_port = 0
    context.settings.tunnel_mode = "local"
    win = open_demo_window(qtbot, context)
    services = win.services

    def make(ctx):
        return runtime_module.Runtime(ctx, sandbox_config=sandbox_module.SandboxConfig(
            seed=21, step_latency=0.03))

    services.runtime_controller.start(make)
    qtbot.waitUntil(lambda: services.runtime is not None or bool(services.runtime_error),
                    timeout=TIMEOUT)
    assert services.runtime is not None, services.runtime_error
    yield win
    services.runtime_controller.stop()
    services.close()


def test_first_session_through_the_forms(qtbot, window, tmp_path):
    from wacampaign_desktop.gui.contacts import CsvImportDialog
    from wacampaign_desktop.gui.editor import CampaignEditorDialog
    from wacampaign_desktop.gui.inbox import InboxView

    services = window.services
    contacts = window.show_view("contacts")
    assert contacts.model.rowCount() == len(DEMO_CONTACTS)

    path = tmp_path / "salon.csv"
    path.write_text(CSV, encoding="utf-8")
    importer = CsvImportDialog(services, contacts, path=path)
    qtbot.waitUntil(lambda: importer.preview is not None and not importer._busy, timeout=TIMEOUT)
    assert importer.ui.nameCombo.currentText() == "(joined: prénom + nom)"
    assert importer.ui.rejectedTable.rowCount() == 1
    assert importer.ui.rejectedTable.item(0, 0).text() == "3"  # line 3 of the file
    with qtbot.waitSignal(importer.accepted, timeout=TIMEOUT):
        importer.import_button.click()
    qtbot.waitUntil(lambda: contacts.model.rowCount() == len(DEMO_CONTACTS) + 2, timeout=TIMEOUT)
    assert Contact.get(Contact.phone == "+33611223344").name == "Ana Lopez"

    editor = CampaignEditorDialog(services, parent=window)
    ui = editor.ui
    ui.nameEdit.setText("Salon invitation")
    ui.bodyEdit.setPlainText("Bonjour {{name}}, rendez-vous au salon de {{ville}} !")
    ui.tagRadio.setChecked(True)
    ui.tagCombo.setCurrentText("salon")
    qtbot.waitUntil(ui.startButton.isEnabled, timeout=TIMEOUT)
    assert ui.recipientCount.text().startswith("Recipients: 2")
    with qtbot.waitSignal(editor.accepted, timeout=TIMEOUT):
        qtbot.mouseClick(ui.startButton, Qt.MouseButton.LeftButton)
    campaign_id = editor.campaign_id
    qtbot.waitUntil(lambda: Campaign.get_by_id(campaign_id).state == "completed", timeout=TIMEOUT)
    messages = list(CampaignMessage.select().where(CampaignMessage.campaign == campaign_id))
    assert sorted(m.status for m in messages) == ["read", "read"]
    assert any("salon de Lyon" in m.message for m in messages)

    inbox: InboxView = window.show_view("inbox")
    services.runtime.sandbox.simulate_reply("+33611223344", "Merci, à samedi !")
    qtbot.waitUntil(lambda: inbox.ui.conversationList.count() == 1, timeout=TIMEOUT)
    assert "salon de Lyon" in inbox.ui.threadView.toPlainText()  # our campaign message
    inbox.ui.replyEdit.setPlainText("Avec plaisir.")
    inbox.ui.sendButton.click()
    qtbot.waitUntil(lambda: inbox.ui.replyStatusLabel.text() == "Reply sent.", timeout=TIMEOUT)
