"""The team's receiver (`serve` on a server) as the desktop sees it: GET {server}/healthz.

`fetch_server_health(url)` never raises: a `ServerHealth` says whether the server answered as
this app, when it last received a Twilio callback, its database and version, or why not."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import UTC, datetime

from wacampaign_desktop.core.webhooks.app import APP_NAME, HEALTH_PATH


@dataclass(frozen=True)
class ServerHealth:
    url: str
    ok: bool
    last_callback_at: datetime | None = None  # aware UTC
    database: str = ""
    version: str = ""
    problem: str = ""  # plain English when not ok

    def summary(self, now: datetime | None = None) -> str:
        """"Server OK · last callback 2 min ago" / "Server not reachable: …" (English)."""
        if not self.ok:
            return f"Server not reachable: {self.problem}"
        if self.last_callback_at is None:
            return "Server OK · no callback received yet"
        return f"Server OK · last callback {ago(self.last_callback_at, now)}"


def ago(when: datetime, now: datetime | None = None) -> str:
    seconds = max(0, int(((now or datetime.now(UTC)) - when).total_seconds()))
    if seconds < 60:
        return "just now"
    if seconds < 3600:
        return f"{seconds // 60} min ago"
    if seconds < 86400:
        return f"{seconds // 3600} h ago"
    return f"{seconds // 86400} days ago"


def _parse_time(value: object) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def fetch_server_health(base_url: str, timeout: float = 5.0) -> ServerHealth:
    base = base_url.strip().rstrip("/")
    url = base + HEALTH_PATH
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 - http(s) only
            body = response.read(8192).decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return ServerHealth(base, False, problem=f"{url} answered HTTP {exc.code}")
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        return ServerHealth(base, False, problem=f"{url} could not be reached ({reason})")
    try:
        data = json.loads(body)
    except ValueError:
        data = None
    if not isinstance(data, dict) or data.get("app") != APP_NAME:
        return ServerHealth(base, False, problem=f"{url} answered, but not as WA Campaign Desktop's "
                                                 "receiver (is it the right address?)")
    ok = data.get("status") == "ok"
    return ServerHealth(base, ok, _parse_time(data.get("last_callback_at")),
                        str(data.get("database") or ""), str(data.get("version") or ""),
                        "" if ok else f"the server says {data.get('status')!r}")
