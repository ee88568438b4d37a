"""Retry decisions and the auto-pause window, as pure rules."""

from __future__ import annotations

import pytest

from wacampaign_desktop.core.engine.retries import OutcomeWindow, decide, retryable_code


def _decide(**kw):
    values = {"retryable": False, "http_status": 400, "error_code": None, "retry_after": None,
              "retry_count": 0, "max_retries": 3, "base_backoff": 2.0}
    values.update(kw)
    return decide(**values)


def test_429_is_requeued_without_using_a_retry():
    d = _decide(http_status=429, error_code=20429, retryable=True, retry_count=3)
    assert (d.action, d.counts_as_retry, d.rate_limited) == ("requeue", False, True)
    assert _decide(http_status=429, retry_after=7.0).delay == 7.0


@pytest.mark.parametrize("attempt, low, high", [(0, 1.5, 2.5), (1, 3.0, 5.0), (2, 6.0, 10.0)])
def test_retryable_failures_back_off_exponentially(attempt, low, high):
    d = _decide(retryable=True, http_status=500, error_code=20500, retry_count=attempt)
    assert d.action == "requeue" and d.counts_as_retry and low <= d.delay <= high


def test_retries_stop_at_the_limit_and_permanent_errors_fail_at_once():
    assert _decide(retryable=True, http_status=500, retry_count=3).action == "fail"
    assert _decide(error_code=21211).action == "fail"
    assert _decide(error_code=21610).action == "fail"
    assert retryable_code(30008) and retryable_code(63018) and not retryable_code(21211)
    assert retryable_code(63017)  # over WhatsApp's rate: the gateway retries it, so may "Retry failed"
    assert not retryable_code(63016)


def test_window_trips_above_the_share_naming_the_dominant_code():
    window = OutcomeWindow(10, 0.2)
    for _ in range(8):
        window.add(False)
    window.add(True, 30003)
    assert window.tripped()[0] is False  # not full yet
    window.add(True, 63016)
    assert window.tripped()[0] is False  # 2/10 is not more than 20 %
    window.add(True, 63016)
    tripped, code, share = window.tripped()
    assert tripped and code == 63016 and share == pytest.approx(0.3)
