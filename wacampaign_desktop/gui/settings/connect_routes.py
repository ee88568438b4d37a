"""The Connect Twilio dialog's webhook part: "Apply to Twilio" (set the sender's incoming and
status URLs on Twilio, read them back, say in plain words whether they match), the health of the
team's server in "Our server at URL" mode (polled every 30 s off the GUI thread), the notice
when the app re-applied the URLs itself, and what follows a successful live connect (sync the
templates, offer to delete the demo contacts).

Blocking calls go through `services.tasks.run`; results come back on the GUI thread."""

from __future__ import annotations

import functools
import html
import logging
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QObject, QTimer, Slot

from wacampaign_desktop.core.events import Alert
from wacampaign_desktop.core.services.webhook_routes import RouteReport, WebhookRoutes
from wacampaign_desktop.core.tunnel.server_health import ServerHealth, fetch_server_health
from wacampaign_desktop.core.twilio_gateway import TwilioCredentials
from wacampaign_desktop.gui.forms_support import set_problem

if TYPE_CHECKING:
    from wacampaign_desktop.gui.settings.connect_dialog import ConnectTwilioDialog

log = logging.getLogger(__name__)

POLL_MS = 30_000


def _if_alive(method: Callable[..., None]) -> Callable[..., None]:
    """A worker's result handler that does nothing once the dialog is gone."""
    @functools.wraps(method)
    def handler(self: RoutesController, *args: Any) -> None:
        if shiboken6.isValid(self) and shiboken6.isValid(self.ui):
            method(self, *args)
    return handler


