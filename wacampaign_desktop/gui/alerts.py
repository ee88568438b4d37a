"""Alerts staff must notice (auto-pause, tunnel down, rejected signatures, orphan callbacks):
a banner at the top of the window, and a tray notification when the window is not focused."""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSystemTrayIcon,
    QVBoxLayout,
    QWidget,
)

from wacampaign_desktop.core.events import Alert, TunnelStateChanged
from wacampaign_desktop.core.services.queries import Queries
from wacampaign_desktop.gui.models.labels import error_explanation
from wacampaign_desktop.gui.resources import app_icon, status_color, tinted_background
from wacampaign_desktop.gui.tunnel_down_text import tunnel_down_text

if TYPE_CHECKING:
    from wacampaign_desktop.gui.core_bridge import CoreBridge

log = logging.getLogger(__name__)

MAX_BANNERS = 3
TRAY_QUIET_S = 60.0  # at most one tray notification per alert code per minute
# A banner derived from a state change waits this long before its tray notification: the core's
# own alert usually follows (with where to fix it) and is the one notified instead.
SYNTHETIC_TRAY_DELAY_MS = 1500


def alert_title(code: str) -> str:
    titles = {
        "auto_pause": QCoreApplication.translate("Alerts", "Campaign paused automatically"),
        "tunnel_down": QCoreApplication.translate("Alerts", "Public webhook address is down"),
        "signature_rejected": QCoreApplication.translate("Alerts", "A webhook was rejected (bad signature)"),
        "callback_orphaned": QCoreApplication.translate("Alerts", "Status received for an unknown message"),
        "server_error": QCoreApplication.translate("Alerts", "Webhook server problem"),
        "tunnel_restarted": QCoreApplication.translate("Alerts", "Public webhook address changed"),
        "schedule_failed": QCoreApplication.translate("Alerts", "A scheduled campaign did not start"),
        "storage_full": QCoreApplication.translate("Alerts", "The database is full"),
        "failure_rate": QCoreApplication.translate("Alerts", "Many messages are failing"),
        "undelivered_rate": QCoreApplication.translate("Alerts", "Many messages are not delivered"),
        "no_callback": QCoreApplication.translate("Alerts", "No news from Twilio"),
        "ab_winner": QCoreApplication.translate("Alerts", "A/B test: winner chosen"),
        "webhook_routes_applied": QCoreApplication.translate("Alerts", "Twilio's webhooks updated"),
        "webhook_routes_failed": QCoreApplication.translate(
            "Alerts", "Twilio's webhooks could not be updated"),
    }
    return titles.get(code, QCoreApplication.translate("Alerts", "Attention"))


def describe(alert: Alert, campaign_name: str | None = None) -> str:
    """The alert's message, with the campaign's name and the main error explained when known."""
    lines = [alert.message]
    if alert.code == "storage_full":  # the core's text is English; this one is translated
        lines = [QCoreApplication.translate(
            "Alerts", "The disk holding the database is full, so nothing new can be stored. "
            "Webhooks are answered 503 (Twilio retries them) and sending is paused. Free some disk "
            "space (File → Storage… → Clean up now, or delete other files); everything resumes by "
            "itself.")]
    tunnel = tunnel_down_text(alert)  # the runtime's English words, in the interface language
    if tunnel is not None:
        lines = [tunnel]
    watched = monitor_text(alert)  # the alerts monitor's (G), with what to do
    if watched is not None:
        lines = [watched]
    if campaign_name is not None:
        lines.insert(0, QCoreApplication.translate("Alerts", "Campaign “%1”").replace(
            "%1", campaign_name))
    code = alert.details.get("error_code") if alert.details else None
    if isinstance(code, int):
        title, _explanation, hint = error_explanation(code)
        lines.append(" ".join(part for part in (f"{code} · {title}.", hint) if part))
    return "\n".join(lines)


