"""Storage upkeep for the GUI and the CLI: profile size, webhook-log clean-up, backups.

`MaintenanceService(context)` is the one door: `storage_report()` (sizes and what a clean-up
would remove), `clean_up(dry_run=False)`, `backup(target)`, `check_backup(path)`,
`restore(path)`, `daily_backup_if_due()` (the runtime calls it, e.g. hourly; it does nothing
unless the daily backup is on in the settings) and `retention_worker()` (a background pruner
for the runtime to start and stop).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from wacampaign_desktop.core.store import backup as bk
from wacampaign_desktop.core.store import retention as rt
from wacampaign_desktop.core.store.usage import DatabaseUsage, database_usage, folder_bytes

if TYPE_CHECKING:
    from wacampaign_desktop.core.app_context import AppContext

BackupError = bk.BackupError
CopyCheck = bk.CopyCheck
PrunePlan = rt.PrunePlan
PruneResult = rt.PruneResult


@dataclass(frozen=True)
class StorageReport:
    profile_bytes: int  # the database, settings, logs and backups of this profile
    database: DatabaseUsage
    backups_bytes: int
    plan: PrunePlan  # what "Clean up now" would do
    full_days: float
    summary_days: float


class MaintenanceService:
    def __init__(self, context: AppContext) -> None:
        self._context = context

    # -- settings-derived ---------------------------------------------------------------------
    def retention(self) -> rt.Retention:
        settings = self._context.settings
        return rt.Retention.from_days(settings.log_full_days, settings.log_summary_days)

    @property
    def database_file(self) -> Path:
        return self._context.paths.database_file

    @property
    def backup_folder(self) -> Path:
        folder = self._context.settings.backup_folder
        return Path(folder).expanduser() if folder else self._context.paths.data_dir / "backups"

    # -- sizes and clean-up ---------------------------------------------------------------------
    def storage_report(self) -> StorageReport:
        paths = self._context.paths
        profile = sum(folder_bytes(folder) for folder in {paths.data_dir, paths.config_dir, paths.log_dir})
        backups = folder_bytes(self.backup_folder)
        if not self.backup_folder.is_relative_to(paths.data_dir):
            profile += backups
        settings = self._context.settings
        return StorageReport(profile, database_usage(self._context.db, self.database_file), backups,
                             self.plan(), settings.log_full_days, settings.log_summary_days)

    def plan(self) -> PrunePlan:
        return rt.plan(self._context.db, self.retention(), self._context.clock.now())

    def clean_up(self, *, dry_run: bool = False) -> PrunePlan | PruneResult:
        """Prune the webhook log now by the settings (`dry_run`: only say what would go)."""
        if dry_run:
            return self.plan()
        return rt.prune(self._context.db, self.retention(), self._context.clock.now())

    def retention_worker(self, *, interval_s: float = 3600.0) -> rt.RetentionWorker:
        """A background pruner (not started) reading the current settings at each run."""
        return rt.RetentionWorker(self._context.db, self.retention, self._context.clock.now,
                                  interval_s=interval_s)

    # -- backups --------------------------------------------------------------------------------
    def backup(self, target: Path) -> CopyCheck:
        return bk.backup(self.database_file, Path(target).expanduser())

    def check_backup(self, path: Path) -> CopyCheck:
        return bk.check_copy(Path(path).expanduser())

    def restore(self, path: Path) -> Path:
        """Restore a checked copy; returns where the previous database was kept."""
        return bk.restore(Path(path).expanduser(), self.database_file, now=self._context.clock.now())

    def daily_backup_if_due(self) -> Path | None:
        settings = self._context.settings
        if not settings.auto_backup_daily:
            return None
        return bk.daily_backup(self.database_file, self.backup_folder, settings.auto_backup_keep,
                               self._context.clock.now())
