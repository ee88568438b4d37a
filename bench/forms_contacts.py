"""Figures for the contacts forms on a big profile: opening the Contacts view, filtering by tag,
searching, opening the campaign editor (GUI thread), and the editor's recipient dry run (a
worker thread; it is the core's prepare_rows over every contact).

    python bench/forms_contacts.py [--contacts 100000]

The machine may be shared: figures are noisy, run it twice.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("WACAMPAIGN_SECRET_BACKEND", "file")


def timed(label: str, fn):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = fn()
    print(f"{label:<48} {1000 * (time.perf_counter() - start):8.0f} ms")
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=100_000)
    args = parser.parse_args()
    from PySide6.QtWidgets import QApplication

    from wacampaign_desktop.core.app_context import AppContext
    from wacampaign_desktop.core.store.database import database_proxy as db
    from wacampaign_desktop.core.store.models import Contact, utcnow

    app = QApplication([])
    context = AppContext.open(Path(tempfile.mkdtemp(prefix="wacampaign-bench-")), log_to_file=False)
    now = utcnow()
    rows = [{"phone": f"+336{i:08d}", "name": f"Client {i}", "fields": {"city": "Lyon"},
             "tags": ["vip"] if i % 3 == 0 else ["demo"], "created_at": now, "updated_at": now}
            for i in range(args.contacts)]
    with db.atomic():
        for start in range(0, len(rows), 5000):
            Contact.insert_many(rows[start:start + 5000]).execute()
    print(f"{args.contacts} contacts")
    from wacampaign_desktop.gui.contacts import ContactsView
    from wacampaign_desktop.gui.editor import CampaignEditorDialog
    from wacampaign_desktop.gui.editor.form_state import EditorValues, dry_run
    from wacampaign_desktop.gui.services import GuiServices

    services = GuiServices.create(context)
    view = timed("open Contacts view (GUI thread)", lambda: ContactsView(services))
    timed("filter by tag (GUI thread)", lambda: view.ui.tagCombo.setCurrentIndex(
        view.ui.tagCombo.findData("vip")))
    view.ui.searchEdit.setText("Client 999")
    timed("search 'Client 999' (GUI thread)", view.apply_filter)
    timed("open campaign editor (GUI thread part)", lambda: CampaignEditorDialog(services))
    services.tasks.wait(120_000)
    prep = timed("editor dry run, all contacts (worker thread)",
                 lambda: dry_run(EditorValues(name="x", body="Hi {{name}} in {{city}}")))
    print(f"{'recipients':<48} {len(prep.recipients):8d}")
    app.processEvents()
    sys.stdout.flush()
    os._exit(0)  # skip teardown of Qt objects still referenced by pending worker callbacks


if __name__ == "__main__":
    raise SystemExit(main())
