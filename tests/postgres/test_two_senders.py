"""Two processes send the same 1,000-recipient campaign on one PostgreSQL database: the sandbox's
own count shows every recipient sent exactly once, and both processes did send (each message's
status callback names the process that sent it). While a process feeds the campaign, the
campaign says who is sending it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from wacampaign_desktop.core.app_context import AppContext
from wacampaign_desktop.core.runtime import API_URL_ENV
from wacampaign_desktop.core.sandbox import DEFAULT_SENDER, SandboxConfig, SandboxServer
from wacampaign_desktop.core.secrets import TWILIO_AUTH_TOKEN
from wacampaign_desktop.core.services.queries import Queries
from wacampaign_desktop.core.store import message_updates as mu
from wacampaign_desktop.core.store.models import Campaign, CampaignMessage, Contact

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def sandbox():
    server = SandboxServer(SandboxConfig(seed=21, step_latency=0.01))
    server.start()
    yield server
    server.stop()


def _profile(folder: Path, url: str, sandbox: SandboxServer, recipients: int) -> int:
    """A live profile on `url` pointing at the sandbox, with a draft campaign to `recipients`."""
    ctx = AppContext.open(folder, log_to_file=False, database_url=url)
    try:
        ctx.settings.use_sandbox = False
        ctx.settings.twilio_account_sid = sandbox.account_sid
        ctx.settings.sender = DEFAULT_SENDER
        ctx.settings.webhook_port = 0
        ctx.settings.window_guard = False  # free text to contacts who never wrote: the sandbox takes it
        ctx.settings.database_url = url
        ctx.save_settings()
        ctx.secrets.set(TWILIO_AUTH_TOKEN, sandbox.auth_token)
        rows = [{"phone": f"+3362{i:07d}", "name": f"Client {i}"} for i in range(recipients)]
        for start in range(0, len(rows), 500):
            Contact.insert_many(rows[start:start + 500]).execute()
        if not recipients:
            return 0
        return Campaign.create(name="Both", body="Hello {{name}}", send_rate=100.0).id
    finally:
        ctx.close()


def _send(folder: Path, campaign_id: int, sandbox: SandboxServer) -> subprocess.Popen:
    env = {**os.environ, API_URL_ENV: sandbox.base_url, "WACAMPAIGN_SECRET_BACKEND": "file"}
    return subprocess.Popen(
        [sys.executable, "-m", "wacampaign_desktop", "campaign", "send", str(campaign_id),
         "--wait", "--yes", "--json", "--data-dir", str(folder)],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_two_processes_send_each_recipient_exactly_once(tmp_path, make_pg_database, sandbox,
                                                        wait_until):
    url = make_pg_database()
    desks = [tmp_path / "desk-1", tmp_path / "desk-2"]  # two computers' profiles, one database
    campaign_id = _profile(desks[0], url, sandbox, 1000)
    _profile(desks[1], url, sandbox, 0)
    ctx = AppContext.open(desks[0], log_to_file=False)  # the test watches the shared database
    try:
        first = _send(desks[0], campaign_id, sandbox)
        wait_until(lambda: Campaign.get_by_id(campaign_id).sending_owner, 60,
                   "the first process feeds the campaign")
        owner = Campaign.get_by_id(campaign_id).sending_owner
        assert Campaign.get_by_id(campaign_id).state == "sending"
        assert owner.endswith(f"pid {first.pid}")
        # the window of a third process (this one) says who sends it
        assert Queries(ctx).campaign(campaign_id).sent_by == owner
        second = _send(desks[1], campaign_id, sandbox)
        outputs = [process.communicate(timeout=240) for process in (first, second)]
        for process, (out, err) in zip((first, second), outputs, strict=True):
            assert process.returncode == 0, err[-2000:]
            assert json.loads(out)["state"] == "completed"

        sends = sandbox.send_counts()
        assert len(sends) == 1000 and set(sends.values()) == {1}
        callback_hosts = {m.status_callback.split("/webhooks")[0] for m in sandbox.messages()}
        assert len(callback_hosts) == 2, "both processes sent part of the campaign"
        assert CampaignMessage.select().where(CampaignMessage.twilio_sid.is_null()).count() == 0
        assert mu.campaign_counters(campaign_id) == mu.recount(campaign_id)
        assert Campaign.get_by_id(campaign_id).sending_owner is None  # both let go at the end
    finally:
        ctx.close()
