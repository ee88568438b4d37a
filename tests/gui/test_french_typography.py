"""French typography in what the French interface shows: a narrow no-break space (U+202F) before
: ; ? ! and no-break spaces inside « », in the Qt translations, the error explanations and the
user guide; and the compiled .qm carries them."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "i18n" / "wacampaign_fr.ts"
CODES = ROOT / "wacampaign_desktop" / "core" / "twilio_gateway" / "error_codes.json"
GUIDE = ROOT / "wacampaign_desktop" / "gui" / "help" / "guide_fr.html"
PLAIN_SPACE_BEFORE = re.compile(r"[ \u00a0][:;?!]")  # should be U+202F
GLUED = re.compile(r"[^\W\d_][?!]")                    # "mot?" without any space
BAD_GUILLEMETS = re.compile(r"«(?![\u00a0\u202f])|(?<![\u00a0\u202f])»")


def _problems(text: str) -> list[str]:
    return [rule.pattern for rule in (PLAIN_SPACE_BEFORE, GLUED, BAD_GUILLEMETS)
            if rule.search(text)]


def _translations() -> list[tuple[str, str]]:
    root = ET.parse(TS).getroot()
    return [(m.findtext("source") or "", m.findtext("translation") or "")
            for m in root.iter("message")]


@pytest.mark.parametrize("text", ["Fichier journal : %1", "Arrêter ?", "Super!", "« Nouvelle »"])
def test_the_check_sees_wrong_spacing(text):
    assert _problems(text)


def test_qt_translations():
    bad = [(source, translation) for source, translation in _translations()
           if _problems(translation)]
    assert not bad, ("run resources/i18n/fr_typography.py on the .ts, then recompile the .qm",
                     bad[:10])


def test_error_explanations():
    catalog = json.loads(CODES.read_text("utf-8"))
    bad = [(code, text) for code, entry in catalog.items() for text in entry["fr"].values()
           if _problems(text)]
    assert not bad, bad[:10]


def test_user_guide():
    text = re.sub(r"<[^>]+>", "", GUIDE.read_text("utf-8")).replace("&#8239;", "\u202f")
    text = re.sub(r"https?://\S*", "", text)
    assert not _problems(text), [line for line in text.splitlines() if _problems(line)][:10]


def test_the_french_interface_shows_narrow_spaces(french):
    from PySide6.QtCore import QCoreApplication

    shown = QCoreApplication.translate("Labels", "did you mean %1?")
    assert shown == "vouliez-vous dire %1\u202f?"
