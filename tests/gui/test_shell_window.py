"""The main window as a user meets it: first run in sandbox with demo contacts, navigation by
keyboard, geometry and last view remembered, live status bar and alert banners fed from core
threads through the bridge, and a placeholder when a view cannot be loaded."""

from __future__ import annotations

import threading
import time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from wacampaign_desktop.core.events import (
    Alert,
    ServerStateChanged,
    SignatureRejected,
    TunnelStateChanged,
)
from wacampaign_desktop.core.store.models import Contact
from wacampaign_desktop.gui import main_window as mw
from wacampaign_desktop.gui.first_run import DEMO_CONTACTS, seed_demo_contacts
from wacampaign_desktop.gui.main_window import MainWindow


def _publish_from_thread(bus, *events) -> None:
    thread = threading.Thread(target=lambda: [bus.publish(e) for e in events])
    thread.start()
    thread.join(10)


def test_first_run_seeds_demo_contacts_once(context):
    assert context.settings.use_sandbox
    assert seed_demo_contacts(context) == len(DEMO_CONTACTS)
    assert Contact.select().count() == len(DEMO_CONTACTS)
    assert seed_demo_contacts(context) == 0  # never twice


def test_navigation_shortcuts_and_remembered_view(qtbot, services):
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.current_key() == "campaigns"
    assert window.windowTitle() == "WA Campaign Desktop"
    for number, key in ((2, "contacts"), (3, "inbox"), (4, "activity"), (1, "campaigns")):
        action = window.findChild(type(window.actions()[0]), f"actionView{number}")
        assert action.shortcut().toString() == f"Ctrl+{number}"
        action.trigger()
        assert window.current_key() == key
        assert window.stack.currentWidget() is window.views[key]
    window.show_view("inbox")
    window.resize(window.width(), 520)  # the offscreen screen is 800x600: restore clamps widths
    window.close()

    again = MainWindow(services)
    qtbot.addWidget(again)
    assert again.current_key() == "inbox"
    assert again.size().height() == 520
    assert (services.context.paths.config_dir / "gui.ini").exists()


def test_missing_view_shows_placeholder(qtbot, services, monkeypatch):
    specs = tuple(mw.ViewSpec(s.key, "wacampaign_desktop.gui.no_such_module", s.cls)
                  if s.key == "activity" else s for s in mw.VIEWS)
    monkeypatch.setattr(mw, "VIEWS", specs)
    window = MainWindow(services)
    qtbot.addWidget(window)
    view = window.show_view("activity")
    assert isinstance(view, QLabel) and "not available" in view.text()


