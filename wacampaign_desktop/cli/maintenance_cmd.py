"""`wacampaign-desktop maintenance [--prune [--dry-run]]`: what the profile takes on disk, and
the webhook-log clean-up by the retention settings, headless (the same as Settings → Storage)."""

from __future__ import annotations

import argparse
from dataclasses import asdict

from wacampaign_desktop.cli.output import add_json, emit, open_context


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "maintenance", parents=[common], help="show the profile's size; clean up the webhook log",
        description="Without options: the profile's size, what the webhook log takes and what a "
        "clean-up would remove. --prune removes webhook-log detail older than the retention "
        "settings (log_full_days, log_summary_days) and returns the space to the disk. Messages, "
        "contacts, campaigns and their counters are never removed.",
    )
    parser.add_argument("--prune", action="store_true", help="clean up the webhook log now")
    parser.add_argument("--dry-run", action="store_true",
                        help="with --prune: only say what would be removed, change nothing")
    add_json(parser)
    parser.set_defaults(func=run)


def size_text(count: float) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if count < 1024 or unit == "GB":
            return f"{count:.0f} {unit}" if unit == "bytes" else f"{count:.1f} {unit}"
        count /= 1024
    return f"{count:.1f} GB"


def _plan_text(plan) -> str:
    return (f"{plan.to_summarise} webhook-log rows older than {plan.full_before:%Y-%m-%d %H:%M} UTC "
            f"lose their parameters (kept as a summary), {plan.to_delete} rows older than "
            f"{plan.summary_before:%Y-%m-%d %H:%M} UTC are removed; about "
            f"{size_text(plan.estimated_bytes)} freed")


def run(args: argparse.Namespace) -> int:
    from wacampaign_desktop.core.services.maintenance import MaintenanceService

    ctx = open_context(args)
    try:
        service = MaintenanceService(ctx)
        if args.prune and args.dry_run:
            plan = service.clean_up(dry_run=True)
            emit(args, {"dry_run": True, **asdict(plan)}, lambda: "Dry run: " + _plan_text(plan))
            return 0
        if args.prune:
            before = service.storage_report().database.file_bytes
            result = service.clean_up()
            after = service.storage_report().database.file_bytes
            emit(args, {**asdict(result), "file_bytes_before": before, "file_bytes_after": after},
                 lambda: f"{result.summarised} rows summarised, {result.deleted} removed; database "
                         f"{size_text(before)} → {size_text(after)}")
            return 0
        report = service.storage_report()
        db = report.database

        def human() -> str:
            return "\n".join([
                f"Profile: {size_text(report.profile_bytes)} (database {size_text(db.file_bytes)}, "
                f"backups {size_text(report.backups_bytes)})",
                f"Webhook log: {size_text(db.log_bytes)} in {db.log_rows} rows "
                f"({db.summarised_rows} summaries); free space inside the file "
                f"{size_text(db.free_bytes)}",
                f"Retention: full detail {report.full_days:g} days, summary {report.summary_days:g} days",
                "Clean up now: " + _plan_text(report.plan),
            ])

        emit(args, asdict(report), human)
        return 0
    finally:
        ctx.close()
