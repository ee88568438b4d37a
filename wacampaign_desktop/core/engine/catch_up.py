"""Catch-up from Twilio: what the webhooks missed while nothing listened (app closed, tunnel
down), recovered from the account's message history.

On start, on reconnect (the tunnel is up again, or the webhook URL was applied to Twilio) and
every `catch_up_minutes` while a campaign is being sent, `CatchUp` lists the sender's messages
(1,000 per request, newest first):

- inbound to the sender since the newest one seen (a cursor in AppState, minus a safety
  overlap) → replies stored through the webhook's own incoming path (`IncomingWork`, source
  "catch_up"; a sid already stored is skipped, and the path drops duplicates anyway), with
  their media (listed for the messages that have some, as the webhook's MediaUrl0…);
- outbound from the sender since the oldest message whose status may still move (in flight or
  delivered, within two days) → statuses applied by the status pipeline (`apply_reports`), so a
  `read` after `delivered` and failures are recovered, with counters kept equal to a recount.

Each run logs an INFO line with the counts; a run that recovered something (or failed) also
leaves an Activity entry (webhook log kind "catch_up", outcome "caught_up", with the counts).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from wacampaign_desktop.core import status_rules as rules
from wacampaign_desktop.core.clock import Clock
from wacampaign_desktop.core.events import EventBus, TunnelStateChanged, WebhookRoutesApplied
from wacampaign_desktop.core.store import catch_up_state as state
from wacampaign_desktop.core.store.status_pipeline import StatusReport, apply_reports
from wacampaign_desktop.core.store.writer import Batch, Outcome, StoreWriter
from wacampaign_desktop.core.twilio_gateway import GatewayError, TwilioGateway
from wacampaign_desktop.core.twilio_gateway.history import (
    HistoryMessage,
    list_history,
    list_media,
)
from wacampaign_desktop.core.webhooks.delivery import Delivery
from wacampaign_desktop.core.webhooks.incoming import IncomingWork

log = logging.getLogger(__name__)

OVERLAP = timedelta(minutes=2)  # re-read this much before the cursor (clock skew, late writes)
FIRST_LOOKBACK = timedelta(hours=24)  # no cursor yet: the last day's replies
STATUS_LOOKBACK = timedelta(days=2)  # statuses of older messages are left to reconciliation
CHUNK = 500  # status reports per writer item


@dataclass
class CatchUpResult:
    reason: str  # "start" | "reconnect" | "periodic" | "manual"
    replies: int = 0  # incoming messages stored now (they had been missed)
    statuses: int = 0  # status changes applied now
    listed_inbound: int = 0
    listed_outbound: int = 0
    inbound_since: datetime | None = None
    outbound_since: datetime | None = None
    error: str = ""
    details: dict[str, Any] = field(default_factory=dict)


def _number(sender: str) -> str | None:
    """The sender's "+E164", or None for a Messaging Service (MG…)."""
    return None if sender.startswith("MG") else sender.removeprefix("whatsapp:")


def _incoming_params(message: HistoryMessage, account_sid: str,
                     media: Sequence[tuple[str, str]] = ()) -> dict[str, str]:
    """The webhook's form for `message`, media included (MediaUrl{i}/MediaContentType{i})."""
    params = {"MessageSid": message.sid, "SmsSid": message.sid, "SmsMessageSid": message.sid,
              "AccountSid": account_sid, "From": message.from_, "To": message.to,
              "Body": message.body, "NumMedia": str(len(media)), "SmsStatus": "received"}
    for i, (url, content_type) in enumerate(media):
        params[f"MediaUrl{i}"], params[f"MediaContentType{i}"] = url, content_type
    if message.messaging_service_sid:
        params["MessagingServiceSid"] = message.messaging_service_sid
    return params


def _apply_work(reports: list[StatusReport]) -> Callable[[Batch], Outcome]:
    def work(batch: Batch) -> Outcome:
        applied = apply_reports(reports, clock=batch.clock)
        return Outcome(sum(u.changed for u in applied.updates), applied.events)

    return work


