"""Connect Twilio, webhook part: "Apply to Twilio" against the sandbox shows the resource, the
two URLs and ✓/✗ in plain words (and what to set in the Console without permission); the mode
"Our server at URL" shows the server's health and last callback; after a live connect the
templates are synced and the demo contacts can be deleted; an automatic re-apply is told."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from tests.webhooks.helpers import TOKEN, Client, incoming_params
from wacampaign_desktop.core.events import Alert
from wacampaign_desktop.core.sandbox import SandboxConfig, SandboxServer
from wacampaign_desktop.core.services.contacts import ContactsService
from wacampaign_desktop.core.webhooks import INCOMING_PATH, STATUS_PATH, WebhookServer

PUBLIC = "https://hooks.example.com"


@pytest.fixture
def sandbox():
    server = SandboxServer(SandboxConfig(port=0, seed=7))
    server.start()
    yield server
    server.stop()


def _dialog(services, qtbot, sandbox):
    from wacampaign_desktop.gui.settings import ConnectTwilioDialog

    dialog = ConnectTwilioDialog(services, api_base_url=sandbox.base_url)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _live_account(dialog, sandbox, service: bool = True) -> str:
    ui = dialog.ui
    ui.sidEdit.setText(sandbox.account_sid)
    ui.tokenEdit.setText(sandbox.auth_token)
    sender = next(iter(sandbox.resources.services)) if service else "+14155238886"
    (ui.serviceRadio if service else ui.numberRadio).setChecked(True)
    ui.senderEdit.setText(sender)
    ui.liveCheck.setChecked(True)
    ui.ownUrlRadio.setChecked(True)
    ui.publicUrlEdit.setText(PUBLIC)
    return sender


def test_apply_to_twilio_shows_what_twilio_holds_and_what_to_do(services, qtbot, sandbox):
    dialog = _dialog(services, qtbot, sandbox)
    ui = dialog.ui
    service = _live_account(dialog, sandbox)
    assert ui.applyButton.isEnabled()
    ui.localRadio.setChecked(True)
    assert not ui.applyButton.isEnabled()  # a local address is nothing to give Twilio
    ui.ownUrlRadio.setChecked(True)
    ui.applyButton.click()
    qtbot.waitUntil(lambda: "matches" in ui.applyResult.text(), timeout=20_000)
    text = ui.applyResult.text()
    assert f"Messaging Service {service}" in text and "✓ Twilio matches this app" in text
    assert f"Incoming messages: {PUBLIC}{INCOMING_PATH}" in text
    assert f"Status callback: {PUBLIC}{STATUS_PATH}" in text
    values = sandbox.resources.services[service].values
    assert values["inbound_request_url"] == PUBLIC + INCOMING_PATH  # really set on Twilio

    sandbox.config.resource_errors["services"] = 403  # the token may not change the service
    ui.applyButton.click()
    qtbot.waitUntil(lambda: "did not let" in ui.applyResult.text(), timeout=20_000)
    text = ui.applyResult.text()
    assert "✗ Twilio did not let the app change the webhooks of this messaging service" in text
    assert f"Messaging → Services → {service} → Integration" in text
    assert PUBLIC + INCOMING_PATH in text and "Traceback" not in text and "403" not in text


def test_apply_result_in_french(services, qtbot, sandbox, french):
    dialog = _dialog(services, qtbot, sandbox)
    ui = dialog.ui
    _live_account(dialog, sandbox, service=False)
    assert ui.applyButton.text() == "&Appliquer chez Twilio"
    ui.applyButton.click()
    qtbot.waitUntil(lambda: "Twilio" in ui.applyResult.text() and "✓" in ui.applyResult.text(),
                    timeout=20_000)
    text = ui.applyResult.text()
    assert "Expéditeur WhatsApp +14155238886" in text
    assert "✓ Twilio correspond à cette application" in text
    assert f"Messages entrants\u202f: {PUBLIC}{INCOMING_PATH}" in text


def test_server_mode_shows_health_and_last_callback(services, qtbot, sandbox, bus):
    receiver = WebhookServer(bus, lambda: TOKEN, port=0)  # the team's server (serve)
    receiver.start()
    try:
        dialog = _dialog(services, qtbot, sandbox)
        ui = dialog.ui
        _live_account(dialog, sandbox, service=False)
        ui.serverRadio.setChecked(True)
        assert "server's address" in ui.tunnelProblem.text()
        ui.serverUrlEdit.setText(receiver.local_base_url)
        ui.serverUrlEdit.editingFinished.emit()
        qtbot.waitUntil(lambda: "Server OK" in ui.serverHealthLabel.text(), timeout=10_000)
        assert ui.serverHealthLabel.text() == "Server OK · no callback received yet"
        assert ui.statusUrlEdit.text() == receiver.local_base_url + STATUS_PATH

        client = Client(receiver.local_base_url)
        assert client.post(INCOMING_PATH, incoming_params("+33655550009", "Bonjour"))[0] == 200
        client.close()
        dialog.routes.check_server()  # the 30-second poll, now
        qtbot.waitUntil(lambda: "last callback" in ui.serverHealthLabel.text(), timeout=10_000)
        assert ui.serverHealthLabel.text() == "Server OK · last callback just now"

        ui.applyButton.click()  # Apply to Twilio uses the server's address
        qtbot.waitUntil(lambda: "matches" in ui.applyResult.text(), timeout=20_000)
        hook = next(iter(sandbox.resources.senders.values())).values["webhook"]
        assert hook["callback_url"] == receiver.local_base_url + INCOMING_PATH
        assert hook["status_callback_url"] == receiver.local_base_url + STATUS_PATH

        receiver.stop()
        dialog.routes.check_server()
        qtbot.waitUntil(lambda: "not reachable" in ui.serverHealthLabel.text(), timeout=10_000)
        assert ui.serverHealthLabel.text().startswith("Server not reachable: ")

        with qtbot.waitSignal(dialog.settingsSaved, timeout=5000):
            ui.buttonBox.button(QDialogButtonBox.StandardButton.Save).click()
        settings = services.context.settings
        assert settings.tunnel_mode == "server" and settings.server_url == receiver.local_base_url
    finally:
        receiver.stop()


def test_live_connect_syncs_templates_and_offers_to_delete_demo_contacts(services, qtbot,
                                                                         sandbox):
    contacts = ContactsService(services.context)
    assert contacts.seed_demo_contacts(use_sandbox=True) > 0
    dialog = _dialog(services, qtbot, sandbox)
    ui = dialog.ui
    _live_account(dialog, sandbox)
    assert not ui.demoPanel.isVisible()
    dialog.check()
    qtbot.waitUntil(lambda: "templates synced" in ui.checkResult.text(), timeout=20_000)
    assert ui.demoPanel.isVisible() and "demo contacts" in ui.demoLabel.text()
    from wacampaign_desktop.gui.demo_cleanup import offer_demo_cleanup

    assert offer_demo_cleanup(dialog, services) is False  # offered here: the window does not ask
    ui.deleteDemoButton.click()
    qtbot.waitUntil(lambda: "deleted" in ui.demoLabel.text(), timeout=10_000)
    assert contacts.demo_contacts_count() == 0


def test_automatic_reapply_is_told_in_the_dialog(services, qtbot, sandbox):
    dialog = _dialog(services, qtbot, sandbox)
    services.context.bus.publish(Alert(
        code="webhook_routes_applied", level="info", message="changed",
        details={"old_url": "https://a.ngrok.app", "new_url": "https://b.ngrok.app"}))
    services.bridge.drain()
    qtbot.waitUntil(lambda: "https://b.ngrok.app" in dialog.ui.applyResult.text(), timeout=5000)
    assert "set Twilio's webhooks to it again automatically" in dialog.ui.applyResult.text()


def test_status_bar_shows_the_servers_health(services, qtbot):
    from PySide6.QtWidgets import QStatusBar

    from wacampaign_desktop.core.events import TunnelStateChanged
    from wacampaign_desktop.gui.status_bar import StatusBarController

    bar = QStatusBar()
    qtbot.addWidget(bar)
    status = StatusBarController(bar, services)
    status.on_tunnel(TunnelStateChanged("server", "up", PUBLIC,
                                        "Server OK · last callback 2 min ago"))
    assert "Our server: OK" in status.tunnel_label.text() and PUBLIC in status.tunnel_label.text()
    assert "last callback 2 min ago" in status.tunnel_label.toolTip()
    status.on_tunnel(TunnelStateChanged("server", "error", PUBLIC, "Server not reachable: x"))
    assert "Our server: not reachable" in status.tunnel_label.text()
    assert "Server not reachable: x" in status.tunnel_label.toolTip()


def test_apply_is_an_activity_entry(services, qtbot, sandbox):
    from wacampaign_desktop.gui.activity.webhook_model import WebhookEventsModel

    dialog = _dialog(services, qtbot, sandbox)
    service = _live_account(dialog, sandbox)
    dialog.ui.applyButton.click()
    qtbot.waitUntil(lambda: "matches" in dialog.ui.applyResult.text(), timeout=20_000)
    model = WebhookEventsModel()
    model.reload()
    cells = [model.data(model.index(0, column)) for column in range(model.columnCount())]
    assert "Twilio webhook settings" in cells and "Applied" in cells and service in cells


def test_closing_the_dialog_while_applying_is_safe(services, qtbot, sandbox, caplog):
    from PySide6.QtCore import QCoreApplication, QEvent

    from wacampaign_desktop.gui.settings import ConnectTwilioDialog

    dialog = ConnectTwilioDialog(services, api_base_url=sandbox.base_url)  # deleted by the test
    dialog.show()
    _live_account(dialog, sandbox)
    sandbox.config.api_latency = 0.3  # Twilio takes a moment: the user closes meanwhile
    dialog.ui.applyButton.click()
    dialog.close()
    dialog.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert services.tasks.wait(20_000)
    qtbot.wait(100)  # the result is delivered to a dialog that is gone: nothing raises
    assert not [r for r in caplog.records if "Task callback" in r.getMessage()]
    values = next(iter(sandbox.resources.services.values())).values
    assert values["inbound_request_url"] == PUBLIC + INCOMING_PATH  # the apply itself finished
