"""The token bucket: paces at the set rate, caps at 400 msg/s, halves and pauses on 429."""

from __future__ import annotations

import time

from wacampaign_desktop.core.engine.rate_limiter import MAX_RATE, RateLimiter


def _count(limiter: RateLimiter, seconds: float) -> int:
    taken = 0
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if limiter.acquire(timeout=max(0.0, end - time.monotonic())):
            taken += 1
    return taken


def test_paces_at_the_set_rate_and_caps_at_twilios_ceiling():
    limiter = RateLimiter(100)
    taken = _count(limiter, 1.0)
    assert 85 <= taken <= 125
    assert RateLimiter(5000).target == MAX_RATE


def test_slow_down_halves_the_rate_and_blocks_for_the_pause():
    limiter = RateLimiter(100)
    limiter.acquire()
    pause = limiter.slow_down(retry_after=0.3)
    assert pause == 0.3 and limiter.rate == 50
    started = time.monotonic()
    assert limiter.acquire(timeout=2.0)
    assert time.monotonic() - started >= 0.25
    limiter.slow_down()  # a second 429 within 0.5 s does not halve again
    assert limiter.rate == 50
