"""The alerts monitor, fed by events: failure share, undelivered share and silence, with the
campaign's own thresholds over the settings, once per crossing."""

from __future__ import annotations

from datetime import datetime

from wacampaign_desktop.core.alerts_monitor import AlertsMonitor
from wacampaign_desktop.core.clock import ManualClock
from wacampaign_desktop.core.events import (
    Alert,
    CampaignStateChanged,
    MessageStatusChanged,
    WebhookLogged,
)
from wacampaign_desktop.core.settings import Settings


def _monitor(bus, overrides=None, **settings) -> tuple[AlertsMonitor, ManualClock, list[Alert]]:
    clock = ManualClock(datetime(2026, 11, 29, 9, 0))
    alerts: list[Alert] = []
    bus.subscribe(alerts.append, Alert)
    monitor = AlertsMonitor(bus, Settings(**settings), clock, tick_s=3600,
                            overrides=lambda _id: overrides, sending=lambda: [7])
    monitor.start()
    return monitor, clock, alerts


def _outcome(bus, status: str, n: int = 1, campaign: int = 7) -> None:
    for i in range(n):
        bus.publish(MessageStatusChanged(campaign, i, f"SM{i}", "sent", status, None))


def test_failure_share_over_the_window_alerts_once(bus):
    monitor, _clock, alerts = _monitor(bus, alert_failure_rate=0.2, alert_window=10,
                                       alert_undelivered_rate=0)
    _outcome(bus, "delivered", 8)
    _outcome(bus, "failed", 2)
    assert alerts == []  # 2 of 10 is not above 20 %
    _outcome(bus, "failed", 1)
    assert [a.code for a in alerts] == ["failure_rate"]
    assert alerts[0].campaign_id == 7 and alerts[0].details["share"] == 0.3
    assert "30% of the last 10 messages failed" in alerts[0].message
    _outcome(bus, "failed", 3)
    assert len(alerts) == 1  # not again while it stays above
    _outcome(bus, "delivered", 10)
    _outcome(bus, "failed", 3)
    assert len(alerts) == 2  # under the threshold in between: armed again
    monitor.stop()


def test_campaign_thresholds_override_the_settings(bus):
    monitor, _clock, alerts = _monitor(bus, {"undelivered_rate": 0.5, "window": 4},
                                       alert_failure_rate=0, alert_undelivered_rate=0.05)
    _outcome(bus, "delivered", 2)
    _outcome(bus, "undelivered", 2)
    assert alerts == []  # 50 % is not above the campaign's own 50 %
    _outcome(bus, "undelivered", 1)
    assert [a.code for a in alerts] == ["undelivered_rate"]
    monitor.stop()


def test_no_callback_while_sending_alerts_after_the_minutes(bus):
    monitor, clock, alerts = _monitor(bus, alert_silence_minutes=5)
    monitor.check()
    assert alerts == []  # nothing handed to Twilio yet
    bus.publish(MessageStatusChanged(7, 1, "SM1", "sending", "queued"))
    clock.advance(240)
    monitor.check()
    assert alerts == []
    bus.publish(WebhookLogged(1, "status", "applied"))  # a callback: the tunnel works
    bus.publish(MessageStatusChanged(7, 2, "SM2", "sending", "queued"))
    clock.advance(240)
    monitor.check()
    assert alerts == []
    clock.advance(61)
    monitor.check()
    assert [a.code for a in alerts] == ["no_callback"] and alerts[0].level == "error"
    assert "tunnel" in alerts[0].message
    monitor.check()
    assert len(alerts) == 1
    bus.publish(CampaignStateChanged(7, "sending", "completed"))
    bus.publish(WebhookLogged(2, "status", "applied"))
    clock.advance(3600)
    monitor.check()
    assert len(alerts) == 1  # nothing is sending any more
    monitor.stop()
