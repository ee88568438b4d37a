"""CampaignEngine: starts, paces, pauses, resumes, cancels and completes campaigns.

One monitor thread ticks every 0.25 s: it follows campaign states in the database (so the CLI
can pause a campaign the GUI is sending), starts scheduled campaigns when due by the Clock (also
after a restart), resolves claims left by a crashed process, checks completion and publishes
progress. A reconciler thread fetches messages whose callbacks did not come (all non-final ones
once at start-up, then those older than `reconcile_after_minutes`). Both threads are in
engine_threads.py; "Retry failed", the automatic retry and the A/B winner in follow_ups.py.
Every public method returns at once and is safe from any thread; the feeders notice within
0.25 s.

The database handle, the Clock and the store writer are passed in (the Runtime gives the
AppContext's). Every message move goes through the status pipeline, which builds the
MessageStatusChanged and CountersChanged events from the counter deltas of each transaction:
the engine never re-reads counters to announce them.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import peewee

from wacampaign_desktop.core import status_rules as rules
from wacampaign_desktop.core.clock import SYSTEM_CLOCK, Clock
from wacampaign_desktop.core.engine import ab_flow, retries
from wacampaign_desktop.core.engine import lifecycle as lc
from wacampaign_desktop.core.engine.dispatcher import CampaignRun
from wacampaign_desktop.core.engine.engine_threads import TICK_S, EngineThreads
from wacampaign_desktop.core.engine.follow_ups import FollowUps
from wacampaign_desktop.core.engine.options import EngineOptions
from wacampaign_desktop.core.engine.recipients import Preparation, prepare_rows
from wacampaign_desktop.core.engine.rendering import summarize
from wacampaign_desktop.core.engine.scheduler import parse_when
from wacampaign_desktop.core.engine.storage_hold import StorageHold
from wacampaign_desktop.core.engine.window import AudienceRules
from wacampaign_desktop.core.engine.window_recheck import recheck_pending
from wacampaign_desktop.core.events import (
    Alert,
    Event,
    EventBus,
    MessageStatusChanged,
)
from wacampaign_desktop.core.settings import Settings
from wacampaign_desktop.core.store import message_updates as mu
from wacampaign_desktop.core.store.models import Campaign
from wacampaign_desktop.core.store.status_pipeline import status_changes
from wacampaign_desktop.core.store.writer import StoreWriter
from wacampaign_desktop.core.twilio_gateway import TwilioGateway, explain_error

log = logging.getLogger(__name__)

EngineError = lc.EngineError
__all__ = ["TICK_S", "CampaignEngine", "EngineError", "parse_when"]


class CampaignEngine(FollowUps, EngineThreads):
    def __init__(
        self, bus: EventBus, gateway: TwilioGateway, settings: Settings,
        status_callback_url: Callable[[], str | None], *, db: peewee.Database,
        clock: Clock = SYSTEM_CLOCK, writer: StoreWriter | None = None,
        options: EngineOptions | None = None, default_sender: str | None = None,
        storage_folder: Path | None = None,
        audience_rules: Callable[[], AudienceRules] | None = None,
    ) -> None:
        """`db`: the AppContext's database; `writer`: the store writer shared with the webhook
        server (started and stopped by its owner; without one the engine runs its own);
        `storage_folder`: where the database lives (free space is looked for there while
        sending holds on a full disk); `audience_rules`: live mode and the 24-hour window, asked
        each time a campaign is prepared (None: neither applies, as in the sandbox)."""
        options = options or EngineOptions()
        self.bus, self.gateway, self.settings = bus, gateway, settings
        self.db, self.clock = db, clock
        self._callback_url = status_callback_url
        self._default_sender = default_sender
        self._audience_rules = audience_rules or AudienceRules
        self._claim_grace = options.claim_grace_s
        self._reconcile_interval = options.reconcile_interval_s
        self._retry_backoff = options.retry_backoff_s
        self._writer = writer
        self._own_writer = writer is None
        self._lock = threading.RLock()
        self._runs: dict[int, CampaignRun] = {}
        self._windows: dict[int, retries.OutcomeWindow] = {}
        self._busy: set[int] = set()
        self._busy_lock = threading.Lock()
        self._slots = threading.BoundedSemaphore(max(2, settings.worker_threads * 2))
        self._pool: ThreadPoolExecutor | None = None
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._threads: list[threading.Thread] = []
        self._reconciled_at: dict[int, float] = {}  # message id -> clock.monotonic() of its fetch
        self._unsubscribe: Callable[[], None] | None = None
        self._claims_checked_at = float("-inf")
        self._outside: dict[int, str] = {}  # campaigns stopped by another process: their state
        self.storage = StorageHold(db, storage_folder, clock, self._wake.set)
        self._unsubscribe_alerts: Callable[[], None] | None = None
        self._auto_retry: set[tuple[int, int]] = set()  # (campaign, message) failed retryably

    # --- life of the engine ---------------------------------------------------------------
    def start(self) -> None:
        self._stop.clear()
        self._pool = ThreadPoolExecutor(self.settings.worker_threads, thread_name_prefix="sender")
        if self._own_writer:
            self._writer = StoreWriter(self.db, self.bus, clock=self.clock, name="engine-writer")
            self._writer.start()
        self._unsubscribe = self.bus.subscribe(self._on_status, MessageStatusChanged)
        self._unsubscribe_alerts = self.bus.subscribe(self.storage.on_alert, Alert)
        for target, name in ((self._monitor, "engine-monitor"), (self._reconciler, "engine-reconcile")):
            thread = threading.Thread(target=target, name=name, daemon=True)
            thread.start()
            self._threads.append(thread)

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        self._wake.set()
        with self._lock:
            runs = list(self._runs.values())
            self._runs.clear()
        for run in runs:
            run.stop()
        for run in runs:
            run.join(timeout)
        for thread in self._threads:
            thread.join(timeout)
        self._threads.clear()
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=False)
            self._pool = None
        if self._own_writer and self._writer is not None:
            self._writer.stop(timeout)
            self._writer = None
        if self._unsubscribe:
            self._unsubscribe()
        if self._unsubscribe_alerts:
            self._unsubscribe_alerts()

    @property
    def feeding(self) -> frozenset[int]:
        """Campaigns this engine is feeding right now."""
        with self._lock:
            return frozenset(self._runs)

    # --- actions (any thread) -------------------------------------------------------------
    def prepare(self, campaign_id: int) -> Preparation:
        return prepare_rows(lc.get_campaign(campaign_id), self._audience_rules())

    def start_campaign(self, campaign_id: int) -> None:
        """Start now, or schedule when the campaign's scheduled_at is in the future. Raises
        EngineError when it cannot start (naming contacts and placeholders that do not render)."""
        campaign = lc.get_campaign(campaign_id)
        self._sender_for(campaign)
        if (campaign.state == lc.DRAFT and campaign.scheduled_at
                and campaign.scheduled_at > self.clock.now()):
            prep = prepare_rows(campaign, self._audience_rules())
            self._check(campaign, prep)
            lc.publish_change(self.bus, self._change(campaign_id, "schedule",
                                                     f"starts at {campaign.scheduled_at} UTC"))
            return
        self._begin(campaign_id)

    def pause(self, campaign_id: int, reason: str = "paused by the user") -> None:
        with self._lock:  # the monitor cannot start a feeder between the two
            change = self._change(campaign_id, "pause", reason)
            self._stop_run(campaign_id)
        lc.publish_change(self.bus, change)

    def resume(self, campaign_id: int) -> None:
        # D: free text prepared before the pause, to contacts whose 24-hour window closed since
        self._publish(recheck_pending(campaign_id, self._audience_rules(), db=self.db,
                                      clock=self.clock))
        change = self._change(campaign_id, "resume", "resumed by the user")
        self._outside.pop(campaign_id, None)
        self._window(campaign_id).clear()
        lc.publish_change(self.bus, change)
        self._wake.set()

    def cancel(self, campaign_id: int) -> None:
        with self._lock, self.db.atomic():
            change = self._change(campaign_id, "cancel", "cancelled by the user")
            events = lc.cancel_pending(campaign_id, db=self.db, clock=self.clock)
            self._stop_run(campaign_id)
        self._publish(events)
        lc.publish_change(self.bus, change)

    # --- internals ------------------------------------------------------------------------
    def _change(self, campaign_id: int, action: str, reason: str) -> lc.StateChange:
        return lc.change_state(campaign_id, action, reason, db=self.db, clock=self.clock)

    def _publish(self, events: Iterable[Event]) -> None:
        """Events of a committed transaction (the pipeline's MessageStatusChanged/CountersChanged)."""
        for event in events:
            self.bus.publish(event)

    def _sender_for(self, campaign: Campaign) -> str:
        sender = campaign.sender or self.settings.sender or self._default_sender
        if not sender:
            raise EngineError("no WhatsApp sender is set: connect Twilio and choose a sender "
                              "(a whatsapp:+… number or a Messaging Service MG…)")
        return sender

    @staticmethod
    def _check(campaign: Campaign, prep: Preparation) -> None:
        if prep.problems:
            raise EngineError(f"campaign {campaign.id} cannot start: {summarize(prep.problems)}")
        if not prep.recipients and not prep.skipped:
            raise EngineError(f"campaign {campaign.id} has no recipients")

    def _begin(self, campaign_id: int) -> None:
        with self.db.atomic():
            campaign = lc.get_campaign(campaign_id)
            if campaign.state not in lc.ALLOWED_FROM["start"]:
                raise EngineError(f"campaign {campaign_id} ({campaign.name}) is {campaign.state}: "
                                  "it cannot be started")
            prep = prepare_rows(campaign, self._audience_rules())
            self._check(campaign, prep)
            ab_flow.hold_rest(campaign, prep)  # test then send the winner: the rest waits
            with status_changes(self.db, self.clock) as changes:
                mu.insert_messages(campaign_id, prep.recipients + prep.skipped, changes=changes)
            change = self._change(campaign_id, "start",
                                  f"{len(prep.recipients)} to send, {len(prep.skipped)} skipped")
        self._publish(changes.events)  # the new counters (CountersChanged)
        lc.publish_change(self.bus, change)
        self._wake.set()

    def _window(self, campaign_id: int) -> retries.OutcomeWindow:
        with self._lock:
            window = self._windows.get(campaign_id)
            if window is None:
                window = retries.OutcomeWindow(self.settings.autopause_window,
                                               self.settings.autopause_failure_ratio)
                self._windows[campaign_id] = window
            return window

    def _stop_run(self, campaign_id: int) -> None:
        with self._lock:
            run = self._runs.pop(campaign_id, None)
        if run:
            run.stop()

    def _is_busy(self, message_id: int) -> bool:
        with self._busy_lock:
            return message_id in self._busy

    def _on_status(self, event: MessageStatusChanged) -> None:
        """Delivery outcomes from callbacks and fetches feed the auto-pause window; retryable
        delivery failures wait for the automatic retry (decided on the monitor thread)."""
        if event.new_status in rules.FAILURES and retries.retryable_code(event.error_code):
            with self._busy_lock:
                self._auto_retry.add((event.campaign_id, event.message_id))
            self._wake.set()
        if event.campaign_id not in self._runs:
            return
        if event.new_status in rules.FAILURES:
            self._outcome(event.campaign_id, True, event.error_code)
        elif event.new_status in ("delivered", "read") and event.old_status not in ("delivered", "read"):
            self._outcome(event.campaign_id, False, None)

    def _outcome(self, campaign_id: int, failed: bool, code: int | None) -> None:
        window = self._window(campaign_id)
        window.add(failed, code)
        tripped, dominant, share = window.tripped()
        if not tripped or campaign_id not in self._runs:
            return
        window.clear()
        title = explain_error(dominant).title if dominant else "no error code"
        reason = (f"{share:.0%} of the last {window.window} messages failed, mostly with error "
                  f"{dominant or '—'} ({title})")
        try:
            self.pause(campaign_id, reason=f"auto-paused: {reason}")
        except EngineError:
            return
        self.bus.publish(Alert("auto_pause", f"Campaign {campaign_id} paused itself: {reason}",
                               level="error", campaign_id=campaign_id,
                               details={"error_code": dominant, "failure_share": round(share, 3)}))
