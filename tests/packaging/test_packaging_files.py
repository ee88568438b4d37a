"""What packagers rely on: the spec reads name/version from pyproject, the icons exist for each
OS, the .desktop entry is complete, and a frozen app finds an ngrok agent placed beside it."""

from __future__ import annotations

import configparser
import struct
import sys
import tomllib
from pathlib import Path

from wacampaign_desktop.core import paths

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"


def test_icons_for_every_os_exist_and_are_what_they_claim():
    icons = PACKAGING / "icons"
    assert (icons / "wacampaign-desktop.icns").read_bytes()[:4] == b"icns"
    reserved, kind, count = struct.unpack("<HHH", (icons / "wacampaign-desktop.ico").read_bytes()[:6])
    assert (reserved, kind) == (0, 1) and count >= 6  # 16 … 256 px in one .ico
    for size in (16, 32, 48, 64, 128, 256, 512):
        png = (icons / "png" / f"wacampaign-desktop-{size}.png").read_bytes()
        assert png[:8] == b"\x89PNG\r\n\x1a\n"
        width, height = struct.unpack(">II", png[16:24])
        assert (width, height) == (size, size)


def test_desktop_entry_launches_the_installed_command():
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str
    entry.read(PACKAGING / "linux" / "wacampaign-desktop.desktop", encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Type"] == "Application" and section["Exec"] == "wacampaign-desktop"
    assert section["Icon"] == "wacampaign-desktop" and section["Terminal"] == "false"
    assert section["Name"] == "WA Campaign Desktop"


def test_spec_and_installers_take_name_and_version_from_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    spec = (PACKAGING / "wacampaign-desktop.spec").read_text("utf-8")
    assert "tomllib" in spec and 'PROJECT["version"]' in spec and 'PROJECT["name"]' in spec
    assert project["name"] == "wacampaign-desktop"
    nsis = (PACKAGING / "windows" / "installer.nsi").read_text("utf-8")
    assert "!ifndef VERSION" in nsis  # given by the build command, never hard-coded


def test_frozen_app_finds_an_ngrok_agent_next_to_itself(tmp_path, monkeypatch):
    assert paths.find_bundled_ngrok() is None  # not frozen: pyngrok finds or downloads it
    binary = "ngrok.exe" if sys.platform == "win32" else "ngrok"
    exe = tmp_path / ("wacampaign-desktop.exe" if sys.platform == "win32" else "wacampaign-desktop")
    exe.write_bytes(b"")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(exe))
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path / "_internal"), raising=False)
    assert paths.find_bundled_ngrok() is None
    message = paths.ngrok_missing_message()
    assert binary in message and str(tmp_path) in message and "Local only" in message
    (tmp_path / binary).write_bytes(b"agent")
    assert paths.find_bundled_ngrok() == tmp_path / binary
