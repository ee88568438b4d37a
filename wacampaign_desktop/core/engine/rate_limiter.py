"""Token bucket pacing the dispatcher, with slow-down and back-off when Twilio answers 429.

The bucket holds at most a fifth of a second of tokens (at least one), so sending never bursts
far above the set rate. `slow_down()` halves the current rate and blocks everyone for a jittered
pause; the rate then climbs back towards the target by 10 % of it per second without 429s.
Time comes from the Clock passed in (its monotonic clock and its sleep), so tests can pace it
with a ManualClock.
"""

from __future__ import annotations

import logging
import random
import threading

from wacampaign_desktop.core.clock import SYSTEM_CLOCK, Clock

log = logging.getLogger(__name__)

MAX_RATE = 400.0  # Twilio's WhatsApp text ceiling per sender
MIN_RATE = 0.5


class RateLimiter:
    def __init__(self, rate: float, clock: Clock = SYSTEM_CLOCK) -> None:
        self._time = clock
        self._clock = clock.monotonic
        self._lock = threading.Lock()
        self._target = self._clamp(rate)
        self._rate = self._target
        self._tokens = 1.0
        self._last = self._clock()
        self._blocked_until = 0.0
        self._last_slowdown = 0.0

    @staticmethod
    def _clamp(rate: float) -> float:
        return min(max(float(rate), MIN_RATE), MAX_RATE)

    @property
    def rate(self) -> float:
        return self._rate

    @property
    def target(self) -> float:
        return self._target

    def set_rate(self, rate: float) -> None:
        with self._lock:
            self._target = self._rate = self._clamp(rate)

    def _refill(self, now: float) -> None:
        elapsed = max(0.0, now - self._last)
        self._last = now
        if self._rate < self._target and now - self._last_slowdown > 1.0:
            self._rate = min(self._target, self._rate + 0.1 * self._target * elapsed)
        capacity = max(1.0, self._rate * 0.2)  # catches up after a stall of up to 0.2 s
        self._tokens = min(capacity, self._tokens + elapsed * self._rate)

    def acquire(self, timeout: float = 0.25) -> bool:
        """Take one token, waiting up to `timeout` seconds; False if none came in time."""
        deadline = self._clock() + timeout
        while True:
            with self._lock:
                now = self._clock()
                self._refill(now)
                if now >= self._blocked_until and self._tokens >= 1.0:
                    self._tokens -= 1.0
                    return True
                wait = max(self._blocked_until - now, (1.0 - self._tokens) / self._rate)
            remaining = deadline - self._clock()
            if remaining <= 0:
                return False
            # at least 1 ms: a rounding-sized wait would not move a clock that steps by hand
            self._time.sleep(min(max(wait, 0.001), remaining, 0.05))

    def slow_down(self, retry_after: float | None = None) -> float:
        """Twilio said 429: halve the rate (at most once per 0.5 s) and pause; returns the pause."""
        with self._lock:
            now = self._clock()
            pause = retry_after if retry_after and retry_after > 0 else 0.2 + random.uniform(0, 0.3)
            pause = min(pause, 30.0)
            self._blocked_until = max(self._blocked_until, now + pause)
            if now - self._last_slowdown > 0.5:
                self._rate = max(MIN_RATE, self._rate / 2)
                self._last_slowdown = now
                log.info("Twilio asked to slow down: now %.1f msg/s (target %.1f)", self._rate,
                         self._target)
            self._tokens = 0.0
            return pause
