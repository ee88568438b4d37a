"""Secrets (Twilio auth token, ngrok authtoken) in the OS keyring, or — where no keyring backend
exists, e.g. a headless Linux box — a 0600 file, with that fallback clearly logged.

Every secret read or written is registered for redaction, so it never reaches a log.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
from pathlib import Path

from wacampaign_desktop.core.redaction import register_secret

log = logging.getLogger(__name__)

SERVICE = "wacampaign-desktop"
TWILIO_AUTH_TOKEN = "twilio_auth_token"
NGROK_AUTHTOKEN = "ngrok_authtoken"
DATABASE_PASSWORD = "database_password"  # the PostgreSQL password of settings.database_url
# WACAMPAIGN_SECRET_BACKEND=file forces the file store (tests, CI, headless servers).
BACKEND_ENV = "WACAMPAIGN_SECRET_BACKEND"


class SecretStore:
    """get/set/delete secrets by name for one profile (the profile's folder keys them apart)."""

    def __init__(self, config_dir: Path, profile: str = "default") -> None:
        self._file = config_dir / "secrets.json"
        self._profile = profile
        self._keyring = None if os.environ.get(BACKEND_ENV) == "file" else self._find_keyring()
        if self._keyring is None:
            log.warning(
                "No system keyring available: secrets are kept in %s, readable only by you (0600)",
                self._file,
            )

    @staticmethod
    def _find_keyring():  # type: ignore[no-untyped-def]
        try:
            import keyring
            from keyring.backends import fail

            backend = keyring.get_keyring()
            if isinstance(backend, fail.Keyring) or backend.priority <= 0:
                return None
            return keyring
        except Exception:  # broken dbus, missing backend libraries…
            return None

    @property
    def backend_name(self) -> str:
        return "system keyring" if self._keyring is not None else f"file {self._file}"

    def _key(self, name: str) -> str:
        return f"{self._profile}:{name}"

    def _read_file(self) -> dict[str, str]:
        try:
            return json.loads(self._file.read_text("utf-8"))
        except (OSError, ValueError):
            return {}

    def _write_file(self, data: dict[str, str]) -> None:
        self._file.parent.mkdir(parents=True, exist_ok=True)
        tmp = self._file.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle)
        os.chmod(tmp, 0o600)
        os.replace(tmp, self._file)

    def get(self, name: str) -> str | None:
        if self._keyring is not None:
            try:
                value = self._keyring.get_password(SERVICE, self._key(name))
            except Exception as exc:
                log.error("Could not read %s from the system keyring (%s)", name, type(exc).__name__)
                value = None
        else:
            value = self._read_file().get(self._key(name))
        register_secret(value)
        return value

    def set(self, name: str, value: str) -> None:
        register_secret(value)
        if self._keyring is not None:
            self._keyring.set_password(SERVICE, self._key(name), value)
        else:
            data = self._read_file()
            data[self._key(name)] = value
            self._write_file(data)
        log.info("Stored %s in the %s", name, "system keyring" if self._keyring else "secrets file")

    def delete(self, name: str) -> None:
        if self._keyring is not None:
            with contextlib.suppress(Exception):
                self._keyring.delete_password(SERVICE, self._key(name))
        else:
            data = self._read_file()
            if data.pop(self._key(name), None) is not None:
                self._write_file(data)
