"""Phones, CSV import/export, rendering and recipient selection, on a real SQLite file."""

from __future__ import annotations

import json

import pytest
from engine_helpers import make_campaign, make_contacts

from wacampaign_desktop.core.contacts_csv import CsvImportError, export_contacts, import_contacts
from wacampaign_desktop.core.engine.engine import CampaignEngine
from wacampaign_desktop.core.engine.lifecycle import EngineError
from wacampaign_desktop.core.engine.recipients import prepare_rows
from wacampaign_desktop.core.engine.rendering import RenderError, render
from wacampaign_desktop.core.phones import InvalidPhone, check_phone, to_e164
from wacampaign_desktop.core.store.models import Campaign, Contact, utcnow


def test_phones_e164_with_reasons():
    assert to_e164("06 12 34 56 78", "FR") == "+33612345678"
    assert to_e164("0033 6 12 34 56 78", "FR") == "+33612345678"
    assert to_e164("whatsapp:+14155238886") == "+14155238886"
    assert "too short" in check_phone("+33 6 12").reason
    assert "not a phone number" in check_phone("n/a").reason
    assert "country code" in check_phone("612345678", "").reason
    with pytest.raises(InvalidPhone, match="empty"):
        to_e164("  ")


def test_csv_import_finds_columns_reports_bad_rows_and_updates(db, tmp_path):
    path = tmp_path / "c.csv"
    path.write_text(
        "Prénom;Nom;Numéro de téléphone;Ville;Étiquettes\n"
        "Alice;Martin;06 12 34 56 78;Lyon;vip, lyon\n"
        "Bob;;abc;Paris;\n"
        "\n"
        "Carl;Durand;+33 6 11 22 33 44;;\n"
        "Alice bis;;0612345678;;\n"
        "Dan;;+33 6 1;;\n", "utf-8")
    report = import_contacts(path, "FR", extra_tags=["import"])
    assert (report.imported, report.updated) == (2, 0)
    assert [(r.line, r.reason) for r in report.rejected] == [
        (3, "'abc': not a phone number"), (6, "same phone number as line 2"),
        (7, "'+33 6 1': too short")]
    alice = Contact.get(Contact.phone == "+33612345678")
    assert alice.name == "Alice Martin"
    assert alice.fields == {"Ville": "Lyon"}
    assert alice.tags == ["vip", "lyon", "import"]

    again = tmp_path / "again.csv"
    again.write_text("name,mobile,city\nAlice M.,+33612345678,Lyon 2\n", "utf-8")
    report = import_contacts(again, "FR")
    assert (report.imported, report.updated, report.rejected) == (0, 1, [])
    alice = Contact.get(Contact.phone == "+33612345678")
    assert alice.name == "Alice M." and alice.fields == {"Ville": "Lyon", "city": "Lyon 2"}

    out = tmp_path / "out.csv"
    assert export_contacts(out) == 2
    Contact.delete().execute()
    report = import_contacts(out, "FR")
    assert report.imported == 2 and not report.rejected
    assert Contact.get(Contact.phone == "+33612345678").tags == ["vip", "lyon", "import"]


def test_csv_without_phone_column_is_refused_whole(db, tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("name,city\nA,B\n", "utf-8")
    with pytest.raises(CsvImportError, match="no phone column"):
        import_contacts(path)


def test_render_text_and_template():
    out = render(body="Bonjour {{ name }}, {{City}}!", content_sid=None, variables=None,
                 contact_id=1, name="Ana", phone="+33612345678", custom={"city": "Lyon"})
    assert out.body == "Bonjour Ana, Lyon!"
    out = render(body="", content_sid="HX1", variables={"1": "name", "2": "Code {{code}}"},
                 contact_id=1, name="Ana", phone="+3361", custom={"code": "42"})
    assert out.content_variables == {"1": "Ana", "2": "Code 42"}
    assert json.loads(json.dumps(out.content_variables)) == {"1": "Ana", "2": "Code 42"}
    with pytest.raises(RenderError) as err:
        render(body="Hi {{city}}", content_sid=None, variables=None, contact_id=7,
               name="Ana", phone="+33612345678", custom={})
    assert err.value.problems[0].contact_id == 7
    assert "{{city}} has no value for 1 contact(s): +33612345678" in str(err.value)


def test_recipients_skip_opted_out_and_invalid_and_dedupe(db):
    make_contacts(4, tags=["vip"])
    Contact.create(phone="+3361", name="Broken", tags=["vip"])
    Contact.update(opted_out_at=utcnow()).where(Contact.phone == "+33610000001").execute()
    Contact.create(phone="+33620000000", name="Not vip", tags=["other"])
    campaign = make_campaign(audience={"kind": "tag", "tag": "VIP"})
    prep = prepare_rows(campaign)
    assert [r["phone"] for r in prep.recipients] == ["+33610000000", "+33610000002", "+33610000003"]
    reasons = {r["phone"]: r["error_message"] for r in prep.skipped}
    assert reasons["+33610000001"].startswith("opted out")
    assert reasons["+3361"].startswith("invalid number")

    ids = [c.id for c in Contact.select().order_by(Contact.id)]
    listed = make_campaign(audience={"kind": "list", "contact_ids": [ids[0], ids[0], ids[2]]})
    assert [r["phone"] for r in prepare_rows(listed).recipients] == ["+33610000000", "+33610000002"]


def test_variants_alternate_and_split_by_weight(db):
    make_contacts(8)
    campaign = make_campaign(body="A {{name}}", variants=[{"body": "B {{name}}"}])
    rows = prepare_rows(campaign).recipients
    assert [r["variant"] for r in rows] == ["A", "B"] * 4
    assert rows[1]["message"] == "B Client 1"
    weighted = make_campaign(variants=[{"body": "B", "weight": 3}])
    names = [r["variant"] for r in prepare_rows(weighted).recipients]
    assert names.count("B") == 6 and names.count("A") == 2


def test_campaign_that_cannot_start_names_contacts_and_placeholder(db):
    make_contacts(3)
    Contact.update(fields={"city": "Lyon"}).where(Contact.phone == "+33610000000").execute()
    campaign = make_campaign(body="Hi {{name}} in {{city}}")
    engine = CampaignEngine(None, None, _settings(), lambda: None, db=db, default_sender="whatsapp:+1")
    with pytest.raises(EngineError) as err:
        engine.start_campaign(campaign.id)
    assert "{{city}} has no value for 2 contact(s): +33610000001, +33610000002" in str(err.value)
    assert Campaign.get_by_id(campaign.id).state == "draft"
    assert Campaign.get_by_id(campaign.id).total_count == 0


def _settings():
    from wacampaign_desktop.core.settings import Settings

    return Settings()
