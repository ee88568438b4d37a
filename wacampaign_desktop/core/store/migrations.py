"""Schema versions and the ordered migration ladder (playhouse.migrate), each step in a transaction,
the database file copied aside first.

Version history:
  1. first release: contacts, campaigns, campaign messages, inbound messages, webhook events.
  2. A/B variants and audience on campaigns; variant, template variables, retry schedule and
     replies on messages; inbound messages linked to the campaign message they answer; idempotency tokens on webhook events; pending callbacks table.
  3. direct messages table: free-text replies sent from the Inbox, stored (sent or failed).
  4. a leaner webhook log: its `sid` and `received_at` indexes dropped (nothing reads by them;
     retention finds its cut-off by id), idempotency tokens stored as digests from now on; the
     file switched to incremental auto-vacuum (one VACUUM after the steps, outside any
     transaction, after the copy aside; if it fails, e.g. for lack of space, the schema is
     still current and the switch is tried again by `enable_incremental_vacuum`).
  5. inbound messages get `seen_at` (read in the Inbox; None = unread).
  6. the first real campaign, the seed's next steps and team use: Content API templates, reply
     rules and app state tables; contacts get `last_inbound_at`, `is_demo`, `follow_up_at`;
     campaigns the outside-window policy and fallback template, A/B test plan, alert
     thresholds, auto retry and sending owner; messages `attempts` and `skip_reason`; inbound
     messages their `source`; direct messages kind, rule, template and delivery times. The
     contacts' last incoming time is filled from the inbound messages already stored.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import peewee
from playhouse.migrate import SchemaMigrator, SqliteMigrator, migrate

from wacampaign_desktop.core.store import models as m
from wacampaign_desktop.core.store.change_feed import install_notify_triggers
from wacampaign_desktop.core.store.database import is_postgres

log = logging.getLogger(__name__)

CURRENT_VERSION = 6


class MigrationError(RuntimeError):
    """The database could not be brought to the current schema; the backup path is in the message."""


def _to_v2(db: peewee.SqliteDatabase) -> None:
    migrator = SqliteMigrator(db)
    migrate(
        migrator.add_column("campaign", "audience", m.JSONField(default=dict)),
        migrator.add_column("campaign", "variants", m.JSONField(default=list)),
        migrator.add_column("campaign_message", "content_variables", m.JSONField(null=True)),
        migrator.add_column("campaign_message", "variant", peewee.CharField(null=True)),
        migrator.add_column("campaign_message", "next_attempt_at", peewee.DateTimeField(null=True)),
        migrator.add_column("campaign_message", "replied_at", peewee.DateTimeField(null=True)),
        migrator.add_column(
            "inbound_message", "campaign_message_id",
            peewee.ForeignKeyField(
                m.CampaignMessage, field=m.CampaignMessage.id, null=True, on_delete="SET NULL"
            ),
        ),
        migrator.add_column("webhook_event", "idempotency_token", peewee.CharField(null=True)),
        migrator.add_index("webhook_event", ("idempotency_token",), False),
    )
    db.create_tables([m.PendingCallback])
    # Replies were not linked in v1; recompute counters so `replied` starts consistent.
    db.execute_sql("UPDATE campaign SET replied_count = 0")


def _to_v3(db: peewee.SqliteDatabase) -> None:
    db.create_tables([m.DirectMessage])


def _to_v4(db: peewee.SqliteDatabase) -> None:
    db.execute_sql("DROP INDEX IF EXISTS webhook_event_sid")
    db.execute_sql("DROP INDEX IF EXISTS webhook_event_received_at")


def _to_v5(db: peewee.SqliteDatabase) -> None:
    migrate(SqliteMigrator(db).add_column("inbound_message", "seen_at", peewee.DateTimeField(null=True)))


def _fresh(field: peewee.Field) -> peewee.Field:
    """An unbound copy of a model field (with its database-side DEFAULT) for `add_column`."""
    return type(field)(default=field.default, null=field.null, constraints=field.constraints)


def _to_v6(db: peewee.Database) -> None:
    migrator = SchemaMigrator.from_database(db)
    db.create_tables([m.ContentTemplate, m.ReplyRule, m.AppState])
    dt = lambda: peewee.DateTimeField(null=True)  # noqa: E731
    columns = [
        ("contact", "last_inbound_at", dt()),
        ("contact", "is_demo", _fresh(m.Contact.is_demo)),
        ("contact", "follow_up_at", dt()),
        ("campaign", "outside_window", _fresh(m.Campaign.outside_window)),
        ("campaign", "fallback_content_sid", peewee.CharField(null=True)),
        ("campaign", "fallback_variables", _fresh(m.Campaign.fallback_variables)),
        ("campaign", "ab_test", m.JSONField(null=True)),
        ("campaign", "alert_thresholds", m.JSONField(null=True)),
        ("campaign", "auto_retry", _fresh(m.Campaign.auto_retry)),
        ("campaign", "sending_owner", peewee.CharField(null=True)),
        ("campaign", "owner_seen_at", dt()),
        ("campaign_message", "attempts", _fresh(m.CampaignMessage.attempts)),
        ("campaign_message", "skip_reason", peewee.CharField(null=True)),
        ("inbound_message", "source", _fresh(m.InboundMessage.source)),
        ("direct_message", "kind", _fresh(m.DirectMessage.kind)),
        ("direct_message", "rule_id", peewee.ForeignKeyField(
            m.ReplyRule, field=m.ReplyRule.id, null=True, on_delete="SET NULL")),
        ("direct_message", "content_sid", peewee.CharField(null=True)),
        ("direct_message", "delivered_at", dt()),
        ("direct_message", "read_at", dt()),
        ("direct_message", "failed_at", dt()),
        ("direct_message", "updated_at", dt()),
    ]
    # A table created by an earlier step from today's model (direct_message in step 3) already
    # has its v6 columns: add only what is missing.
    present = {table: {c.name for c in db.get_columns(table)} for table, _, _ in columns}
    migrate(*(migrator.add_column(table, name, field) for table, name, field in columns
              if name not in present[table]))
    if "contact_last_inbound_at" not in {i.name for i in db.get_indexes("contact")}:
        migrate(migrator.add_index("contact", ("last_inbound_at",), False))
    # Messages already sent count as one attempt each (plus the retries recorded so far).
    db.execute_sql("UPDATE campaign_message SET attempts = retry_count + 1 "
                   "WHERE twilio_sid IS NOT NULL")
    db.execute_sql("UPDATE contact SET last_inbound_at = (SELECT MAX(i.received_at) FROM "
                   "inbound_message i WHERE i.contact_id = contact.id)")


STEPS: dict[int, Callable[[peewee.SqliteDatabase], None]] = {
    2: _to_v2, 3: _to_v3, 4: _to_v4, 5: _to_v5, 6: _to_v6,
}

INCREMENTAL = 2  # PRAGMA auto_vacuum value


def enable_incremental_vacuum(db: peewee.SqliteDatabase) -> bool:
    """Switch the file to incremental auto-vacuum (freed pages can then be handed back to the
    file system a few at a time). An existing file needs one VACUUM, which rewrites it and needs
    free space about its size; returns False (and logs why) if that could not be done.
    PostgreSQL reclaims space itself (autovacuum): nothing to switch there."""
    if is_postgres(db):
        return True
    if db.execute_sql("PRAGMA auto_vacuum").fetchone()[0] == INCREMENTAL:
        return True
    try:
        db.execute_sql("PRAGMA auto_vacuum = INCREMENTAL")
        db.execute_sql("VACUUM")
    except peewee.DatabaseError as exc:
        log.warning("Could not switch the database to incremental vacuum (%s); freed space "
                    "stays inside the file until this succeeds", exc)
        return False
    return db.execute_sql("PRAGMA auto_vacuum").fetchone()[0] == INCREMENTAL


def current_version(db: peewee.SqliteDatabase) -> int | None:
    """Schema version stored in the file; None for an empty database."""
    if not db.table_exists("schema_version"):
        return 0 if db.table_exists("contact") else None
    row = m.SchemaVersion.select().order_by(m.SchemaVersion.id.desc()).first()
    return row.version if row else 0


def backup_database(path: Path, version: int) -> Path:
    """Copy the database aside (consistent even in WAL mode) before migrating it."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.v{version}-{stamp}.bak{path.suffix}")
    source = sqlite3.connect(str(path))
    try:
        dest = sqlite3.connect(str(target))
        with dest:
            source.backup(dest)
        dest.close()
    finally:
        source.close()
    return target


