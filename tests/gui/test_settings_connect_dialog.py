"""Connect Twilio dialog: field problems shown next to the field once the user leaves it (never
while typing, and nothing moves), Check against the local sandbox (wrong token → a plain message;
right token → it works), saving keeps the token out of settings."""

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
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    return dialog


def _fill(qtbot, edit, text):
    """Type `text` into `edit` as a user would, then leave the field with Tab."""
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus, timeout=2000)
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Tab)


def test_wrong_token_says_what_is_wrong(services, qtbot, sandbox):
    dialog = _dialog(services, qtbot, sandbox)
    ui = dialog.ui
    _fill(qtbot, ui.sidEdit, "AC123")
    assert "starts with AC and has 34 characters" in ui.sidProblem.text()
    assert not ui.checkButton.isEnabled()
    _fill(qtbot, ui.sidEdit, sandbox.account_sid)
    _fill(qtbot, ui.tokenEdit, "0" * 32)  # wrong
    _fill(qtbot, ui.senderEdit, "+14155238886")
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
    assert "public address" in ui.tunnelProblem.text()
    with qtbot.assertNotEmitted(dialog.settingsSaved):
        save.click()  # refused: the problem stays, nothing is saved
    assert "public address" in ui.tunnelProblem.text() and dialog.isVisible()
    assert services.context.settings.use_sandbox is True
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


def _dialog_with_twilio_unreachable(services, qtbot):
    """The dialog, its Twilio API on a local port nobody listens on."""
    import socket

    from wacampaign_desktop.gui.settings import ConnectTwilioDialog

    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    dialog = ConnectTwilioDialog(services, api_base_url=f"http://127.0.0.1:{closed}")
    qtbot.addWidget(dialog)
    return dialog


def test_unreachable_twilio_and_ngrok_urls(services, qtbot):
    from wacampaign_desktop.core.events import TunnelStateChanged

    dialog = _dialog_with_twilio_unreachable(services, qtbot)
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


def _top(widget, dialog):
    return widget.mapTo(dialog, widget.rect().topLeft()).y()


def test_problems_wait_until_the_field_is_left_and_nothing_moves(services, qtbot, sandbox):
    dialog = _dialog(services, qtbot, sandbox)
    ui = dialog.ui
    fields = (ui.tokenEdit, ui.senderEdit, ui.liveCheck, ui.ngrokRadio, ui.publicUrlEdit)
    before = [_top(w, dialog) for w in fields]
    ui.sidEdit.setFocus()
    qtbot.waitUntil(ui.sidEdit.hasFocus, timeout=2000)
    for char in "AC12":
        qtbot.keyClicks(ui.sidEdit, char)
        assert ui.sidProblem.text() == ""  # typing: no problem shown yet
    qtbot.keyClick(ui.sidEdit, Qt.Key.Key_Tab)  # leaves the field
    assert "starts with AC and has 34 characters" in ui.sidProblem.text()
    assert ui.tokenEdit.hasFocus()
    _fill(qtbot, ui.senderEdit, "12")
    assert "not a usable phone number" in ui.senderProblem.text()
    ui.liveCheck.setChecked(True)
    assert "public address" in ui.tunnelProblem.text()
    assert [_top(w, dialog) for w in fields] == before  # the boxes stayed where they were
    _fill(qtbot, ui.sidEdit, "AC" + "1" * 32)
    assert ui.sidProblem.text() == ""  # fixed: the problem goes away


def test_save_shows_every_problem_and_focuses_the_first(services, qtbot, sandbox):
    dialog = _dialog(services, qtbot, sandbox)
    ui = dialog.ui
    ui.liveCheck.setChecked(True)
    assert ui.sidProblem.text() == "" and ui.tokenProblem.text() == ""
    with qtbot.assertNotEmitted(dialog.settingsSaved):
        qtbot.mouseClick(ui.buttonBox.button(QDialogButtonBox.StandardButton.Save),
                         Qt.MouseButton.LeftButton)
    assert "Enter the Account SID" in ui.sidProblem.text()
    assert "Enter the Auth Token" in ui.tokenProblem.text()
    assert "WhatsApp number" in ui.senderProblem.text()
    qtbot.waitUntil(ui.sidEdit.hasFocus, timeout=2000)


def test_sender_typed_without_plus_gets_the_plus_form(services, qtbot, sandbox):
    dialog = _dialog(services, qtbot, sandbox)
    services.context.settings.default_region = "FR"
    _fill(qtbot, dialog.ui.sidEdit, sandbox.account_sid)
    _fill(qtbot, dialog.ui.senderEdit, "44 20 7946 0958")
    assert "did you mean +44\u00a020\u00a07946\u00a00958?" in dialog.ui.senderProblem.text()


def test_could_not_reach_twilio_clears_when_the_fields_change(services, qtbot):
    dialog = _dialog_with_twilio_unreachable(services, qtbot)
    ui = dialog.ui
    ui.sidEdit.setText("AC" + "1" * 32)
    ui.tokenEdit.setText("a" * 32)
    dialog.check()
    qtbot.waitUntil(lambda: "Could not reach Twilio" in ui.checkResult.text(), timeout=30_000)
    ui.tokenEdit.setText("b" * 32)
    assert ui.checkResult.text() == ""
    dialog.check()
    qtbot.waitUntil(lambda: "Could not reach Twilio" in ui.checkResult.text(), timeout=30_000)
    ui.sidEdit.setText("AC" + "2" * 32)
    assert ui.checkResult.text() == ""


def test_own_address_mode_asks_for_the_address_not_for_ngrok(services, qtbot, sandbox):
    dialog = _dialog(services, qtbot, sandbox)
    ui = dialog.ui
    ui.ownUrlRadio.setChecked(True)
    assert ui.statusUrlEdit.text() == "(type your public address above)"
    assert "ngrok" not in ui.incomingUrlEdit.text()
    ui.ngrokRadio.setChecked(True)
    assert ui.statusUrlEdit.text() == "(known once the ngrok tunnel has started)"


def test_french_labels_and_whole_sentences(services, qtbot, sandbox, french):
    dialog = _dialog(services, qtbot, sandbox)
    ui = dialog.ui
    assert ui.sidLabel.text() == "&Identifiant du compte (Account SID)"
    assert ui.tokenLabel.text() == "&Jeton d'authentification (Auth Token)"
    assert ui.serviceRadio.text().startswith("&Service de messagerie")
    note = ui.saveNote.text()
    assert note.startswith("L'enregistrement applique") and note.endswith("nouveaux réglages.")
    ui.ownUrlRadio.setChecked(True)
    assert ui.statusUrlEdit.text() == "(saisissez votre adresse publique ci-dessus)"


def test_dialog_fits_the_screen_with_save_in_view(services, qtbot, sandbox, french):
    dialog = _dialog(services, qtbot, sandbox)
    screen = dialog.screen().availableGeometry()
    assert dialog.width() <= screen.width() and dialog.height() <= screen.height()
    save = dialog.ui.buttonBox.button(QDialogButtonBox.StandardButton.Save)
    corner = save.mapTo(dialog, save.rect().bottomRight())
    assert save.isVisible() and dialog.rect().contains(corner)  # never scrolled away
    assert dialog.ui.saveNote.isVisible() and dialog.rect().contains(
        dialog.ui.saveNote.mapTo(dialog, dialog.ui.saveNote.rect().bottomLeft()))
