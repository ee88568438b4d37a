"""The command line answers --version and --help, as installed and as `python -m`."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

from wacampaign_desktop import __version__

ROOT = Path(__file__).resolve().parents[2]


def test_version_matches_pyproject():
    with open(ROOT / "pyproject.toml", "rb") as handle:
        assert __version__ == tomllib.load(handle)["project"]["version"]


def test_python_m_prints_version_and_help():
    result = subprocess.run(
        [sys.executable, "-m", "wacampaign_desktop", "--version"],
        capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 0 and result.stdout.strip() == f"wacampaign-desktop {__version__}"
    result = subprocess.run(
        [sys.executable, "-m", "wacampaign_desktop", "--help"],
        capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 0
    assert "--data-dir" in result.stdout and "Without a command, opens the window" in result.stdout