def monitor_text(alert: Alert) -> str | None:
    """The alerts monitor's alerts in the interface language, each with what to do."""
    d = alert.details or {}

    def pct(value: object) -> str:
        return f"{float(value or 0) * 100:.0f}\u00a0%"  # type: ignore[arg-type]

    if alert.code == "failure_rate":
        return QCoreApplication.translate(
            "Alerts", "%1 of the last %2 messages failed (alert above %3). Look at the errors of the "
                  "failed messages; pause the campaign if the list or the text is wrong.") \
            .replace("%1", pct(d.get("share"))).replace("%2", str(d.get("window", ""))) \
            .replace("%3", pct(d.get("threshold")))
    if alert.code == "undelivered_rate":
        return QCoreApplication.translate(
            "Alerts", "%1 of the last %2 messages were not delivered (alert above %3). Check the "
                  "numbers, and whether the contacts agreed to receive your messages.") \
            .replace("%1", pct(d.get("share"))).replace("%2", str(d.get("window", ""))) \
            .replace("%3", pct(d.get("threshold")))
    if alert.code == "no_callback":
        return QCoreApplication.translate(
            "Alerts", "No status update from Twilio for %1 minutes while sending: the public "
                  "address (tunnel) is probably broken. Check it in File → Connect Twilio…; "
                  "statuses are fetched again once it works.") \
            .replace("%1", f"{float(d.get('minutes') or 0):.0f}")
    if alert.code == "webhook_routes_applied":  # C's route keeper
        return QCoreApplication.translate(
            "Alerts", "The public address changed to %1; the app set Twilio's webhooks to it "
            "again.").replace("%1", str(d.get("new_url", "")))
    if alert.code == "ab_winner":
        return QCoreApplication.translate(
            "Alerts", "Version %1 won the test and is being sent to the other recipients.") \
            .replace("%1", str(d.get("winner", "")))
    return None


