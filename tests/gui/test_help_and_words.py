"""What a user reads: one spelling of "cancelled" per language, failed messages explained in the
interface language, phone advice and landline warnings in French, the Help menu's guide and
shortcuts, and "Open log folder" saying where the folder is when nothing can open it."""

from __future__ import annotations

from pathlib import Path

import pytest

from wacampaign_desktop.core.phones import check_phone
from wacampaign_desktop.gui.models import labels

QM = Path(__file__).resolve().parents[2] / "resources" / "i18n" / "wacampaign_fr.qm"


@pytest.fixture
def french(qapp):
    """The shipped French translation installed for one test."""
    from PySide6.QtCore import QTranslator

    translator = QTranslator()
    assert translator.load(str(QM))
    qapp.installTranslator(translator)
    yield translator
    qapp.removeTranslator(translator)


def test_one_english_spelling_of_cancelled(qapp):
    words = {labels.status_label("canceled"), labels.counter_label("canceled"),
             labels.state_label("cancelled")}
    assert words == {"Cancelled"}


def test_french_cancelled_message_and_campaign(french):
    assert labels.status_label("canceled") == "Annulé"
    assert labels.counter_label("canceled") == "Annulé"
    assert labels.state_label("cancelled") == "Annulée"


def test_failed_message_is_explained_in_the_interface_language(qapp, french):
    assert labels.interface_language() == "fr"
    title, explanation, hint = labels.error_explanation(63049)
    assert title == "Message marketing non délivré par WhatsApp"
    assert "Meta" in explanation and "Renvoyer les échecs" in hint


def test_failed_message_in_english_without_translation(qapp):
    assert labels.interface_language() == "en"
    assert labels.error_explanation(21612)[0] == "This sender cannot reach this number"
    assert labels.error_explanation(None) == ("", "", "")


def test_phone_advice_and_landline_warning_in_french(french):
    advice = labels.phone_advice_text(check_phone("33612345678", ""))
    assert advice.startswith("vouliez-vous dire +33 6 12 34 56 78") and advice.endswith("?")
    advice = labels.phone_advice_text(check_phone("33 6 90 12 34 56", "FR"))
    assert "+33 6 90 12 34 56" in advice and "vérifiez les chiffres" in advice
    assert "ligne fixe" in labels.landline_warning_text("+33142685300")
    assert labels.landline_warning_text("+33612345678") == ""
