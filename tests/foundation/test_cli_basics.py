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


def test_api_url_option_defaults_to_the_environment(monkeypatch):
    """Live mode's Twilio URL: --api-url, else WACAMPAIGN_TWILIO_API_URL, read by the CLI only
    and handed to the Runtime in its RuntimeConfig."""
    from wacampaign_desktop.cli import API_URL_ENV, build_parser, complete_args
    from wacampaign_desktop.cli.runtime_options import runtime_config

    parser = build_parser()
    monkeypatch.setenv(API_URL_ENV, "http://127.0.0.1:8001")
    assert complete_args(parser.parse_args(["routes"])).api_url == "http://127.0.0.1:8001"
    args = complete_args(parser.parse_args(["campaign", "send", "1", "--api-url",
                                            "http://127.0.0.1:8002"]))
    assert args.api_url == "http://127.0.0.1:8002"
    assert runtime_config(args).api_url == "http://127.0.0.1:8002"
    monkeypatch.delenv(API_URL_ENV)
    assert runtime_config(complete_args(parser.parse_args(["routes"]))).api_url is None
