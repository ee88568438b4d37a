"""`campaign alerts ID`: a campaign's own thresholds over the settings', read by the monitor."""

from __future__ import annotations

import json

from tests.cli.helpers import run
from wacampaign_desktop.core.alerts_monitor import campaign_thresholds
from wacampaign_desktop.core.app_context import AppContext
from wacampaign_desktop.core.store.models import Campaign


def test_campaign_thresholds_set_shown_and_cleared(tmp_path, capsys):
    folder = tmp_path / "profile"
    context = AppContext.open(folder)
    campaign_id = Campaign.create(name="T", body="x").id
    context.close()
    data_dir = str(folder)

    code, out, _ = run(capsys, "campaign", "alerts", str(campaign_id), "--failure-rate", "25",
                       "--silence", "0", "--data-dir", data_dir)
    assert code == 0
    assert "more than 25% of the last 50 failed" in out and "no callback for ever (off)" in out
    code, out, _ = run(capsys, "campaign", "alerts", str(campaign_id), "--json",
                       "--data-dir", data_dir)
    assert json.loads(out)["own"] == {"failure_rate": 0.25, "silence_minutes": 0.0}
    code, _, err = run(capsys, "campaign", "alerts", str(campaign_id), "--window", "0",
                       "--data-dir", data_dir)
    assert code != 0 and "window: 0 must be between 1 and 10000" in err
    context = AppContext.open(folder)
    try:
        assert campaign_thresholds(campaign_id) == {"failure_rate": 0.25, "silence_minutes": 0.0}
    finally:
        context.close()
    code, out, _ = run(capsys, "campaign", "alerts", str(campaign_id), "--clear",
                       "--data-dir", data_dir)
    assert code == 0 and "(the settings)" in out
