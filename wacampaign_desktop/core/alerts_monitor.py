"""Alerts while campaigns send: too many failures, too many undelivered, or no callback at all.

Fed by the events the core already publishes (no database polling): MessageStatusChanged gives
each campaign's outcomes (failed/undelivered versus delivered/read, the last N kept), and the
messages handed to Twilio; WebhookLogged("status") says a callback arrived; CampaignStateChanged
says which campaigns are sending. Thresholds come from the settings, overridden per campaign by
`Campaign.alert_thresholds` ({"failure_rate": 0.1, "window": 50, "undelivered_rate": 0.05,
"silence_minutes": 5}; a rate or minutes of 0 turns that alert off).

Each alert is published once as an `Alert` event (code "failure_rate", "undelivered_rate" or
"no_callback", with what to do), and logged as a warning (the Activity view's log shows it); it
is armed again once the share falls back under the threshold, or a callback arrives. The silence
check runs on a small thread every `tick_s` (real) seconds, by the Clock passed in.
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from wacampaign_desktop.core import status_rules as rules
from wacampaign_desktop.core.clock import SYSTEM_CLOCK, Clock
from wacampaign_desktop.core.events import (
    Alert,
    CampaignStateChanged,
    EventBus,
    MessageStatusChanged,
    WebhookLogged,
)
from wacampaign_desktop.core.settings import Settings

log = logging.getLogger(__name__)

HANDED = frozenset({"accepted", "scheduled", "queued"})  # a send Twilio took (sid recorded)


@dataclass(frozen=True)
class Thresholds:
    failure_rate: float = 0.10
    window: int = 50
    undelivered_rate: float = 0.05
    silence_minutes: float = 5.0

    @classmethod
    def from_settings(cls, settings: Settings) -> Thresholds:
        return cls(settings.alert_failure_rate, settings.alert_window,
                   settings.alert_undelivered_rate, settings.alert_silence_minutes)

    def overridden(self, overrides: dict[str, Any] | None) -> Thresholds:
        """These thresholds with a campaign's own values (unknown or bad keys ignored)."""
        values: dict[str, Any] = {}
        for name, value in (overrides or {}).items():
            if name in ("failure_rate", "undelivered_rate", "silence_minutes"):
                if isinstance(value, int | float) and not isinstance(value, bool) and value >= 0:
                    values[name] = float(value)
            elif name == "window" and isinstance(value, int) and value >= 1:
                values[name] = value
        return replace(self, **values)


def campaign_thresholds(campaign_id: int) -> dict[str, Any] | None:
    from wacampaign_desktop.core.store.models import Campaign

    row = (Campaign.select(Campaign.alert_thresholds).where(Campaign.id == campaign_id)
           .tuples().first())
    return row[0] if row else None


def sending_campaign_ids() -> list[int]:
    from wacampaign_desktop.core.store.models import Campaign

    return [c.id for c in Campaign.select(Campaign.id).where(Campaign.state == "sending")]


class _Watch:
    """One campaign's recent outcomes and which of its alerts are already out."""

    def __init__(self, thresholds: Thresholds) -> None:
        self.thresholds = thresholds
        self.outcomes: deque[str | None] = deque(maxlen=thresholds.window)  # None = success
        self.raised: set[str] = set()


