"""A tunnel that cannot start, as the user sees it in the real window (issue 14, "Behaviour"):
ngrok is chosen but cannot start (offline: no agent at the configured path). The window shows a
red banner that names the real place to change it (File → Connect Twilio…, "How Twilio reaches
this computer"), never a "Settings → Tunnel" that does not exist; the status bar still shows the
local webhooks listening and the sandbox; a campaign is still sent and delivered; and choosing
"Local only" (settings saved + runtime restarted, as the Connect Twilio dialog does) removes the
banner."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QSystemTrayIcon, QWidget

from tests.gui.window_helpers import open_demo_window
from wacampaign_desktop.core.runtime import Runtime, RuntimeConfig
from wacampaign_desktop.core.sandbox import SandboxConfig
from wacampaign_desktop.core.services.campaign_draft import CampaignDraft
from wacampaign_desktop.gui.first_run import DEMO_CONTACTS
from wacampaign_desktop.gui.main_window import MainWindow

TIMEOUT = 60.0  # seconds; the machine is shared and loaded


@pytest.fixture
def window(qtbot, context, tmp_path):
    """The real window on a profile set to ngrok with no ngrok agent where the settings say."""
    s = context.settings
    s.webhook_port, s.tunnel_mode = 0, "ngrok"
    s.ngrok_path = str(tmp_path / "nowhere" / "ngrok")
    win = open_demo_window(qtbot, context)
    services = win.services
    yield win
    services.runtime_controller.stop()
    services.close()


def _start(window: MainWindow, wait_until) -> Runtime:
    services = window.services
    services.runtime_controller.start(lambda ctx: Runtime(ctx, RuntimeConfig(
        sandbox=SandboxConfig(seed=14, step_latency=0.01))))
    wait_until(lambda: services.runtime is not None or bool(services.runtime_error), TIMEOUT,
               "the runtime is up or failed")
    assert services.runtime is not None, services.runtime_error
    return services.runtime


class _RecordingTray(QSystemTrayIcon):
    """A tray icon that keeps the notifications it is asked to show (offscreen has no tray)."""

    def __init__(self, parent) -> None:
        super().__init__(parent)
        self.shown: list[tuple[str, str]] = []

    def showMessage(self, title: str, text: str, *args: object) -> None:  # noqa: N802 - Qt's name
        self.shown.append((title, text))


def _tunnel_banners(window: MainWindow) -> list:
    return [b for b in window.alerts.banners if b.alert.code == "tunnel_down"]


def test_ngrok_that_cannot_start_is_seen_and_leaves_sending_working(qtbot, window, wait_until):
    services = window.services
    runtime = _start(window, wait_until)
    assert runtime.tunnel.state == "error"

    # (1) a red banner naming the real place to change it
    wait_until(lambda: any("Connect Twilio" in b.body.text() and b.isVisibleTo(window)
                           for b in _tunnel_banners(window)),
               TIMEOUT, "the tunnel banner with the core's words, shown")  # (shown on a later turn)
    [banner] = _tunnel_banners(window)
    assert banner.alert.level == "error"
    assert banner.title.text() == "Public webhook address is down"
    text = banner.body.text()
    assert "ngrok" in text and "File → Connect Twilio…" in text
    assert "How Twilio reaches this computer" in text
    assert "Settings → Tunnel" not in text and "Settings →" not in text
    assert runtime.webhooks.local_base_url in text  # says what still works, and where

    # (2) the status bar: local webhooks listening, the sandbox, the tunnel in error
    status = window.status
    port = str(runtime.webhooks.port)
    wait_until(lambda: port in status.server_label.text(), TIMEOUT, "webhooks' port shown")
    assert "Webhooks" in status.server_label.text()
    assert status.server_label.toolTip() == f"Webhooks: listening on port {port}"
    assert status.mode_badge.text() == "Sandbox" and status.mode_badge.isVisibleTo(window)
    wait_until(lambda: "Tunnel error" in status.tunnel_label.text(), TIMEOUT, "tunnel state")
    assert not status.copy_button.isVisibleTo(window)  # no public address to copy
    assert "failed" not in status.runtime_label.text()

    # (3) a campaign can still be sent: every message delivered by the sandbox
    campaign_id = CampaignDraft(name="Offline tunnel", body="Hello {{name}}", rate=50.0).save()
    services.campaigns.start(campaign_id, services.runtime_controller.engine)
    wait_until(lambda: services.campaigns.get(campaign_id).state == "completed", TIMEOUT,
               "the campaign completed")
    wait_until(lambda: services.campaigns.progress(campaign_id)["counters"]["read"]
               == len(DEMO_CONTACTS), TIMEOUT, "every message read, through local callbacks")
    counters = services.campaigns.progress(campaign_id)["counters"]
    assert counters["failed"] == counters["undelivered"] == 0
    wait_until(lambda: "Ready to send" in status.runtime_label.text(), TIMEOUT,
               "the status bar back to Ready to send")

    # (4) the user picks "Local only" in Connect Twilio: saved, runtime restarted, banner gone
    services.context.settings.tunnel_mode = "local"
    services.context.save_settings()
    services.runtime_controller.restart()
    wait_until(lambda: services.runtime is not None and services.runtime is not runtime,
               TIMEOUT, "the new runtime is up")
    assert services.runtime.tunnel.state == "up"
    wait_until(lambda: not _tunnel_banners(window), TIMEOUT, "the tunnel banner cleared")
    assert window.alerts.banners == []
    wait_until(lambda: "Local (sandbox)" in status.tunnel_label.text(), TIMEOUT,
               "the status bar shows the local mode")
    assert str(services.runtime.webhooks.port) in status.server_label.text()


def test_the_tunnel_banner_reads_in_french(qtbot, window, wait_until, qapp):
    """In French the banner is French and names the menu as the French window shows it."""
    from wacampaign_desktop.gui.app import install_translators

    translators = install_translators(qapp, "fr")
    try:
        assert translators, "resources/i18n/wacampaign_fr.qm should load"
        tray = window.alerts.tray = _RecordingTray(window)
        elsewhere = QWidget()  # the user works in another window: alerts also go to the tray
        qtbot.addWidget(elsewhere)
        elsewhere.show()
        elsewhere.activateWindow()
        wait_until(lambda: not window.isActiveWindow(), 10, "the window not active")
        runtime = _start(window, wait_until)
        wait_until(lambda: any("Fichier" in b.body.text() for b in _tunnel_banners(window)),
                   TIMEOUT, "the French tunnel banner")
        [banner] = _tunnel_banners(window)
        text = banner.body.text()
        assert banner.title.text() == "L'adresse publique des webhooks ne répond plus"
        assert text.startswith("Le tunnel ngrok n’a pas pu être établi\u202f: ")
        assert "Fichier → Connecter Twilio…" in text
        assert "« Comment Twilio joint cet ordinateur »" in text.replace("\u00a0", " ")
        assert f"reçus sur cet ordinateur ({runtime.webhooks.local_base_url})" in text
        for english in ("File →", "Connect Twilio", "Sending still works", "Settings →"):
            assert english not in text
        assert any("Fichier → Connecter Twilio…" in text for _title, text in tray.shown), tray.shown
        assert not any("File →" in text for _title, text in tray.shown)
        wait_until(lambda: "Tunnel en erreur" in window.status.tunnel_label.text(), TIMEOUT,
                   "the tunnel state in French")
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)


def test_a_tunnel_lost_with_no_core_alert_still_reaches_the_tray(qtbot, window, wait_until):
    """The tray waits briefly for the core's own alert after a state change; alone, the state
    change is still notified (once)."""
    from wacampaign_desktop.core.events import TunnelStateChanged

    tray = window.alerts.tray = _RecordingTray(window)
    elsewhere = QWidget()
    qtbot.addWidget(elsewhere)
    elsewhere.show()
    elsewhere.activateWindow()
    wait_until(lambda: not window.isActiveWindow(), 10, "the window not active")
    window.services.context.bus.publish(TunnelStateChanged(
        mode="ngrok", state="down", message="the ngrok agent could not be restarted"))
    wait_until(lambda: bool(_tunnel_banners(window)), TIMEOUT, "the tunnel banner")
    wait_until(lambda: bool(tray.shown), TIMEOUT, "the tray notification")
    assert tray.shown == [("Public webhook address is down",
                           "the ngrok agent could not be restarted")]
