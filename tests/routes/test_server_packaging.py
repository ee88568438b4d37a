"""packaging/server: the systemd unit is valid (systemd-analyze verify when available) and keeps
secrets out of itself; the Containerfile installs the package as a non-root user and checks
/healthz. (The image cannot be built here: no docker/podman on this machine.)"""

from __future__ import annotations

import configparser
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SERVER = Path(__file__).resolve().parents[2] / "packaging" / "server"
UNIT = SERVER / "wacampaign-serve.service"


def _unit() -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # systemd keys are case-sensitive
    parser.read_string(UNIT.read_text("utf-8"))
    return parser


def test_unit_runs_serve_with_secrets_as_credentials_not_in_the_unit():
    unit = _unit()
    service = unit["Service"]
    assert service["EnvironmentFile"] == "/etc/wacampaign/serve.env"
    assert service["User"] == "wacampaign"
    exec_start = service["ExecStart"]
    assert " serve " in exec_start and "${WACAMPAIGN_DATABASE_URL}" in exec_start
    assert "--public-url ${WACAMPAIGN_PUBLIC_URL}" in exec_start
    assert "--account-sid ${TWILIO_ACCOUNT_SID} --sender ${WACAMPAIGN_SENDER}" in exec_start
    text = UNIT.read_text("utf-8")
    assert "LoadCredential=twilio-token:" in text and "LoadCredential=pgpass:" in text
    assert "WACAMPAIGN_TWILIO_AUTH_TOKEN_FILE=%d/twilio-token" in text
    assert "PGPASSFILE=%d/pgpass" in text
    assert not re.search(r"WACAMPAIGN_TWILIO_AUTH_TOKEN=", text)  # the token itself: never here
    assert not re.search(r"postgres(ql)?://[^$\s]*:[^@\s]+@", text)  # no password in a URL
    example = (SERVER / "serve.env.example").read_text("utf-8")
    assert "WACAMPAIGN_DATABASE_URL=postgresql://wacampaign@" in example  # no password
    assert unit["Install"]["WantedBy"] == "multi-user.target"


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze not installed")
def test_systemd_analyze_verifies_the_unit(tmp_path):
    # The unit points at /opt/wacampaign; verify needs an executable there: use this venv's.
    script = Path(sys.executable).with_name("wacampaign-desktop")
    if not script.exists():
        pytest.skip("the wacampaign-desktop script is not installed in this venv")
    copy = tmp_path / UNIT.name
    copy.write_text(UNIT.read_text("utf-8").replace("/opt/wacampaign/bin/wacampaign-desktop",
                                                    str(script)), "utf-8")
    result = subprocess.run(["systemd-analyze", "verify", str(copy)], capture_output=True,
                            text=True, timeout=60)
    problems = [line for line in (result.stdout + result.stderr).splitlines()
                if UNIT.name in line]
    assert result.returncode == 0 and not problems, result.stdout + result.stderr


def test_containerfile_installs_the_package_as_non_root_and_checks_health():
    text = (SERVER / "Containerfile").read_text("utf-8")
    assert text.splitlines()[[i for i, line in enumerate(text.splitlines())
                              if line.startswith("FROM")][0]] == "FROM python:3.11-slim"
    assert "RUN pip install ." in text
    assert re.search(r"^USER wacampaign$", text, re.M)
    assert re.search(r"^EXPOSE 8765$", text, re.M)
    assert re.search(r"^HEALTHCHECK .*\n?.*healthz", text, re.M)
    assert "wacampaign-desktop serve" in text and "--database-url" in text
    # secrets are files mounted at run time, not in the image
    assert "WACAMPAIGN_TWILIO_AUTH_TOKEN_FILE=/run/secrets/twilio-token" in text
    assert "COPY pyproject.toml README.md" in text and "COPY wacampaign_desktop" in text
