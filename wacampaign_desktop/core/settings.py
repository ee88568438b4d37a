"""Non-secret settings: a JSON file in the per-user config folder, validated field by field.

Secrets (auth tokens) are never stored here: see `secrets.py`.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

TUNNEL_MODES = ("local", "ngrok", "own_url", "server")  # "server": our always-on receiver


class SettingsError(ValueError):
    """A setting has a value that cannot be used; the message names the setting and why."""


@dataclass
class Settings:
    # Twilio ("live" mode once an account SID and a sender are set and a token is in the keyring)
    twilio_account_sid: str = ""
    sender: str = ""  # "whatsapp:+14155238886" or a Messaging Service SID "MG…"
    use_sandbox: bool = True  # the built-in Twilio emulator; turned off by "Connect Twilio"
    # Webhook server
    webhook_host: str = "127.0.0.1"
    webhook_port: int = 8765
    # Tunnel
    tunnel_mode: str = "local"  # "local" | "ngrok" | "own_url"
    public_url: str = ""  # own_url mode: e.g. "https://hooks.example.com"
    ngrok_domain: str = ""  # optional reserved domain
    ngrok_region: str = ""
    ngrok_path: str = ""  # optional path to a bundled/installed ngrok binary
    server_url: str = ""  # "server" mode: the team's `serve` receiver, e.g. "https://hooks.example.com"
    # Sending
    default_region: str = "FR"  # for phone numbers written without +country
    default_send_rate: float = 10.0
    worker_threads: int = 4
    max_retries: int = 3
    # Live mode never sends free text to a contact outside WhatsApp's 24-hour window (it would
    # fail with 63016); turning this off sends it anyway (the campaign view warns)
    window_guard: bool = True
    autopause_failure_ratio: float = 0.20
    autopause_window: int = 50
    reconcile_after_minutes: float = 10.0
    # Catch-up (role A): list from Twilio what the webhooks missed (replies, late statuses) on
    # start, on reconnect, and every N minutes while a campaign is sending (0 = only start and
    # reconnect)
    catch_up_minutes: float = 5.0
    # Retries (role G): every send Twilio took or refused counts; "Retry failed" and the
    # automatic retry stop at max_attempts in all (never reset)
    max_attempts: int = 3
    auto_retry: bool = False  # retry retryable delivery failures (30008, 63018…) on their own
    auto_retry_delay_minutes: float = 15.0
    # Alerts (role G; a campaign's alert_thresholds override them): failure share over the last
    # N outcomes, undelivered share, and no callback for M minutes while sending (0 = off)
    alert_failure_rate: float = 0.10  # below auto-pause (20 %): a warning first
    alert_window: int = 50
    alert_undelivered_rate: float = 0.05
    alert_silence_minutes: float = 5.0
    # Reply automation (role F): opt-out confirmation, automatic-reply cooldown per contact and
    # rule, and the time zone business hours are read in ("" = this computer's time zone)
    optout_confirmation_enabled: bool = False
    optout_confirmation_text: str = ("You will not receive any more messages from us. "
                                     "Reply START to subscribe again.")
    auto_reply_cooldown_minutes: int = 60
    business_timezone: str = ""  # e.g. "Europe/Paris"
    # Interface
    language: str = ""  # "" = follow the system, "en", "fr"
    # Storage: how long the webhook log keeps each request (messages, contacts, campaigns and
    # their counters are never pruned), and automatic backups
    log_full_days: float = 30.0  # every parameter of a request
    log_summary_days: float = 365.0  # time, kind, sid, status, outcome only; then removed
    auto_backup_daily: bool = False
    auto_backup_keep: int = 7  # copies kept by the daily backup
    backup_folder: str = ""  # "" = the "backups" folder inside the profile
    # Database: "" = the profile's SQLite file; or postgresql://user@host:5432/name?sslmode=require
    # (shared by a team; the password is kept in the keyring, never here)
    database_url: str = ""

    def validate(self) -> None:
        problems = []
        if not (0 <= self.webhook_port <= 65535):
            problems.append(f"webhook_port: {self.webhook_port} is not a port number (0–65535)")
        if self.tunnel_mode not in TUNNEL_MODES:
            problems.append(f"tunnel_mode: {self.tunnel_mode!r} is not one of {', '.join(TUNNEL_MODES)}")
        if self.tunnel_mode == "own_url" and not self.public_url.startswith(("https://", "http://")):
            problems.append("public_url: must start with https:// when the tunnel mode is own_url")
        if self.tunnel_mode == "server":
            why = server_url_problem(self.server_url)
            if why:
                problems.append(f"server_url: {why}")
        if not (0 < self.default_send_rate <= 400):
            problems.append(f"default_send_rate: {self.default_send_rate} must be between 0 and 400 msg/s")
        if not (1 <= self.worker_threads <= 64):
            problems.append(f"worker_threads: {self.worker_threads} must be between 1 and 64")
        if not (0 <= self.max_retries <= 10):
            problems.append(f"max_retries: {self.max_retries} must be between 0 and 10")
        if not (0 < self.autopause_failure_ratio <= 1):
            problems.append("autopause_failure_ratio: must be between 0 and 1 (e.g. 0.2 for 20 %)")
        if not (0 <= self.catch_up_minutes <= 1440):
            problems.append("catch_up_minutes: must be between 0 and 1440 (a day; 0 = off)")
        if self.autopause_window < 1:
            problems.append("autopause_window: must be at least 1")
        if not (1 <= self.max_attempts <= 10):
            problems.append(f"max_attempts: {self.max_attempts} must be between 1 and 10")
        if not (0 <= self.auto_retry_delay_minutes <= 1440):
            problems.append("auto_retry_delay_minutes: must be between 0 and 1440 (a day)")
        for name in ("alert_failure_rate", "alert_undelivered_rate"):
            if not (0 <= getattr(self, name) <= 1):
                problems.append(f"{name}: must be between 0 and 1 (e.g. 0.2 for 20 %; 0 = off)")
        if self.alert_window < 1:
            problems.append("alert_window: must be at least 1")
        if not (0 <= self.alert_silence_minutes <= 1440):
            problems.append("alert_silence_minutes: must be between 0 (off) and 1440")
        if not (0 <= self.auto_reply_cooldown_minutes <= 10080):
            problems.append("auto_reply_cooldown_minutes: must be between 0 and 10080 (a week)")
        if self.optout_confirmation_enabled and not self.optout_confirmation_text.strip():
            problems.append("optout_confirmation_text: write the confirmation to send, or turn "
                            "optout_confirmation_enabled off")
        if self.business_timezone and not _known_timezone(self.business_timezone):
            problems.append(f"business_timezone: {self.business_timezone!r} is not a time zone "
                            "name such as Europe/Paris")
        if not (0 < self.log_full_days <= 3650):
            problems.append(f"log_full_days: {self.log_full_days} must be more than 0 and at most "
                            "3650 days")
        if not (self.log_full_days <= self.log_summary_days <= 36500):
            problems.append(f"log_summary_days: {self.log_summary_days} must be at least "
                            f"log_full_days ({self.log_full_days}) and at most 36500 days")
        if not (1 <= self.auto_backup_keep <= 365):
            problems.append(f"auto_backup_keep: {self.auto_backup_keep} must be between 1 and 365 copies")
        if self.database_url:
            problems.extend(_database_url_problems(self.database_url))
        if self.twilio_account_sid and not (
            self.twilio_account_sid.startswith("AC") and len(self.twilio_account_sid) == 34
        ):
            problems.append("twilio_account_sid: an Account SID starts with AC and has 34 characters")
        if problems:
            raise SettingsError("; ".join(problems))

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _database_url_problems(url: str) -> list[str]:
    """What is wrong with a `database_url` setting (empty list: usable)."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    if parts.scheme not in ("postgresql", "postgres"):
        return ["database_url: must be empty (this computer's file) or start with postgresql://"]
    if parts.password is not None:
        return ["database_url: must not contain the password; store it in the keyring with "
                "`wacampaign-desktop database set-password`"]
    if not parts.hostname or not parts.path.strip("/"):
        return ["database_url: needs a server and a database name, e.g. "
                "postgresql://staff@db.example.com:5432/wacampaign?sslmode=require"]
    return []


