"""What to do after a failed send, and when a campaign should pause itself.

- HTTP 429 / 20429 (never processed by Twilio): requeue after a jittered back-off, without
  using up a retry, and slow the rate limiter down.
- Retryable failures (network, 5xx, 63018, 30008…, as the gateway classifies them): requeue
  after 2, 4, 8… seconds (jittered) up to `max_retries` times; then the message is failed.
- Permanent failures: failed at once. 21610 (the contact replied STOP): the contact is marked
  opted out too.
The error code and message of the last attempt are always kept on the message.

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
# Codes the "Retry failed" action may requeue (besides any failure the gateway marked retryable).
RETRYABLE_CODES = frozenset({20429, 20500, 20503, 30008, 63017, 63018, 30001, 30002, 30010})
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
