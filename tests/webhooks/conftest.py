"""A real WebhookServer on an ephemeral port over the test's SQLite file."""

from __future__ import annotations

import pytest

from tests.webhooks.helpers import TOKEN, Client
from wacampaign_desktop.core.webhooks import WebhookServer


@pytest.fixture
def server(db, bus):
    srv = WebhookServer(bus, lambda: TOKEN, host="127.0.0.1", port=0)
    srv.start()
    yield srv
    srv.stop()


@pytest.fixture
def client(server):
    c = Client(server.local_base_url)
    yield c
    c.close()
