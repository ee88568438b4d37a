"""French translation: every string of gui/ and ui/ is in wacampaign_fr.ts and translated, and the
shipped .qm turns the interface French (QUiLoader forms and self.tr() both)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "i18n" / "wacampaign_fr.ts"
LUPDATE = Path(sys.executable).with_name("pyside6-lupdate")


def _unfinished(ts: Path) -> list[str]:
    root = ET.parse(ts).getroot()
    return [f"{ctx.findtext('name')}: {m.findtext('source')!r}"
            for ctx in root.iter("context") for m in ctx.iter("message")
            if m.find("translation").get("type") == "unfinished" or not m.findtext("translation")]


def test_every_source_string_is_translated(tmp_path):
    if not LUPDATE.exists():
        pytest.skip("pyside6-lupdate not installed next to this Python")
    copy = tmp_path / "fr.ts"
    shutil.copy(TS, copy)
    sources = sorted(str(p) for p in (ROOT / "wacampaign_desktop" / "gui").rglob("*.py"))
    sources += sorted(str(p) for p in (ROOT / "ui").glob("*.ui"))
    subprocess.run([str(LUPDATE), "-no-obsolete", *sources, "-ts", str(copy)], check=True,
                   capture_output=True, timeout=120)
    missing = _unfinished(copy)
    assert not missing, ("Untranslated strings; run resources/i18n/update_translations.sh and "
                         f"translate them: {missing[:20]}")


def test_qm_makes_the_forms_french(qtbot, context, french):
    from wacampaign_desktop.gui.contacts import ContactsView
    from wacampaign_desktop.gui.services import GuiServices

    services = GuiServices.create(context)
    view = ContactsView(services)
    qtbot.addWidget(view)
    assert view.ui.titleLabel.text() == "Contacts"
    assert view.ui.importButton.text() == "&Importer un CSV…"  # from the .ui file
    assert view.ui.tagCombo.itemText(0) == "Toutes les étiquettes"  # from self.tr()
    assert view.model.headerData(2, __import__("PySide6.QtCore").QtCore.Qt.Orientation.Horizontal) \
        == "Statut"
    services.close()
