"""`wacampaign-desktop database set-password|check|migrate`: the team's PostgreSQL database.

    database set-password                  # the password, from stdin or a hidden prompt → keyring
    database check [--database-url URL]    # which database the profile uses; can it be reached?
    database migrate --to postgresql://staff@db:5432/wacampaign?sslmode=require [--use]

`migrate` copies the profile's SQLite file into an EMPTY PostgreSQL database (refusing one that
has tables), then prints the rows per table and each campaign's counters checked against a
recount; `--use` then points the profile at it. The password is never printed or logged.
"""

from __future__ import annotations

import argparse
import getpass
import sys

from wacampaign_desktop.cli import CliError
from wacampaign_desktop.cli.output import add_json, emit, open_context


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser("database", parents=[common],
                                   help="the team's PostgreSQL database: password, check, move")
    sub = parser.add_subparsers(dest="database_command", metavar="ACTION", required=True)
    password = sub.add_parser("set-password", parents=[common],
                              help="store the PostgreSQL password (read from stdin) in the keyring")
    password.set_defaults(func=run_set_password)
    check = sub.add_parser("check", parents=[common],
                           help="say which database the profile uses and whether it answers")
    add_json(check)
    check.set_defaults(func=run_check)
    move = sub.add_parser("migrate", parents=[common],
                          help="copy this profile's SQLite file into an empty PostgreSQL database")
    move.add_argument("--to", required=True, metavar="URL",
                      help="postgresql://user@host:5432/name[?sslmode=require] (an empty database)")
    move.add_argument("--use", action="store_true",
                      help="when every check passes, make the profile use that database")
    move.add_argument("--batch", type=int, default=1000, help="rows per statement (default 1000)")
    add_json(move)
    move.set_defaults(func=run_migrate)


def _read_password() -> str:
    if sys.stdin is not None and not sys.stdin.isatty():
        value = sys.stdin.readline().rstrip("\n")
    else:
        value = getpass.getpass("Database password (hidden): ")
    if not value:
        raise CliError("no password given (pipe it on stdin or type it at the prompt)")
    return value


def run_set_password(args: argparse.Namespace) -> int:
    from wacampaign_desktop.core.services.database_migration import set_password

    set_password(args.data_dir, _read_password())
    print("Database password stored in the keyring.")
    return 0


def run_check(args: argparse.Namespace) -> int:
    ctx = open_context(args)
    try:
        data = {"database": ctx.engine, "where": ctx.database_label}
    finally:
        ctx.close()
    emit(args, data, f"Database: {data['database']} ({data['where']}), reachable.")
    return 0


def _report_text(report) -> str:
    lines = ["Rows per table (SQLite → PostgreSQL):"]
    width = max(len(t.table) for t in report.tables)
    for table in report.tables:
        mark = "ok" if table.ok else "DIFFERENT"
        lines.append(f"  {table.table.ljust(width)}  {table.source:>9,} → {table.target:>9,}  {mark}")
    if report.campaigns:
        lines.append("Campaign counters (stored before, stored after, recount after):")
        for check in report.campaigns:
            mark = "ok" if check.ok else "DIFFERENT"
            shown = ", ".join(f"{k} {v}" for k, v in check.recount_target.items() if v)
            lines.append(f"  #{check.campaign_id} {check.name}: {shown or 'empty'}  {mark}")
    lines.append(f"Schema version {report.schema_version}. "
                 + ("Every check passed." if report.ok else "SOME CHECKS FAILED: see above."))
    return "\n".join(lines)


def run_migrate(args: argparse.Namespace) -> int:
    from wacampaign_desktop.core.services.database_migration import (
        MigrationRefused,
        TargetNotEmpty,
        migrate_to,
        url_without_password,
    )
    from wacampaign_desktop.core.services.errors import DatabaseUnavailable

    if args.batch < 1:
        raise CliError("--batch: give at least 1")
    ctx = open_context(args)
    quiet = getattr(args, "json", False)

    def progress(table: str, done: int, total: int) -> None:
        if not quiet and total and (done == total or done % (args.batch * 20) == 0):
            print(f"  {table}: {done:,} of {total:,}", flush=True)

    try:
        report = migrate_to(ctx, args.to, batch=args.batch, progress=progress, use=args.use)
    except (MigrationRefused, TargetNotEmpty, DatabaseUnavailable, ValueError) as exc:
        raise CliError(f"database migrate: {exc}") from exc
    finally:
        ctx.close()
    data = {
        "ok": report.ok, "schema_version": report.schema_version,
        "tables": [{"table": t.table, "source": t.source, "target": t.target, "ok": t.ok}
                   for t in report.tables],
        "campaigns": [{"id": c.campaign_id, "name": c.name, "ok": c.ok,
                       "counters": c.recount_target} for c in report.campaigns],
        "using": bool(args.use and report.ok),
    }
    text = _report_text(report)
    if args.use and report.ok:
        text += (f"\nThe profile now uses {url_without_password(args.to)[0]}"
                 " (password kept in the keyring).")
    emit(args, data, text)
    return 0 if report.ok else 1
