"""The editor's "Alerts for this campaign": the global settings by default; unticked, the three
thresholds start from the global ones, are saved with the campaign, and the alerts monitor then
warns at the campaign's own threshold, not the global one."""

from __future__ import annotations

from datetime import datetime

from tests.alerts.test_alerts_monitor import _outcome
from wacampaign_desktop.core.alerts_monitor import AlertsMonitor
from wacampaign_desktop.core.clock import ManualClock
from wacampaign_desktop.core.events import Alert
from wacampaign_desktop.core.store.models import Campaign


def _dialog(services, qtbot, campaign_id=None):
    from wacampaign_desktop.gui.editor import CampaignEditorDialog

    dialog = CampaignEditorDialog(services, campaign_id=campaign_id)
    qtbot.addWidget(dialog)
    return dialog


def test_campaign_threshold_from_the_editor_makes_the_alert_fire(services, qtbot):
    settings = services.context.settings
    settings.alert_failure_rate, settings.alert_window = 0.5, 10
    settings.alert_undelivered_rate, settings.alert_silence_minutes = 0.0, 7.0
    dialog = _dialog(services, qtbot)
    box = dialog.alerts_box
    dialog.ui.nameEdit.setText("Own alerts")
    dialog.ui.bodyEdit.setPlainText("Hello")
    assert box.use_global.isChecked() and not box.own.isVisibleTo(dialog)
    box.use_global.setChecked(False)
    assert box.own.isVisibleTo(dialog)
    assert (box.failure.value(), box.undelivered.value(), box.silence.value()) == (50, 0, 7)
    assert box.undelivered.text() == "Off"
    box.failure.setValue(20)
    dialog.ui.saveButton.click()
    campaign = Campaign.get(Campaign.name == "Own alerts")
    assert campaign.alert_thresholds == {"failure_rate": 0.2, "undelivered_rate": 0.0,
                                         "silence_minutes": 7.0}

    alerts: list[Alert] = []
    bus = services.context.bus
    bus.subscribe(alerts.append, Alert)
    monitor = AlertsMonitor(bus, settings, ManualClock(datetime(2026, 11, 29, 9, 0)),
                            tick_s=3600, sending=lambda: [campaign.id])
    monitor.start()
    try:
        _outcome(bus, "delivered", 7, campaign=campaign.id)
        _outcome(bus, "failed", 3, campaign=campaign.id)  # 30 %: under the global 50 %
        qtbot.waitUntil(lambda: [a.code for a in alerts] == ["failure_rate"])
        assert alerts[0].campaign_id == campaign.id and alerts[0].details["threshold"] == 0.2
    finally:
        monitor.stop()

    again = _dialog(services, qtbot, campaign.id).alerts_box
    assert not again.use_global.isChecked() and again.failure.value() == 20
    again.use_global.setChecked(True)
    assert again.thresholds() == {}


def test_back_to_the_global_settings_clears_the_campaign_own(services, qtbot):
    campaign = Campaign.create(name="Back", body="Hello",
                               alert_thresholds={"failure_rate": 0.3, "window": 20})
    dialog = _dialog(services, qtbot, campaign.id)
    assert dialog.alerts_box.failure.value() == 30
    dialog.alerts_box.use_global.setChecked(True)
    dialog.ui.saveButton.click()
    assert Campaign.get_by_id(campaign.id).alert_thresholds is None


def test_french_words(services, qtbot, french):
    box = _dialog(services, qtbot).alerts_box
    assert box.title() == "Alertes de cette campagne"
    assert box.use_global.text() == "Utiliser les réglages d’alerte généraux"
    box.use_global.setChecked(False)
    assert box.failure.specialValueText() == "Désactivé"
