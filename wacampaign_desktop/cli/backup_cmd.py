"""`wacampaign-desktop backup FILE` and `restore FILE`: a consistent copy of the database (taken
safely while the app or `serve` is receiving), and putting a checked copy back."""

from __future__ import annotations

import argparse
from dataclasses import asdict

from wacampaign_desktop.cli import CliError
from wacampaign_desktop.cli.maintenance_cmd import size_text
from wacampaign_desktop.cli.output import add_json, emit, open_context


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    backup = subparsers.add_parser(
        "backup", parents=[common], help="write a consistent copy of the database to FILE",
        description="Copies the database with SQLite's online backup, so it is safe while the "
        "window or `serve` keeps receiving callbacks. The copy is checked before it is kept.",
    )
    backup.add_argument("file", metavar="FILE")
    add_json(backup)
    backup.set_defaults(func=run_backup)
    restore = subparsers.add_parser(
        "restore", parents=[common], help="replace the database by a backup copy (checked first)",
        description="Checks FILE (integrity and schema version) before touching anything, then "
        "keeps the current database aside (its path is printed) and restores the copy. Close the "
        "window and stop `serve` for this profile first.",
    )
    restore.add_argument("file", metavar="FILE")
    restore.add_argument("--check-only", action="store_true", help="only check FILE")
    add_json(restore)
    restore.set_defaults(func=run_restore)


def run_backup(args: argparse.Namespace) -> int:
    from wacampaign_desktop.core.services.maintenance import BackupError, MaintenanceService

    ctx = open_context(args)
    try:
        copy = MaintenanceService(ctx).backup(args.file)
    except BackupError as exc:
        raise CliError(str(exc)) from exc
    finally:
        ctx.close()
    emit(args, asdict(copy), f"Backup written to {copy.path} ({size_text(copy.size_bytes)}, "
                             f"schema {copy.schema_version}, integrity ok)")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    from wacampaign_desktop.core.services.maintenance import BackupError, MaintenanceService

    ctx = open_context(args)
    try:
        service = MaintenanceService(ctx)
        check = service.check_backup(args.file)
        if not check.ok:
            raise CliError(f"{args.file} cannot be restored: {check.problem}. Nothing was changed.")
        if args.check_only:
            emit(args, asdict(check), f"{check.path}: integrity ok, schema {check.schema_version}")
            return 0
        aside = service.restore(args.file)
    except BackupError as exc:
        raise CliError(str(exc)) from exc
    finally:
        ctx.close()
    emit(args, {"restored": str(args.file), "previous_database": str(aside)},
         f"Restored {args.file}; the previous database is kept at {aside}")
    return 0
