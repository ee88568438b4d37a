"""Two real main windows on the same profile, on both engines: what staff change in window A —
a contact added then opted out, a new campaign saved, a campaign cancelled — shows in window B
within a second of being committed, as B shows its own changes.

Window A runs in its own process (tests/postgres/window_process.py, driven through stdin), as a
second window really does: a process holds ONE profile — the models are bound to one database
per process (core/store/database.database_proxy) and the change feed tells changes apart by
process — and on one computer gui/app.py brings the open window forward rather than open a
second one on the same folder, so the second window is another process (another computer on
PostgreSQL, or the command line / `serve` next to the window)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from wacampaign_desktop.core.store import message_updates as mu
from wacampaign_desktop.core.store.models import Campaign, Contact
from wacampaign_desktop.gui.main_window import MainWindow
from wacampaign_desktop.gui.services import GuiServices

pytestmark = pytest.mark.both_engines
ROOT = Path(__file__).resolve().parents[2]
WITHIN_MS = 1000


class WindowA:
    """The other window's process: `do("add Ana +336…")` returns when A has committed it."""

    def __init__(self, data_dir: Path, database_url: str) -> None:
        env = {**os.environ, "WACAMPAIGN_SECRET_BACKEND": "file", "QT_QPA_PLATFORM": "offscreen"}
        self.process = subprocess.Popen(
            [sys.executable, str(ROOT / "tests" / "postgres" / "window_process.py"),
             str(data_dir), database_url], cwd=ROOT, env=env, text=True,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        assert "ready" in self._answer(), "window A opened"

    def _answer(self) -> dict:
        line = self.process.stdout.readline()  # type: ignore[union-attr]
        assert line, f"window A ended (exit code {self.process.poll()})"
        return json.loads(line)

    def do(self, command: str) -> float:
        """Run `command` in window A; when (time.monotonic()) its change was committed."""
        self.process.stdin.write(command + "\n")  # type: ignore[union-attr]
        self.process.stdin.flush()  # type: ignore[union-attr]
        answer = self._answer()
        assert "done" in answer, answer.get("error")
        return float(answer["done"])

    def close(self) -> None:
        try:
            self.process.stdin.write("quit\n")  # type: ignore[union-attr]
            self.process.stdin.close()  # type: ignore[union-attr]
            self.process.wait(15)
        except (OSError, subprocess.TimeoutExpired):
            self.process.kill()
            self.process.wait(5)


@pytest.fixture
def windows(qtbot, context, database_url):
    """(window A's process, window B): two real main windows on the same profile."""
    context.save_settings()
    services = GuiServices.create(context)
    window_b = MainWindow(services)
    qtbot.addWidget(window_b)
    window_b.show()
    window_a = WindowA(context.paths.data_dir, database_url)
    yield window_a, window_b
    window_a.close()
    services.close()


def _shown_within_a_second(qtbot, condition, committed: float, what: str) -> None:
    qtbot.waitUntil(condition, timeout=WITHIN_MS)
    elapsed = time.monotonic() - committed
    print(f"{what}: {elapsed * 1000:.0f} ms")
    assert elapsed <= WITHIN_MS / 1000 + 0.1, f"{what} showed after {elapsed:.2f} s"


def _row_texts(view, row: int) -> list[str]:
    model = view.model
    return [str(model.data(model.index(row, column))) for column in range(model.columnCount())]


def _campaign_names(window) -> list[str]:
    model = window.view("campaigns").model
    return [model.data(model.index(row, 0)) for row in range(model.rowCount())]


def test_changes_in_one_window_show_in_the_other_within_a_second(qtbot, windows):
    window_a, window_b = windows

    # (1) a contact added, then opted out, in A's contact form shows in B's Contacts view
    contacts = window_b.show_view("contacts")
    assert contacts.model.rowCount() == 0
    committed = window_a.do("add Ana +33612340001")
    _shown_within_a_second(qtbot, lambda: contacts.model.rowCount() == 1, committed,
                           "the contact added in A")
    assert contacts.model.status_text(True) not in _row_texts(contacts, 0)
    contact_id = Contact.get(Contact.phone == "+33612340001").id
    committed = window_a.do(f"opt_out {contact_id}")
    _shown_within_a_second(
        qtbot, lambda: contacts.model.status_text(True) in _row_texts(contacts, 0), committed,
        "the opt-out made in A")

    # (2) a campaign saved in A's editor appears in B's campaign list
    window_b.show_view("campaigns")
    assert "Spring" not in _campaign_names(window_b)
    committed = window_a.do("campaign Spring Hello {{name}}")  # name "Spring"
    _shown_within_a_second(qtbot, lambda: "Spring" in _campaign_names(window_b), committed,
                           "the campaign saved in A")

    # (3) a campaign cancelled in A shows cancelled, with its counters, in B's campaign view
    campaign = Campaign.create(name="Ready", body="Hi", send_rate=1.0)
    mu.insert_messages(campaign.id, [{"phone": f"+3361234010{i}", "message": "Hi"}
                                     for i in range(3)])
    view = window_b.show_view("campaigns")
    view.reload()
    view.select_campaign(campaign.id)
    shown = view.campaign_view
    assert shown.state == "draft" and shown.counters.cards["canceled"].value.text() == "0"
    committed = window_a.do(f"cancel {campaign.id}")
    _shown_within_a_second(qtbot, lambda: shown.state == "cancelled", committed,
                           "the cancel made in A")
    _shown_within_a_second(qtbot, lambda: shown.counters.cards["canceled"].value.text() == "3",
                           committed, "the counters after the cancel made in A")
    _shown_within_a_second(
        qtbot, lambda: {shown.model.row_object(i).status for i in range(3)} == {"canceled"},
        committed, "the messages after the cancel made in A")
