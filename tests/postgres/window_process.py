"""A second real main window, in its own process, driven line by line from stdin (tests):
`python tests/postgres/window_process.py DATA_DIR [DATABASE_URL]`.

Commands (one a line): `add NAME PHONE`, `opt_out CONTACT_ID`, `campaign NAME BODY`,
`cancel CAMPAIGN_ID`, `quit`. Each is done through the window's own widgets (the contact form,
the campaign editor) or, for cancel, its GuiServices call on its task pool as the Cancel button
makes it; once committed, one JSON line `{"done": <time.monotonic()>, "id": …}` (or
`{"error": …}`) is printed. time.monotonic() is the system's monotonic clock, comparable between
processes on the same machine. "ready" is printed once the window is shown.
"""

from __future__ import annotations

import json
import queue
import sys
import threading
import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from wacampaign_desktop.core.app_context import AppContext
from wacampaign_desktop.gui.contacts.contact_dialog import ContactDialog
from wacampaign_desktop.gui.editor import CampaignEditorDialog
from wacampaign_desktop.gui.main_window import MainWindow
from wacampaign_desktop.gui.services import GuiServices


def _say(payload: dict) -> None:
    print(json.dumps(payload), flush=True)


class Driver:
    """Runs stdin's commands on the GUI thread."""

    def __init__(self, app: QApplication, window: MainWindow) -> None:
        self.app, self.window, self.services = app, window, window.services
        self.commands: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        self.timer = QTimer()
        self.timer.timeout.connect(self._next)
        self.timer.start(10)

    def _read(self) -> None:
        for line in sys.stdin:
            self.commands.put(line.strip())
        self.commands.put("quit")

    def _next(self) -> None:
        try:
            line = self.commands.get_nowait()
        except queue.Empty:
            return
        verb, *args = line.split(" ", 2)
        try:
            getattr(self, f"do_{verb}")(*args)
        except Exception as exc:  # the test reads it and fails with it
            _say({"error": f"{verb}: {exc!r}"})

    def do_add(self, name: str, phone: str) -> None:
        dialog = ContactDialog(self.services, parent=self.window)
        dialog.ui.nameEdit.setText(name)
        dialog.ui.phoneEdit.setText(phone)
        dialog.save()
        _say({"done": time.monotonic()})

    def do_opt_out(self, contact_id: str) -> None:
        dialog = ContactDialog(self.services, int(contact_id), parent=self.window)
        dialog.ui.optedOutCheck.setChecked(True)
        dialog.save()
        _say({"done": time.monotonic(), "id": int(contact_id)})

    def do_campaign(self, name: str, body: str) -> None:
        editor = CampaignEditorDialog(self.services)
        editor.ui.nameEdit.setText(name)
        editor.ui.bodyEdit.setPlainText(body)
        editor.save_draft()
        _say({"done": time.monotonic(), "id": editor.campaign_id})

    def do_cancel(self, campaign_id: str) -> None:
        campaigns = self.services.campaigns
        self.services.tasks.run(lambda: campaigns.cancel(int(campaign_id), None),
                                lambda state: _say({"done": time.monotonic(), "id": state}),
                                lambda exc: _say({"error": f"cancel: {exc!r}"}))

    def do_quit(self) -> None:
        self.timer.stop()
        self.window.close()
        self.services.close()
        self.app.quit()


def main(data_dir: str, database_url: str = "") -> int:
    app = QApplication(sys.argv[:1])
    context = AppContext.open(data_dir, log_to_file=False, database_url=database_url or None)
    services = GuiServices.create(context)
    window = MainWindow(services)
    window.show()
    driver = Driver(app, window)
    _say({"ready": time.monotonic()})
    code = app.exec()
    del driver
    context.close()
    return code


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
