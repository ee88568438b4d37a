"""WA Campaign Desktop: WhatsApp campaigns through Twilio, watched live from a desktop window."""

from __future__ import annotations

from importlib import metadata as _metadata


def _read_version() -> str:
    try:
        return _metadata.version("wacampaign-desktop")
    except _metadata.PackageNotFoundError:  # running from a source tree that was never installed
        import re
        from pathlib import Path

        pyproject = Path(__file__).resolve().parent.parent / "pyproject.toml"
        if pyproject.exists():
            match = re.search(r'^version\s*=\s*"([^"]+)"', pyproject.read_text("utf-8"), re.M)
            if match:
                return match.group(1)
        return "0+unknown"


__version__ = _read_version()
APP_NAME = "WA Campaign Desktop"
APP_ID = "wacampaign-desktop"