class AlertsMonitor:
    def __init__(self, bus: EventBus, settings: Settings, clock: Clock = SYSTEM_CLOCK, *,
                 tick_s: float = 5.0,
                 overrides: Callable[[int], dict[str, Any] | None] = campaign_thresholds,
                 sending: Callable[[], list[int]] = sending_campaign_ids) -> None:
        """`overrides(campaign_id)`: a campaign's own thresholds (read once per campaign, again
        when its state changes); `sending()`: campaigns already sending when it starts."""
        self.bus, self.settings, self.clock = bus, settings, clock
        self._tick_s = tick_s
        self._overrides, self._sending_at_start = overrides, sending
        self._lock = threading.Lock()
        self._watches: dict[int, _Watch] = {}
        self._sending: set[int] = set()
        self._last_callback: datetime | None = None
        self._waiting_since: datetime | None = None  # first send not followed by a callback
        self._silence_raised = False
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._unsubscribe: list[Callable[[], None]] = []

    # --- life -----------------------------------------------------------------------------
    def start(self) -> AlertsMonitor:
        self._stop.clear()
        with self._lock:
            self._sending.update(self._sending_at_start())
        self._unsubscribe = [
            self.bus.subscribe(self.on_status, MessageStatusChanged),
            self.bus.subscribe(self.on_webhook, WebhookLogged),
            self.bus.subscribe(self.on_state, CampaignStateChanged),
        ]
        self._thread = threading.Thread(target=self._run, name="alerts-monitor", daemon=True)
        self._thread.start()
        return self

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        for unsubscribe in self._unsubscribe:
            unsubscribe()
        self._unsubscribe = []
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def _run(self) -> None:
        while not self._stop.wait(self._tick_s):
            try:
                self.check()
            except Exception:
                log.exception("Alerts check failed")

    # --- events ---------------------------------------------------------------------------
    def thresholds(self, campaign_id: int) -> Thresholds:
        base = Thresholds.from_settings(self.settings)
        try:
            return base.overridden(self._overrides(campaign_id))
        except Exception:
            log.exception("Could not read the alert thresholds of campaign %d", campaign_id)
            return base

    def _watch(self, campaign_id: int) -> _Watch:
        watch = self._watches.get(campaign_id)
        if watch is None:
            watch = self._watches[campaign_id] = _Watch(self.thresholds(campaign_id))
        return watch

    def on_state(self, event: CampaignStateChanged) -> None:
        with self._lock:
            if event.new_state == "sending":
                self._sending.add(event.campaign_id)
                self._watches.pop(event.campaign_id, None)  # thresholds read again
            else:
                self._sending.discard(event.campaign_id)
            if not self._sending:
                self._waiting_since = None

    def on_webhook(self, event: WebhookLogged) -> None:
        if event.kind != "status":
            return
        with self._lock:
            self._last_callback = self.clock.now()
            self._waiting_since = None
            self._silence_raised = False

    def on_status(self, event: MessageStatusChanged) -> None:
        alerts: list[Alert] = []
        with self._lock:
            if event.new_status in HANDED and event.old_status == "sending":
                if self._waiting_since is None:
                    self._waiting_since = self.clock.now()
                return
            if event.new_status in rules.FAILURES and event.old_status not in rules.FAILURES:
                outcome: str | None = event.new_status
            elif (event.new_status in ("delivered", "read")
                  and event.old_status not in ("delivered", "read")):
                outcome = None
            else:
                return
            watch = self._watch(event.campaign_id)
            watch.outcomes.append(outcome)
            alerts = self._judge(event.campaign_id, watch)
        for alert in alerts:
            self._raise(alert)

    def _judge(self, campaign_id: int, watch: _Watch) -> list[Alert]:
        t = watch.thresholds
        items = list(watch.outcomes)
        if len(items) < t.window:
            return []
        failed = sum(1 for item in items if item is not None) / len(items)
        undelivered = sum(1 for item in items if item == "undelivered") / len(items)
        alerts = []
        for code, share, limit, words in (
            ("failure_rate", failed, t.failure_rate, "failed"),
            ("undelivered_rate", undelivered, t.undelivered_rate, "were not delivered"),
        ):
            if limit <= 0 or share <= limit:
                watch.raised.discard(code)
                continue
            if code in watch.raised:
                continue
            watch.raised.add(code)
            alerts.append(Alert(
                code, f"{share:.0%} of the last {len(items)} messages {words} (alert above "
                f"{limit:.0%}). Look at the failed messages' errors; pause the campaign if the "
                "list or the text is wrong.", level="warning", campaign_id=campaign_id,
                details={"share": round(share, 3), "threshold": limit, "window": len(items)}))
        return alerts

    # --- the silence check ----------------------------------------------------------------
    def check(self) -> None:
        """Raise "no_callback" when campaigns are sending, Twilio took messages, and no status
        callback came for `silence_minutes` (the shortest of the sending campaigns')."""
        with self._lock:
            if not self._sending or self._waiting_since is None or self._silence_raised:
                return
            minutes = [m for m in (self._watch(c).thresholds.silence_minutes
                                   for c in self._sending) if m > 0]
            if not minutes:
                return
            limit = min(minutes)
            since = max(filter(None, (self._waiting_since, self._last_callback)))
            silent = (self.clock.now() - since).total_seconds() / 60
            if silent < limit:
                return
            self._silence_raised = True
            campaign_id = min(self._sending)
        self._raise(Alert(
            "no_callback", f"No status update from Twilio for {silent:.0f} minutes while "
            "sending: the public webhook address (tunnel) is probably broken. Check the "
            "connection in File → Connect Twilio…; statuses are fetched again once it is back.",
            level="error", campaign_id=campaign_id,
            details={"minutes": round(silent, 1), "threshold": limit}))

    def _raise(self, alert: Alert) -> None:
        log.warning("Alert %s%s: %s", alert.code,
                    f" (campaign {alert.campaign_id})" if alert.campaign_id else "", alert.message)
        self.bus.publish(alert)
