"""The headless CLI as a user runs it: real processes' entry point (`main`), real files, the
sandbox over real HTTP. Import a CSV with bad rows → create → send --wait → show --json."""

from __future__ import annotations

import json
import re

import pytest

from tests.cli.helpers import run


@pytest.fixture
def data_dir(tmp_path):
    folder = tmp_path / "profile"
    settings = folder / "config" / "settings.json"
    settings.parent.mkdir(parents=True)
    settings.write_text(json.dumps({"webhook_port": 0, "default_send_rate": 100.0}), "utf-8")
    return str(folder)


def test_import_create_send_wait_show(tmp_path, data_dir, capsys):
    csv_file = tmp_path / "clients.csv"
    csv_file.write_text(
        "name,phone,city,tags\n"
        "Alice,06 12 34 56 78,Lyon,vip\n"
        "Bob,not a number,Paris,vip\n"
        "Carl,+33 6 11 22 33 44,Nice,vip\n"
        "Dora,+33 6 99,Lille,vip\n"
        "Eve,+33 7 55 44 33 22,Metz,other\n", "utf-8")
    code, out, _ = run(capsys, "contacts", "import", str(csv_file), "--data-dir", data_dir, "--json")
    assert code == 0
    report = json.loads(out)
    assert (report["imported"], report["updated"]) == (3, 0)
    assert [(r["line"], r["reason"]) for r in report["rejected"]] == [
        (3, "'not a number': not a phone number"), (5, "'+33 6 99': too short")]

    code, out, _ = run(capsys, "contacts", "import", str(csv_file), "--data-dir", data_dir)
    assert code == 0 and out.startswith("0 imported, 3 updated, 2 rejected")
    assert "line 3: 'not a number': not a phone number" in out

    code, out, _ = run(capsys, "campaign", "create", "--name", "Spring", "--body",
                       "Hello {{name}} from {{city}}", "--tag", "vip", "--rate", "100",
                       "--data-dir", data_dir)
    assert code == 0
    campaign_id = out.strip()

    code, out, err = run(capsys, "campaign", "send", campaign_id, "--wait", "--data-dir", data_dir)
    assert code == 0, err
    assert f"Campaign {campaign_id}: completed" in out

    code, out, _ = run(capsys, "campaign", "show", campaign_id, "--json", "--data-dir", data_dir)
    shown = json.loads(out)
    assert shown["state"] == "completed" and shown["counters_consistent"]
    assert shown["counters"]["total"] == 2 and shown["counters"]["delivered"] == 2
    assert shown["rates"]["delivered"] == 1.0

    code, out, _ = run(capsys, "campaign", "messages", campaign_id, "--json", "--data-dir", data_dir)
    messages = json.loads(out)
    assert sorted(m["message"] for m in messages) == ["Hello Alice from Lyon",
                                                      "Hello Carl from Nice"]
    assert all(m["twilio_sid"].startswith("SM") for m in messages)

    code, out, _ = run(capsys, "campaign", "create", "--name", "A/B", "--body", "A {{name}}",
                       "--variant", "B {{name}}", "--tag", "vip", "--data-dir", data_dir)
    ab = out.strip()
    assert run(capsys, "campaign", "send", ab, "--wait", "--data-dir", data_dir)[0] == 0
    code, out, _ = run(capsys, "campaign", "show", ab, "--json", "--data-dir", data_dir)
    variants = json.loads(out)["variants"]
    assert {name: counts["delivered"] for name, counts in variants.items()} == {"A": 1, "B": 1}

    export = tmp_path / "out.csv"
    code, out, _ = run(capsys, "campaign", "export", campaign_id, str(export), "--data-dir", data_dir)
    assert code == 0 and export.read_text("utf-8").count("\n") == 3


