"""The engine's two threads (mixed into CampaignEngine, whose state they use): the monitor, which
ticks every TICK_S seconds — follows campaign states in the database, starts scheduled campaigns
when due, resolves claims left by a crashed process, starts and follows one feeder per sending
campaign (rate changes, A/B test, progress, completion) — and the reconciler, which fetches
messages whose callbacks did not come (every non-final one once at start-up, then those older
than `reconcile_after_minutes`)."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from wacampaign_desktop.core.clock import Clock
from wacampaign_desktop.core.engine import lifecycle as lc
from wacampaign_desktop.core.engine import reconciliation as rec
from wacampaign_desktop.core.engine import scheduler
from wacampaign_desktop.core.engine.dispatcher import CampaignRun
from wacampaign_desktop.core.engine.storage_hold import StorageHold
from wacampaign_desktop.core.events import Alert, CampaignProgress, CampaignStateChanged, EventBus
from wacampaign_desktop.core.settings import Settings
from wacampaign_desktop.core.store.models import Campaign
from wacampaign_desktop.core.store.writer import StoreWriter
from wacampaign_desktop.core.twilio_gateway import TwilioGateway

log = logging.getLogger(__name__)

EngineError = lc.EngineError
TICK_S = 0.25


class EngineThreads:
    bus: EventBus
    gateway: TwilioGateway
    settings: Settings
    clock: Clock
    storage: StorageHold
    _lock: threading.RLock
    _runs: dict[int, CampaignRun]
    _busy: set[int]
    _busy_lock: threading.Lock
    _slots: threading.BoundedSemaphore
    _pool: ThreadPoolExecutor | None
    _stop: threading.Event
    _wake: threading.Event
    _writer: StoreWriter | None
    _callback_url: Callable[[], str | None]
    _claim_grace: float
    _claims_checked_at: float
    _reconcile_interval: float
    _reconciled_at: dict[int, float]
    _retry_backoff: float
    _outside: dict[int, str]
    _is_busy: Callable[[int], bool]
    _stop_run: Callable[[int], None]
    _begin: Callable[[int], None]
    _change: Callable[[int, str, str], lc.StateChange]
    _sender_for: Callable[[Campaign], str]
    _outcome: Callable[[int, bool, int | None], None]
    _retry_automatically: Callable[[], None]
    _advance_ab: Callable[[Campaign], None]
    pause: Callable[..., None]

    # --- monitor thread -------------------------------------------------------------------
    def _monitor(self) -> None:
        while not self._stop.is_set():
            try:
                self._tick()
            except Exception:
                log.exception("Engine tick failed")
            self._wake.wait(TICK_S)
            self._wake.clear()

    def _tick(self) -> None:
        if self.storage.held:  # nothing could be recorded: feeders stop, campaigns stay sending
            with self._lock:
                held = list(self._runs)
            for campaign_id in held:
                self._stop_run(campaign_id)
            return
        if self.clock.monotonic() - self._claims_checked_at >= min(2.0, self._claim_grace):
            self._claims_checked_at = self.clock.monotonic()  # at most every 2 s (Twilio may be away)
            rec.resolve_claims(self.gateway, self.bus, self._claim_grace, self._is_busy,
                               writer=self._writer)
        self._retry_automatically()
        for campaign_id in scheduler.due_scheduled(self.clock.now()):
            self._start_scheduled(campaign_id)
        for campaign in scheduler.sending_campaigns():
            if campaign.id not in self._runs:
                self._start_run(campaign)
        with self._lock:
            runs = list(self._runs.values())
        for run in runs:
            self._follow(run)

    def _start_scheduled(self, campaign_id: int) -> None:
        try:
            self._begin(campaign_id)
        except EngineError as exc:
            lc.publish_change(self.bus, self._change(campaign_id, "unschedule", str(exc)))
            self.bus.publish(Alert("schedule_failed", f"Scheduled campaign did not start: {exc}",
                                   level="error", campaign_id=campaign_id))

    def _start_run(self, campaign: Campaign) -> None:
        if self._pool is None or self._writer is None or self._stop.is_set():
            return
        try:
            sender = self._sender_for(campaign)
        except EngineError as exc:
            self.pause(campaign.id, reason=str(exc))
            return
        run = CampaignRun(
            campaign, gateway=self.gateway, bus=self.bus, pool=self._pool, slots=self._slots,
            sender=sender, callback_url=self._callback_url, max_retries=self.settings.max_retries,
            on_outcome=self._outcome, busy=self._busy, busy_lock=self._busy_lock,
            writer=self._writer, base_backoff=self._retry_backoff,
        )
        with self._lock:
            current = Campaign.get_or_none(Campaign.id == campaign.id)
            if campaign.id in self._runs or current is None or current.state != lc.SENDING:
                return
            self._runs[campaign.id] = run
            run.start()
        before = self._outside.pop(campaign.id, None)
        if before is not None:  # resumed by another process
            self.bus.publish(CampaignStateChanged(campaign.id, before, lc.SENDING,
                                                  "changed from another window or command"))

    def _follow(self, run: CampaignRun) -> None:
        campaign = Campaign.get_or_none(Campaign.id == run.campaign_id)
        if campaign is None or campaign.state != lc.SENDING:
            with self._lock:
                stopped_here = run.campaign_id not in self._runs
                self._stop_run(run.campaign_id)
            if campaign is not None and not stopped_here:  # paused/cancelled by another process
                self._outside[campaign.id] = campaign.state
                self.bus.publish(CampaignStateChanged(campaign.id, lc.SENDING, campaign.state,
                                                      "changed from another window or command"))
        elif campaign.send_rate and abs(campaign.send_rate - run.limiter.target) > 1e-9:
            run.limiter.set_rate(campaign.send_rate)
        if campaign is None:
            return
        if campaign.ab_test and campaign.state == lc.SENDING:
            self._advance_ab(campaign)
        left = lc.left_to_send(campaign.id)
        self.bus.publish(CampaignProgress(campaign.id, left.handed_over, left.total,
                                          run.rate_now()))
        if (campaign.state == lc.SENDING and left.pending == 0 and left.claimed == 0
                and self._all_settled(campaign.id)):
            try:
                change = self._change(campaign.id, "complete", "every message is final or given up")
            except EngineError:
                return
            self._stop_run(campaign.id)
            lc.publish_change(self.bus, change)

    def _all_settled(self, campaign_id: int) -> bool:
        return lc.all_settled(campaign_id, self.clock.now(),
                              self.settings.reconcile_after_minutes * 60,
                              fetched=lambda message_id: message_id in self._reconciled_at)

    # --- reconciler thread ----------------------------------------------------------------
    def _reconciler(self) -> None:
        """Runs at start-up, then every interval of the Clock (looked at each tick, so a
        ManualClock moved forward by a test is followed at once)."""
        first = True
        due = self.clock.monotonic()
        while not self._stop.is_set():
            if self.clock.monotonic() >= due:
                try:
                    self._reconcile_once(everything=first)
                    first = False
                except Exception:
                    log.exception("Reconciliation failed")
                due = self.clock.monotonic() + min(
                    self._reconcile_interval,
                    max(0.5, self.settings.reconcile_after_minutes * 60 / 4))
            self._stop.wait(TICK_S)

    def _reconcile_once(self, everything: bool) -> None:
        window_s = self.settings.reconcile_after_minutes * 60
        now = self.clock.monotonic()
        began = time.monotonic()  # stale_in_flight measures age on the wall clock too

        def recent(message_id: int) -> bool:
            fetched = self._reconciled_at.get(message_id)
            return fetched is not None and now - fetched < window_s

        while not self._stop.is_set():
            # A2: the start-up sweep covers what was in flight when it began, not each message
            # claimed since (a resumed campaign's sends: their callbacks come).
            older_than = time.monotonic() - began if everything else window_s
            batch = rec.stale_in_flight(older_than, 200, exclude=recent)
            if not batch:
                return
            for m in batch:
                self._reconciled_at[m.id] = now
            rec.reconcile(self.gateway, self.bus, batch, self._stop.is_set, writer=self._writer)
