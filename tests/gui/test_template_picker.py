"""The campaign editor's template picker on the sandbox, as a user goes through it: the templates
sync by themselves the first time, non-approved ones are greyed with their reason and cannot be
chosen, search and language filter, the placeholders mapped to a contact field or a fixed text,
the preview for each recipient, a missing value naming the contact, then a real send to `read`."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from wacampaign_desktop.core.sandbox import SandboxConfig
from wacampaign_desktop.core.store.models import Campaign, CampaignMessage, Contact

TIMEOUT = 30_000


@pytest.fixture
def editor_services(context, qtbot):
    from wacampaign_desktop.core.runtime import Runtime
    from wacampaign_desktop.gui.services import GuiServices

    context.settings.webhook_port = 0
    context.settings.tunnel_mode = "local"
    svc = GuiServices.create(context)
    runtime = Runtime(context, sandbox_config=SandboxConfig(seed=4, step_latency=0.02)).start()
    svc.runtime = runtime
    yield svc
    runtime.stop()
    svc.close()


def _settled(dialog) -> bool:
    return not dialog._pending and dialog.preparation is not None


def _row(picker, name: str, language: str) -> int:
    return next(i for i, t in enumerate(picker.model.templates)
                if (t.name, t.language) == (name, language))


def _click_row(qtbot, picker, row: int) -> None:
    rect = picker.table.visualRect(picker.model.index(row, 0))
    qtbot.mouseClick(picker.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_pick_map_preview_and_send_a_template(editor_services, qtbot):
    from wacampaign_desktop.gui.editor import CampaignEditorDialog

    ana = Contact.create(phone="+33612345601", name="Ana Martin", fields={"city": "Lyon"})
    Contact.create(phone="+33612345602", name="Bruno", fields={"city": "Nantes"})
    dana = Contact.create(phone="+33612345603", name="Dana", fields={})
    dialog = CampaignEditorDialog(editor_services)
    qtbot.addWidget(dialog)
    dialog.show()
    ui, panel = dialog.ui, dialog.template_panel
    picker = panel.picker
    ui.nameEdit.setText("Pickup")
    ui.templateRadio.setChecked(True)
    qtbot.waitUntil(lambda: len(picker.model.templates) == 10, timeout=TIMEOUT)  # synced itself
    assert picker.syncedLabel.text().startswith("Last synced")

    pending = _row(picker, "loyalty_points", "en")
    assert not picker.model.flags(picker.model.index(pending, 0)) & Qt.ItemFlag.ItemIsSelectable
    assert "not approved this template yet" in picker.model.index(pending, 0).data(
        Qt.ItemDataRole.ToolTipRole)
    rejected = _row(picker, "flash_offer", "fr")
    assert "filed as UTILITY" in picker.model.index(rejected, 4).data()
    _click_row(qtbot, picker, pending)
    assert panel.template is None and ui.contentSidEdit.text() == ""  # never chosen

    picker.searchEdit.setText("ORDER")
    picker.languageCombo.setCurrentIndex(picker.languageCombo.findData("en"))
    assert [(t.name, t.language) for t in picker.model.templates] == [("order_update", "en")]
    _click_row(qtbot, picker, 0)
    assert panel.template.name == "order_update" and ui.contentSidEdit.text() == panel.template.sid
    numbers = [number for number, _combo, _edit in panel.grid.rows]
    assert numbers == ["1", "2"]
    first_combo, second_combo, second_edit = panel.grid.rows[0][1], *panel.grid.rows[1][1:]
    assert first_combo.currentData() == "name"  # {{1}} starts as the contact's name
    second_combo.setCurrentIndex(second_combo.findData("city"))

    qtbot.waitUntil(lambda: _settled(dialog) and panel.problems != [], timeout=TIMEOUT)
    shown = panel.problem_lines()
    phone = "+33 6 12 34 56 03".replace(" ", "\u00a0")  # shown whole: no-break spaces
    assert shown == [f"Dana ({phone}): {{{{2}}}} has no value (the contact’s “city” is empty)."]
    assert panel.problemsList.isVisible() and not ui.startButton.isEnabled()

    ui.previewContactCombo.setCurrentIndex(ui.previewContactCombo.findData(ana.id))
    assert "Hello Ana Martin, your order is ready for pickup at our Lyon shop." in \
        ui.previewView.toPlainText()

    second_combo.setCurrentIndex(second_combo.findData(""))  # Fixed text
    qtbot.keyClicks(second_edit, "Lyon")
    qtbot.waitUntil(lambda: _settled(dialog) and ui.startButton.isEnabled(), timeout=TIMEOUT)
    assert not panel.problemsList.isVisible()
    ui.previewContactCombo.setCurrentIndex(ui.previewContactCombo.findData(dana.id))
    assert "Hello Dana, your order is ready for pickup at our Lyon shop." in \
        ui.previewView.toPlainText()

    with qtbot.waitSignal(dialog.accepted, timeout=TIMEOUT):  # sandbox: no review to confirm
        qtbot.mouseClick(ui.startButton, Qt.MouseButton.LeftButton)
    campaign = Campaign.get_by_id(dialog.campaign_id)
    assert campaign.content_variables == {"1": "{{name}}", "2": "Lyon"}

    def messages() -> dict[str, CampaignMessage]:
        return {m.phone: m for m in CampaignMessage.select().where(
            CampaignMessage.campaign == campaign.id)}

    qtbot.waitUntil(lambda: {m.status for m in messages().values()} == {"read"}, timeout=TIMEOUT)
    assert messages()["+33612345602"].message == ("Hello Bruno, your order is ready for pickup "
                                                  "at our Lyon shop.")


def test_reopening_a_template_draft_shows_its_template_and_mapping(editor_services, qtbot):
    from wacampaign_desktop.core.services.campaigns import CampaignDraft
    from wacampaign_desktop.gui.editor import CampaignEditorDialog

    Contact.create(phone="+33612345601", name="Ana Martin", fields={"city": "Lyon"})
    runtime = editor_services.runtime
    editor_services.templates.sync(runtime.gateway)
    template = editor_services.templates.get("order_update")
    draft_id = CampaignDraft(name="Saved", kind="template", content_sid=template.sid,
                             variables={"1": "{{name}}", "2": "{{city}}"}).save()
    dialog = CampaignEditorDialog(editor_services, campaign_id=draft_id)
    qtbot.addWidget(dialog)
    panel = dialog.template_panel
    assert panel.template.sid == template.sid
    assert panel.grid.mapping() == {"1": "{{name}}", "2": "{{city}}"}
    qtbot.waitUntil(lambda: _settled(dialog) and dialog.ui.startButton.isEnabled(), timeout=TIMEOUT)
    assert "Hello Ana Martin, your order is ready for pickup at our Lyon shop." in \
        dialog.ui.previewView.toPlainText()

    spring = editor_services.templates.get("spring_sale")  # a media template shows its media
    dialog.template_panel.picker.select_sid(spring.sid)
    qtbot.waitUntil(lambda: "Media: https://demo.twilio.com/owl.png" in
                    dialog.ui.previewView.toPlainText(), timeout=TIMEOUT)
    assert "Our spring sale starts today" in dialog.ui.previewView.toPlainText()


def test_many_contacts_without_a_value_are_counted_and_the_first_listed(editor_services, qtbot):
    from wacampaign_desktop.core.services.campaigns import CampaignDraft
    from wacampaign_desktop.gui.editor import CampaignEditorDialog

    Contact.insert_many([{"phone": f"+336100{i:05d}", "name": f"Client {i}", "fields": {}}
                         for i in range(60)]).execute()
    editor_services.templates.sync(editor_services.runtime.gateway)
    template = editor_services.templates.get("order_update")
    draft_id = CampaignDraft(name="Many", kind="template", content_sid=template.sid,
                             variables={"1": "{{name}}", "2": "{{city}}"}).save()
    dialog = CampaignEditorDialog(editor_services, campaign_id=draft_id)
    qtbot.addWidget(dialog)
    panel = dialog.template_panel
    qtbot.waitUntil(lambda: _settled(dialog) and panel.problems != [], timeout=TIMEOUT)
    lines = panel.problem_lines()
    assert len(lines) == 51 and lines[-1] == "… and 10 more"
    assert lines[0].startswith("Client 0 (")
    assert panel.problemsTitle.text().startswith("Cannot start: 60 contact(s) lack a valid value")
    assert not dialog.ui.startButton.isEnabled()
