"""Sending one campaign: a feeder thread takes tokens from the rate limiter, claims the next due
message (status `sending` + claimed_at, committed) and hands it to the shared thread pool, which
calls Twilio and records the sid at once (or requeues / fails the message by the retry rules).

Pausing or cancelling only stops the feeder (checked at least every 0.25 s); calls already
running finish and are recorded.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import timedelta

from wacampaign_desktop.core import status_rules as rules
from wacampaign_desktop.core.clock import Clock
from wacampaign_desktop.core.engine import retries
from wacampaign_desktop.core.engine.rate_limiter import RateLimiter
from wacampaign_desktop.core.engine.recipients import content_sid_for
from wacampaign_desktop.core.events import ContactOptChanged, Event, EventBus
from wacampaign_desktop.core.store import claims
from wacampaign_desktop.core.store.contact_updates import set_opt_state
from wacampaign_desktop.core.store.models import Campaign, CampaignMessage, Contact
from wacampaign_desktop.core.store.status_pipeline import StatusChanges, status_changes
from wacampaign_desktop.core.store.writer import Batch, Outcome, StoreWriter
from wacampaign_desktop.core.twilio_gateway import SendRequest, SendResult, TwilioGateway

log = logging.getLogger(__name__)


def claim_batch(writer: StoreWriter, campaign_id: int, limit: int) -> list[CampaignMessage]:
    """Claim up to `limit` of the oldest due pending messages, committed before any API call.

    The one write the engine makes on its own thread (the feeder's pace depends on it; a round
    trip through the writer's queue costs ~30 % of the set rate): a short transaction through
    the same status pipeline, on the writer's database and clock; events published after commit.
    Safe across processes: on PostgreSQL rows another process is claiming are skipped
    (FOR UPDATE SKIP LOCKED, store/claims.py); SQLite's IMMEDIATE transaction is alone."""
    now = writer.clock.now()
    with status_changes(writer.db, writer.clock) as changes:
        messages = claims.due_messages(writer.db, campaign_id, limit, now)
        for message in messages:
            changes.transition(message, "sending", at=now, claimed_at=now, next_attempt_at=None,
                               attempts=message.attempts + 1)  # G: counted in the claim's UPDATE
    writer.publish(changes.events)
    return messages


def release(writer: StoreWriter, campaign_id: int, messages: list[CampaignMessage]) -> None:
    """Claimed messages never handed to Twilio: back in the queue, or canceled with the campaign."""

    def put_back(batch: Batch) -> Outcome:
        with status_changes(clock=batch.clock) as changes:
            campaign = Campaign.get_or_none(Campaign.id == campaign_id)
            ids = [m.id for m in messages]  # read again: a retried batch starts from the database
            for m in CampaignMessage.select().where(CampaignMessage.id.in_(ids)):
                if campaign is not None and campaign.state == "cancelled":
                    changes.transition(m, rules.CANCELED, claimed_at=None,
                                       error_message="campaign cancelled")
                else:  # never handed to Twilio: not an attempt (G)
                    changes.transition(m, rules.PENDING, claimed_at=None,
                                       attempts=max(0, m.attempts - 1))
        return Outcome(None, changes.events)

    writer.call(put_back)


class CampaignRun:
    """The feeder of one campaign in state `sending`."""

    def __init__(
        self, campaign: Campaign, *, gateway: TwilioGateway, bus: EventBus,
        pool: ThreadPoolExecutor, slots: threading.BoundedSemaphore, sender: str,
        callback_url: Callable[[], str | None], max_retries: int,
        on_outcome: Callable[[int, bool, int | None], None], busy: set[int],
        busy_lock: threading.Lock, writer: StoreWriter,
        base_backoff: float = retries.BASE_BACKOFF_S, clock: Clock | None = None,
    ) -> None:
        """`writer`: the store writer every result goes through; `clock`: for the rate limiter
        (default: the writer's)."""
        self._writer = writer
        self.campaign_id = campaign.id
        self.limiter = RateLimiter(campaign.send_rate or 10.0, clock or writer.clock)
        self._campaign = campaign
        self._gateway, self._bus, self._pool, self._slots = gateway, bus, pool, slots
        self._sender, self._callback_url, self._max_retries = sender, callback_url, max_retries
        self._on_outcome, self._busy, self._busy_lock = on_outcome, busy, busy_lock
        self._base_backoff = base_backoff
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._feed, name=f"campaign-{campaign.id}-feeder",
                                        daemon=True)
        self.sent_times: deque[float] = deque(maxlen=4096)
        self.idle = False

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()

    def join(self, timeout: float) -> None:
        if self._thread.is_alive() and threading.current_thread() is not self._thread:
            self._thread.join(timeout)

    @property
    def stopped(self) -> bool:
        return self._stop.is_set()

    def rate_now(self, window: float = 2.0) -> float:
        now = time.monotonic()
        recent = [t for t in list(self.sent_times) if now - t <= window]
        return len(recent) / window

    # --- feeder thread --------------------------------------------------------------------
    def _beat(self, label: str, last: float) -> float:
        """Refresh this process's ownership of the campaign every OWNER_BEAT_S; when it was done."""
        if time.monotonic() - last < claims.OWNER_BEAT_S:
            return last
        try:
            claims.beat(self.campaign_id, label, self._writer.clock.now())
        except Exception:  # the label is information only: sending goes on
            log.warning("Could not mark campaign %d as sent by this process", self.campaign_id)
        return time.monotonic()

    def _feed(self) -> None:
        log.info("Sending campaign %d at %.1f msg/s", self.campaign_id, self.limiter.target)
        label = claims.process_label()
        beaten = self._beat(label, float("-inf"))
        try:
            self._feed_loop(label, beaten)
        finally:
            try:
                claims.let_go(self.campaign_id, label)
            except Exception:
                log.warning("Could not clear the sender of campaign %d", self.campaign_id)
            if not self._writer.db.is_closed():
                self._writer.db.close()  # this thread's connection (PostgreSQL: one per thread)

    def _feed_loop(self, label: str, beaten: float) -> None:
        claimed: deque[CampaignMessage] = deque()  # claimed ahead: at most ~50 ms of sending
        while not self._stop.is_set():
            beaten = self._beat(label, beaten)
            if not self._slots.acquire(timeout=0.25):
                continue
            handed = False
            try:
                if not self.limiter.acquire(timeout=0.25) or self._stop.is_set():
                    continue
                if not claimed:
                    batch = claim_batch(self._writer, self.campaign_id,
                                        max(1, min(32, int(self.limiter.rate / 20))))
                    with self._busy_lock:  # ours from the claim on: claim recovery leaves them be
                        self._busy.update(m.id for m in batch)
                    claimed.extend(batch)
                if not claimed:
                    self.idle = True
                    self._stop.wait(0.1)
                    continue
                self.idle = False
                message = claimed.popleft()
                self._pool.submit(self._send, message)
                handed = True
            except Exception:
                log.exception("Feeder of campaign %d failed; retrying", self.campaign_id)
                self._stop.wait(1.0)
            finally:
                if not handed:
                    self._slots.release()
        if claimed:
            try:
                release(self._writer, self.campaign_id, list(claimed))
            except Exception:
                log.exception("Could not release %d claimed message(s); they will be checked "
                              "with Twilio and requeued", len(claimed))
            with self._busy_lock:
                self._busy.difference_update(m.id for m in claimed)
        log.info("Feeder of campaign %d stopped", self.campaign_id)

    # --- pool threads ---------------------------------------------------------------------
    def _request(self, message: CampaignMessage) -> SendRequest:
        c = self._campaign
        content_sid = content_sid_for(c, message)  # D: a fallback template outside the window
        return SendRequest(
            to=message.phone, sender=self._sender,
            body=None if content_sid else message.message,
            media_urls=(c.media_url,) if c.media_url and content_sid == (c.content_sid or None) else (),
            content_sid=content_sid,
            content_variables=message.content_variables if content_sid else None,
            status_callback=self._callback_url(),
        )

    def _send(self, message: CampaignMessage) -> None:
        handed = False
        try:
            result = self._gateway.send(self._request(message))
            self.sent_times.append(time.monotonic())
            requeued: list[int | None] = []  # failed attempts that were requeued (after commit)

            def record(batch: Batch) -> Outcome:
                """On the writer thread, inside its transaction (run again if the batch is retried,
                so it starts from the stored row)."""
                extra: list[Event] = []
                requeued.clear()
                current = CampaignMessage.get_by_id(message.id)
                with status_changes(clock=batch.clock) as changes:
                    if result.success and result.sid:
                        changes.record_sid(current, result.sid, result.status or "queued")
                    else:
                        extra = self._failed(changes, current, result, requeued)
                return Outcome(None, changes.events + extra)

            def after(future: Future) -> None:  # after commit (or after the batch failed)
                self._done(message)
                if future.exception() is not None:
                    log.error("Recording the send of message %d failed (%s); it stays claimed and "
                              "is checked with Twilio before any resend", message.id,
                              future.exception())
                    return

            # Only final failures (recorded updates, published as events) reach auto-pause: an
            # API error a quick retry recovers is no delivery failure.
            self._writer.submit(record).add_done_callback(after)
            handed = True
        except Exception:
            log.exception("Sending message %d failed unexpectedly; it stays claimed and will be "
                          "checked with Twilio before any resend", message.id)
        finally:
            if not handed:
                self._done(message)

    def _done(self, message: CampaignMessage) -> None:
        with self._busy_lock:
            self._busy.discard(message.id)
        self._slots.release()

    def _failed(self, changes: StatusChanges, message: CampaignMessage, result: SendResult,
                requeued: list[int | None]) -> list[Event]:
        """Requeue, cancel or fail a message whose send failed (by the retry rules)."""
        decision = retries.decide(
            retryable=result.retryable, http_status=result.http_status,
            error_code=result.error_code, retry_after=result.retry_after,
            retry_count=message.retry_count, max_retries=self._max_retries,
            base_backoff=self._base_backoff,
        )
        error_message = result.error_message or (result.hint or "send failed")
        if decision.rate_limited:
            self.limiter.slow_down(result.retry_after)
        cancelled = Campaign.get_by_id(self.campaign_id).state == "cancelled"
        if decision.action == "requeue" and cancelled:
            changes.transition(message, rules.CANCELED, error_code=result.error_code,
                               error_message="campaign cancelled", claimed_at=None,
                               attempts=max(0, message.attempts - 1))
        elif decision.action == "requeue":
            changes.transition(
                message, rules.PENDING, error_code=result.error_code, error_message=error_message,
                retry_count=message.retry_count + (1 if decision.counts_as_retry else 0),
                next_attempt_at=changes.clock.now() + timedelta(seconds=decision.delay),
                claimed_at=None, attempts=max(0, message.attempts - 1),  # G: same attempt
            )
        else:
            changes.transition(message, "failed", error_code=result.error_code,
                               error_message=error_message)
        if decision.action == "requeue" and not decision.rate_limited and not cancelled:
            requeued.append(result.error_code)
        if result.opt_out or result.error_code == retries.OPT_OUT_CODE:
            return self._mark_opted_out(message, changes.clock.now())
        return []

    @staticmethod
    def _mark_opted_out(message: CampaignMessage, now) -> list[Event]:
        contact = Contact.get_or_none(Contact.phone == message.phone)
        if contact is None or not set_opt_state(contact.id, True, now):
            return []
        log.info("Contact %d opted out (Twilio error 21610)", contact.id)
        return [ContactOptChanged(contact.id, contact.phone, True)]
