"""Every error code the Twilio facts list is explained in English and French, and the advice
matches what the app really does (automatic retries, the "Retry failed" button)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from wacampaign_desktop.core.engine.retries import retryable_code
from wacampaign_desktop.core.twilio_gateway import explain_error, known_codes

# Codes named in the team's Twilio facts ("Error codes worth explaining", templates, WhatsApp
# failures), plus 21612 seen in use; kept here so the test runs without that file.
FACTS_CODES = [20003, 20429, 21211, 21408, 21610, 21612, 21614, 21654, 21656, 30003, 30004, 30005,
               30006, 30007, 30008, 63003, 63016, 63017, 63018, 63019, 63024, 63027, 63028,
               63032, 63049]
FACTS_FILE = Path("/work/shared/twilio-facts.md")
NEVER_RETRY = [21211, 21610, 21614, 63003, 63016, 63024]  # facts: "Never retry"
AUTO_RETRY = [20429, 63018, 30008]                         # facts: "Retry: …"
GENERIC_EN = explain_error(99999).explanation
GENERIC_FR = explain_error(99999, "fr").explanation


@pytest.mark.parametrize("code", FACTS_CODES)
def test_code_has_its_own_english_and_french_text(code):
    en, fr = explain_error(code), explain_error(code, "fr")
    assert code in known_codes()
    for text in (en, fr):
        assert text.code == code and text.title and text.explanation and text.hint
    assert en.explanation != GENERIC_EN and fr.explanation != GENERIC_FR
    assert en.title != fr.title and en.hint != fr.hint


def test_every_code_in_the_facts_file_is_known():
    if not FACTS_FILE.exists():
        pytest.skip("the shared facts file is not on this machine")
    listed = {int(c) for c in re.findall(r"\b([236]\d{4})\b", FACTS_FILE.read_text("utf-8"))}
    assert listed and listed <= set(known_codes()), sorted(listed - set(known_codes()))
    assert listed <= set(FACTS_CODES), "add the new codes to FACTS_CODES too"


@pytest.mark.parametrize("code", NEVER_RETRY)
def test_never_retried_codes_are_not_retryable(code):
    assert not explain_error(code).retryable


@pytest.mark.parametrize("code", AUTO_RETRY)
def test_retried_codes_are_retryable(code):
    assert explain_error(code).retryable


@pytest.mark.parametrize("code", known_codes())
def test_advice_to_use_retry_failed_only_where_it_requeues(code):
    """The "Retry failed" button requeues only `retryable_code` errors: a hint must not send the
    user to it (nor promise a resend) for the others."""
    en, fr = explain_error(code).hint, explain_error(code, "fr").hint
    if retryable_code(code):
        return
    assert not re.search(r"(use|with|click) Retry failed|try again", en, re.I), en
    assert not re.search(r"(utilisez|avec) «\s*Renvoyer les échecs\s*»|réessayez", fr, re.I), fr


def test_unreachable_phone_says_retry_failed_leaves_it_out():
    assert not retryable_code(30003)
    assert "Retry failed leaves it out" in explain_error(30003).hint
    assert "«\u00a0Renvoyer les échecs\u00a0» l'ignore" in explain_error(30003, "fr").hint


def test_unknown_delivery_error_points_to_retry_failed():
    assert retryable_code(30008)
    assert "Retry failed" in explain_error(30008).hint
    assert "Renvoyer les échecs" in explain_error(30008, "fr").hint
