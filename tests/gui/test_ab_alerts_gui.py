"""A/B strip of the campaign view, the alerts monitor's banners, and File → Alerts and
retries…, as the user sees them (English and French)."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from wacampaign_desktop.core.engine.ab_flow import HOLD
from wacampaign_desktop.core.events import Alert
from wacampaign_desktop.core.settings import load_settings
from wacampaign_desktop.core.store.models import Campaign, CampaignMessage, Contact
from wacampaign_desktop.gui.alerts import AlertCenter
from wacampaign_desktop.gui.campaigns.ab_box import ABBox
from wacampaign_desktop.gui.settings.alerts_panel import AlertsDialog

VARIANTS = [{"name": "B", "body": "Beta {{name}}"}]


def _waiting_campaign() -> Campaign:
    campaign = Campaign.create(name="Soldes", body="Alpha {{name}}", variants=VARIANTS,
                               state="sending", ab_test={"test_share": 0.2, "wait_minutes": 60,
                                                         "metric": "read", "phase": "waiting",
                                                         "wait_until": "2026-11-29T10:00:00"})
    for i in range(10):
        contact = Contact.create(phone=f"+3361000{i:04d}", name=f"C{i}")
        test = i < 2
        CampaignMessage.create(
            campaign=campaign, contact=contact, phone=contact.phone, message="x",
            variant=("A" if i == 0 else "B") if test else None,
            status="read" if i == 1 else ("delivered" if test else "pending"),
            twilio_sid=f"SM{i}" if test else None, next_attempt_at=None if test else HOLD)
    return campaign


def test_ab_strip_shows_rates_and_lets_the_user_pick(services, qtbot):
    campaign = _waiting_campaign()
    box = ABBox(services)
    qtbot.addWidget(box)
    box.set_campaign(campaign.id)
    qtbot.waitUntil(lambda: box.status is not None, timeout=10_000)
    assert not box.isHidden()
    assert "Version A: 1 sent · read 0\u00a0% · replied 0\u00a0%" in box.versions.text()
    assert "Version B: 1 sent · read 100\u00a0%" in box.versions.text()
    assert "Test sent to 20\u00a0%" in box.summary.text()
    assert not box.buttons["B"].isHidden() and box.buttons["B"].text() == "Send B to the rest"

    assert services.campaigns.choose_winner(campaign.id, "B") == 8
    box.refresh()
    qtbot.waitUntil(lambda: box.status is not None and box.status.winner == "B", timeout=10_000)
    assert "Version B was chosen by you" in box.summary.text()
    assert box.buttons["B"].isHidden()
    held = CampaignMessage.select().where(CampaignMessage.next_attempt_at == HOLD).count()
    assert held == 0


def test_ab_strip_in_french(services, qtbot, french):
    campaign = _waiting_campaign()
    box = ABBox(services)
    qtbot.addWidget(box)
    box.set_campaign(campaign.id)
    qtbot.waitUntil(lambda: box.status is not None, timeout=10_000)
    assert box.buttons["B"].text() == "Envoyer B au reste"
    assert "taux de lecture" in box.summary.text()


def _center(services, qtbot) -> tuple[AlertCenter, QWidget]:
    window = QWidget()
    qtbot.addWidget(window)
    host = QWidget(window)
    QVBoxLayout(host)
    return AlertCenter(services.bridge, host, window, services.queries), window


FAILING = Alert("failure_rate", "30% of the last 20 messages failed", campaign_id=None,
                details={"share": 0.3, "threshold": 0.2, "window": 20})


def test_alert_banners_say_what_to_do(services, qtbot):
    center, _window = _center(services, qtbot)
    center.show_alert(FAILING)
    center.show_alert(Alert("no_callback", "…", level="error",
                            details={"minutes": 6.0, "threshold": 5.0}))
    silent, failing = center.banners
    assert failing.title.text() == "Many messages are failing"
    assert "30\u00a0% of the last 20 messages failed (alert above 20\u00a0%)" in failing.body.text()
    assert "pause the campaign" in failing.body.text()
    assert silent.title.text() == "No news from Twilio"
    assert "File → Connect Twilio…" in silent.body.text() and "6 minutes" in silent.body.text()


def test_alert_banners_in_french(services, qtbot, french):
    center, _window = _center(services, qtbot)
    center.show_alert(FAILING)
    banner = center.banners[0]
    assert banner.title.text() == "Beaucoup de messages échouent"
    assert "30\u00a0% des 20 derniers messages" in banner.body.text()


def test_alerts_and_retries_settings_are_saved(services, qtbot, context):
    dialog = AlertsDialog(services)
    qtbot.addWidget(dialog)
    assert dialog.failure.value() == 10 and dialog.attempts.value() == 3
    dialog.failure.setValue(25)
    dialog.silence.setValue(0)  # off
    assert dialog.silence.text() == "Off"
    dialog.auto.setChecked(True)
    dialog.delay.setValue(30)
    dialog.save()
    saved = load_settings(context.paths.settings_file)
    assert (saved.alert_failure_rate, saved.alert_silence_minutes) == (0.25, 0.0)
    assert (saved.auto_retry, saved.auto_retry_delay_minutes, saved.max_attempts) == (True, 30.0, 3)


def test_a_retried_message_shows_its_new_try_not_the_old_error(qtbot):
    from wacampaign_desktop.core.services.queries import MessageRow
    from wacampaign_desktop.gui.campaigns.detail_pane import MessageDetailPane

    pane = MessageDetailPane()
    qtbot.addWidget(pane)
    row = MessageRow(1, "+33612345601", "Camille", "sending", None, None, None, None, None,
                     None, "SM2", "Hello", 0, None, 1, variant="B", attempts=2)
    pane.show_row(row)
    text = pane.toPlainText()
    assert "Attempts" in text and "2 of 3" in text
    assert "Version" in text and "Error" not in text


def test_webhook_route_alerts_have_titles_in_french(services, qtbot, french):
    center, _window = _center(services, qtbot)
    center.show_alert(Alert("webhook_routes_applied", "The public URL changed", level="info",
                            details={"new_url": "https://b.ngrok.app"}))
    banner = center.banners[0]
    assert banner.title.text() == "Webhooks Twilio mis à jour"
    assert "L’adresse publique est devenue https://b.ngrok.app\u202f;" in banner.body.text()
