"""Plain-language explanations (English and French) and classification of raised errors."""

from __future__ import annotations

import pytest
import requests
from twilio.base.exceptions import TwilioRestException, TwilioServiceException

from wacampaign_desktop.core.twilio_gateway import classify_exception, explain_error, known_codes

REQUIRED = [20003, 20429, 21211, 21408, 21610, 21614, 21654, 30003, 30004, 30005, 30006,
            30007, 30008, 63003, 63016, 63017, 63018, 63024, 63032]


@pytest.mark.parametrize("code", REQUIRED)
def test_every_listed_code_is_explained_in_english_and_french(code):
    en, fr = explain_error(code), explain_error(code, "fr")
    assert code in known_codes()
    for e in (en, fr):
        assert e.code == code and e.title and e.explanation and e.hint
    assert en.title != fr.title


def test_unknown_codes_fall_back_to_a_generic_explanation():
    generic = explain_error(99999)
    assert generic.code == 99999 and "error" in generic.title.lower() and not generic.retryable
    assert explain_error(None).title == generic.title
    assert explain_error(21211, "de").title == explain_error(21211).title  # English fallback


@pytest.mark.parametrize(("exc", "retryable", "code", "opt_out"), [
    (TwilioRestException(400, "/x", "Attempt to send to unsubscribed recipient", 21610, "POST"),
     False, 21610, True),
    (TwilioRestException(400, "/x", "Outside window", 63016, "POST"), False, 63016, False),
    (TwilioRestException(400, "/x", "Invalid", 63003, "POST"), False, 63003, False),
    (TwilioRestException(429, "/x", "Too Many Requests", 20429, "POST"), True, 20429, False),
    (TwilioRestException(400, "/x", "Rate tier", 63018, "POST"), True, 63018, False),
    (TwilioRestException(503, "/x", "Unavailable", 503, "POST"), True, None, False),
    (TwilioServiceException("https://x/20003", "Authenticate", 401, 20003), False, 20003, False),
    (TwilioServiceException("https://x/21211", "Invalid To", 400, 21211), False, 21211, False),
    (requests.ConnectionError("refused"), True, None, False),
    (requests.ReadTimeout("slow"), True, None, False),
])
def test_classification(exc, retryable, code, opt_out):
    result = classify_exception(exc)
    assert not result.success
    assert (result.retryable, result.error_code, result.opt_out) == (retryable, code, opt_out)
    assert result.hint
    assert (result.retry_after is not None) is retryable


def test_hint_for_outside_window_asks_for_a_template():
    result = classify_exception(TwilioRestException(400, "/x", "x", 63016, "POST"))
    assert "template" in result.hint.lower()