class CatchUp:
    """Runs catch-up on its own thread: at start, on `request(reason)`, and periodically while
    `active()` says a campaign is being sent (`interval_s` 0 = never periodically)."""

    def __init__(self, gateway: TwilioGateway, writer: StoreWriter, bus: EventBus, *,
                 sender: str, clock: Clock, interval_s: float,
                 active: Callable[[], bool] = lambda: False, timeout: float = 60.0) -> None:
        self.gateway, self.writer, self.bus, self.clock = gateway, writer, bus, clock
        self.sender = sender
        self.interval_s = interval_s
        self.active = active
        self.timeout = timeout
        self.results: list[CatchUpResult] = []  # newest last (kept short)
        self._reasons: list[str] = []
        self._cond = threading.Condition()
        self._stopping = False
        self._thread: threading.Thread | None = None
        self._unsubscribe: list[Callable[[], None]] = []
        self._first_done = threading.Event()

    # --- life ---------------------------------------------------------------------------
    def start(self) -> CatchUp:
        self._unsubscribe = [self.bus.subscribe(self._on_tunnel, TunnelStateChanged),
                             self.bus.subscribe(self._on_routes, WebhookRoutesApplied)]
        self._stopping = False
        self._reasons = ["start"]
        self._thread = threading.Thread(target=self._loop, name="catch-up", daemon=True)
        self._thread.start()
        return self

    def stop(self, timeout: float = 10.0) -> None:
        for unsubscribe in self._unsubscribe:
            unsubscribe()
        self._unsubscribe = []
        with self._cond:
            self._stopping = True
            self._cond.notify_all()
        self._first_done.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def wait_first(self, timeout: float) -> bool:
        """Wait (at most `timeout` s) for the first run to end; True if it did."""
        return self._first_done.wait(timeout)

    def request(self, reason: str = "manual") -> None:
        """Run a catch-up soon (on the catch-up thread)."""
        with self._cond:
            if reason not in self._reasons:
                self._reasons.append(reason)
            self._cond.notify_all()

    def _on_tunnel(self, event: TunnelStateChanged) -> None:
        if event.state == "up":
            self.request("reconnect")

    def _on_routes(self, event: WebhookRoutesApplied) -> None:
        if event.ok:
            self.request("reconnect")

    def _loop(self) -> None:
        last_periodic = self.clock.monotonic()
        while True:
            with self._cond:
                while not self._stopping and not self._reasons:
                    due = self.interval_s > 0 and (
                        self.clock.monotonic() - last_periodic >= self.interval_s)
                    if due and self._safe_active():
                        self._reasons.append("periodic")
                        break
                    self._cond.wait(min(5.0, self.interval_s) if self.interval_s > 0 else None)
                if self._stopping:
                    return
                reason = self._reasons.pop(0)
            if reason == "periodic":
                last_periodic = self.clock.monotonic()
            try:
                self.run_once(reason)
            except Exception:  # never kill the thread; the next trigger tries again
                log.exception("Catch-up from Twilio failed")
            finally:
                self._first_done.set()

    def _safe_active(self) -> bool:
        try:
            return bool(self.active())
        except Exception:
            return False

    # --- one run --------------------------------------------------------------------------
    def run_once(self, reason: str = "manual") -> CatchUpResult:
        """List and apply what was missed; returns the counts (also logged and recorded)."""
        result = CatchUpResult(reason)
        now = self.clock.now()
        started = time.monotonic()
        try:
            self._replies(result, now)
            result.details["replies_s"] = round(time.monotonic() - started, 2)
            self._statuses(result, now)
        except GatewayError as exc:
            result.error = exc.result.error_message or str(exc)
            log.warning("Catch-up from Twilio (%s) stopped: %s", reason, result.error)
        inbound_seen = result.details.pop("inbound_seen", None)
        result.details.update({
            "reason": reason, "replies": result.replies, "statuses": result.statuses,
            "listed_inbound": result.listed_inbound, "listed_outbound": result.listed_outbound,
            "since": (result.inbound_since or now).isoformat(timespec="seconds"),
            "seconds": round(time.monotonic() - started, 2),
            **({"error": result.error} if result.error else {}),
        })
        recovered = bool(result.replies or result.statuses or result.error)
        self.writer.submit(state.RecordRun(self.sender, inbound_seen, result.details,
                                           activity=recovered)).result(self.timeout)
        log.info("Caught up from Twilio (%s): %d missed replies and %d status changes recovered "
                 "(%d incoming and %d sent messages listed) in %.1f s%s", reason, result.replies,
                 result.statuses, result.listed_inbound, result.listed_outbound,
                 time.monotonic() - started, f"; stopped: {result.error}" if result.error else "")
        log.debug("Catch-up details: %s", result.details)
        self.results = [*self.results[-9:], result]
        return result

    def _history(self, since: datetime, *, inbound: bool) -> list[HistoryMessage]:
        number = _number(self.sender)
        if number is None:  # a Messaging Service: no number to filter on, filter by service
            found = [m for m in list_history(self.gateway, sent_after=since)
                     if m.messaging_service_sid == self.sender]
        elif inbound:
            found = list(list_history(self.gateway, sent_after=since, to=number))
        else:
            found = list(list_history(self.gateway, sent_after=since, from_=number))
        return [m for m in found if m.inbound == inbound]

    def _replies(self, result: CatchUpResult, now: datetime) -> None:
        cursor = state.read_cursor(self.sender)
        since = cursor - OVERLAP if cursor is not None else now - FIRST_LOOKBACK
        result.inbound_since = since
        t0 = time.monotonic()
        listed = self._history(since, inbound=True)
        result.details["list_in_s"] = round(time.monotonic() - t0, 2)
        result.listed_inbound = len(listed)
        stored = state.stored_inbound(m.sid for m in listed)
        missed = [m for m in reversed(listed) if m.sid not in stored]  # oldest first
        account = self.gateway.credentials.account_sid
        # Media are listed only for messages that have some (one request each); a failure
        # stops the run before anything is stored, so the next run tries again.
        media = {m.sid: list_media(self.gateway, m.sid) for m in missed if m.num_media > 0}
        result.details["media_listed"] = len(media)
        futures = [self.writer.submit(IncomingWork(
            Delivery("incoming", _incoming_params(m, account, media.get(m.sid, [])),
                     remote_addr="catch_up"),
            source="catch_up", received_at=m.date_sent)) for m in missed]
        for future in futures:
            outcome = future.result(self.timeout)
            if outcome.get("outcome") in ("received", "opted_out", "opted_in"):
                result.replies += 1
        dates = [m.date_sent for m in listed if m.date_sent is not None]
        if dates:
            result.details["inbound_seen"] = max(dates)

    def _statuses(self, result: CatchUpResult, now: datetime) -> None:
        oldest = state.oldest_unsettled(now - STATUS_LOOKBACK)
        if oldest is None:
            return  # every message is settled: nothing Twilio could still change
        since = oldest - OVERLAP
        result.outbound_since = since
        t0 = time.monotonic()
        listed = self._history(since, inbound=False)
        result.details["list_out_s"] = round(time.monotonic() - t0, 2)
        result.listed_outbound = len(listed)
        reports = [StatusReport(m.sid, m.status, m.error_code, m.error_message,
                                at=m.date_updated)
                   for m in reversed(listed) if rules.normalize(m.status) in rules.TWILIO_OUTBOUND]
        futures = [self.writer.submit(_apply_work(reports[i:i + CHUNK]))
                   for i in range(0, len(reports), CHUNK)]
        result.statuses = sum(future.result(self.timeout) for future in futures)
