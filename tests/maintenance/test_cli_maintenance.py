"""`maintenance` and `backup`/`restore` from the command line, on a real profile folder."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest

from tests.maintenance.helpers import fill_log
from wacampaign_desktop.cli import main
from wacampaign_desktop.core.app_context import AppContext
from wacampaign_desktop.core.settings import Settings, SettingsError
from wacampaign_desktop.core.store.models import Campaign


@pytest.fixture
def profile(tmp_path):
    folder = tmp_path / "profile"
    ctx = AppContext.open(folder, log_to_file=False)
    now = datetime.now()
    Campaign.create(name="kept", state="completed")
    fill_log(ctx.db, 300, at=now - timedelta(days=400))
    fill_log(ctx.db, 200, at=now - timedelta(days=40))
    fill_log(ctx.db, 100, at=now - timedelta(days=1))
    ctx.close()
    return folder


def _rows(folder):
    ctx = AppContext.open(folder, log_to_file=False)
    try:
        rows, full = ctx.db.execute_sql(
            "SELECT COUNT(*), COALESCE(SUM(params != 'null'), 0) FROM webhook_event").fetchone()
        return rows, full, Campaign.select().count()
    finally:
        ctx.close()


def test_dry_run_says_what_would_go_and_changes_nothing_then_prune_does_it(profile, capsys):
    assert main(["maintenance", "--data-dir", str(profile), "--prune", "--dry-run", "--json"]) == 0
    plan = json.loads(capsys.readouterr().out)
    assert (plan["to_delete"], plan["to_summarise"]) == (300, 200)
    assert _rows(profile) == (600, 600, 1)
    assert main(["maintenance", "--data-dir", str(profile), "--prune"]) == 0
    assert "200 rows summarised, 300 removed" in capsys.readouterr().out
    assert _rows(profile) == (300, 100, 1)
    assert main(["maintenance", "--data-dir", str(profile)]) == 0
    report = capsys.readouterr().out
    assert "Webhook log:" in report and "in 300 rows (200 summaries)" in report


def test_backup_then_restore_from_the_command_line(profile, tmp_path, capsys):
    copy = tmp_path / "copy.sqlite3"
    assert main(["backup", str(copy), "--data-dir", str(profile)]) == 0
    assert "integrity ok" in capsys.readouterr().out
    assert main(["maintenance", "--data-dir", str(profile), "--prune"]) == 0
    assert _rows(profile)[0] == 300
    assert main(["restore", str(copy), "--data-dir", str(profile)]) == 0
    assert "previous database is kept at" in capsys.readouterr().out
    assert _rows(profile) == (600, 600, 1)
    bad = tmp_path / "bad.sqlite3"
    bad.write_text("not a database")
    assert main(["restore", str(bad), "--data-dir", str(profile)]) == 2
    assert "Nothing was changed" in capsys.readouterr().err
    assert _rows(profile) == (600, 600, 1)


def test_retention_settings_are_validated_with_clear_messages():
    with pytest.raises(SettingsError, match="log_full_days: 0 must be more than 0"):
        Settings(log_full_days=0).validate()
    with pytest.raises(SettingsError, match="log_summary_days: 10 must be at least log_full_days"):
        Settings(log_full_days=30, log_summary_days=10).validate()
    with pytest.raises(SettingsError, match="auto_backup_keep"):
        Settings(auto_backup_keep=0).validate()
    Settings(log_full_days=0.002, log_summary_days=0.004).validate()  # minutes, for a bench
