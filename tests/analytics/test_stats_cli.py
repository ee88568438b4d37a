"""`campaign stats ID [--json]`: the same figures as the Analytics view, per variant too, with
the A/B sentence; a clear one-line error for a campaign that does not exist."""

from __future__ import annotations

import json

from tests.analytics.helpers import recount, seeded_campaign
from tests.cli.helpers import run
from wacampaign_desktop.core.app_context import AppContext
from wacampaign_desktop.core.services.analytics import AnalyticsService


def _seed(folder) -> tuple[int, dict, str]:
    ctx = AppContext.open(folder, log_to_file=False)
    try:
        campaign_id = seeded_campaign(count=300, variants=("A", "B"), read_bias={"B": 0.7})
        ref = recount(campaign_id)
        report = AnalyticsService(ctx).report(campaign_id)
        from wacampaign_desktop.core.ab_stats import sentence

        return campaign_id, ref, sentence(report.comparisons[0])
    finally:
        ctx.close()


def test_stats_json_and_human(tmp_path, capsys):
    folder = tmp_path / "profile"
    campaign_id, ref, headline = _seed(folder)
    code, out, err = run(capsys, "campaign", "stats", str(campaign_id), "--json",
                         "--data-dir", str(folder))
    assert code == 0, err
    data = json.loads(out)
    funnel = data["funnel"]
    assert (funnel["sent"], funnel["delivered"], funnel["read"], funnel["replied"]) == (
        ref["sent"], ref["delivered"], ref["read"], ref["replied"])
    assert funnel["rates"]["read"] == ref["read"] / ref["sent"]
    assert {f["code"]: f["count"] for f in data["failures"]} == ref["codes"]
    assert [v["name"] for v in data["variants"]] == ["A", "B"]
    assert data["comparisons"][0]["sentence"] == headline
    assert data["time_to_read"]["count"] == ref["read"]

    code, out, err = run(capsys, "campaign", "stats", str(campaign_id), "--data-dir", str(folder))
    assert code == 0, err
    assert f"sent {ref['sent']}" in out and "VARIANT" in out and headline in out
    assert "failures by error code" in out and "63016" in out


def test_stats_of_a_missing_campaign_says_so(tmp_path, capsys):
    folder = tmp_path / "profile"
    AppContext.open(folder, log_to_file=False).close()
    code, _out, err = run(capsys, "campaign", "stats", "42", "--data-dir", str(folder))
    assert code != 0 and "there is no campaign 42" in err and "Traceback" not in err
