"""Contacts service: CSV parse → preview → commit with bad rows named by line, one contact
checked and saved (opt-out through the one rule), keyset pages, delete, first-run demo."""

from __future__ import annotations

from datetime import datetime

from wacampaign_desktop.core.clock import ManualClock
from wacampaign_desktop.core.services.contacts import ContactForm, ContactsService
from wacampaign_desktop.core.store.models import Contact

T0 = datetime(2026, 3, 1, 12, 0)


def _service() -> ContactsService:
    return ContactsService(clock=ManualClock(T0))


def test_csv_parse_preview_commit_names_bad_rows_by_line(db, tmp_path):
    Contact.create(phone="+33698765432", name="Bob (old)", tags=["old"])
    path = tmp_path / "c.csv"
    path.write_text("Prénom;Nom;Téléphone;Ville;opted_out\n"
                    "Alice;Martin;06 12 34 56 78;Lyon;yes\n"
                    "Bob;Durand;+33 6 98 76 54 32;;\n"
                    "\n"
                    "Carl;X;hello;Nice;\n"
                    "Alice;Again;0612345678;Lyon;\n", "utf-8")
    service = _service()
    table = service.read_csv(path)
    mapping = service.guess_mapping(table.header)
    assert table.header[mapping.phone] == "Téléphone"
    preview = service.preview_csv(table, mapping, "FR", ["spring"])
    assert [(r.line, r.reason, r.phone) for r in preview.rejected] == [
        (5, "'hello': not a phone number", "hello"), (6, "same phone number as line 2", "0612345678")]
    assert [(r.line, r.phone, r.name, r.exists) for r in preview.valid] == [
        (2, "+33612345678", "Alice Martin", False), (3, "+33698765432", "Bob Durand", True)]
    assert preview.valid[0].custom == {"Ville": "Lyon"}  # opted_out is never imported
    assert Contact.select().count() == 1  # nothing written by the preview

    report = service.commit_csv(preview)
    assert (report.imported, report.updated, len(report.rejected)) == (1, 1, 2)
    bob = Contact.get(Contact.phone == "+33698765432")
    assert bob.name == "Bob Durand" and bob.tags == ["old", "spring"] and bob.updated_at == T0
    assert not Contact.get(Contact.phone == "+33612345678").opted_out


def test_save_checks_the_number_and_stamps_opt_out_once(db):
    service = _service()
    Contact.create(phone="+33612345678", name="Alice")
    taken = service.check(ContactForm(phone="06 12 34 56 78", fields="city: Lyon\noops"), "FR")
    assert taken["phone"].code == "phone_taken" and taken["phone"].args == ("+33612345678", "Alice")
    assert taken["fields"].args == ("2",)
    assert service.check(ContactForm(phone="12"), "FR")["phone"].code == "phone_invalid"

    form = ContactForm(name=" Zoé ", phone="07 81 23 45 67", tags="vip, vip, lyon",
                       fields="city: Lyon", opted_out=True)
    zoe = service.save(form, "FR")
    assert (zoe.name, zoe.phone, zoe.tags, zoe.fields) == ("Zoé", "+33781234567", ["vip", "lyon"],
                                                           {"city": "Lyon"})
    assert zoe.opted_out and zoe.opted_out_at == T0
    service.clock.advance(60)
    again = service.save(ContactForm.from_contact(zoe), "FR")
    assert again.opted_out_at == T0  # still opted out: not stamped again
    assert service.set_opted_out(zoe.id, False) is True
    assert not Contact.get_by_id(zoe.id).opted_out


def test_pages_follow_the_filter_and_delete_removes(db):
    service = _service()
    for i in range(7):
        Contact.create(phone=f"+3361234567{i}", name=f"C{i}", tags=["even"] if i % 2 == 0 else [])
    first = service.page(None, 3, tag="even")
    assert [c.name for c in first] == ["C0", "C2", "C4"]
    assert [c.name for c in service.page(first[-1].id, 3, tag="even")] == ["C6"]
    assert service.total(search="45673") == 1 and service.total(search="c") == 7
    assert service.delete([first[0].id, first[1].id]) == 2
    assert service.count() == 5


def test_demo_contacts_only_on_a_new_sandbox_profile(db):
    service = _service()
    assert service.seed_demo_contacts(use_sandbox=False) == 0
    assert service.seed_demo_contacts(use_sandbox=True) == 8
    assert service.seed_demo_contacts(use_sandbox=True) == 0
    assert service.all_tags() == ["demo"]


def test_a_rejected_number_carries_the_plus_advice(db, tmp_path):
    path = tmp_path / "uk.csv"
    path.write_text("phone\n447911123456\n", "utf-8")
    report = _service().import_csv(path, "FR")
    assert [(r.line, r.reason) for r in report.rejected] == [
        (2, "'447911123456': too long; did you mean +44 7911 123456?")]
    assert report.rejected[0].check.suggestion_valid
    problem = _service().check(ContactForm(phone="447911123456"), "FR")["phone"]
    assert problem.code == "phone_invalid" and "did you mean +44 7911 123456?" in problem.message