_MIGRATION_LOCK = 0x77616331  # PostgreSQL advisory lock key: one process migrates at a time


def migrate_database(db: peewee.Database, path: Path | None = None) -> int:
    """Create a fresh schema or run every missing step; returns the version now in the file.
    On PostgreSQL, processes opening the same database at once (two desktops, `serve`) take
    turns: the second finds the schema the first created."""
    if not is_postgres(db):
        return _migrate(db, path)
    db.execute_sql("SELECT pg_advisory_lock(%s)", (_MIGRATION_LOCK,))
    try:
        version = _migrate(db, path)
        install_notify_triggers(db, [model._meta.table_name for model in m.ALL_MODELS])
        return version
    finally:
        db.execute_sql("SELECT pg_advisory_unlock(%s)", (_MIGRATION_LOCK,))


def _migrate(db: peewee.Database, path: Path | None) -> int:
    version = current_version(db)
    if version is None:
        with db.atomic():
            db.create_tables(m.ALL_MODELS)
            m.SchemaVersion.create(version=CURRENT_VERSION)
        enable_incremental_vacuum(db)  # instant on an empty file
        log.info("Created a new database at schema version %d", CURRENT_VERSION)
        return CURRENT_VERSION
    if version > CURRENT_VERSION:
        raise MigrationError(
            f"This database was written by a newer version of the app (schema {version}; "
            f"this app knows up to {CURRENT_VERSION}). Please update the app."
        )
    if version == CURRENT_VERSION:
        return version
    postgres = is_postgres(db)
    backup = (backup_database(path, version)
              if not postgres and path is not None and path.exists() else None)
    log.info("Migrating database from schema %d to %d (backup: %s)", version, CURRENT_VERSION, backup)
    # SQLite rebuilds tables to alter them; with foreign keys on, dropping the old `campaign`
    # table would cascade-delete every message. The pragma only works outside a transaction.
    # PostgreSQL alters tables in place (and its DDL is transactional): no pragma there.
    if not postgres:
        db.execute_sql("PRAGMA foreign_keys = OFF")
    try:
        for target in range(version + 1, CURRENT_VERSION + 1):
            try:
                with db.atomic():
                    STEPS[target](db)
                    if not db.table_exists("schema_version"):
                        db.create_tables([m.SchemaVersion])
                    m.SchemaVersion.create(version=target)
                    broken = [] if postgres else db.execute_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise MigrationError(f"{len(broken)} rows lost their parent row")
            except Exception as exc:
                raise MigrationError(
                    f"Upgrading the database to schema {target} failed ({exc}); nothing was "
                    f"changed by that step. A copy of the file made before upgrading is at {backup}."
                ) from exc
    finally:
        if not postgres:
            db.execute_sql("PRAGMA foreign_keys = ON")
    enable_incremental_vacuum(db)
    return CURRENT_VERSION
