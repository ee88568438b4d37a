"""One table of retryable codes, Twilio's advice: retry 429, 5xx, network, 30008, 63018; never
30003, 21211, 21610, 63003, 63016, 63024; and why a message is left out of a retry."""

from __future__ import annotations

import pytest

from wacampaign_desktop.core.engine.retries import (
    LIMIT,
    OPTED_OUT,
    RetryReport,
    retry_verdict,
    retryable_code,
)
from wacampaign_desktop.core.twilio_gateway import explain_error


@pytest.mark.parametrize("code", [None, 20429, 20500, 20503, 30001, 30008, 63017, 63018])
def test_retryable(code):
    assert retryable_code(code) and retry_verdict(code, 1, 3) is None


@pytest.mark.parametrize("code", [21211, 21610, 21614, 30003, 30004, 30007, 63003, 63016,
                                  63024, 63049])
def test_never_retried_and_the_advice_does_not_promise_it(code):
    assert not retryable_code(code) and retry_verdict(code, 1, 3) == code
    assert "Retry failed" not in explain_error(code).hint or "leaves it out" in \
        explain_error(code).hint


def test_the_cap_and_opt_out_come_first():
    assert retry_verdict(30008, 3, 3) == LIMIT and retry_verdict(30008, 2, 3) is None
    assert retry_verdict(30008, 1, 3, opted_out=True) == OPTED_OUT


def test_report_is_the_count_and_says_why():
    report = RetryReport(2, {63003: 12, LIMIT: 3}, 3)
    assert report == 2 and report.requeued == 2
    assert report.sentence() == ("2 requeued; 12 not retryable: Not on WhatsApp; "
                                 "3 reached the 3-attempt limit")
    assert "12 non renvoyable(s)\u202f: Pas sur WhatsApp" in report.sentence("fr")
