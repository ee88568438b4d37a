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
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

from wacampaign_desktop.core import status_rules as rules
from wacampaign_desktop.core.engine import retries
from wacampaign_desktop.core.engine.rate_limiter import RateLimiter
from wacampaign_desktop.core.engine.reconciliation import publish_updates
from wacampaign_desktop.core.engine.recorder import Recorder
from wacampaign_desktop.core.events import ContactOptChanged, EventBus
from wacampaign_desktop.core.store import message_updates as mu
from wacampaign_desktop.core.store.database import database_proxy as db
from wacampaign_desktop.core.store.models import Campaign, CampaignMessage, Contact, utcnow
from wacampaign_desktop.core.twilio_gateway import SendRequest, SendResult, TwilioGateway

log = logging.getLogger(__name__)


def claim_batch(campaign_id: int, limit: int) -> list[CampaignMessage]:
    """Claim up to `limit` of the oldest due pending messages, committed before any API call."""
    now = utcnow()
    with db.atomic():
        messages = list(
            CampaignMessage.select()
            .where((CampaignMessage.campaign == campaign_id)
                   & (CampaignMessage.status == rules.PENDING)
                   & (CampaignMessage.next_attempt_at.is_null()
                      | (CampaignMessage.next_attempt_at <= now)))
            .order_by(CampaignMessage.id).limit(limit)
        )
        for message in messages:
            mu.transition(message, "sending", at=now, claimed_at=now, next_attempt_at=None)
    return messages


def release(campaign_id: int, messages: list[CampaignMessage]) -> list[mu.StatusUpdate]:
    """Claimed messages never handed to Twilio: back in the queue, or canceled with the campaign."""
    with db.atomic():
        campaign = Campaign.get_or_none(Campaign.id == campaign_id)
        if campaign is not None and campaign.state == "cancelled":
            return [mu.transition(m, rules.CANCELED, claimed_at=None,
                                  error_message="campaign cancelled") for m in messages]
        return [mu.transition(m, rules.PENDING, claimed_at=None) for m in messages]


class CampaignRun:
    """The feeder of one campaign in state `sending`."""

    def __init__(
        self, campaign: Campaign, *, gateway: TwilioGateway, bus: EventBus,
        pool: ThreadPoolExecutor, slots: threading.BoundedSemaphore, sender: str,
        callback_url: Callable[[], str | None], max_retries: int,
        on_outcome: Callable[[int, bool, int | None], None], busy: set[int],
        busy_lock: threading.Lock, recorder: Recorder,
        base_backoff: float = retries.BASE_BACKOFF_S,
    ) -> None:
        self.campaign_id = campaign.id
        self.limiter = RateLimiter(campaign.send_rate or 10.0)
        self._campaign = campaign
        self._gateway, self._bus, self._pool, self._slots = gateway, bus, pool, slots
        self._sender, self._callback_url, self._max_retries = sender, callback_url, max_retries
        self._on_outcome, self._busy, self._busy_lock = on_outcome, busy, busy_lock
        self._base_backoff = base_backoff
        self._recorder = recorder
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
    def _feed(self) -> None:
        log.info("Sending campaign %d at %.1f msg/s", self.campaign_id, self.limiter.target)
        claimed: deque[CampaignMessage] = deque()  # claimed ahead: at most ~50 ms of sending
        while not self._stop.is_set():
            if not self._slots.acquire(timeout=0.25):
                continue
            handed = False
            try:
                if not self.limiter.acquire(timeout=0.25) or self._stop.is_set():
                    continue
                if not claimed:
                    batch = claim_batch(self.campaign_id, max(1, min(32, int(self.limiter.rate / 20))))
                    with self._busy_lock:  # ours from the claim on: claim recovery leaves them be
                        self._busy.update(m.id for m in batch)
                    publish_updates(self._bus, [mu.StatusUpdate(
                        "applied", None, m.id, self.campaign_id, rules.PENDING, "sending")
                        for m in batch])
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
                publish_updates(self._bus, release(self.campaign_id, list(claimed)))
            except Exception:
                log.exception("Could not release %d claimed message(s); they will be checked "
                              "with Twilio and requeued", len(claimed))
            with self._busy_lock:
                self._busy.difference_update(m.id for m in claimed)
        log.info("Feeder of campaign %d stopped", self.campaign_id)

    # --- pool threads ---------------------------------------------------------------------
    def _request(self, message: CampaignMessage) -> SendRequest:
        c = self._campaign
        return SendRequest(
            to=message.phone, sender=self._sender,
            body=None if c.content_sid else message.message,
            media_urls=(c.media_url,) if c.media_url else (),
            content_sid=c.content_sid or None,
            content_variables=message.content_variables if c.content_sid else None,
            status_callback=self._callback_url(),
        )

    def _send(self, message: CampaignMessage) -> None:
        handed = False
        try:
            result = self._gateway.send(self._request(message))
            self.sent_times.append(time.monotonic())
            outcomes: list[int | None] = []  # failed attempts that were requeued (after commit)
            if result.success and result.sid:
                sid, status = result.sid, result.status or "queued"
                work = lambda: mu.record_sid(message, sid, status)  # noqa: E731
            else:
                work = lambda: self._failed(message, result, outcomes)  # noqa: E731

            def after() -> None:
                self._done(message)
                for code in outcomes:
                    self._on_outcome(self.campaign_id, True, code)

            # Final failures among the recorded updates reach auto-pause as events.
            self._recorder.submit(work, after=after)
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

    def _failed(self, message: CampaignMessage, result: SendResult,
                outcomes: list[int | None]) -> list:
        """Runs on the recorder thread, inside its transaction."""
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
            update = mu.transition(message, rules.CANCELED, error_code=result.error_code,
                                   error_message="campaign cancelled", claimed_at=None)
        elif decision.action == "requeue":
            update = mu.transition(
                message, rules.PENDING, error_code=result.error_code, error_message=error_message,
                retry_count=message.retry_count + (1 if decision.counts_as_retry else 0),
                next_attempt_at=utcnow() + timedelta(seconds=decision.delay), claimed_at=None,
            )
        else:
            update = mu.transition(message, "failed", error_code=result.error_code,
                                   error_message=error_message)
        produced: list = [update]
        if decision.action == "requeue" and not decision.rate_limited and not cancelled:
            outcomes.append(result.error_code)
        if result.opt_out or result.error_code == retries.OPT_OUT_CODE:
            produced += self._mark_opted_out(message)
        return produced

    @staticmethod
    def _mark_opted_out(message: CampaignMessage) -> list:
        contact = Contact.get_or_none(Contact.phone == message.phone)
        if contact is None or contact.opted_out:
            return []
        Contact.update(opted_out_at=utcnow(), updated_at=utcnow()).where(
            Contact.id == contact.id).execute()
        log.info("Contact %d opted out (Twilio error 21610)", contact.id)
        return [ContactOptChanged(contact.id, contact.phone, True)]
