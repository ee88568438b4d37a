"""`templates sync|list` and `campaign create --template … --var …` as a user types them."""

from __future__ import annotations

import json

import pytest

from tests.cli.helpers import run


@pytest.fixture
def profile(tmp_path, monkeypatch):
    monkeypatch.setenv("WACAMPAIGN_SECRET_BACKEND", "file")
    return ["--data-dir", str(tmp_path / "profile")]


def test_sync_then_list_then_create_a_template_campaign(capsys, profile):
    code, out, err = run(capsys, "templates", "list", *profile)
    assert code == 0 and "No templates yet: run 'wacampaign-desktop templates sync'" in out

    code, out, err = run(capsys, "templates", "sync", *profile)
    assert code == 0, err
    assert "10 template(s) synced from the sandbox (5 approved): 10 new" in out

    code, out, _ = run(capsys, "templates", "list", *profile)
    line = next(row for row in out.splitlines() if row.startswith("flash_offer"))
    assert "rejected" in line and "filed as UTILITY" in line
    code, out, _ = run(capsys, "templates", "list", "--json", "--approved", "--language", "fr",
                       *profile)
    listed = json.loads(out)
    assert {t["name"] for t in listed} == {"order_update", "spring_sale"}
    assert all(t["sendable"] and t["status"] == "approved" for t in listed)

    code, out, err = run(capsys, "campaign", "create", "--name", "Pickup", "--template",
                         "order_update", "--var", "1={{name}}", "--var", "2=Lyon", "--json",
                         *profile)
    assert code == 0, err
    campaign_id = json.loads(out)["id"]

    from wacampaign_desktop.core.app_context import AppContext
    from wacampaign_desktop.core.store.models import Campaign

    ctx = AppContext.open(profile[1])
    try:
        campaign = Campaign.get_by_id(campaign_id)
        assert campaign.content_variables == {"1": "{{name}}", "2": "Lyon"}
        assert campaign.content_sid.startswith("HX") and campaign.body == ""
    finally:
        ctx.close()


def test_create_refuses_unknown_unapproved_and_incomplete_templates(capsys, profile):
    assert run(capsys, "templates", "sync", *profile)[0] == 0
    create = ("campaign", "create", "--name", "X", *profile)

    code, _, err = run(capsys, *create, "--template", "no_such_thing")
    assert code == 2 and "no template named 'no_such_thing'" in err
    code, _, err = run(capsys, *create, "--template", "loyalty_points", "--var", "1={{name}}")
    assert code == 2 and "'loyalty_points' (en) is pending" in err
    assert "only approved templates can be sent" in err
    code, _, err = run(capsys, *create, "--template", "order_update", "--var", "1={{name}}")
    assert code == 2 and "needs a value for each placeholder: --var 2='…' (e.g. 'Lyon')" in err
    code, _, err = run(capsys, *create, "--template", "order_update", "--var", "1=a",
                       "--var", "2=b", "--var", "3=c")
    assert code == 2 and "--var 3: template 'order_update' has no {{3}}" in err
    code, _, err = run(capsys, *create, "--body", "Hi", "--var", "1=a")
    assert code == 2 and "use it with --template" in err


def test_sync_in_live_mode_reads_the_account_at_the_api_url(capsys, profile, monkeypatch):
    import io

    from wacampaign_desktop.core.sandbox import SandboxConfig, SandboxServer

    twilio = SandboxServer(SandboxConfig(seed=8, seed_templates=False))  # plays Twilio
    twilio.start()
    try:
        twilio.add_template("invoice_ready", "Hi {{1}}, invoice {{2}} is ready.",
                            category="UTILITY", variables={"1": "Marie", "2": "F-12"})
        monkeypatch.setattr("sys.stdin", io.StringIO(twilio.auth_token + "\n"))
        code, _, err = run(capsys, "credentials", "set", "--account-sid", twilio.account_sid,
                           "--sender", "whatsapp:+14155238886", "--no-check", *profile)
        assert code == 0, err
        code, out, err = run(capsys, "templates", "sync", "--api-url", twilio.base_url, *profile)
        assert code == 0, err
        assert "1 template(s) synced from Twilio (1 approved)" in out
        code, out, _ = run(capsys, "templates", "list", "--json", *profile)
        assert [(t["name"], t["placeholders"]) for t in json.loads(out)] == [
            ("invoice_ready", ["1", "2"])]
        code, _, err = run(capsys, "templates", "sync", "--api-url", "http://127.0.0.1:9",
                           *profile)
        assert code == 2 and "could not read the templates from Twilio: could not reach Twilio" in err
    finally:
        twilio.stop()
