"""The status bar: the sending service (ready, or the campaign being sent with its progress and
time left), webhook server (listening port), tunnel (state, public URL with a Copy button), and
a Sandbox / Live badge. Fed by the bridge's progress/state/server/tunnel signals (no database
polling) and by the runtime once it is up."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QStatusBar

from wacampaign_desktop.core.events import (
    CampaignProgress,
    CampaignStateChanged,
    ServerStateChanged,
    TunnelStateChanged,
)
from wacampaign_desktop.gui.campaigns.time_left import (
    ProgressMeter,
    short_time_left_text,
    time_left_text,
)
from wacampaign_desktop.gui.fitted_label import FittedLabel
from wacampaign_desktop.gui.models.labels import ui_locale
from wacampaign_desktop.gui.resources import status_color

if TYPE_CHECKING:
    from wacampaign_desktop.core.runtime import Runtime
    from wacampaign_desktop.gui.services import GuiServices

log = logging.getLogger(__name__)


def _dot(level: str) -> str:
    return f'<span style="color:{status_color(level).name()}">●</span>'


def _short(name: str, room: int = 18) -> str:
    """A campaign name cut to `room` characters with "…" (the tooltip has it whole)."""
    return name if len(name) <= room else name[:room - 1].rstrip() + "…"


class StatusBarController(QObject):
    """Owns the widgets it adds to `bar`; call `set_runtime` when the runtime changes."""

    def __init__(self, bar: QStatusBar, services: GuiServices) -> None:
        super().__init__(bar)
        self._services = services
        self.runtime_label = FittedLabel()  # its end never clipped: shorter wordings, tooltip
        self.runtime_label.set_status("", [self.tr("Starting the sending service…")])
        self.server_label = QLabel()
        self.tunnel_label = QLabel()
        self.copy_button = QPushButton(self.tr("Copy URL"))
        self.copy_button.setToolTip(self.tr("Copy the public webhook address to the clipboard"))
        self.copy_button.setFlat(True)
        self.copy_button.clicked.connect(self.copy_url)
        self.copy_button.hide()
        self.mode_badge = QLabel()
        self.mode_badge.setObjectName("modeBadge")
        self.public_url = ""
        self.meter = ProgressMeter()
        self._compact = False
        self._server_event: ServerStateChanged | None = None
        self._names: dict[int, str] = {}
        for label in (self.server_label, self.tunnel_label):
            label.setMinimumWidth(40)  # clipped rather than holding the window wide (800 px)
        bar.addWidget(self.runtime_label, 1)
        bar.addPermanentWidget(self.server_label)
        bar.addPermanentWidget(self.tunnel_label)
        bar.addPermanentWidget(self.copy_button)
        bar.addPermanentWidget(self.mode_badge)
        bridge = services.bridge
        bridge.serverStateChanged.connect(self.on_server)
        bridge.tunnelStateChanged.connect(self.on_tunnel)
        bridge.campaignProgress.connect(self.on_progress)
        bridge.campaignStateChanged.connect(self.on_campaign_state)
        self.on_server(bridge.last_server_state)
        self.on_tunnel(bridge.last_tunnel_state)
        self.refresh_mode()

    def refresh_mode(self) -> None:
        live = self._services.context.live
        level = "error" if live else "info"
        color = status_color(level).name()
        text = self.tr("Live") if live else self.tr("Sandbox")
        self.mode_badge.setText(text)
        self.mode_badge.setToolTip(
            self.tr("Messages go to real WhatsApp users through Twilio.") if live else
            self.tr("Practice mode: messages go to the built-in Twilio simulator, nobody receives them."))
        self.mode_badge.setStyleSheet(
            f"QLabel#modeBadge {{ border: 1px solid {color}; color: {color}; border-radius: 8px;"
            " padding: 1px 8px; font-weight: 600; }")

    def set_runtime(self, runtime: Runtime | None) -> None:
        error = self._services.runtime_controller.error
        if runtime is None and error:
            self.runtime_label.set_status(_dot("error"), [self.tr("Sending service failed: %1")
                                                          .replace("%1", error)])
            return
        if runtime is None:
            self.runtime_label.set_status("", [self.tr("Starting the sending service…")])
            return
        self.show_sending()
        # The server's and tunnel's own events may have been published before the bridge existed.
        webhooks = runtime.webhooks
        if webhooks is not None and webhooks.port and self._services.bridge.last_server_state is None:
            self.on_server(ServerStateChanged(True, self._services.context.settings.webhook_host,
                                              webhooks.port))
        tunnel = runtime.tunnel
        if tunnel is not None and self._services.bridge.last_tunnel_state is None:
            url = tunnel.public_url or ""
            self.on_tunnel(TunnelStateChanged(mode=str(tunnel.mode), state=str(tunnel.state),
                                              public_url=url))
        self.refresh_mode()

    def on_progress(self, event: CampaignProgress) -> None:
        if event.campaign_id not in self._names:
            self._names[event.campaign_id] = (
                self._services.queries.campaign_name(event.campaign_id) or f"#{event.campaign_id}")
        self.meter.add(event)
        self.show_sending()

    def on_campaign_state(self, event: CampaignStateChanged) -> None:
        if event.new_state != "sending" and event.campaign_id in self.meter.latest:
            self.meter.forget(event.campaign_id)
            self.show_sending()

    def show_sending(self) -> None:
        """"Ready to send", or the campaign being sent: progress and time left."""
        running = list(self.meter.latest.values())
        if not running:
            self.runtime_label.set_status(_dot("ok"), [self.tr("Ready to send")])
            return
        locale = ui_locale()
        first = running[-1]
        name = self._names.get(first.campaign_id, "")
        done, total = locale.toString(first.dispatched), locale.toString(first.total)
        wordings = [
            self.tr("Sending “%1”: %2 of %3, %4").replace("%2", done).replace("%3", total)
            .replace("%4", time_left_text(first)),
            # a narrow window: the same in fewer words ("“Spring sale”: 12/30, ≈ 8 min")
            self.tr("“%1”: %2/%3, %4").replace("%2", done).replace("%3", total)
            .replace("%4", short_time_left_text(first)),
        ]
        if len(running) > 1:
            more = " " + self.tr("(+%1 more)").replace("%1", str(len(running) - 1))
            wordings = [wording + more for wording in wordings]
        whole = wordings[0].replace("%1", name)
        self.runtime_label.set_status(_dot("info"), wordings, _short(name), whole + "\n" + self.tr(
            "Messages handed to Twilio so far; the time left follows the measured sending rate."))

    def set_compact(self, compact: bool) -> None:
        """Narrow window (800 px): the webhook server in a few words (whole in the tooltip),
        leaving room for the campaign being sent."""
        if compact != self._compact:
            self._compact = compact
            self.on_server(self._server_event)

    def on_server(self, event: ServerStateChanged | None) -> None:
        self._server_event = event
        if event is None:
            self.server_label.setText(_dot("pending") + " " + self.tr("Webhooks: not started"))
        elif event.running:
            full = self.tr("Webhooks: listening on port %1").replace("%1", str(event.port))
            short = self.tr("Webhooks: port %1").replace("%1", str(event.port))
            self.server_label.setText(_dot("ok") + " " + (short if self._compact else full))
            self.server_label.setToolTip(full)
            return
        else:
            text = self.tr("Webhooks: stopped")
            if event.error:
                text = self.tr("Webhooks: %1").replace("%1", event.error)
            self.server_label.setText(_dot("error" if event.error else "pending") + " " + text)
        self.server_label.setToolTip(event.error if event is not None and event.error else "")

    def on_tunnel(self, event: TunnelStateChanged | None) -> None:
        if event is None:
            self.tunnel_label.setText(_dot("pending") + " " + self.tr("Tunnel: not started"))
            self.public_url = ""
        else:
            states = {
                "starting": (self.tr("starting…"), "pending"),
                "up": (self.tr("up"), "ok"),
                "down": (self.tr("down"), "error"),
                "restarting": (self.tr("restarting…"), "warning"),
                "stopped": (self.tr("stopped"), "pending"),
                "error": (self.tr("error"), "error"),
            }
            word, level = states.get(event.state, (event.state, "warning"))
            if event.mode == "local":
                text = self.tr("Local only (Twilio cannot reach this computer)")
                level = "warning" if not self._services.context.settings.use_sandbox else "ok"
                if self._services.context.settings.use_sandbox:
                    text = self.tr("Local (sandbox)")
            elif event.mode == "server":  # the team's receiver: its health, no tunnel
                text = (self.tr("Our server: OK") if event.state == "up"
                        else self.tr("Our server: not reachable"))
            else:
                text = self.tr("Tunnel %1").replace("%1", word)
            self.public_url = event.public_url if event.state == "up" else ""
            if self.public_url and event.mode != "local":  # a local address: tooltip and Copy
                text += f": {self.public_url}"
            self.tunnel_label.setText(_dot(level) + " " + text)
            self.tunnel_label.setToolTip("\n".join(t for t in (self.public_url, event.message) if t))
        self.copy_button.setVisible(bool(self.public_url))

    def copy_url(self) -> None:
        if self.public_url:
            QApplication.clipboard().setText(self.public_url)
