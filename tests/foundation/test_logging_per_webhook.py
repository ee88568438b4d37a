"""The log file keeps what a person needs, not one line per webhook (those are in the webhook
log): warnings about webhooks still reach it, and --verbose shows every line."""

from __future__ import annotations

import logging

import pytest

from wacampaign_desktop.core.logging_setup import configure_logging

HANDLING = "wacampaign_desktop.core.webhooks.handling"


@pytest.fixture
def restore_logging():
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    for handler in list(root.handlers):
        if handler not in handlers:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)
    logging.getLogger(HANDLING).setLevel(logging.NOTSET)


def _flush() -> None:
    for handler in logging.getLogger().handlers:
        handler.flush()


def test_per_webhook_lines_stay_out_of_the_log_file_but_warnings_do_not(tmp_path, restore_logging):
    log_file = tmp_path / "quiet" / "app.log"
    configure_logging(log_file)
    logging.getLogger(HANDLING).info("Twilio Status Callback: SM1 delivered (applied)")
    logging.getLogger(HANDLING).warning("Rejected Twilio webhook on /status: signature does not match")
    logging.getLogger("wacampaign_desktop.core.webhooks.server").info("Webhook server listening")
    _flush()
    text = log_file.read_text("utf-8")
    assert "Twilio Status Callback" not in text
    assert "Rejected Twilio webhook" in text
    assert "Webhook server listening" in text


def test_verbose_logs_every_webhook(tmp_path, restore_logging):
    log_file = tmp_path / "verbose" / "app.log"
    configure_logging(log_file, verbose=True)
    logging.getLogger(HANDLING).info("Twilio Status Callback: SM2 read (applied)")
    _flush()
    assert "Twilio Status Callback: SM2 read" in log_file.read_text("utf-8")
