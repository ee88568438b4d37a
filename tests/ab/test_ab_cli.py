"""`campaign ab ID` shows each version's rates and the test; `campaign winner ID VERSION`
releases the recipients held for the winner with that version's text."""

from __future__ import annotations

import json

import pytest

from tests.cli.helpers import run
from wacampaign_desktop.core.app_context import AppContext
from wacampaign_desktop.core.engine import ab_flow
from wacampaign_desktop.core.engine.recipients import prepare_rows
from wacampaign_desktop.core.store import message_updates as mu
from wacampaign_desktop.core.store.models import Campaign, CampaignMessage, Contact


@pytest.fixture
def profile(tmp_path):
    folder = tmp_path / "profile"
    context = AppContext.open(folder)
    try:
        for i in range(10):
            Contact.create(phone=f"+3364000{i:04d}", name=f"C{i}")
        campaign = Campaign.create(
            name="T", body="Alpha {{name}}", variants=[{"name": "B", "body": "Beta {{name}}"}],
            state="paused", ab_test={"test_share": 0.2, "wait_minutes": 60, "metric": "read"})
        prep = prepare_rows(campaign)
        ab_flow.hold_rest(campaign, prep)
        mu.insert_messages(campaign.id, prep.recipients)
        campaign_id = campaign.id
    finally:
        context.close()
    return str(folder), campaign_id


def test_ab_and_winner(profile, capsys):
    data_dir, campaign_id = profile
    code, out, _ = run(capsys, "campaign", "ab", str(campaign_id), "--json", "--data-dir", data_dir)
    data = json.loads(out)
    assert code == 0 and [v["name"] for v in data["versions"]] == ["A", "B"]
    assert (data["test_then_winner"], data["phase"], data["winner"]) == (True, "testing", None)

    code, out, _ = run(capsys, "campaign", "winner", str(campaign_id), "b", "--data-dir", data_dir)
    assert code == 0 and "version B goes to the 8 other recipient(s)" in out
    code, _, err = run(capsys, "campaign", "winner", str(campaign_id), "A", "--data-dir", data_dir)
    assert code != 0 and "already sent version B" in err
    context = AppContext.open(data_dir)
    try:
        rest = [m for m in CampaignMessage.select() if m.next_attempt_at is None
                and m.variant == "B" and m.message.startswith("Beta")]
        assert len(rest) >= 8
        assert Campaign.get_by_id(campaign_id).ab_test["decided_by"] == "user"
    finally:
        context.close()
