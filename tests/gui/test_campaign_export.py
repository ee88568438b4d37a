"""Export from the campaign view as the user sees it: the save dialog opens in Documents, the file
follows the interface language's CSV convention (French: ';', a BOM, French headers and
statuses, the error explained beside its code, times to the second), and a confirmation names
the file and opens its folder."""

from __future__ import annotations

import csv
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import QPushButton

from tests.gui.export_helpers import answer_save_dialog, documents_or_home, export_confirmation
from wacampaign_desktop.core.store import message_updates as mu
from wacampaign_desktop.core.store.models import Campaign, CampaignMessage, Contact

SENT = datetime(2026, 3, 1, 9, 15, 42)


def _campaign_with_a_failure() -> Campaign:
    campaign = Campaign.create(name="Soldes d'été", body="Bonjour {{name}}")
    ana = Contact.create(phone="+33612345670", name="Ana")
    bob = Contact.create(phone="+33612345671", name="Bob")
    mu.insert_messages(campaign.id, [{"phone": ana.phone, "contact": ana.id, "message": "Bonjour"},
                                     {"phone": bob.phone, "contact": bob.id, "message": "Bonjour"}])
    first, second = CampaignMessage.select().order_by(CampaignMessage.id)
    mu.transition(first, "sending")
    mu.record_sid(first, "SM" + "1" * 32, "queued")
    mu.apply_status("SM" + "1" * 32, "read")
    mu.transition(second, "sending")
    mu.record_sid(second, "SM" + "2" * 32, "queued")
    mu.apply_status("SM" + "2" * 32, "failed", error_code=63016)
    CampaignMessage.update(sent_at=SENT).where(CampaignMessage.id == first.id).execute()
    return campaign


@pytest.fixture
def view(qtbot, context, services):
    from wacampaign_desktop.gui.campaigns import CampaignView

    widget = CampaignView(services)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_french_export_confirms_and_opens_the_folder(qtbot, view, french, file_manager, tmp_path,
                                                     wait_until):
    campaign = _campaign_with_a_failure()
    view.set_campaign(campaign.id)
    target = tmp_path / "soldes.csv"
    with qtbot.waitSignal(view.exportFinished, timeout=10_000):
        view.export_csv(str(target))

    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read accents
    with target.open(encoding="utf-8-sig", newline="") as handle:
        header, *rows = list(csv.reader(handle, delimiter=";"))  # French Excel splits on ';'
    assert header[:5] == ["Téléphone", "Nom", "Statut", "Code d'erreur", "Erreur"]
    sent_col, status_col = header.index("Envoyé"), header.index("Statut")
    read, failed = rows
    assert read[status_col] == "Lu" and failed[status_col] == "Échec"
    assert failed[header.index("Code d'erreur")] == "63016"
    assert failed[header.index("Erreur")].startswith("Hors de la fenêtre de 24 heures – Un texte "
                                                     "libre")  # 63016 explained, in French
    local = SENT.replace(tzinfo=UTC).astimezone()
    assert read[sent_col] == local.strftime("%Y-%m-%d %H:%M:%S")  # to the second

    wait_until(lambda: export_confirmation(view) is not None, timeout=5)
    box = export_confirmation(view)
    assert "2 messages exportés vers soldes.csv" in box.text()
    assert str(target) in box.informativeText()
    open_button = box.findChild(QPushButton, "openExportFolder")
    assert open_button.text() == "Ouvrir le dossier"
    open_button.click()
    assert file_manager.opened == [str(tmp_path)]


def test_save_dialog_opens_in_documents(qtbot, view, wait_until):
    campaign = Campaign.create(name="Spring sale", body="Hi")
    view.set_campaign(campaign.id)
    seen = answer_save_dialog(choose=None)  # cancels
    view.choose_export_path()  # returns once the dialog is answered
    expected = documents_or_home()  # never the current folder
    assert seen and Path(seen[0]).resolve() == expected.resolve() != Path.cwd().resolve()
    assert Path(seen[1]).name == "Spring_sale.csv"
    assert export_confirmation(view) is None  # cancelled: nothing written, nothing confirmed
