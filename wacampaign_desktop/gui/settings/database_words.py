"""The words of File → Team database…: connection results and the moved data's check, in
plain language (English source, French in resources/i18n; context "TeamDatabaseDialog")."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale

from wacampaign_desktop.core.services import database_settings as dbs

translate = QCoreApplication.translate


def table_label(table: str) -> str:
    """A table's name for people ("contact" → "Contacts")."""
    labels = {
        "app_state": translate("TeamDatabaseDialog", "Saved app state"),
        "campaign": translate("TeamDatabaseDialog", "Campaigns"),
        "contact": translate("TeamDatabaseDialog", "Contacts"),
        "campaign_message": translate("TeamDatabaseDialog", "Campaign messages"),
        "content_template": translate("TeamDatabaseDialog", "Templates"),
        "reply_rule": translate("TeamDatabaseDialog", "Reply rules"),
        "direct_message": translate("TeamDatabaseDialog", "Direct messages"),
        "inbound_message": translate("TeamDatabaseDialog", "Received messages"),
        "webhook_event": translate("TeamDatabaseDialog", "Activity log"),
        "pending_callback": translate("TeamDatabaseDialog", "Status updates waiting"),
        "schema_version": translate("TeamDatabaseDialog", "Database versions"),
    }
    return labels.get(table, table)


def _number(value: int) -> str:
    return QLocale().toString(int(value))


def failure_text(failure: dbs.OpenFailure) -> str:
    """What went wrong connecting, for people."""
    if failure.kind == "unreachable":
        return translate(
            "TeamDatabaseDialog", "Cannot reach the server at %1. Check the address and the "
            "port, and that the server is running.").replace("%1", failure.server)
    if failure.kind == "password":
        return translate("TeamDatabaseDialog",
                         "The server refused the user name or the password.")
    if failure.kind == "missing":
        return translate("TeamDatabaseDialog", "The server has no database of that name.")
    return translate("TeamDatabaseDialog", "The server answered: %1").replace(
        "%1", failure.detail)


def connection_text(result: dbs.ConnectionResult) -> str:
    if result.ok:
        return translate("TeamDatabaseDialog", "Connected: the server answers (%1).").replace(
            "%1", result.version)
    assert result.failure is not None
    return failure_text(result.failure)


def table_line(table: dbs.TableCount) -> str:
    text = translate("TeamDatabaseDialog", "%1: %2 of %3 copied").replace(
        "%1", table_label(table.table)).replace("%2", _number(table.target)).replace(
        "%3", _number(table.source))
    return ("✓ " if table.ok else "✗ ") + text


def campaign_line(check: dbs.CounterCheck) -> str:
    words = (translate("TeamDatabaseDialog", "Campaign “%1”: counters match") if check.ok
             else translate("TeamDatabaseDialog", "Campaign “%1”: counters differ"))
    return ("✓ " if check.ok else "✗ ") + words.replace("%1", check.name)


def report_lines(report: dbs.TransferReport) -> list[str]:
    """One line per table holding rows (either side), one for the empty ones together, one per
    campaign."""
    lines = [table_line(t) for t in report.tables if t.source or t.target]
    empty = sum(1 for t in report.tables if not (t.source or t.target))
    if empty:
        lines.append("✓ " + translate("TeamDatabaseDialog", "%1 other tables: empty on both sides")
                     .replace("%1", _number(empty)))
    return lines + [campaign_line(c) for c in report.campaigns]


def report_summary(report: dbs.TransferReport) -> str:
    if report.ok:
        return translate("TeamDatabaseDialog",
                         "Copied and checked: every table and every campaign counter matches. "
                         "Choose “A PostgreSQL server shared by the team” and Save to use it "
                         "from the next start.")
    return translate("TeamDatabaseDialog",
                     "The copy does not match (marked ✗ below). Do not use this database; "
                     "ask for help with the list below.")


def progress_text(table: str, done: int, total: int) -> str:
    return translate("TeamDatabaseDialog", "Copying %1: %2 of %3").replace(
        "%1", table_label(table)).replace("%2", _number(done)).replace("%3", _number(total))


def not_empty_text(database: str) -> str:
    return translate(
        "TeamDatabaseDialog", "Nothing was copied: the database “%1” already has tables. "
        "Choose an empty database (the person who manages the server can create one)."
    ).replace("%1", database)
