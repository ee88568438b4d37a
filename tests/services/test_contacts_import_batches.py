"""CSV import written in batches: progress every batch, the same stored rows as one-by-one saves
(JSON text, dates, merge of known numbers), and a cancel that leaves the contacts as they were."""

from __future__ import annotations

import threading
from datetime import datetime

import pytest

from wacampaign_desktop.core.clock import ManualClock
from wacampaign_desktop.core.services.contacts import ContactsService, ImportCancelled
from wacampaign_desktop.core.store.contact_import import BATCH
from wacampaign_desktop.core.store.models import Contact

T0 = datetime(2026, 3, 1, 12, 0)


def _csv(path, rows: int, extra: str = "") -> None:
    lines = ["Nom;Téléphone;Ville;Tags"] + [
        f"Client {i};+33 6 {i // 10**6 % 100:02d} {i:06d};Lyon é;vip, b, vip" for i in range(rows)]
    path.write_text("\n".join(lines) + "\n" + extra, encoding="utf-8")


def _preview(service: ContactsService, path, tags=()):
    table = service.read_csv(path)
    return service.preview_csv(table, service.guess_mapping(table.header), "FR", tags)


def test_progress_every_batch_and_rows_stored_like_the_model_stores_them(db, tmp_path):
    service = ContactsService(clock=ManualClock(T0))
    rows = 2 * BATCH + 7
    _csv(tmp_path / "c.csv", rows)
    calls: list[tuple[int, int]] = []
    report = service.commit_csv(_preview(service, tmp_path / "c.csv", ["salon"]),
                                progress=lambda done, total: calls.append((done, total)))
    assert calls == [(0, rows), (BATCH, rows), (2 * BATCH, rows), (rows, rows)]
    assert (report.imported, report.updated) == (rows, 0)
    first = Contact.get(Contact.phone == "+33600000000")
    assert (first.name, first.fields, first.tags) == ("Client 0", {"Ville": "Lyon é"}, ["vip", "b", "salon"])
    assert first.created_at == T0 and first.updated_at == T0
    raw = Contact._meta.database.execute_sql(
        "SELECT fields, tags FROM contact WHERE phone = ?", ("+33600000000",)).fetchone()
    assert raw == (Contact.fields.db_value(first.fields), Contact.tags.db_value(first.tags))


def test_known_numbers_are_merged_even_when_created_after_the_preview(db, tmp_path):
    service = ContactsService(clock=ManualClock(T0))
    path = tmp_path / "c.csv"
    path.write_text("phone;name;city;tags\n+33612345678;;Paris;new\n+33698765432;Bob;;x\n", "utf-8")
    Contact.create(phone="+33612345678", name="Alice", fields={"city": "Lyon", "age": "30"},
                   tags=["old", "new"])
    preview = _preview(service, path)
    Contact.create(phone="+33698765432", name="Bob (created meanwhile)", tags=["y"])
    report = service.commit_csv(preview)
    assert (report.imported, report.updated) == (0, 2)
    alice = Contact.get(Contact.phone == "+33612345678")
    assert (alice.name, alice.fields, alice.tags) == ("Alice", {"city": "Paris", "age": "30"},
                                                      ["old", "new"])
    assert alice.updated_at == T0
    bob = Contact.get(Contact.phone == "+33698765432")
    assert (bob.name, bob.tags) == ("Bob", ["y", "x"]) and Contact.select().count() == 2


def test_cancel_rolls_the_whole_import_back(db, tmp_path):
    service = ContactsService(clock=ManualClock(T0))
    Contact.create(phone="+33600000001", name="Kept as it was", tags=["old"])
    _csv(tmp_path / "c.csv", 3 * BATCH)
    preview = _preview(service, tmp_path / "c.csv")
    cancel = threading.Event()
    seen: list[int] = []

    def progress(done: int, total: int) -> None:
        seen.append(done)
        if done >= 2 * BATCH:
            cancel.set()  # after two batches were written inside the transaction

    with pytest.raises(ImportCancelled):
        service.commit_csv(preview, progress=progress, cancel=cancel)
    assert seen == [0, BATCH, 2 * BATCH]
    assert Contact.select().count() == 1
    kept = Contact.get(Contact.phone == "+33600000001")
    assert (kept.name, kept.tags) == ("Kept as it was", ["old"])
    # The profile is usable right after: the same preview imports in full.
    assert service.commit_csv(preview).imported == 3 * BATCH - 1
