"""Phone checks say more than "not valid": the "+" form when the digits start with a country
code, and a warning (not a refusal) for landlines, which WhatsApp may not reach."""

from __future__ import annotations

import pytest

from wacampaign_desktop.core.phones import (
    LANDLINE_WARNING,
    InvalidPhone,
    check_phone,
    is_landline,
    landline_warning,
    to_e164,
)


def test_digits_starting_with_a_country_code_get_the_plus_form():
    check = check_phone("33612345678", "")  # no default region: only the "+" form can work
    assert not check.ok
    assert check.suggestion == "+33 6 12 34 56 78" and check.suggestion_valid
    assert check.message.endswith("did you mean +33 6 12 34 56 78?")
    assert check.reason.startswith("'33612345678': no valid country code")  # unchanged reason


def test_the_issue_number_is_told_its_plus_form_is_not_valid_either():
    """+33 6 90… is not an allocated French range: "did you mean" would send the user to another
    refusal, so the advice says to check the digits instead."""
    check = check_phone("33 6 90 12 34 56", "FR")
    assert not check.ok and check.reason == "'33 6 90 12 34 56': not a valid number for FR"
    assert check.suggestion == "+33 6 90 12 34 56" and not check.suggestion_valid
    assert "did you mean" not in check.message
    assert "+33 6 90 12 34 56" in check.message and "check the digits" in check.message


def test_a_british_number_typed_without_plus_in_france():
    check = check_phone("44 20 7946 0958", "FR")
    assert not check.ok and check.suggestion == "+44 20 7946 0958" and check.suggestion_valid


@pytest.mark.parametrize("raw", ["+33 6 90 12 34 56", "12345", "06 12", "hello"])
def test_no_advice_when_there_is_no_plus_form_to_offer(raw):
    check = check_phone(raw, "FR")
    assert not check.ok and check.suggestion == "" and check.advice == ""
    assert check.message == check.reason


def test_existing_api_is_unchanged_for_valid_numbers():
    assert check_phone("06 12 34 56 78", "FR").e164 == "+33612345678"
    assert check_phone("whatsapp:+33612345678").ok
    assert to_e164("0612345678", "FR") == "+33612345678"
    with pytest.raises(InvalidPhone, match="not a valid number for FR"):
        to_e164("33 6 90 12 34 56", "FR")


def test_landline_is_accepted_with_a_warning():
    check = check_phone("01 42 68 53 00", "FR")  # a Paris fixed line
    assert check.ok and check.e164 == "+33142685300"
    assert is_landline(check.e164) and landline_warning(check.e164) == LANDLINE_WARNING
    assert "WhatsApp may not reach it" in LANDLINE_WARNING


@pytest.mark.parametrize("e164", ["+33612345678", "+12015550123", None, "", "garbage"])
def test_mobiles_and_ambiguous_numbers_get_no_warning(e164):
    """US numbers are "fixed line or mobile": no warning for those."""
    assert landline_warning(e164) == "" and not is_landline(e164)
