"""Connect Twilio dialog: field problems shown next to the field, Check against the local sandbox
(wrong token → a plain message; right token → it works), saving keeps the token out of settings."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from wacampaign_desktop.core.sandbox import SandboxServer
from wacampaign_desktop.core.sandbox.config import SandboxConfig
from wacampaign_desktop.core.secrets import TWILIO_AUTH_TOKEN


@pytest.fixture
def services(context, qtbot):
    from wacampaign_desktop.gui.services import GuiServices

    svc = GuiServices.create(context)
    yield svc
    svc.close()


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
    return dialog


def test_wrong_token_says_what_is_wrong(services, qtbot, sandbox):
    dialog = _dialog(services, qtbot, sandbox)
    ui = dialog.ui
    ui.sidEdit.setText("AC123")
    assert "starts with AC and has 34 characters" in ui.sidProblem.text()
    assert not ui.checkButton.isEnabled()
    ui.sidEdit.setText(sandbox.account_sid)
    ui.tokenEdit.setText("0" * 32)  # wrong
    ui.senderEdit.setText("+14155238886")
    assert ui.sidProblem.text() == "" and ui.checkButton.isEnabled()
    qtbot.mouseClick(ui.checkButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "refused" in ui.checkResult.text(), timeout=20_000)
    assert "20003" in ui.checkResult.text()
    assert "0" * 32 not in ui.checkResult.text()  # the secret never shows up in messages


def test_right_token_works_and_save_keeps_token_in_secret_store(services, qtbot, sandbox):
    dialog = _dialog(services, qtbot, sandbox)
    ui = dialog.ui
    ui.sidEdit.setText(sandbox.account_sid)
    ui.tokenEdit.setText(sandbox.auth_token)
    ui.senderEdit.setText("+1 415 523 8886")
    dialog.check()
    qtbot.waitUntil(lambda: "It works" in ui.checkResult.text(), timeout=20_000)

    ui.liveCheck.setChecked(True)  # real sending needs a public address
    save = ui.buttonBox.button(QDialogButtonBox.StandardButton.Save)
    assert not save.isEnabled() and "public address" in ui.tunnelProblem.text()
    ui.ownUrlRadio.setChecked(True)
    ui.publicUrlEdit.setText("https://hooks.example.com/")
    assert ui.statusUrlEdit.text() == "https://hooks.example.com/api/webhook/twilio/status"
    assert save.isEnabled()
    with qtbot.waitSignal(dialog.settingsSaved, timeout=5000):
        save.click()
    context = services.context
    assert context.settings.sender == "whatsapp:+14155238886"
    assert context.settings.use_sandbox is False and context.settings.tunnel_mode == "own_url"
    assert context.secrets.get(TWILIO_AUTH_TOKEN) == sandbox.auth_token
    assert sandbox.auth_token not in context.paths.settings_file.read_text("utf-8")


def test_unreachable_twilio_and_ngrok_urls(services, qtbot):
    import socket

    from wacampaign_desktop.core.events import TunnelStateChanged
    from wacampaign_desktop.gui.settings import ConnectTwilioDialog

    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    dialog = ConnectTwilioDialog(services, api_base_url=f"http://127.0.0.1:{closed}")
    qtbot.addWidget(dialog)
    ui = dialog.ui
    ui.sidEdit.setText("AC" + "1" * 32)
    ui.tokenEdit.setText("a" * 32)
    ui.senderEdit.setText("+14155238886")
    dialog.check()
    qtbot.waitUntil(lambda: "Could not reach Twilio" in ui.checkResult.text(), timeout=30_000)
    assert "Traceback" not in ui.checkResult.text() and "a" * 32 not in ui.checkResult.text()

    ui.ngrokRadio.setChecked(True)
    assert "ngrok authtoken" in ui.tunnelProblem.text()
    assert "known once the ngrok tunnel has started" in ui.statusUrlEdit.text()
    services.context.bus.publish(TunnelStateChanged(mode="ngrok", state="up",
                                                    public_url="https://abc.ngrok.app"))
    services.bridge.drain()
    ui.ngrokTokenEdit.setText("2abc")
    assert ui.statusUrlEdit.text() == "https://abc.ngrok.app/api/webhook/twilio/status"
    ui.ngrokDomainEdit.setText("my-shop.ngrok.app")
    assert ui.incomingUrlEdit.text() == "https://my-shop.ngrok.app/api/webhook/twilio/incoming"
