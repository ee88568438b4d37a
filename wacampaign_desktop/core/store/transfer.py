"""Copying a whole profile database into another, empty one (SQLite → PostgreSQL), then checking
the copy: rows per table and every campaign's counters against a recount.

The copy runs in ONE transaction on the target (all or nothing), table by table in foreign-key
order, in batches read by id from the source; values go through the models' fields (dates,
booleans and JSON come out as Python values and are written in the target's own types), the
ids are kept, and each table's id sequence is moved past the largest id afterwards.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import peewee

from wacampaign_desktop.core import status_rules as rules
from wacampaign_desktop.core.store import models as m
from wacampaign_desktop.core.store.database import is_postgres

Progress = Callable[[str, int, int], None]  # (table, rows copied so far, rows in the table)


class TargetNotEmpty(RuntimeError):
    """The target database already holds tables; nothing was written to it."""


@dataclass(frozen=True)
class TableCount:
    table: str
    source: int
    target: int

    @property
    def ok(self) -> bool:
        return self.source == self.target


@dataclass(frozen=True)
class CounterCheck:
    campaign_id: int
    name: str
    stored_source: dict[str, int]
    stored_target: dict[str, int]
    recount_target: dict[str, int]

    @property
    def ok(self) -> bool:
        return self.stored_source == self.stored_target == self.recount_target


@dataclass
class TransferReport:
    tables: list[TableCount] = field(default_factory=list)
    campaigns: list[CounterCheck] = field(default_factory=list)
    schema_version: int = 0

    @property
    def ok(self) -> bool:
        return all(t.ok for t in self.tables) and all(c.ok for c in self.campaigns)


def _ordered_models() -> list[type[m.BaseModel]]:
    return list(peewee.sort_models(m.ALL_MODELS))


def _count(db: peewee.Database, model: type[m.BaseModel]) -> int:
    return model.select().bind(db).count()


def check_empty(target: peewee.Database) -> None:
    tables = target.get_tables()
    if tables:
        shown = ", ".join(tables[:5]) + (" …" if len(tables) > 5 else "")
        raise TargetNotEmpty(f"the target database is not empty ({len(tables)} tables: {shown}); "
                             "give an empty database (createdb NAME) — nothing was written")


def _copy_table(source: peewee.Database, target: peewee.Database, model: type[m.BaseModel],
                batch: int, progress: Progress | None) -> None:
    total = _count(source, model)
    name = model._meta.table_name
    done, last = 0, 0
    if progress is not None:
        progress(name, 0, total)
    while True:
        rows = list(model.select().where(model.id > last).order_by(model.id).limit(batch)
                    .bind(source).dicts())
        if not rows:
            break
        model.insert_many(rows).bind(target).execute()
        last = rows[-1]["id"]
        done += len(rows)
        if progress is not None:
            progress(name, done, total)


def _reset_sequences(target: peewee.Database) -> None:
    """Each table's next id after its largest one (the copy wrote ids explicitly)."""
    if not is_postgres(target):
        return
    for model in m.ALL_MODELS:
        table = model._meta.table_name
        target.execute_sql(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
            f"COALESCE((SELECT MAX(id) FROM \"{table}\"), 0) + 1, false)")


def _recount(db: peewee.Database, campaign_id: int) -> dict[str, int]:
    """The campaign's counters recomputed from its messages on `db` (as message_updates.recount)."""
    counters = dict.fromkeys(rules.COUNTER_NAMES, 0)
    query = (m.CampaignMessage.select(m.CampaignMessage.status, peewee.fn.COUNT(m.CampaignMessage.id))
             .where(m.CampaignMessage.campaign == campaign_id)
             .group_by(m.CampaignMessage.status).tuples().bind(db))
    for status, number in query:
        counters["total"] += number
        for bucket in rules.buckets(status):
            counters[bucket] += number
    counters["replied"] = (m.CampaignMessage.select()
                           .where((m.CampaignMessage.campaign == campaign_id)
                                  & m.CampaignMessage.replied_at.is_null(False)).bind(db).count())
    return counters


def _stored_counters(db: peewee.Database) -> dict[int, tuple[str, dict[str, int]]]:
    return {c.id: (c.name, c.counters()) for c in m.Campaign.select().bind(db)}


def verify(source: peewee.Database, target: peewee.Database) -> TransferReport:
    """Rows per table on both sides; each campaign's stored counters on both sides and a recount
    of its messages on the target."""
    version = m.SchemaVersion.select(peewee.fn.MAX(m.SchemaVersion.version)).bind(target).scalar()
    report = TransferReport(schema_version=version or 0)
    for model in _ordered_models():
        report.tables.append(TableCount(model._meta.table_name, _count(source, model),
                                        _count(target, model)))
    before = _stored_counters(source)
    after = _stored_counters(target)
    for campaign_id, (name, counters) in sorted(before.items()):
        report.campaigns.append(CounterCheck(
            campaign_id, name, counters, after.get(campaign_id, (name, {}))[1],
            _recount(target, campaign_id)))
    return report


def copy_database(source: peewee.Database, target: peewee.Database, *, batch: int = 1000,
                  progress: Progress | None = None) -> TransferReport:
    """Copy every table of `source` into the empty `target` (schema created at the current
    version), in one target transaction; then verify. Raises TargetNotEmpty before writing
    anything when the target has tables."""
    check_empty(target)
    # the schema is created through `target` explicitly: the models stay bound to the running
    # app's database (other threads — engine, webhooks, the window — keep using it meanwhile)
    with target.atomic():
        for model in _ordered_models():
            peewee.SchemaManager(model, target).create_all(safe=False)
        for model in _ordered_models():
            if model is m.SchemaVersion:
                continue
            _copy_table(source, target, model, batch, progress)
        _copy_table(source, target, m.SchemaVersion, batch, progress)
        _reset_sequences(target)
    return verify(source, target)
