"""ConnectTwilioDialog: Account SID, Auth Token (kept in the keyring via context.secrets), sender,
a Check button that asks Twilio off the GUI thread, the tunnel mode and the webhook URLs to copy.

A text field's problem shows once the user leaves the field (or presses Save), never while they
type; the space under each field is reserved so nothing moves when a problem appears."""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QGuiApplication, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from wacampaign_desktop.core.phones import check_phone
from wacampaign_desktop.core.secrets import NGROK_AUTHTOKEN, TWILIO_AUTH_TOKEN
from wacampaign_desktop.core.settings import SettingsError, server_url_problem
from wacampaign_desktop.gui.forms_support import phone_reason_text, set_problem
from wacampaign_desktop.gui.models.labels import phone_advice_text
from wacampaign_desktop.gui.resources import load_ui
from wacampaign_desktop.gui.settings.connect_routes import RoutesController

if TYPE_CHECKING:
    from wacampaign_desktop.gui.services import GuiServices

log = logging.getLogger(__name__)

SID_RE = re.compile(r"^AC[0-9a-fA-F]{32}$")
SERVICE_RE = re.compile(r"^MG[0-9a-fA-F]{32}$")
TOKEN_RE = re.compile(r"^[0-9a-zA-Z]{32}$")


class ConnectTwilioDialog(QDialog):
    settingsSaved = Signal()  # the main window may restart the runtime with the new settings

    def __init__(self, services: GuiServices, parent: QWidget | None = None, *,
                 api_base_url: str | None = None) -> None:
        """`api_base_url`: where Check sends its request (None = api.twilio.com; tests: sandbox)."""
        super().__init__(parent)
        self.services = services
        self._api_base_url = api_base_url
        self._checking = False
        self._touched: set[str] = set()  # fields whose problem may show (left once, or Save pressed)
        self.setWindowTitle(self.tr("Connect Twilio"))
        self.ui = ui = self._build_layout()
        settings = services.context.settings
        secrets = services.context.secrets
        self._stored_token = bool(secrets.get(TWILIO_AUTH_TOKEN))
        self._stored_ngrok = bool(secrets.get(NGROK_AUTHTOKEN))

        ui.sidEdit.setText(settings.twilio_account_sid)
        ui.tokenEdit.setPlaceholderText(
            self.tr("Stored safely; leave empty to keep it") if self._stored_token
            else self.tr("32 characters, shown once in the Twilio Console"))
        ui.ngrokTokenEdit.setPlaceholderText(
            self.tr("Stored safely; leave empty to keep it") if self._stored_ngrok
            else self.tr("From dashboard.ngrok.com → Your Authtoken"))
        if settings.sender.startswith("MG"):
            ui.serviceRadio.setChecked(True)
            ui.senderEdit.setText(settings.sender)
        else:
            ui.senderEdit.setText(settings.sender.removeprefix("whatsapp:"))
        ui.liveCheck.setChecked(not settings.use_sandbox)
        {"ngrok": ui.ngrokRadio, "own_url": ui.ownUrlRadio, "server": ui.serverRadio}.get(
            settings.tunnel_mode, ui.localRadio).setChecked(True)
        ui.ngrokDomainEdit.setText(settings.ngrok_domain)
        ui.publicUrlEdit.setText(settings.public_url)
        ui.serverUrlEdit.setText(settings.server_url)

        for edit in (ui.sidEdit, ui.tokenEdit, ui.senderEdit, ui.ngrokDomainEdit, ui.publicUrlEdit,
                     ui.ngrokTokenEdit, ui.serverUrlEdit):
            edit.textChanged.connect(self._validate)
            edit.editingFinished.connect(lambda e=edit: self._leave(e))
        for edit in (ui.sidEdit, ui.tokenEdit):
            edit.textChanged.connect(self._forget_check)
        for label in (ui.sidProblem, ui.tunnelProblem, ui.checkResult):
            self._reserve(label)
        self._reserve(ui.tokenProblem, 1)  # its messages are short
        self._reserve(ui.senderProblem)
        for radio in (ui.numberRadio, ui.serviceRadio):
            radio.toggled.connect(self._validate)
        for choice in (ui.localRadio, ui.ngrokRadio, ui.ownUrlRadio, ui.serverRadio, ui.liveCheck):
            choice.toggled.connect(self._choose_tunnel)
        ui.showTokenCheck.toggled.connect(lambda on: ui.tokenEdit.setEchoMode(
            QLineEdit.EchoMode.Normal if on else QLineEdit.EchoMode.Password))
        ui.checkButton.clicked.connect(self.check)
        ui.copyStatusButton.clicked.connect(lambda: self._copy(ui.statusUrlEdit))
        ui.copyIncomingButton.clicked.connect(lambda: self._copy(ui.incomingUrlEdit))
        ui.buttonBox.accepted.connect(self.save)
        ui.buttonBox.rejected.connect(self.reject)
        ui.buttonBox.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("&Save"))
        ui.buttonBox.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self._say(ui.checkResult, "")
        set_problem(ui.saveNote, self.tr("Saving applies the new account and tunnel at once: "
                                         "sending reconnects with the new settings."),
                    "info")
        self._touched.update(key for key, edit in (("sid", ui.sidEdit), ("sender", ui.senderEdit))
                             if edit.text().strip())  # stored values: say at once if wrong
        self._validate()
        self.routes = RoutesController(self)  # Apply to Twilio, the server's health, after connect
        self._fitted = False
        self.resize(660, 700)

    # -- layout: the form scrolls on a small screen; the note and the buttons stay in view -------
    def _build_layout(self) -> QWidget:
        form = load_ui("connect_twilio_dialog.ui", self)
        self._scroll = scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(form)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(6, 6, 6, 6)
        outer.addWidget(scroll, 1)
        for widget in (form.saveNote, form.buttonBox):
            form.layout().removeWidget(widget)
            outer.addWidget(widget)
        return form

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt name)
        if not self._fitted:  # sizes are only right once the style has polished the form
            self._fitted = True
            self._fit_screen()
        super().showEvent(event)

    def _fit_screen(self) -> None:
        """As large as the form wants (at least 660 px wide), but never beyond the screen."""
        ui = self.ui
        width = max(660, ui.sizeHint().width() + 30)
        inner = width - 12
        form = ui.layout()
        form_height = form.totalHeightForWidth(inner) if form.hasHeightForWidth() \
            else form.totalSizeHint().height()
        chrome = 2 * self.fontMetrics().lineSpacing() + ui.buttonBox.sizeHint().height() \
            + 12 + 2 * self.layout().spacing() + 12  # note (2 lines), buttons, margins
        height = form_height + chrome
        screen = self.screen().availableGeometry()
        self.resize(min(width, int(screen.width() * 0.95)), min(height, int(screen.height() * 0.9)))

    # -- showing problems without moving the fields -------------------------------------------------
    @staticmethod
    def _reserve(label: QLabel, lines: int = 2) -> None:
        """Keep room for a problem of up to `lines` lines under its field, shown or not."""
        label.setMinimumHeight(lines * label.fontMetrics().lineSpacing())
        label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)

    @staticmethod
    def _say(label: QLabel, text: str, level: str = "error") -> None:
        set_problem(label, text, level)
        label.setVisible(True)  # an empty label still holds its space

    def _show(self, label: QLabel, key: str, problems: dict[str, str]) -> None:
        self._say(label, problems.get(key, "") if key in self._touched else "")

    _FIELDS = {"sidEdit": "sid", "tokenEdit": "token", "senderEdit": "sender",
               "ngrokTokenEdit": "tunnel", "publicUrlEdit": "tunnel", "ngrokDomainEdit": "tunnel",
               "serverUrlEdit": "tunnel"}

    def _leave(self, edit: QLineEdit) -> None:
        self._touched.add(self._FIELDS[edit.objectName()])
        self._validate()

    @Slot()
    def _choose_tunnel(self) -> None:
        """A choice (not typing): say at once what it still needs."""
        self._touched.add("tunnel")
        self._validate()

    @Slot()
    def _forget_check(self) -> None:
        """A check result is about the SID and token it was made with: clear it when they change."""
        if not self._checking:
            self._say(self.ui.checkResult, "")

    # -- reading the form ---------------------------------------------------------------------------
    def _token(self) -> str | None:
        typed = self.ui.tokenEdit.text().strip()
        return typed or (self.services.context.secrets.get(TWILIO_AUTH_TOKEN) if self._stored_token else None)

    def _sender(self) -> tuple[str, str]:
        """(sender as stored, problem)."""
        text = self.ui.senderEdit.text().strip()
        if self.ui.serviceRadio.isChecked():
            if not text:
                return "", self.tr("Enter the Messaging Service SID (MG followed by 32 characters).")
            if not SERVICE_RE.match(text):
                return "", self.tr("A Messaging Service SID starts with MG and has 34 characters.")
            return text, ""
        if not text:
            return "", self.tr("Enter the WhatsApp number Twilio gave you, e.g. +14155238886.")
        check = check_phone(text, self.services.context.settings.default_region)
        if not check.ok:
            reason = phone_reason_text(check.reason)
            reason = reason.split("': ", 1)[1] if reason.startswith("'") and "': " in reason \
                else reason  # the field above already shows what was typed
            text = self.tr("This is not a usable phone number: %1").replace("%1", reason)
            advice = phone_advice_text(check)
            return "", f"{text} ({advice})" if advice else text
        return f"whatsapp:{check.e164}", ""

    def _tunnel_mode(self) -> str:
        if self.ui.ngrokRadio.isChecked():
            return "ngrok"
        if self.ui.ownUrlRadio.isChecked():
            return "own_url"
        if self.ui.serverRadio.isChecked():
            return "server"
        return "local"

    def problems(self) -> dict[str, str]:
        """Field name → what is wrong with it (empty dict: can be saved)."""
        ui = self.ui
        problems: dict[str, str] = {}
        sid = ui.sidEdit.text().strip()
        needs_account = bool(sid) or ui.liveCheck.isChecked()
        if needs_account:
            if not sid:
                problems["sid"] = self.tr("Enter the Account SID from the Twilio Console.")
            elif not SID_RE.match(sid):
                problems["sid"] = self.tr("An Account SID starts with AC and has 34 characters "
                                          "(letters a–f and digits).")
            token = ui.tokenEdit.text().strip()
            if token and not TOKEN_RE.match(token):
                problems["token"] = self.tr("An Auth Token has exactly 32 letters and digits.")
            elif not token and not self._stored_token:
                problems["token"] = self.tr("Enter the Auth Token (Twilio Console → Account info).")
            _sender, sender_problem = self._sender()
            if sender_problem:
                problems["sender"] = sender_problem
        mode = self._tunnel_mode()
        if mode == "own_url":
            url = ui.publicUrlEdit.text().strip()
            if not url.startswith(("https://", "http://")) or "." not in url:
                problems["tunnel"] = self.tr("Enter the public address starting with https://")
        elif mode == "server" and server_url_problem(ui.serverUrlEdit.text()):
            problems["tunnel"] = self.tr("Enter your server's address starting with https://, "
                                         "e.g. https://hooks.example.com")
        elif mode == "ngrok" and not ui.ngrokTokenEdit.text().strip() and not self._stored_ngrok:
            problems["tunnel"] = self.tr("Enter your ngrok authtoken (free at ngrok.com).")
        if ui.liveCheck.isChecked() and mode == "local":
            problems["tunnel"] = self.tr("Real sending needs ngrok or your own public address, so "
                                         "that Twilio can report what happened to each message.")
        return problems

    def public_base_url(self) -> str:
        mode = self._tunnel_mode()
        if mode == "own_url":
            return self.ui.publicUrlEdit.text().strip().rstrip("/")
        if mode == "server":
            url = self.ui.serverUrlEdit.text().strip().rstrip("/")
            return "" if server_url_problem(url) else url
        if mode == "ngrok":
            domain = self.ui.ngrokDomainEdit.text().strip().removeprefix("https://").rstrip("/")
            if domain:
                return f"https://{domain}"
            state = self.services.bridge.last_tunnel_state
            if state is not None and state.mode == "ngrok" and state.public_url:
                return state.public_url.rstrip("/")
            return ""
        settings = self.services.context.settings
        server = self.services.bridge.last_server_state
        port = server.port if server is not None and server.port else settings.webhook_port
        return f"http://{settings.webhook_host}:{port}"

    @Slot()
    def _validate(self) -> None:
        ui = self.ui
        problems = self.problems()
        self._show(ui.sidProblem, "sid", problems)
        self._show(ui.tokenProblem, "token", problems)
        self._show(ui.senderProblem, "sender", problems)
        self._show(ui.tunnelProblem, "tunnel", problems)
        ui.senderEdit.setPlaceholderText("MG…" if ui.serviceRadio.isChecked() else "+14155238886")
        ui.ngrokPanel.setEnabled(ui.ngrokRadio.isChecked())
        ui.ownUrlPanel.setEnabled(ui.ownUrlRadio.isChecked())
        ui.serverPanel.setEnabled(ui.serverRadio.isChecked())
        from wacampaign_desktop.core.webhooks.app import INCOMING_PATH, STATUS_PATH

        base = self.public_base_url()
        if base:
            ui.statusUrlEdit.setText(base + STATUS_PATH)
            ui.incomingUrlEdit.setText(base + INCOMING_PATH)
        else:
            waiting = (self.tr("(type your public address above)")
                       if self._tunnel_mode() in ("own_url", "server")
                       else self.tr("(known once the ngrok tunnel has started)"))
            ui.statusUrlEdit.setText(waiting)
            ui.incomingUrlEdit.setText(waiting)
        ui.copyStatusButton.setEnabled(bool(base))
        ui.copyIncomingButton.setEnabled(bool(base))
        routes = getattr(self, "routes", None)  # None while __init__ runs; local: nothing public
        ui.applyButton.setEnabled(bool(base) and self._tunnel_mode() != "local"
                                  and not (routes is not None and routes.applying))
        can_check = not self._checking and not ({"sid", "token"} & problems.keys()) \
            and bool(ui.sidEdit.text().strip())
        ui.checkButton.setEnabled(can_check)

    def _focus_first(self, problems: dict[str, str]) -> None:
        ui = self.ui
        mode = self._tunnel_mode()
        tunnel_edit = {"own_url": ui.publicUrlEdit, "ngrok": ui.ngrokTokenEdit,
                       "server": ui.serverUrlEdit}.get(mode)
        for key, widget in (("sid", ui.sidEdit), ("token", ui.tokenEdit),
                            ("sender", ui.senderEdit), ("tunnel", tunnel_edit)):
            if key in problems and widget is not None:
                widget.setFocus(Qt.FocusReason.OtherFocusReason)
                return

    # -- check ------------------------------------------------------------------------------------------
    @Slot()
    def check(self) -> None:
        sid, token = self.ui.sidEdit.text().strip(), self._token()
        if not sid or not token or self._checking:
            return
        from wacampaign_desktop.core.twilio_gateway import TwilioCredentials, TwilioGateway

        credentials = TwilioCredentials(sid, token, self._api_base_url)
        self._checked_credentials = credentials
        self._checking = True
        self._say(self.ui.checkResult, self.tr("Checking with Twilio…"), "info")
        self._validate()
        self.services.tasks.run(lambda: TwilioGateway(credentials, timeout=15.0).check_credentials(),
                                self._on_checked, self._on_check_failed)

    def _on_checked(self, result: Any) -> None:
        self._checking = False
        if result.ok:
            self._say(self.ui.checkResult, self.tr("It works: %1").replace("%1", result.message), "ok")
            if self.ui.liveCheck.isChecked():  # a live connect: templates, demo contacts
                self.routes.after_live_connect(self._checked_credentials)
        else:
            self._say(self.ui.checkResult, self.explain(result.message))
        self._validate()

    def explain(self, message: str) -> str:
        """The gateway's message, led by a plain translated sentence for the common cases."""
        if "20003" in message or "401" in message:
            lead = self.tr("Twilio refused this Account SID and Auth Token. Copy both again from "
                           "the Twilio Console (Account info).")
        elif any(word in message for word in ("Could not connect", "ConnectionError", "Timeout",
                                               "timed out")):
            return self.tr("Could not reach Twilio. Check the internet connection and try again.")
        elif "404" in message:
            lead = self.tr("Twilio does not know this Account SID.")
        else:
            lead = self.tr("The check did not succeed.")
        return f"{lead}\n{message}".strip()

    def _on_check_failed(self, exc: BaseException) -> None:
        log.error("Credential check failed: %s", type(exc).__name__)
        self._checking = False
        self._say(self.ui.checkResult, self.tr(
            "Could not reach Twilio. Check the internet connection and try again."))
        self._validate()

    # -- save ---------------------------------------------------------------------------------------------
    def _copy(self, edit: QLineEdit) -> None:
        QGuiApplication.clipboard().setText(edit.text())
        self.ui.saveNote.setText(self.tr("Copied to the clipboard."))

    @Slot()
    def save(self) -> None:
        problems = self.problems()
        if problems:
            self._touched.update(("sid", "token", "sender", "tunnel"))
            self._validate()
            self._focus_first(problems)
            return
        ui = self.ui
        context = self.services.context
        settings = context.settings
        before = settings.to_dict()
        sid = ui.sidEdit.text().strip()
        settings.twilio_account_sid = sid
        settings.sender = self._sender()[0] if sid else settings.sender
        settings.use_sandbox = not ui.liveCheck.isChecked()
        settings.tunnel_mode = self._tunnel_mode()
        settings.public_url = ui.publicUrlEdit.text().strip().rstrip("/")
        settings.server_url = ui.serverUrlEdit.text().strip().rstrip("/")
        settings.ngrok_domain = ui.ngrokDomainEdit.text().strip().removeprefix("https://").rstrip("/")
        try:
            context.save_settings()
            if ui.tokenEdit.text().strip():
                context.secrets.set(TWILIO_AUTH_TOKEN, ui.tokenEdit.text().strip())
            if ui.ngrokTokenEdit.text().strip():
                context.secrets.set(NGROK_AUTHTOKEN, ui.ngrokTokenEdit.text().strip())
        except (SettingsError, OSError, Exception) as exc:  # keyring errors have many types
            for key, value in before.items():
                setattr(settings, key, value)
            log.error("Saving the Twilio settings failed: %s", type(exc).__name__)
            set_problem(ui.saveNote, self.tr("The settings could not be saved: %1").replace(
                "%1", str(exc) if isinstance(exc, SettingsError) else type(exc).__name__))
            return
        log.info("Twilio settings saved (sandbox %s, tunnel %s)", settings.use_sandbox,
                 settings.tunnel_mode)
        self.settingsSaved.emit()
        self.accept()
