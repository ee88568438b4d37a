"""Changes made by another process reach an open window within a second, on both engines: a
campaign created from the command line appears in the campaign list, contacts it imports appear
in the Contacts view, a campaign it cancels shows as cancelled — as the window's own would."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from wacampaign_desktop.core.store import message_updates as mu
from wacampaign_desktop.core.store.models import Campaign
from wacampaign_desktop.gui.main_window import MainWindow
from wacampaign_desktop.gui.services import GuiServices

pytestmark = pytest.mark.both_engines
ROOT = Path(__file__).resolve().parents[2]


def _cli(context, database_url: str, *argv: str) -> float:
    """Run a command in another process on the same profile; when it had finished."""
    extra = ["--database-url", database_url] if database_url else []
    env = {**os.environ, "WACAMPAIGN_SECRET_BACKEND": "file"}
    result = subprocess.run(
        [sys.executable, "-m", "wacampaign_desktop", *argv, "--data-dir",
         str(context.paths.data_dir), *extra], cwd=ROOT, env=env, capture_output=True,
        text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return time.monotonic()


@pytest.fixture
def window(qtbot, context):
    context.save_settings()
    services = GuiServices.create(context)
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    yield window
    services.close()


def _campaign_names(window) -> list[str]:
    model = window.view("campaigns").model
    return [model.data(model.index(row, 0)) for row in range(model.rowCount())]


def test_another_process_changes_show_within_a_second(window, context, database_url, tmp_path,
                                                      wait_until):
    window.show_view("campaigns")
    assert "From the office" not in _campaign_names(window)

    _cli(context, database_url, "campaign", "create", "--name", "From the office", "--body", "Hi")
    wait_until(lambda: "From the office" in _campaign_names(window), 1.0,
               "the campaign created elsewhere is listed")

    contacts = window.show_view("contacts")
    before = contacts.model.rowCount()
    csv = tmp_path / "new.csv"
    csv.write_text("name,phone\nAna,+33612340001\nBruno,+33612340002\n", "utf-8")
    _cli(context, database_url, "contacts", "import", str(csv))
    wait_until(lambda: contacts.model.rowCount() == before + 2, 1.0,
               "the contacts imported elsewhere are shown")

    view = window.show_view("campaigns")
    campaign = Campaign.create(name="Ready", body="Hi", send_rate=1.0)
    mu.insert_messages(campaign.id, [{"phone": f"+3361234000{i}", "message": "Hi"}
                                     for i in range(3)])
    view.reload()
    view.select_campaign(campaign.id)
    shown = view.campaign_view
    assert shown.state == "draft" and shown.counters.cards["canceled"].value.text() == "0"
    _cli(context, database_url, "campaign", "cancel", str(campaign.id))
    wait_until(lambda: shown.state == "cancelled", 1.0,
               "the campaign cancelled elsewhere shows its new state")
    wait_until(lambda: shown.counters.cards["canceled"].value.text() == "3", 1.0,
               "its counters follow")
    wait_until(lambda: {shown.model.row_object(i).status for i in range(3)} == {"canceled"}, 1.0,
               "its messages table follows")