def server_url_problem(url: str) -> str:
    """Why `url` cannot be the team's receiver address ("" when it can)."""
    from urllib.parse import urlsplit

    url = url.strip()
    if not url:
        return "enter the address of your server's receiver, e.g. https://hooks.example.com"
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        return f"{url!r} is not a web address"
    if parts.scheme not in ("https", "http") or not parts.hostname:
        return f"{url!r} must start with https:// followed by the server's name"
    if parts.query or parts.fragment:
        return f"{url!r} must be the server's address only, without ? or #"
    return ""


def _known_timezone(name: str) -> bool:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def _coerce(name: str, value: Any, default: Any) -> Any:
    kind = type(default)
    if kind is bool:
        if isinstance(value, bool):
            return value
        raise SettingsError(f"{name}: expected true or false, got {value!r}")
    if kind in (int, float):
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise SettingsError(f"{name}: expected a number, got {value!r}")
        return kind(value)
    if not isinstance(value, str):
        raise SettingsError(f"{name}: expected text, got {value!r}")
    return value


def settings_from_dict(data: dict[str, Any]) -> Settings:
    """Build settings from a dict, naming each bad field; unknown keys are ignored with a warning."""
    defaults = Settings()
    known = {f.name for f in fields(Settings)}
    values = {}
    problems = []
    for key, value in data.items():
        if key not in known:
            log.warning("Ignoring unknown setting %r", key)
            continue
        try:
            values[key] = _coerce(key, value, getattr(defaults, key))
        except SettingsError as exc:
            problems.append(str(exc))
    if problems:
        raise SettingsError("; ".join(problems))
    settings = Settings(**values)
    settings.validate()
    return settings


def load_settings(path: Path) -> Settings:
    """Read settings; a missing file gives defaults, an unreadable one is set aside (not deleted)."""
    if not path.exists():
        return Settings()
    try:
        data = json.loads(path.read_text("utf-8"))
        if not isinstance(data, dict):
            raise SettingsError("the file does not hold a JSON object")
        return settings_from_dict(data)
    except (OSError, ValueError) as exc:
        aside = path.with_suffix(".invalid.json")
        try:
            path.replace(aside)
        except OSError:
            aside = path
        log.error("Settings file %s could not be used (%s); defaults in use, the file was kept as %s",
                  path, exc, aside)
        return Settings()


def save_settings(settings: Settings, path: Path) -> None:
    """Validate, then write atomically (temp file + rename)."""
    settings.validate()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(settings.to_dict(), indent=2, sort_keys=True), "utf-8")
    os.replace(tmp, path)