def test_status_bar_and_alerts_follow_core_threads(qtbot, services, wait_until):
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    status = window.status
    assert status.mode_badge.text() == "Sandbox"
    bus = services.context.bus
    _publish_from_thread(
        bus,
        ServerStateChanged(True, "127.0.0.1", 8765),
        TunnelStateChanged(mode="ngrok", state="up", public_url="https://abc.ngrok.app"),
    )
    wait_until(lambda: "8765" in status.server_label.text(), timeout=5)
    wait_until(lambda: "https://abc.ngrok.app" in status.tunnel_label.text(), timeout=5)
    assert status.copy_button.isVisibleTo(window)
    qtbot.mouseClick(status.copy_button, Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text() == "https://abc.ngrok.app"

    _publish_from_thread(
        bus,
        Alert(code="auto_pause", message="Paused: too many failures", campaign_id=1),
        Alert(code="auto_pause", message="Paused again", campaign_id=1),
        TunnelStateChanged(mode="ngrok", state="down", message="ngrok exited"),
    )
    wait_until(lambda: len(window.alerts.banners) == 2, timeout=5)
    codes = {b.alert.code for b in window.alerts.banners}
    assert codes == {"auto_pause", "tunnel_down"}
    paused = next(b for b in window.alerts.banners if b.alert.code == "auto_pause")
    assert paused.count == 2 and "Paused again" in paused.body.text()
    assert not status.copy_button.isVisibleTo(window)

    _publish_from_thread(bus, TunnelStateChanged(mode="ngrok", state="up",
                                                 public_url="https://abc.ngrok.app"))
    wait_until(lambda: len(window.alerts.banners) == 1, timeout=5)
    window.alerts.dismiss(window.alerts.banners[0])
    assert window.alerts.banners == []


def test_bridge_coalesces_a_burst(qtbot, services, wait_until):
    from wacampaign_desktop.core.events import CountersChanged

    seen: list[dict] = []
    services.bridge.countersChanged.connect(lambda _cid, c: seen.append(c))
    began = time.monotonic()
    _publish_from_thread(services.context.bus, *(
        CountersChanged(campaign_id=7, counters={"sent": i}) for i in range(2000)))
    wait_until(lambda: bool(seen) and seen[-1] == {"sent": 1999}, timeout=5)
    elapsed = time.monotonic() - began
    # one delivery per ~100 ms (however slow the machine), never one per event
    assert len(seen) <= elapsed * 10 + 2 and len(seen) < 50


class _StubRuntime:
    """Stands in for core.runtime.Runtime (start/stop only) to check the GUI's sequencing."""

    def __init__(self, log: list[str], fail: bool = False) -> None:
        self.log, self.fail = log, fail
        self.engine = self.gateway = self.webhooks = self.tunnel = self.sandbox = None
        self.sender = ""

    def start(self) -> None:
        if self.fail:
            raise RuntimeError("port 8765 is already in use")
        self.log.append("start")

    def stop(self) -> None:
        self.log.append("stop")


def test_runtime_starts_off_thread_restarts_and_reports_failure(qtbot, services, wait_until):
    window = MainWindow(services)
    qtbot.addWidget(window)
    log: list[str] = []
    controller = services.runtime_controller
    controller.start(lambda _ctx: _StubRuntime(log))
    wait_until(lambda: services.runtime is not None, timeout=10)
    wait_until(lambda: "Ready to send" in window.status.runtime_label.text(), timeout=5)
    first = services.runtime
    controller.restart(lambda _ctx: _StubRuntime(log))
    wait_until(lambda: services.runtime is not None and services.runtime is not first,
               timeout=10)
    assert log == ["start", "stop", "start"]

    controller.restart(lambda _ctx: _StubRuntime(log, fail=True))
    wait_until(lambda: bool(services.runtime_error), timeout=10)
    wait_until(lambda: any(b.alert.code == "server_error" for b in window.alerts.banners),
               timeout=5)
    assert "port 8765 is already in use" in window.status.runtime_label.text()
    banner = next(b for b in window.alerts.banners if b.alert.code == "server_error")
    assert "port 8765 is already in use" in banner.body.text()


def test_alert_goes_to_the_tray_when_the_window_is_not_focused(qtbot, services, wait_until):
    from PySide6.QtWidgets import QSystemTrayIcon

    window = MainWindow(services)
    qtbot.addWidget(window)
    center = window.alerts
    if center.tray is None:  # offscreen has no system tray: give it one to watch the decision
        center.tray = QSystemTrayIcon(window)
    assert not window.isActiveWindow()
    bus = services.context.bus
    _publish_from_thread(bus, TunnelStateChanged(mode="ngrok", state="down"),
                         Alert(code="tunnel_down", level="error", message="ngrok stopped answering"))
    # the state change and the tunnel's own alert make one banner (with the alert's words)
    wait_until(lambda: bool(center.banners)
               and center.banners[0].body.text() == "ngrok stopped answering", timeout=5)
    assert len(center.banners) == 1 and center.banners[0].count == 1
    assert center.tray_messages == 1

    # a storm of forged webhooks: one banner counting them, one tray notification
    _publish_from_thread(bus, *(SignatureRejected("/api/webhook/twilio/status", "10.0.0.9")
                                for _ in range(5)))
    wait_until(lambda: any(b.alert.code == "signature_rejected" and b.count == 5
                           for b in center.banners), timeout=5)
    assert center.tray_messages == 2


def test_french_from_the_language_setting(qtbot, services, qapp):
    from wacampaign_desktop.gui.app import choose_language, install_translators

    assert choose_language("fr_FR") == "fr" and choose_language("de_DE") == "en"
    translators = install_translators(qapp, "fr")
    try:
        assert translators, "resources/i18n/wacampaign_fr.qm should load"
        window = MainWindow(services)
        qtbot.addWidget(window)
        assert window.nav.item(0).text() == "Campagnes"
        view = window.show_view("campaigns")
        assert view.campaign_view.status_filter.itemText(0) != "All messages"
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)


def test_auto_pause_banner_names_the_campaign_and_explains_the_error(qtbot, services, wait_until):
    from wacampaign_desktop.core.store.models import Campaign

    campaign = Campaign.create(name="Soldes d'été", state="paused")
    window = MainWindow(services)
    qtbot.addWidget(window)
    _publish_from_thread(services.context.bus, Alert(
        "auto_pause", f"Campaign {campaign.id} paused itself: 30 % of the last 50 failed",
        level="error", campaign_id=campaign.id, details={"error_code": 63016}))
    wait_until(lambda: bool(window.alerts.banners), timeout=5)
    text = window.alerts.banners[0].body.text()
    assert "Soldes d'été" in text and "63016" in text
    shown: list[int] = []
    window.alerts.showCampaign.connect(shown.append)
    window.alerts.banners[0].actionRequested.emit(window.alerts.banners[0].alert)
    assert shown == [campaign.id]
    assert window.current_key() == "campaigns"
    assert window.views["campaigns"].campaign_view.campaign_id == campaign.id
