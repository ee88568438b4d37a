"""`database migrate --to postgresql://…`: a SQLite profile moved into an empty PostgreSQL
database, checked (rows per table, counters = recount), refused when the target is not empty;
`--use` then opens the profile on PostgreSQL with the same data."""

from __future__ import annotations

import pytest

from tests.cli.helpers import run
from wacampaign_desktop.core.app_context import AppContext
from wacampaign_desktop.core.store import message_updates as mu
from wacampaign_desktop.core.store.models import (
    Campaign,
    CampaignMessage,
    Contact,
    InboundMessage,
    WebhookEvent,
)


def _fill(context: AppContext) -> int:
    """A profile with contacts, a campaign whose messages are in every state, a reply, a log row."""
    contacts = [Contact.create(phone=f"+3361234{i:04d}", name=f"C{i}", tags=["vip"] if i % 2 else [],
                               is_demo=bool(i % 3 == 0)) for i in range(30)]
    campaign = Campaign.create(name="Soldes", body="Bonjour {{name}}", state="sending")
    statuses = ["pending", "queued", "sent", "delivered", "read", "failed", "undelivered"]
    mu.insert_messages(campaign.id, [
        {"phone": c.phone, "contact": c.id, "message": "Bonjour", "status": statuses[i % 7],
         "twilio_sid": None if i % 7 == 0 else f"SM{i:032d}"} for i, c in enumerate(contacts)])
    first = CampaignMessage.select().where(CampaignMessage.status == "read").first()
    mu.mark_replied(first)
    InboundMessage.create(message_sid="SM" + "f" * 32, from_number="whatsapp:" + first.phone,
                          body="Merci", campaign_message=first.id)
    WebhookEvent.create(kind="status", sid=first.twilio_sid, status="read", params={"a": "b"},
                        signature_valid=True, outcome="applied")
    return campaign.id


def test_migrate_copies_everything_checks_it_and_the_profile_then_uses_it(
        context, make_pg_database, capsys):
    campaign_id = _fill(context)
    counters = mu.campaign_counters(campaign_id)
    assert counters == mu.recount(campaign_id)
    folder = context.paths.data_dir
    context.close()
    url = make_pg_database(empty=True)

    code, out, _ = run(capsys, "--data-dir", str(folder), "database", "migrate", "--to", url,
                       "--use")

    assert code == 0, out
    assert "campaign_message" in out and "Every check passed." in out
    contact_line = next(line for line in out.splitlines() if line.split()[:1] == ["contact"])
    assert contact_line.split()[1:] == ["30", "→", "30", "ok"]
    moved = AppContext.open(folder, log_to_file=False)
    try:
        assert moved.engine == "postgresql"
        assert moved.settings.database_url == url
        assert Contact.select().count() == 30
        assert Contact.select().where(Contact.is_demo).count() == 10
        assert mu.campaign_counters(campaign_id) == counters == mu.recount(campaign_id)
        # the sequences were moved past the copied ids: new rows get new ids
        new = Contact.create(phone="+33699999999", name="New")
        assert new.id == 31
        assert Campaign.create(name="Next").id == campaign_id + 1
    finally:
        moved.close()


def test_migrate_refuses_a_database_that_is_not_empty(context, make_pg_database, capsys):
    _fill(context)
    folder = context.paths.data_dir
    context.close()
    url = make_pg_database()  # already holds the app's tables

    code, _, err = run(capsys, "--data-dir", str(folder), "database", "migrate", "--to", url)

    assert code == 2
    assert "not empty" in err and "nothing was written" in err


def test_set_password_keeps_it_out_of_settings_and_out_of_the_report(tmp_path, capsys,
                                                                       monkeypatch):
    import io

    folder = tmp_path / "p"
    monkeypatch.setattr("sys.stdin", io.StringIO("s3cret-pw\n"))
    code, out, _ = run(capsys, "--data-dir", str(folder), "database", "set-password")
    assert code == 0 and "s3cret-pw" not in out
    from wacampaign_desktop.core.app_context import profile_secrets
    from wacampaign_desktop.core.paths import AppPaths
    from wacampaign_desktop.core.secrets import DATABASE_PASSWORD

    assert profile_secrets(folder).get(DATABASE_PASSWORD) == "s3cret-pw"
    for path in AppPaths.for_data_dir(folder).data_dir.rglob("*"):
        if path.is_file() and path.name != "secrets.json":
            assert b"s3cret-pw" not in path.read_bytes(), path


@pytest.mark.parametrize("url, words", [
    ("postgresql://bob:pw@db.example.com/app", "must not contain the password"),
    ("mysql://bob@db/app", "postgresql://"),
])
def test_a_database_url_setting_with_a_password_or_another_engine_is_refused(url, words):
    from wacampaign_desktop.core.settings import Settings, SettingsError

    with pytest.raises(SettingsError, match=words):
        Settings(database_url=url).validate()
