"""The engine's follow-ups of a campaign's first send: "Retry failed", the automatic retry of
retryable delivery failures, and A/B "test then send the winner" (mixed into CampaignEngine,
whose database, clock, settings, bus and monitor they use)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable
from typing import TYPE_CHECKING

import peewee

from wacampaign_desktop.core.clock import Clock
from wacampaign_desktop.core.engine import ab_flow, retries
from wacampaign_desktop.core.engine import lifecycle as lc
from wacampaign_desktop.core.engine.window import AudienceRules
from wacampaign_desktop.core.engine.window_recheck import recheck_pending
from wacampaign_desktop.core.events import Alert, Event, EventBus
from wacampaign_desktop.core.settings import Settings
from wacampaign_desktop.core.store.models import Campaign
from wacampaign_desktop.core.store.status_pipeline import status_changes

if TYPE_CHECKING:
    from collections.abc import Callable

log = logging.getLogger(__name__)
EngineError = lc.EngineError


class FollowUps:
    db: peewee.Database
    clock: Clock
    settings: Settings
    bus: EventBus
    _wake: threading.Event
    _busy_lock: threading.Lock
    _auto_retry: set[tuple[int, int]]
    _outside: dict[int, str]
    _publish: Callable[[Iterable[Event]], None]
    _window: Callable[[int], retries.OutcomeWindow]
    _audience_rules: Callable[[], AudienceRules]

    def retry_failed(self, campaign_id: int) -> retries.RetryReport:
        """Requeue the campaign's failed/undelivered messages whose error is retryable and that
        had fewer than `max_attempts` attempts; the report (an int: how many) says why the
        others were left. The campaign goes back to sending if it was paused or completed."""
        return self._requeue(campaign_id)

    def _requeue(self, campaign_id: int, message_ids: Iterable[int] | None = None,
                 delay_s: float = 0.0) -> retries.RetryReport:
        with status_changes(self.db, self.clock) as changes:
            report, _updates, change = lc.retry_failed_messages(
                campaign_id, db=self.db, clock=self.clock, changes=changes,
                max_attempts=self.settings.max_attempts, message_ids=message_ids,
                delay_s=delay_s,
                reason="" if message_ids is None else "failed message(s) retried automatically")
            # D: free text to a contact whose 24-hour window closed since is held or switched
            # to the fallback template before the feeder can claim it
            window_events = recheck_pending(campaign_id, self._audience_rules(), db=self.db,
                                            clock=self.clock)
        if change:
            self._outside.pop(campaign_id, None)
        self._publish(changes.events)
        self._publish(window_events)
        if change:
            self._window(campaign_id).clear()
            lc.publish_change(self.bus, change)
        self._wake.set()
        return report

    def _retry_automatically(self) -> None:
        """Retryable delivery failures of campaigns with automatic retry (or the setting) go
        back to the queue, due after the retry delay (longer at each attempt), within the cap."""
        with self._busy_lock:
            failed, self._auto_retry = self._auto_retry, set()
        by_campaign: dict[int, list[int]] = {}
        for campaign_id, message_id in failed:
            by_campaign.setdefault(campaign_id, []).append(message_id)
        for campaign_id, ids in by_campaign.items():
            campaign = Campaign.get_or_none(Campaign.id == campaign_id)
            if campaign is None or not (campaign.auto_retry or self.settings.auto_retry):
                continue
            if campaign.state not in lc.ALLOWED_FROM["retry"]:
                continue
            try:
                report = self._requeue(campaign_id, ids,
                                       delay_s=self.settings.auto_retry_delay_minutes * 60)
            except EngineError:
                continue
            if report.requeued:
                log.info("Campaign %d: %s (automatic retry)", campaign_id, report.sentence())

    def _advance_ab(self, campaign: Campaign) -> None:
        """Test then send the winner: start the wait, or send the winner when it is over."""
        try:
            winner, events = ab_flow.advance(campaign, self.db, self.clock)
        except Exception:
            log.exception("Campaign %d: the A/B test could not move on", campaign.id)
            return
        self._publish(events)
        if winner is not None:
            self.bus.publish(Alert("ab_winner", f"Variant {winner} won the test and is sent to "
                                   "the other recipients", level="info",
                                   campaign_id=campaign.id, details={"winner": winner}))
            self._wake.set()

    def choose_winner(self, campaign_id: int, variant: str) -> int:
        """The user's pick during the test: send `variant` to the rest now; returns how many."""
        released, events = ab_flow.choose_winner(campaign_id, variant, db=self.db,
                                                 clock=self.clock)
        self._publish(events)
        self._wake.set()
        return released