class AlertBanner(QFrame):
    """One alert: a coloured strip with a title, the message, an optional action and Dismiss."""

    dismissed = Signal(object)
    actionRequested = Signal(object)

    def __init__(self, alert: Alert, campaign_name: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.alert = alert
        self.campaign_name = campaign_name
        self.count = 1
        self.synthetic = False
        self.setObjectName("alertBanner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        level = alert.level if alert.level in ("info", "warning", "error") else "warning"
        accent = status_color(level).name()
        tint = tinted_background(level, alpha=45)
        self.setStyleSheet(
            f"QFrame#alertBanner {{ border: 1px solid {accent}; border-left: 5px solid {accent};"
            f" border-radius: 6px; background: rgba({tint.red()},{tint.green()},{tint.blue()},"
            f"{tint.alpha()}); }}")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        texts = QVBoxLayout()
        self.title = QLabel(alert_title(alert.code))
        self.title.setStyleSheet(f"font-weight: 600; color: {accent};")
        self.body = QLabel(describe(alert, campaign_name))
        self.body.setWordWrap(True)
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        texts.addWidget(self.title)
        texts.addWidget(self.body)
        layout.addLayout(texts, 1)
        if alert.campaign_id is not None:
            show = QPushButton(self.tr("Show campaign"))
            show.clicked.connect(lambda: self.actionRequested.emit(self.alert))
            layout.addWidget(show, 0, Qt.AlignmentFlag.AlignVCenter)
        close = QPushButton(self.tr("Dismiss"))
        close.clicked.connect(lambda: self.dismissed.emit(self))
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignVCenter)

    def repeat(self, alert: Alert, count: bool = True) -> None:
        self.alert = alert
        self.count += 1 if count else 0
        suffix = self.tr(" (×%1)").replace("%1", str(self.count))
        self.title.setText(alert_title(alert.code) + (suffix if self.count > 1 else ""))
        self.body.setText(describe(alert, self.campaign_name))


class AlertCenter(QObject):
    """Shows bridge alerts as banners in `host` and, when `window` is not active, in the tray."""

    showCampaign = Signal(int)

    def __init__(self, bridge: CoreBridge, host: QWidget, window: QWidget,
                 queries: Queries | None = None) -> None:
        super().__init__(window)
        self._queries = queries or Queries()
        self._host = host
        self._window = window
        self._banners: list[AlertBanner] = []
        self.tray: QSystemTrayIcon | None = None
        self.tray_messages = 0
        self._last_tray: dict[str, float] = {}  # code -> monotonic time of its last notification
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.tray = QSystemTrayIcon(app_icon(), self)
            self.tray.setToolTip(window.windowTitle())
            self.tray.messageClicked.connect(self._raise_window)
            self.tray.activated.connect(lambda _reason: self._raise_window())
            self.tray.show()
        bridge.alert.connect(self.show_alert)
        bridge.tunnelStateChanged.connect(self._on_tunnel)

    @property
    def banners(self) -> list[AlertBanner]:
        return list(self._banners)

    def show_alert(self, alert: Alert, synthetic: bool = False) -> None:
        """Show `alert`; the same code (and campaign) again updates its banner instead of adding
        one. `synthetic` alerts (derived from a state change) never pile up on a real one."""
        if alert.code == "storage_ok":  # room again: the full-disk banner goes
            self.dismiss_code("storage_full")
            return
        key = (alert.code, alert.campaign_id)
        for banner in self._banners:
            if (banner.alert.code, banner.alert.campaign_id) == key:
                if synthetic:
                    return
                banner.repeat(alert, count=not banner.synthetic)
                banner.synthetic = False
                self._notify(alert)
                return
        name = (self._queries.campaign_name(alert.campaign_id)
                if alert.campaign_id is not None else None)  # one indexed read per new banner
        banner = AlertBanner(alert, name, self._host)
        banner.synthetic = synthetic
        banner.dismissed.connect(self.dismiss)
        banner.actionRequested.connect(lambda a: self.showCampaign.emit(a.campaign_id))
        self._host.layout().insertWidget(0, banner)
        self._banners.insert(0, banner)
        while len(self._banners) > MAX_BANNERS:
            self.dismiss(self._banners[-1])
        if synthetic:
            QTimer.singleShot(SYNTHETIC_TRAY_DELAY_MS, self, lambda: self._notify_synthetic(banner))
        else:
            self._notify(alert)

    def _notify_synthetic(self, banner: AlertBanner) -> None:
        """The tray notification of a state-change banner no real alert has replaced."""
        if banner.synthetic and any(b is banner for b in self._banners):
            self._notify(banner.alert)

    def dismiss(self, banner: AlertBanner) -> None:
        if banner in self._banners:
            self._banners.remove(banner)
            banner.hide()
            banner.deleteLater()

    def dismiss_code(self, code: str) -> None:
        for banner in [b for b in self._banners if b.alert.code == code]:
            self.dismiss(banner)

    def _on_tunnel(self, event: TunnelStateChanged) -> None:
        if event.state in ("down", "error"):
            self.show_alert(Alert(code="tunnel_down", level="error",
                                  message=event.message or self.tr(
                                      "Twilio cannot reach this computer: status updates will "
                                      "wait until the tunnel is back.")), synthetic=True)
        elif event.state == "up":
            self.dismiss_code("tunnel_down")

    def _notify(self, alert: Alert) -> None:
        if self.tray is None or self._window.isActiveWindow():
            return
        now = time.monotonic()
        if now - self._last_tray.get(alert.code, -TRAY_QUIET_S) < TRAY_QUIET_S:
            return  # a storm (e.g. forged webhooks) gives one notification, not hundreds
        self._last_tray[alert.code] = now
        icon = {"error": QSystemTrayIcon.MessageIcon.Critical,
                "info": QSystemTrayIcon.MessageIcon.Information}.get(
            alert.level, QSystemTrayIcon.MessageIcon.Warning)
        self.tray.showMessage(alert_title(alert.code), describe(alert), icon, 10_000)  # translated
        self.tray_messages += 1

    def _raise_window(self) -> None:
        self._window.showNormal()
        self._window.raise_()
        self._window.activateWindow()

    def close(self) -> None:
        if self.tray is not None:
            self.tray.hide()