class RoutesController(QObject):
    def __init__(self, dialog: ConnectTwilioDialog) -> None:
        super().__init__(dialog)
        self.dialog = dialog
        self.services = dialog.services
        self.ui = ui = dialog.ui
        self.applying = False
        self.last_report: RouteReport | None = None
        self.last_health: ServerHealth | None = None
        self._health_pending = False
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self.check_server)
        ui.applyButton.clicked.connect(self.apply)
        ui.serverRadio.toggled.connect(self._server_chosen)
        ui.serverUrlEdit.editingFinished.connect(self.check_server)
        ui.serverUrlEdit.textChanged.connect(lambda _text: self._say_health(""))
        ui.deleteDemoButton.clicked.connect(self.delete_demo_contacts)
        ui.demoPanel.setVisible(False)
        self._say(ui.applyResult, "")
        self._say_health("")
        self.services.bridge.alert.connect(self._on_alert)
        if ui.serverRadio.isChecked():
            self._server_chosen(True)

    @staticmethod
    def _say(label: Any, text: str, level: str = "info") -> None:
        set_problem(label, text, level)

    # -- the team's server -----------------------------------------------------------------------
    @Slot(bool)
    def _server_chosen(self, on: bool) -> None:
        if on:
            self._timer.start()
            self.check_server()
        else:
            self._timer.stop()
            self._say_health("")

    def _say_health(self, text: str, level: str = "info") -> None:
        self._say(self.ui.serverHealthLabel, text, level)

    @Slot()
    def check_server(self) -> None:
        url = self.ui.serverUrlEdit.text().strip()
        if not self.ui.serverRadio.isChecked() or self._health_pending:
            return
        if not url.startswith(("https://", "http://")):
            self._say_health("")
            return
        self._health_pending = True
        self._say_health(self.tr("Asking the server…"))
        self.services.tasks.run(lambda: fetch_server_health(url), self._on_health,
                                self._on_health_failed)

    @_if_alive
    def _on_health(self, health: ServerHealth) -> None:
        self._health_pending = False
        self.last_health = health
        if self.ui.serverUrlEdit.text().strip().rstrip("/") != health.url:
            return  # the address changed meanwhile: its own check follows
        self._say_health(*self.health_text(health))

    @_if_alive
    def _on_health_failed(self, exc: BaseException) -> None:
        self._health_pending = False
        log.error("Server health check failed: %s", type(exc).__name__)

    def health_text(self, health: ServerHealth) -> tuple[str, str]:
        if not health.ok:
            return self.tr("Server not reachable: %1").replace("%1", health.problem), "error"
        if health.last_callback_at is None:
            return self.tr("Server OK · no callback received yet"), "ok"
        return self.tr("Server OK · last callback %1").replace(
            "%1", self.ago(health.last_callback_at)), "ok"

    def ago(self, when: datetime) -> str:
        seconds = max(0, int((datetime.now(UTC) - when).total_seconds()))
        if seconds < 60:
            return self.tr("just now")
        if seconds < 3600:
            return self.tr("%1 min ago").replace("%1", str(seconds // 60))
        if seconds < 86400:
            return self.tr("%1 h ago").replace("%1", str(seconds // 3600))
        return self.tr("%1 days ago").replace("%1", str(seconds // 86400))

    # -- Apply to Twilio -------------------------------------------------------------------------
    def target(self) -> tuple[TwilioCredentials, str] | str:
        """(credentials, sender) to apply with, or why there are none (translated)."""
        dialog, ui = self.dialog, self.ui
        if ui.liveCheck.isChecked() or not self.services.runtime:
            sid, token = ui.sidEdit.text().strip(), dialog._token()
            sender = dialog._sender()[0]
            if not (sid and token and sender):
                return self.tr("Enter the Account SID, the Auth Token and the sender first.")
            return TwilioCredentials(sid, token, dialog._api_base_url), sender
        runtime = self.services.runtime
        if runtime.credentials is None or not runtime.sender:
            return self.tr("The app is still starting; try again in a moment.")
        return runtime.credentials, runtime.sender

    @Slot()
    def apply(self) -> None:
        if self.applying:
            return
        target = self.target()
        public_url = self.dialog.public_base_url()
        if isinstance(target, str):
            self._say(self.ui.applyResult, target, "error")
            return
        if not public_url:
            self._say(self.ui.applyResult, self.tr(
                "The public address is not known yet: start the tunnel (Save) or enter your "
                "address first."), "error")
            return
        credentials, sender = target
        self.applying = True
        self.ui.applyButton.setEnabled(False)
        self._say(self.ui.applyResult, self.tr("Setting the webhooks on Twilio…"))
        routes = WebhookRoutes(credentials, sender)
        self.services.tasks.run(lambda: routes.apply(public_url), self._on_applied,
                                self._on_apply_failed)

    @_if_alive
    def _on_applied(self, report: RouteReport) -> None:
        self.applying = False
        self.dialog._validate()  # the button again, as the form allows
        self.show_report(report)

    @_if_alive
    def _on_apply_failed(self, exc: BaseException) -> None:
        self.applying = False
        self.dialog._validate()  # the button again, as the form allows
        log.error("Apply to Twilio failed: %s", type(exc).__name__)
        self._say(self.ui.applyResult, self.tr(
            "Could not reach Twilio. Check the internet connection and try again."), "error")

    def kind_words(self, kind: str) -> str:
        return {"messaging_service": self.tr("Messaging Service"),
                "whatsapp_sender": self.tr("WhatsApp sender"),
                "phone_number": self.tr("Phone number")}.get(kind, self.tr("Sender"))

    def console_steps(self, report: RouteReport) -> str:
        incoming, status, address = (report.app_incoming_url, report.app_status_url,
                                     report.address)
        if report.kind == "messaging_service":
            text = self.tr("In the Twilio Console, open Messaging → Services → %1 → Integration: "
                           "under “Incoming Messages” choose “Send a webhook” and set the Request "
                           "URL to %2 (HTTP POST), and set the Delivery Status Callback to %3.")
        elif report.kind == "whatsapp_sender":
            text = self.tr("In the Twilio Console, open Messaging → Senders → WhatsApp senders → "
                           "%1 → Endpoint configuration: set “Webhook URL for incoming messages” "
                           "to %2 (POST) and “Status callback URL” to %3.")
        else:
            text = self.tr("In the Twilio Console, open Phone Numbers → Manage → Active numbers → "
                           "%1 (or Messaging → Senders → WhatsApp senders for a WhatsApp number): "
                           "set “A message comes in” to Webhook %2 (HTTP POST) and the status "
                           "callback URL to %3.")
        return text.replace("%1", address).replace("%2", incoming).replace("%3", status)

    def report_text(self, report: RouteReport) -> tuple[str, str]:
        """(rich text, level) for a report, in the interface language."""
        esc = functools.partial(html.escape, quote=False)
        if not report.ok:
            kind = self.kind_words(report.kind).lower() if report.kind else self.tr("sender")
            if report.problem == "permission":
                lead = self.tr("✗ Twilio did not let the app change the webhooks of this %1 (the "
                               "Auth Token lacks the permission). Set them by hand:").replace(
                                   "%1", kind)
            elif report.problem == "not_found":
                lead = self.tr("✗ Twilio has no %1 %2 on this account. Check the sender above, "
                               "or set the webhooks by hand:").replace("%1", kind).replace(
                                   "%2", report.address)
            elif report.problem == "no_url":
                return esc(self.tr("The public address is not known yet: start the tunnel (Save) "
                                   "or enter your address first.")), "error"
            else:
                lead = self.tr("✗ Could not reach Twilio to set the webhooks. Try again, or set "
                               "them by hand:")
            return f"{esc(lead)}<br>{esc(self.console_steps(report))}", "error"
        resource = f"{self.kind_words(report.kind)} {report.address}"
        rows = [
            self.tr("Resource: %1").replace("%1", f"<b>{esc(resource)}</b>"),
            self.tr("Incoming messages: %1").replace("%1", esc(report.twilio_incoming_url
                                                               or self.tr("not set"))),
            self.tr("Status callback: %1").replace("%1", esc(report.twilio_status_url
                                                             or self.tr("not set"))),
        ]
        if report.matches:
            rows.append("<b>" + esc(self.tr("✓ Twilio matches this app")) + "</b>")
            return "<br>".join(rows), "ok"
        rows.append("<b>" + esc(self.tr("✗ Twilio differs from this app")) + "</b> "
                    + esc(self.tr("Press “Apply to Twilio” again, or set them by hand:")))
        rows.append(esc(self.console_steps(report)))
        return "<br>".join(rows), "error"

    def show_report(self, report: RouteReport) -> None:
        self.last_report = report
        text, level = self.report_text(report)
        self._say(self.ui.applyResult, text, level)
        self.reveal(self.ui.applyResult)

    def reveal(self, label: Any) -> None:
        """Make room for `label`'s whole text (a scroll area does not ask a wrapped label for
        its height) and scroll the form so it shows, once the new text is laid out."""
        def grow() -> None:
            if label.width() > 0:
                label.setMinimumHeight(label.heightForWidth(label.width()))
            for delay in (50, 300):  # once the form has grown (it may take a moment under load)
                QTimer.singleShot(delay, self, lambda: self.dialog._scroll.ensureWidgetVisible(
                    label, 0, 12))  # `self` as context: dropped if the dialog is gone

        QTimer.singleShot(0, self, grow)

    @Slot(object)
    def _on_alert(self, alert: Alert) -> None:
        if alert.code == "webhook_routes_applied":
            url = str(alert.details.get("new_url", ""))
            self._say(self.ui.applyResult, html.escape(self.tr(
                "The public address changed to %1: the app set Twilio's webhooks to it again "
                "automatically.").replace("%1", url), quote=False), "ok")
        elif alert.code == "webhook_routes_failed":
            self._say(self.ui.applyResult, html.escape(self.tr(
                "The public address changed, and the app could not set Twilio's webhooks to it: "
                "press “Apply to Twilio”."), quote=False), "error")

    # -- after a successful live connect ---------------------------------------------------------
    def after_live_connect(self, credentials: TwilioCredentials) -> None:
        """Sync the templates of the account, and offer to delete the demo contacts."""
        from wacampaign_desktop.core.twilio_gateway import TwilioGateway

        services = self.services

        def sync() -> tuple[Any, int]:
            gateway = TwilioGateway(credentials, timeout=15.0)
            try:
                result = services.templates.sync(gateway)
            finally:
                gateway.close()
            return result, services.contacts.demo_contacts_count()

        self.services.tasks.run(sync, self._on_synced, self._on_sync_failed)

    @_if_alive
    def _on_synced(self, outcome: tuple[Any, int]) -> None:
        result, demo = outcome
        label = self.ui.checkResult
        label.setText(label.text() + "\n" + self.tr("%1 templates synced from the account.")
                      .replace("%1", str(result.total)))
        self.offer_demo_deletion(demo)

    @_if_alive
    def _on_sync_failed(self, exc: BaseException) -> None:
        log.error("Template sync after connecting failed: %s", type(exc).__name__)
        label = self.ui.checkResult
        label.setText(label.text() + "\n" + self.tr(
            "The templates could not be read yet; they are synced again when the app starts."))

    def offer_demo_deletion(self, count: int) -> None:
        from wacampaign_desktop.gui.demo_cleanup import OFFERED

        ui = self.ui
        ui.demoPanel.setVisible(count > 0)
        if count:
            setattr(self.services, OFFERED, True)  # offered here: the window does not ask again
            ui.demoLabel.setText(self.tr(
                "This profile still holds %1 demo contacts from the sandbox. They are never sent "
                "to in live mode.").replace("%1", str(count)))
            ui.deleteDemoButton.setEnabled(True)

    @Slot()
    def delete_demo_contacts(self) -> None:
        self.ui.deleteDemoButton.setEnabled(False)
        contacts = self.services.contacts
        self.services.tasks.run(contacts.delete_demo_contacts, self._on_demo_deleted,
                                self._on_demo_failed)

    @_if_alive
    def _on_demo_deleted(self, count: int) -> None:
        self.ui.demoLabel.setText(self.tr("%1 demo contacts deleted.").replace("%1", str(count)))

    @_if_alive
    def _on_demo_failed(self, exc: BaseException) -> None:
        log.error("Deleting the demo contacts failed: %s", type(exc).__name__)
        self.ui.deleteDemoButton.setEnabled(True)
        self.ui.demoLabel.setText(self.tr("The demo contacts could not be deleted; try again."))

    def close(self) -> None:
        self._timer.stop()
