"""Sending holds while the database cannot be written: on `Alert("storage_full")` (published by
the store's StorageHealth) the engine stops its feeders — campaigns stay `sending` in the
database, nothing is claimed that could not be recorded — and goes on after
`Alert("storage_ok")`, or once free space is seen again (checked every 5 s of the Clock without
writing)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path

import peewee

from wacampaign_desktop.core.clock import Clock
from wacampaign_desktop.core.events import Alert
from wacampaign_desktop.core.store.storage_health import BACK_CODE, FULL_CODE, space_available

log = logging.getLogger(__name__)

CHECK_EVERY_S = 5.0


class StorageHold:
    def __init__(self, db: peewee.Database, folder: Path | None, clock: Clock,
                 wake: Callable[[], None]) -> None:
        self._db, self._folder, self._clock, self._wake = db, folder, clock, wake
        self._lock = threading.Lock()
        self._held = False
        self._checked_at = float("-inf")

    def on_alert(self, alert: Alert) -> None:
        if alert.code == FULL_CODE:
            with self._lock:
                changed, self._held = not self._held, True
                self._checked_at = self._clock.monotonic()
            if changed:
                log.warning("The database is full: sending holds until there is room again")
        elif alert.code == BACK_CODE:
            self._release()
        else:
            return
        self._wake()

    @property
    def held(self) -> bool:
        """True while sending must wait; looks for free space every few seconds."""
        with self._lock:
            if not self._held:
                return False
            due = self._clock.monotonic() - self._checked_at >= CHECK_EVERY_S
            if due:
                self._checked_at = self._clock.monotonic()
        if due and self._folder is not None and space_available(self._db, self._folder):
            self._release()
            return False
        return True

    def _release(self) -> None:
        with self._lock:
            changed, self._held = self._held, False
        if changed:
            log.info("The database can be written again: sending goes on")