def test_failures_exit_non_zero_with_one_line(tmp_path, data_dir, capsys):
    code, _, err = run(capsys, "campaign", "show", "42", "--data-dir", data_dir)
    assert code != 0 and err.strip() == "error: there is no campaign 42"

    code, _, err = run(capsys, "contacts", "import", str(tmp_path / "missing.csv"),
                       "--data-dir", data_dir)
    assert code != 0 and err.count("\n") == 1 and "cannot be read" in err

    code, out, _ = run(capsys, "campaign", "create", "--name", "X", "--body", "Hi {{nickname}}",
                       "--data-dir", data_dir)
    csv_file = tmp_path / "c.csv"
    csv_file.write_text("phone\n+33612345678\n", "utf-8")
    run(capsys, "contacts", "import", str(csv_file), "--data-dir", data_dir)
    code, _, err = run(capsys, "campaign", "send", out.strip(), "--data-dir", data_dir)
    assert code != 0
    assert "{{nickname}} has no value for 1 contact(s): +33612345678" in err

    code, _, err = run(capsys, "campaign", "pause", out.strip(), "--data-dir", data_dir)
    assert code != 0 and "is draft: it cannot be paused" in err

    code, _, err = run(capsys, "credentials", "check", "--data-dir", data_dir)
    assert code != 0 and "no Twilio credentials" in err


def test_credentials_set_and_check_against_a_sandbox(data_dir, capsys, monkeypatch):
    import io

    from wacampaign_desktop.core.runtime import API_URL_ENV
    from wacampaign_desktop.core.sandbox import SandboxConfig, SandboxServer

    with SandboxServer(SandboxConfig(seed=11)) as sandbox:
        monkeypatch.setenv(API_URL_ENV, sandbox.base_url)
        monkeypatch.setattr("sys.stdin", io.StringIO("wrong-token\n"))
        code, _, err = run(capsys, "credentials", "set", "--account-sid", sandbox.account_sid,
                           "--sender", "whatsapp:+14155238886", "--data-dir", data_dir)
        assert code != 0 and "20003" in err and "wrong-token" not in err
        monkeypatch.setattr("sys.stdin", io.StringIO(sandbox.auth_token + "\n"))
        code, out, _ = run(capsys, "credentials", "set", "--account-sid", sandbox.account_sid,
                           "--data-dir", data_dir, "--json")
        assert code == 0 and json.loads(out)["ok"] and sandbox.auth_token not in out
        code, out, _ = run(capsys, "credentials", "check", "--data-dir", data_dir)
        assert code == 0 and "Connected" in out


def test_send_wait_ends_with_exit_3_when_the_campaign_pauses_itself(tmp_path, capsys, monkeypatch):
    import io

    from wacampaign_desktop.core.runtime import API_URL_ENV
    from wacampaign_desktop.core.sandbox import SandboxConfig, SandboxServer

    folder = tmp_path / "p"
    (folder / "config").mkdir(parents=True)
    (folder / "config" / "settings.json").write_text(json.dumps(
        {"webhook_port": 0, "autopause_window": 10, "autopause_failure_ratio": 0.5,
         "window_guard": False}), "utf-8")  # these contacts never wrote: no 24-hour window check
    data_dir = str(folder)
    rows = "\n".join(f"C{i},+3361{i:07d}" for i in range(200))
    (tmp_path / "c.csv").write_text("name,phone\n" + rows + "\n", "utf-8")
    with SandboxServer(SandboxConfig(seed=12, step_latency=0.02, failure_rate=1.0)) as sandbox:
        monkeypatch.setenv(API_URL_ENV, sandbox.base_url)
        monkeypatch.setattr("sys.stdin", io.StringIO(sandbox.auth_token + "\n"))
        assert run(capsys, "credentials", "set", "--account-sid", sandbox.account_sid,
                   "--sender", "whatsapp:+14155238886", "--data-dir", data_dir)[0] == 0
        assert run(capsys, "contacts", "import", str(tmp_path / "c.csv"), "--data-dir", data_dir)[0] == 0
        _, out, _ = run(capsys, "campaign", "create", "--name", "Bad", "--body", "Hi",
                        "--rate", "50", "--data-dir", data_dir)
        code, out, err = run(capsys, "campaign", "send", out.strip(), "--wait", "--json",
                             "--yes", "--data-dir", data_dir)  # live, not on a terminal
    assert code == 3
    assert json.loads(out)["state"] == "paused"
    last = err.strip().splitlines()[-1]
    assert last.startswith("error: campaign") and "paused itself" in last
    assert re.search(r"mostly with error (30|63)\d\d\d", last), last
