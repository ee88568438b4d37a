"""What to do after a failed send, and when a campaign should pause itself.

- HTTP 429 / 20429 (never processed by Twilio): requeue after a jittered back-off, without
  using up a retry, and slow the rate limiter down.
- Retryable failures (network, 5xx, 63018, 30008…, as the gateway classifies them): requeue
  after 2, 4, 8… seconds (jittered) up to `max_retries` times; then the message is failed.
- Permanent failures: failed at once. 21610 (the contact replied STOP): the contact is marked
  opted out too.
The error code and message of the last attempt are always kept on the message.

Attempts (`CampaignMessage.attempts`, never reset): one per go at sending a message that Twilio
took (it got a sid) or refused for good — counted when the message is claimed (in the claim's
own UPDATE), given back when the send turns out to be a quick retry or is never handed over.
Quick automatic retries of errors Twilio never processed (429, 5xx, network) are part of the
same attempt, within `max_retries`. "Retry
failed" and the automatic retry requeue only retryable errors (`RETRYABLE_CODES`: Twilio's own
advice — 20429/429, 5xx, network, 30001, 30008, 63017, 63018), and only while the message has
had fewer than `max_attempts` (3) attempts; `retry_verdict` says why one is left.

Auto-pause: when more than `ratio` of the last `window` outcomes (final results of messages:
delivered/read versus failed/undelivered/rejected) failed, the campaign pauses itself.
"""

from __future__ import annotations

import random
import threading
from collections import Counter, deque
from dataclasses import dataclass

RATE_LIMITED_CODES = frozenset({20429})
OPT_OUT_CODE = 21610
# The one table of codes "Retry failed" and the automatic retry may requeue (a failure without
# a code is a network error: retryable too). 30003 (handset off) and 63049 (Meta's marketing
# limit) are not: resending soon fails again, the advice says to include them later.
RETRYABLE_CODES = frozenset({20429, 20500, 20503, 30001, 30008, 63017, 63018})
MAX_ATTEMPTS = 3
# Why a failed message was left out of a retry (RetryReport.left keys, besides error codes)
LIMIT, OPTED_OUT = "limit", "opted_out"
BASE_BACKOFF_S = 2.0
MAX_BACKOFF_S = 300.0


@dataclass(frozen=True)
class Decision:
    action: str  # "requeue" | "fail"
    delay: float = 0.0
    counts_as_retry: bool = False
    rate_limited: bool = False


def is_rate_limited(http_status: int | None, error_code: int | None) -> bool:
    return http_status == 429 or error_code in RATE_LIMITED_CODES


def backoff(attempt: int, base: float = BASE_BACKOFF_S) -> float:
    """Exponential back-off with ±25 % jitter for retry number `attempt` (1, 2, 3…)."""
    delay = min(MAX_BACKOFF_S, base * (2 ** max(0, attempt - 1)))
    return delay * random.uniform(0.75, 1.25)


def decide(
    *, retryable: bool, http_status: int | None, error_code: int | None, retry_after: float | None,
    retry_count: int, max_retries: int, base_backoff: float = BASE_BACKOFF_S,
) -> Decision:
    if is_rate_limited(http_status, error_code):
        delay = retry_after if retry_after and retry_after > 0 else random.uniform(0.2, 1.0)
        return Decision("requeue", delay, counts_as_retry=False, rate_limited=True)
    if retryable and retry_count < max_retries:
        return Decision("requeue", backoff(retry_count + 1, base_backoff), counts_as_retry=True)
    return Decision("fail")


def retryable_code(code: int | None) -> bool:
    """May "Retry failed" requeue a message that failed with `code`?"""
    return code is None or code in RETRYABLE_CODES or (code is not None and 500 <= code < 600)


def retry_verdict(error_code: int | None, attempts: int, max_attempts: int,
                  opted_out: bool = False) -> str | int | None:
    """None when a failed message may be requeued; else why not: OPTED_OUT, LIMIT, or its
    (not retryable) error code."""
    if opted_out:
        return OPTED_OUT
    if not retryable_code(error_code):
        return error_code if error_code is not None else 0
    if attempts >= max_attempts:
        return LIMIT
    return None


class RetryReport(int):
    """What "Retry failed" did: an int (how many were requeued, as before) with `left`, the
    messages left and why ({LIMIT: 3, OPTED_OUT: 1, 63003: 12}), and `max_attempts`."""

    left: dict[str | int, int]
    max_attempts: int

    def __new__(cls, requeued: int, left: dict[str | int, int] | None = None,
                max_attempts: int = MAX_ATTEMPTS) -> RetryReport:
        report = super().__new__(cls, requeued)
        report.left = dict(left or {})
        report.max_attempts = max_attempts
        return report

    @property
    def requeued(self) -> int:
        return int(self)

    def sentence(self, language: str = "en") -> str:
        """"5 requeued; 12 not retryable: Not on WhatsApp; 3 reached the 3-attempt limit"."""
        from wacampaign_desktop.core.twilio_gateway.errors import explain_error

        fr = language == "fr"
        parts = [f"{self.requeued} renvoyé(s)" if fr else f"{self.requeued} requeued"]
        for reason, count in sorted(self.left.items(), key=lambda item: -item[1]):
            if reason == LIMIT:
                parts.append(f"{count} ont atteint la limite de {self.max_attempts} tentatives"
                             if fr else f"{count} reached the {self.max_attempts}-attempt limit")
            elif reason == OPTED_OUT:
                parts.append(f"{count} désinscrit(s)" if fr else f"{count} opted out")
            else:
                title = explain_error(reason or None, language).title
                parts.append(f"{count} non renvoyable(s)\u202f: {title}" if fr
                             else f"{count} not retryable: {title}")
        return "\u202f; ".join(parts) if fr else "; ".join(parts)


class OutcomeWindow:
    """The last N outcomes of one campaign; says when the failure share is above the threshold."""

    def __init__(self, window: int, ratio: float) -> None:
        self.window = max(1, window)
        self.ratio = ratio
        self._items: deque[int | None] = deque(maxlen=self.window)  # None = success, else code
        self._lock = threading.Lock()

    def add(self, failed: bool, code: int | None = None) -> None:
        with self._lock:
            self._items.append((code or 0) if failed else None)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()

    def tripped(self) -> tuple[bool, int | None, float]:
        """(should pause, dominant error code, failure share) once the window is full."""
        with self._lock:
            items = list(self._items)
        if len(items) < self.window:
            return False, None, 0.0
        failures = [c for c in items if c is not None]
        share = len(failures) / len(items)
        if share <= self.ratio:
            return False, None, share
        code, _ = Counter(failures).most_common(1)[0]
        return True, code or None, share
