"""`wacampaign-desktop contacts import|list|export`: contacts from and to CSV files."""

from __future__ import annotations

import argparse

from wacampaign_desktop.cli import CliError
from wacampaign_desktop.cli.output import add_json, emit, open_context, table


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser("contacts", parents=[common], help="import, list and export contacts")
    sub = parser.add_subparsers(dest="contacts_command", metavar="ACTION", required=True)

    imp = sub.add_parser("import", parents=[common], help="import contacts from a CSV file")
    imp.add_argument("file", metavar="FILE.csv")
    imp.add_argument("--default-region", metavar="CC",
                     help="country for numbers written without +code (default: the settings', e.g. FR)")
    imp.add_argument("--tag", action="append", default=[], help="add this tag to every imported contact")
    add_json(imp)
    imp.set_defaults(func=run_import)

    lst = sub.add_parser("list", parents=[common], help="list contacts")
    lst.add_argument("--tag", help="only contacts with this tag")
    add_json(lst)
    lst.set_defaults(func=run_list)

    exp = sub.add_parser("export", parents=[common], help="write every contact to a CSV file")
    exp.add_argument("file", metavar="FILE.csv")
    add_json(exp)
    exp.set_defaults(func=run_export)


def run_import(args: argparse.Namespace) -> int:
    # Not services.errors: it loads the engine, a second of start-up the import does not need.
    from wacampaign_desktop.core.services.contacts import ContactsService, CsvImportError

    ctx = open_context(args)
    try:
        report = ContactsService(ctx).import_csv(
            args.file, args.default_region or ctx.settings.default_region, extra_tags=args.tag)
    except CsvImportError as exc:
        raise CliError(str(exc)) from exc
    finally:
        ctx.close()

    def human() -> str:
        lines = [f"{report.imported} imported, {report.updated} updated, "
                 f"{len(report.rejected)} rejected (phone column: {report.phone_column})"]
        lines += [f"  line {r.line}: {r.reason}" for r in report.rejected]
        return "\n".join(lines)

    emit(args, report.to_dict(), human)
    return 0


def run_list(args: argparse.Namespace) -> int:
    from wacampaign_desktop.core.services.contacts import ContactsService

    ctx = open_context(args)
    try:
        data = ContactsService(ctx).listing(args.tag)
    finally:
        ctx.close()
    emit(args, data, lambda: table(
        [[d["id"], d["phone"], d["name"], ", ".join(d["tags"] or []),
          "opted out" if d["opted_out"] else ""] for d in data],
        ["ID", "PHONE", "NAME", "TAGS", ""]) + f"\n{len(data)} contact(s)")
    return 0


def run_export(args: argparse.Namespace) -> int:
    from wacampaign_desktop.core.services.contacts import ContactsService

    ctx = open_context(args)
    try:
        count = ContactsService(ctx).export_csv(args.file)
    except OSError as exc:
        raise CliError(f"cannot write {args.file}: {exc.strerror or exc}") from exc
    finally:
        ctx.close()
    emit(args, {"exported": count, "file": args.file}, f"{count} contact(s) written to {args.file}")
    return 0
