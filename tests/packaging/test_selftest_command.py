"""`wacampaign-desktop self-test` as a user (or a packager's CI) runs it: a separate process,
headless, real sandbox and webhook server on 127.0.0.1 — exit 0 and a named line per step."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from wacampaign_desktop.core.selftest import run_self_test


def _run_cli(*args: str, timeout: float = 180) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-m", "wacampaign_desktop", "self-test", *args],
                          capture_output=True, text=True, timeout=timeout, env=env)


def test_self_test_passes_and_names_every_step(tmp_path):
    report = tmp_path / "report.txt"
    result = _run_cli("--report", str(report))
    assert result.returncode == 0, result.stdout + result.stderr
    for step in ("load the error code explanations", "load the PostgreSQL driver",
                 "start the sandbox and the webhook server", "send a 20-recipient campaign",
                 "receive the status callbacks", "check the counters",
                 "load Qt, icons, .ui forms, translations and the gui modules"):
        assert f"[ok] {step}" in result.stdout
    assert "total 20, sent 20, delivered 20, read 20" in result.stdout
    assert re.search(r"\[ok\] load the PostgreSQL driver \(.*\): libpq \d+\.\d+ available", result.stdout)
    assert result.stdout.strip().endswith("self-test passed")
    assert report.read_text("utf-8").strip().endswith("self-test passed")


def test_self_test_names_the_step_that_failed():
    # No time at all to wait: sending (or, on a very fast machine, the callbacks) must fail,
    # by name, with exit code 1 — and the steps after it are not run.
    result = _run_cli("--timeout", "0", "--no-gui-check")
    assert result.returncode == 1
    failed = [line for line in result.stdout.splitlines() if line.startswith("[FAIL] ")]
    assert len(failed) == 1, result.stdout
    step = failed[0][len("[FAIL] "):].split(" (")[0]
    assert step in ("send a 20-recipient campaign", "receive the status callbacks")
    assert f"self-test FAILED: {step}" in result.stdout
    assert "check the counters" not in result.stdout


@pytest.mark.timeout(120)
def test_self_test_leaves_no_profile_behind_and_keeps_it_on_request():
    report = run_self_test(recipients=5, timeout=60)
    assert report.ok, report.render()
    assert not report.data_dir.exists()
    kept = run_self_test(recipients=3, timeout=60, keep=True)
    try:
        assert kept.ok and (kept.data_dir / "wacampaign.sqlite3").exists()
    finally:
        import shutil

        shutil.rmtree(kept.data_dir, ignore_errors=True)
