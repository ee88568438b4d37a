"""Campaign editor: problems next to the field, Start disabled until the campaign can start, the
live preview for a chosen contact, recipient/skipped counts, then a real start on the sandbox."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from wacampaign_desktop.core.sandbox import SandboxConfig
from wacampaign_desktop.core.store.models import Campaign, CampaignMessage, Contact, utcnow

TIMEOUT = 30_000


@pytest.fixture
def services(context, qtbot):
    from wacampaign_desktop.core.runtime import Runtime
    from wacampaign_desktop.gui.services import GuiServices

    context.settings.webhook_port = 0
    context.settings.tunnel_mode = "local"
    svc = GuiServices.create(context)
    runtime = Runtime(context, sandbox_config=SandboxConfig(seed=3, step_latency=0.02))
    yield svc, runtime
    runtime.stop()
    svc.close()


def _settled(dialog) -> bool:
    return not dialog._pending and dialog.preparation is not None


def test_editor_validation_preview_and_start(services, qtbot):
    from wacampaign_desktop.gui.editor import CampaignEditorDialog

    svc, runtime = services
    alice = Contact.create(phone="+33612345678", name="Alice Martin", fields={"city": "Lyon"}, tags=["vip"])
    Contact.create(phone="+33698765432", name="Bob Durand", tags=["vip"])
    Contact.create(phone="+33700000001", name="Zoé Stop", tags=["vip"], opted_out_at=utcnow())
    dialog = CampaignEditorDialog(svc)
    qtbot.addWidget(dialog)
    ui = dialog.ui
    qtbot.waitUntil(lambda: _settled(dialog), timeout=TIMEOUT)
    assert not ui.startButton.isEnabled()
    assert "name" in ui.nameProblem.text() and ui.nameProblem.isVisibleTo(dialog)
    assert "Write the message" in ui.bodyProblem.text()

    ui.nameEdit.setText("Spring sale")
    ui.bodyEdit.setPlainText("Hello {{name}} from {{citty}}")
    assert "Unknown contact field: {{citty}}" in ui.bodyProblem.text()
    assert "city" in ui.bodyProblem.text()  # names the known fields

    ui.bodyEdit.setPlainText("Hello {{name}} from {{city}}")
    qtbot.waitUntil(lambda: _settled(dialog), timeout=TIMEOUT)
    assert "{{city}} is empty for: +33698765432" in ui.bodyProblem.text()
    assert not ui.startButton.isEnabled()
    ui.previewContactCombo.setCurrentIndex(ui.previewContactCombo.findData(alice.id))
    assert "Hello Alice Martin from Lyon" in ui.previewView.toPlainText()
    assert "28 characters for this contact" in ui.previewInfo.text()

    ui.bodyEdit.setPlainText("Hello {{name}}, 20 % off this weekend!")
    ui.mediaEdit.setText("http://example.com/a.jpg")
    assert "https://" in ui.mediaProblem.text()
    ui.mediaEdit.setText("")
    qtbot.waitUntil(lambda: _settled(dialog), timeout=TIMEOUT)
    assert ui.recipientCount.text().startswith("Recipients: 2 · skipped: 1")
    assert not ui.startButton.isEnabled()  # no runtime yet: cannot send
    assert "getting ready" in ui.readyLabel.text()

    runtime.start()
    svc.runtime = runtime
    svc.bridge.runtimeChanged.emit(runtime)
    assert ui.startButton.isEnabled() and ui.readyLabel.text() == "Ready to start."

    ui.tagRadio.setChecked(True)  # the only tag: vip → same recipients
    qtbot.waitUntil(lambda: _settled(dialog) and ui.startButton.isEnabled(), timeout=TIMEOUT)
    with qtbot.waitSignal(dialog.accepted, timeout=TIMEOUT):
        qtbot.mouseClick(ui.startButton, Qt.MouseButton.LeftButton)
    campaign = Campaign.get_by_id(dialog.campaign_id)
    assert campaign.name == "Spring sale" and campaign.audience == {"kind": "tag", "tag": "vip"}
    qtbot.waitUntil(lambda: Campaign.get_by_id(campaign.id).state == "completed", timeout=TIMEOUT)

    def statuses() -> list[str]:
        return sorted(m.status for m in CampaignMessage.select().where(
            CampaignMessage.campaign == campaign.id))

    # "completed" comes once every message is final (delivered counts); read receipts follow.
    qtbot.waitUntil(lambda: statuses() == ["read", "read", "skipped"], timeout=TIMEOUT)
    assert statuses() == ["read", "read", "skipped"]


def test_template_mode_and_reopen_draft(services, qtbot):
    from wacampaign_desktop.gui.editor import CampaignEditorDialog

    svc, _runtime = services
    Contact.create(phone="+33612345678", name="Alice", fields={"city": "Lyon"})
    dialog = CampaignEditorDialog(svc)
    qtbot.addWidget(dialog)
    ui = dialog.ui
    ui.nameEdit.setText("Template test")
    ui.templateRadio.setChecked(True)
    ui.contentSidEdit.setText("HX123")
    assert "starts with HX" in ui.contentSidProblem.text()
    ui.contentSidEdit.setText("HX" + "a" * 32)
    from PySide6.QtWidgets import QTableWidgetItem

    ui.variablesTable.setItem(0, 0, QTableWidgetItem("1"))
    ui.variablesTable.setItem(0, 1, QTableWidgetItem("city"))
    for row in range(1, 5):
        ui.variablesTable.setItem(row, 0, QTableWidgetItem(str(row + 1)))
        ui.variablesTable.setItem(row, 1, QTableWidgetItem("name"))
    assert ui.variablesTable.rowCount() == 6  # an empty row is always there for one more
    qtbot.waitUntil(lambda: _settled(dialog), timeout=TIMEOUT)
    assert ui.contentSidProblem.text() == "" and ui.variablesProblem.text() == ""
    assert "{{1}} = Lyon" in ui.previewView.toPlainText()
    ui.saveButton.click()
    saved = Campaign.get_by_id(dialog.campaign_id)
    assert saved.state == "draft" and saved.body == ""
    assert saved.content_variables == {"1": "city", "2": "name", "3": "name", "4": "name", "5": "name"}

    again = CampaignEditorDialog(svc, campaign_id=saved.id)
    qtbot.addWidget(again)
    assert again.ui.templateRadio.isChecked() and again.ui.contentSidEdit.text() == "HX" + "a" * 32


def test_a_campaign_created_on_the_command_line_opens_with_its_ab_version(services, qtbot):
    """The CLI used to store A/B versions as {"body": …}: the editor shows them and saves them
    in the one shape ({"name": "B", "body": …}), the sender set on the command line kept."""
    from wacampaign_desktop.gui.editor import CampaignEditorDialog

    svc, _runtime = services
    Contact.create(phone="+33612345678", name="Alice")
    old = Campaign.create(name="From the CLI", body="A {{name}}", variants=[{"body": "B {{name}}"}],
                          sender="whatsapp:+14155238886")
    dialog = CampaignEditorDialog(svc, campaign_id=old.id)
    qtbot.addWidget(dialog)
    ui = dialog.ui
    assert ui.abCheck.isChecked() and ui.variantEdit.toPlainText() == "B {{name}}"
    qtbot.waitUntil(lambda: _settled(dialog), timeout=TIMEOUT)
    assert "B Alice" in ui.previewView.toPlainText()
    ui.variantEdit.setPlainText("")
    assert "version B" in ui.variantProblem.text()
    ui.variantEdit.setPlainText("Version B for {{name}}")
    ui.saveButton.click()
    saved = Campaign.get_by_id(old.id)
    assert saved.variants == [{"name": "B", "body": "Version B for {{name}}"}]
    assert saved.sender == "whatsapp:+14155238886"
