"""Checking that a public URL reaches this app's webhook server (GET {url}/healthz)."""

from __future__ import annotations

import json
import logging
import urllib.error
import urllib.request

log = logging.getLogger(__name__)


def check_reaches_app(base_url: str, timeout: float = 5.0) -> tuple[bool, str]:
    """(True, "") when {base_url}/healthz answers as this app; else (False, why) in plain words."""
    url = base_url.rstrip("/") + "/healthz"
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            body = response.read(4096).decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return False, f"{url} answered HTTP {exc.code}; it does not reach this app's webhook server"
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        return False, f"{url} could not be reached ({reason})"
    try:
        ok = json.loads(body).get("app") == "wacampaign-desktop"
    except (ValueError, AttributeError):
        ok = False
    if not ok:
        return False, f"{url} answered, but not as this app (is the proxy pointing at the right port?)"
    return True, ""
