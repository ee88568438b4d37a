"""`campaign export` keeps a stable machine format whatever the computer's language, `--excel`
writes the spreadsheet one (BOM, words, the error explained beside its code, local times to the
second); `campaign list` and `campaign messages` read through the same queries as the window."""

from __future__ import annotations

import csv
import json
from datetime import UTC, datetime

import pytest

from tests.cli.helpers import run
from wacampaign_desktop.core.app_context import AppContext
from wacampaign_desktop.core.services.message_export import MACHINE_COLUMNS, SheetStyle
from wacampaign_desktop.core.store import message_updates as mu
from wacampaign_desktop.core.store.models import Campaign, CampaignMessage, Contact

SENT = datetime(2026, 3, 1, 9, 15, 42, 123456)


@pytest.fixture
def profile(tmp_path):
    """A profile with two campaigns; the second has a read and a failed (63016) message."""
    folder = tmp_path / "profile"
    context = AppContext.open(folder)
    try:
        Campaign.create(name="Older", body="Hi", created_at=datetime(2026, 1, 1))
        campaign = Campaign.create(name="Spring", body="Hello", created_at=datetime(2026, 2, 1))
        ana = Contact.create(phone="+33612345670", name="Ana")
        bob = Contact.create(phone="+33612345671", name="Bob")
        mu.insert_messages(campaign.id, [
            {"phone": ana.phone, "contact": ana.id, "message": "Hello Ana"},
            {"phone": bob.phone, "contact": bob.id, "message": "Hello Bob"}])
        first, second = CampaignMessage.select().order_by(CampaignMessage.id)
        for message, sid, status, code in ((first, "SM" + "1" * 32, "read", None),
                                           (second, "SM" + "2" * 32, "failed", 63016)):
            mu.transition(message, "sending")
            mu.record_sid(message, sid, "queued")
            mu.apply_status(sid, status, error_code=code)
        CampaignMessage.update(sent_at=SENT).where(CampaignMessage.id == first.id).execute()
    finally:
        context.close()
    return str(folder), campaign.id


def test_machine_format_is_stable(tmp_path, profile, capsys):
    data_dir, campaign_id = profile
    target = tmp_path / "machine.csv"
    code, out, _ = run(capsys, "campaign", "export", str(campaign_id), str(target),
                       "--data-dir", data_dir)
    assert code == 0 and out.strip() == f"2 message(s) written to {target}"
    raw = target.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    header, *rows = list(csv.reader(raw.decode("utf-8").splitlines()))
    assert tuple(header) == MACHINE_COLUMNS
    read, failed = (dict(zip(header, row, strict=True)) for row in rows)
    assert (read["phone"], read["status"], read["sent_at"]) == (
        "+33612345670", "read", "2026-03-01 09:15:42.123456")  # stored UTC, as before
    assert (failed["status"], failed["error_code"]) == ("failed", "63016")


def test_excel_format_for_a_spreadsheet(tmp_path, profile, capsys):
    data_dir, campaign_id = profile
    target = tmp_path / "sheet.csv"
    code, _, _ = run(capsys, "campaign", "export", str(campaign_id), str(target), "--excel",
                     "--data-dir", data_dir)
    assert code == 0
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    delimiter = ";" if text.splitlines()[0].count(";") > 3 else ","
    header, *rows = list(csv.reader(text.splitlines(), delimiter=delimiter))
    assert header[:5] == ["Phone", "Name", "Status", "Error code", "Error"]
    read, failed = (dict(zip(header, row, strict=True)) for row in rows)
    assert (read["Name"], read["Status"]) == ("Ana", "Read")
    local = SENT.replace(tzinfo=UTC).astimezone()
    assert read["Sent"] == local.strftime("%Y-%m-%d %H:%M:%S")  # local time, to the second
    assert failed["Error code"] == "63016"
    assert failed["Error"] == ("Outside the 24-hour window – Free text can only be sent within "
                               "24 hours of the contact's last message.")


def test_spreadsheet_convention_follows_the_locale():
    assert SheetStyle.for_language("fr_FR") == SheetStyle(delimiter=";", bom=True)
    assert SheetStyle.for_language("de-CH").delimiter == ";"
    assert SheetStyle.for_language("en_US") == SheetStyle(delimiter=",", bom=True)
    assert SheetStyle.for_decimal_point(",").delimiter == ";"


def test_list_and_messages_read_through_the_shared_queries(profile, capsys):
    data_dir, campaign_id = profile
    code, out, _ = run(capsys, "campaign", "list", "--json", "--data-dir", data_dir)
    listed = json.loads(out)
    assert [c["name"] for c in listed] == ["Older", "Spring"]  # creation order, as before
    assert listed[1]["counters"]["total"] == 2 and set(listed[1]) == {"id", "name", "state",
                                                                      "counters"}
    code, out, _ = run(capsys, "campaign", "messages", str(campaign_id), "--status", "failed",
                       "--json", "--data-dir", data_dir)
    messages = json.loads(out)
    assert len(messages) == 1 and tuple(messages[0]) == MACHINE_COLUMNS
    assert messages[0]["error_code"] == 63016 and messages[0]["message"] == "Hello Bob"
    code, _, err = run(capsys, "campaign", "export", "99", "x.csv", "--data-dir", data_dir)
    assert code != 0 and err.strip().splitlines()[-1] == "error: there is no campaign 99"
