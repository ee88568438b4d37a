"""The fake ngrok agent as an executable, and a real webhook server for it to forward to."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from wacampaign_desktop.core.webhooks import WebhookServer

FAKE = Path(__file__).with_name("fake_ngrok.py")


def make_fake_ngrok(folder: Path) -> Path:
    """An executable named `ngrok` that runs fake_ngrok.py with this Python."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "ngrok"
    path.write_text(f'#!/bin/sh\nexec "{sys.executable}" "{FAKE}" "$@"\n')
    path.chmod(path.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return path


@pytest.fixture
def fake_ngrok(tmp_path):
    if os.name != "posix":
        pytest.skip("the fake ngrok wrapper is a shell script")
    return make_fake_ngrok(tmp_path / "bin")


@pytest.fixture
def webhooks(db, bus):
    server = WebhookServer(bus, lambda: "tunnel-test-token", port=0)
    server.start()
    yield server
    server.stop()
