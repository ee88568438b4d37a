"""Secrets stay out of logs, the database, settings and user-facing errors; bad settings are
named, and a broken settings file is set aside rather than lost."""

from __future__ import annotations

import json
import logging
import os
import stat

import pytest

from wacampaign_desktop.core.app_context import AppContext
from wacampaign_desktop.core.redaction import redact
from wacampaign_desktop.core.secrets import NGROK_AUTHTOKEN, TWILIO_AUTH_TOKEN
from wacampaign_desktop.core.settings import (
    Settings,
    SettingsError,
    load_settings,
    save_settings,
    settings_from_dict,
)
from wacampaign_desktop.core.store.models import WebhookEvent

TOKEN = "9f8e7d6c5b4a39281706f5e4d3c2b1a0"
NGROK = "2abcDEFghiJKLmnoPQRstuVWXyz_3ABCdefGHIjklMNOpq"


def _flush():
    for handler in logging.getLogger().handlers:
        handler.flush()


def test_secrets_never_reach_the_log_file(context):
    context.secrets.set(TWILIO_AUTH_TOKEN, TOKEN)
    context.secrets.set(NGROK_AUTHTOKEN, NGROK)
    log = logging.getLogger("wacampaign_desktop.test")
    log.warning("calling Twilio with token %s", TOKEN)
    log.error("ngrok said: authtoken %s is invalid", NGROK)
    try:
        raise RuntimeError(f"401 for https://AC123:{TOKEN}@api.twilio.com")
    except RuntimeError:
        log.exception("request failed")
    _flush()
    text = context.paths.log_file.read_text("utf-8")
    assert "calling Twilio with token ***" in text
    assert "request failed" in text and "RuntimeError" in text
    assert TOKEN not in text and NGROK not in text


def test_secrets_are_in_a_private_file_not_in_settings_or_database(context):
    context.secrets.set(TWILIO_AUTH_TOKEN, TOKEN)
    context.settings.twilio_account_sid = "AC" + "0" * 32
    context.save_settings()
    WebhookEvent.create(kind="status", params={"MessageSid": "SM1"}, outcome="applied")
    context.db.execute_sql("PRAGMA wal_checkpoint(FULL)")
    assert TOKEN not in context.paths.settings_file.read_text("utf-8")
    assert TOKEN.encode() not in context.paths.database_file.read_bytes()
    secret_file = context.paths.config_dir / "secrets.json"
    assert stat.S_IMODE(os.stat(secret_file).st_mode) == 0o600
    assert context.secrets.get(TWILIO_AUTH_TOKEN) == TOKEN


def test_the_file_fallback_is_announced_in_the_log(context):
    _flush()
    assert "No system keyring available" in context.paths.log_file.read_text("utf-8")


def test_user_facing_error_text_is_redacted():
    message = f"Authorization: Basic QUMxMjM6{TOKEN} failed; auth_token={TOKEN}"
    cleaned = redact(message)
    assert TOKEN not in cleaned and "QUMxMjM6" not in cleaned


def test_bad_settings_are_named():
    with pytest.raises(SettingsError) as error:
        settings_from_dict({"webhook_port": 70000, "tunnel_mode": "pigeon", "worker_threads": "four"})
    text = str(error.value)
    assert "worker_threads" in text


def test_invalid_values_name_the_setting():
    with pytest.raises(SettingsError, match="webhook_port.*tunnel_mode"):
        Settings(webhook_port=70000, tunnel_mode="pigeon").validate()
    with pytest.raises(SettingsError, match="twilio_account_sid"):
        Settings(twilio_account_sid="XX123").validate()


def test_settings_round_trip_and_corrupt_file_is_kept_aside(tmp_path):
    path = tmp_path / "settings.json"
    save_settings(Settings(webhook_port=9000, tunnel_mode="ngrok"), path)
    assert load_settings(path).webhook_port == 9000
    path.write_text("{ not json", "utf-8")
    assert load_settings(path) == Settings()
    assert (tmp_path / "settings.invalid.json").read_text("utf-8") == "{ not json"


def test_unknown_settings_are_ignored(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"webhook_port": 9100, "favourite_colour": "blue"}), "utf-8")
    assert load_settings(path).webhook_port == 9100


def test_a_profile_reopens_with_its_data(tmp_path):
    first = AppContext.open(tmp_path / "p")
    first.settings.webhook_port = 9200
    first.save_settings()
    first.close()
    second = AppContext.open(tmp_path / "p")
    assert second.settings.webhook_port == 9200
    second.close()


def test_console_logging_masks_secrets_and_is_not_stacked(capsys):
    from wacampaign_desktop.core.logging_setup import configure_logging
    from wacampaign_desktop.core.redaction import register_secret

    register_secret(TOKEN)
    configure_logging(None, console=True)
    configure_logging(None, console=True)  # a second command run in the same process
    logging.getLogger("wacampaign_desktop.test").warning("token is %s", TOKEN)
    err = capsys.readouterr().err
    assert err.count("token is ***") == 1 and TOKEN not in err
