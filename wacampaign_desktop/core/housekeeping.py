"""Housekeeping while the runtime runs: the webhook log's retention (pruned at start, then
hourly, in short batches) and the daily database backup when the settings ask for it (checked
at start, then hourly). Both run on their own threads and read the settings at each run."""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from wacampaign_desktop.core.app_context import AppContext

log = logging.getLogger(__name__)

HOUR_S = 3600.0


class Housekeeping:
    def __init__(self, context: AppContext, *, interval_s: float = HOUR_S) -> None:
        from wacampaign_desktop.core.services.maintenance import MaintenanceService

        self._service = MaintenanceService(context)
        self._interval = interval_s
        self._retention = self._service.retention_worker(interval_s=interval_s)
        self._stop = threading.Event()
        self._backups = threading.Thread(target=self._back_up, name="daily-backup", daemon=True)

    def start(self) -> Housekeeping:
        self._retention.start()
        self._backups.start()
        return self

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._retention.stop(timeout)
        if self._backups.is_alive():
            self._backups.join(timeout)

    def _back_up(self) -> None:
        while not self._stop.is_set():
            try:
                made = self._service.daily_backup_if_due()
                if made is not None:
                    log.info("Daily backup written to %s", made)
            except Exception:
                log.exception("The daily backup failed; trying again in an hour")
            self._stop.wait(self._interval)
