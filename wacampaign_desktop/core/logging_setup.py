"""Logging: a rotating file in the per-user log folder, one logger per module, secrets masked."""

from __future__ import annotations

import logging
import logging.handlers
import sys
from pathlib import Path

from wacampaign_desktop.core.redaction import RedactingFilter

FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"
# Loggers that write one INFO line per webhook. Every webhook is already kept in the webhook log
# (database, Activity view), so at INFO these lines only cost time on the hot path (~0.3-0.5 ms
# of CPU per callback: record, redaction, rotating-file write; measured with
# bench/webhook_ingest.py) and push everything else out of the 2 MB log within seconds of a
# campaign burst. Warnings (rejected signatures, throttling) still go through; --verbose shows all.
PER_WEBHOOK_LOGGERS = ("wacampaign_desktop.core.webhooks.handling",)
_configured_file: Path | None = None


class _ConsoleHandler(logging.StreamHandler):
    """Writes to whatever `sys.stderr` is at the time (a windowed build has none; a test
    harness swaps it), so the handler never holds on to a closed stream."""

    @property  # type: ignore[override]
    def stream(self):  # type: ignore[no-untyped-def]
        return sys.stderr

    @stream.setter
    def stream(self, value) -> None:  # type: ignore[no-untyped-def]
        pass

    def emit(self, record: logging.LogRecord) -> None:
        if sys.stderr is not None:
            super().emit(record)


def configure_logging(log_file: Path | None, *, verbose: bool = False, console: bool = False) -> None:
    """Install the rotating file handler (and optionally one stderr handler), both masking
    secrets. Safe to call more than once: handlers are replaced, not stacked."""
    global _configured_file
    root = logging.getLogger()
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    redactor = RedactingFilter()
    if log_file is not None and log_file != _configured_file:
        for handler in list(root.handlers):
            if getattr(handler, "_wacampaign", False):
                root.removeHandler(handler)
                handler.close()
        log_file.parent.mkdir(parents=True, exist_ok=True)
        file_handler = logging.handlers.RotatingFileHandler(
            log_file, maxBytes=2_000_000, backupCount=5, encoding="utf-8"
        )
        file_handler.setFormatter(logging.Formatter(FORMAT))
        file_handler.addFilter(redactor)
        file_handler._wacampaign = True  # type: ignore[attr-defined]
        root.addHandler(file_handler)
        _configured_file = log_file
    if console:
        for handler in list(root.handlers):
            if isinstance(handler, _ConsoleHandler):
                root.removeHandler(handler)
        stream = _ConsoleHandler()
        stream.setLevel(logging.DEBUG if verbose else logging.WARNING)
        stream.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
        stream.addFilter(redactor)
        root.addHandler(stream)
    for noisy in ("twilio.http_client", "urllib3", "waitress.queue"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    for name in PER_WEBHOOK_LOGGERS:
        logging.getLogger(name).setLevel(logging.NOTSET if verbose else logging.WARNING)
