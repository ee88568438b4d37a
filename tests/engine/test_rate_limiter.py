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


def test_paces_by_the_clock_it_is_given():
    """With a ManualClock the limiter's waits move that clock, not the wall clock: 50 tokens at
    10 msg/s take five seconds of the given clock, and a 429 pause holds it back 2 s more."""
    from wacampaign_desktop.core.clock import ManualClock

    clock = ManualClock()
    limiter = RateLimiter(10, clock)
    started = clock.monotonic()
    wall = time.monotonic()
    assert all(limiter.acquire(timeout=1.0) for _ in range(51))
    assert 4.9 <= clock.monotonic() - started <= 5.2
    assert time.monotonic() - wall < 1.0  # nothing really slept
    limiter.slow_down(retry_after=2.0)
    assert limiter.rate == 5
    before = clock.monotonic()
    assert not limiter.acquire(timeout=1.0)  # still blocked one second in
    assert limiter.acquire(timeout=5.0)
    assert clock.monotonic() - before >= 2.0
    assert 5 < limiter.rate < 10  # climbing back towards the target, by the same clock
