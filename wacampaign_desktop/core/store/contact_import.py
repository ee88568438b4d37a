"""Writing many contacts at once (the CSV import): one transaction, batched statements.

Rows whose number is not a contact yet are inserted with one `executemany` per batch; known
numbers are updated the same way: their name is kept unless the row has one, the row's fields
are merged over theirs and its tags appended to theirs. The known numbers are read per batch
inside the transaction, so a contact created meanwhile is updated, not duplicated.

`progress(done, total)` is called before the first batch and after each one; when `cancel` is
set, the transaction is rolled back and `ImportCancelled` raised: nothing is half-imported.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

import peewee

from wacampaign_desktop.core.store.models import Contact

BATCH = 1000  # rows per statement; also how often progress is reported


class ImportCancelled(Exception):
    """The import was cancelled; its transaction was rolled back (nothing written)."""


class ContactRow(Protocol):
    phone: str  # E.164
    name: str
    tags: list[str]
    custom: dict[str, str]


@dataclass(frozen=True)
class Written:
    imported: int  # new contacts
    updated: int  # known numbers updated


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


def write_contacts(rows: Sequence[ContactRow], now: datetime, *,
                   progress: Callable[[int, int], None] | None = None,
                   cancel: threading.Event | None = None, batch: int = BATCH) -> Written:
    """Create or update a contact for every row (numbers unique among `rows`), in one
    transaction; raises ImportCancelled (after rolling back) when `cancel` gets set."""
    db = Contact._meta.database
    meta = Contact._meta
    table = meta.table_name
    col = {name: field.column_name for name, field in meta.fields.items()}
    insert_sql = (f'INSERT INTO "{table}" ("{col["phone"]}", "{col["name"]}", "{col["fields"]}", '
                  f'"{col["tags"]}", "{col["created_at"]}", "{col["updated_at"]}") '
                  "VALUES (?, ?, ?, ?, ?, ?)").replace("?", db.param)
    update_sql = (f'UPDATE "{table}" SET "{col["name"]}" = ?, "{col["fields"]}" = ?, '
                  f'"{col["tags"]}" = ?, "{col["updated_at"]}" = ? WHERE "{col["id"]}" = ?'
                  ).replace("?", db.param)
    to_json = _to_json
    from_json = Contact.fields.python_value
    stamp = Contact.updated_at.db_value(now)
    total, done, imported, updated = len(rows), 0, 0, 0
    if progress is not None:
        progress(0, total)
    with db.atomic():
        cursor = db.cursor()
        for start in range(0, total, batch):
            if cancel is not None and cancel.is_set():
                raise ImportCancelled
            chunk = rows[start:start + batch]
            known = _known(db, table, col, [row.phone for row in chunk])
            inserts: list[tuple] = []
            updates: list[tuple] = []
            for row in chunk:
                old = known.get(row.phone)
                if old is None:
                    tags = row.tags if len(set(row.tags)) == len(row.tags) else _unique(row.tags)
                    inserts.append((row.phone, row.name, to_json(row.custom), to_json(tags), stamp, stamp))
                    continue
                contact_id, name, fields, tags = old
                merged = {**(from_json(fields) or {}), **row.custom}
                all_tags = _unique(list(from_json(tags) or []) + row.tags)
                updates.append((row.name or name, to_json(merged), to_json(all_tags), stamp, contact_id))
            if inserts:
                cursor.executemany(insert_sql, inserts)
            if updates:
                cursor.executemany(update_sql, updates)
            imported += len(inserts)
            updated += len(updates)
            done += len(chunk)
            if progress is not None:
                progress(done, total)
        if cancel is not None and cancel.is_set():
            raise ImportCancelled
    return Written(imported, updated)


_ENCODE = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode


def _to_json(value: dict | list) -> str:
    """JSONField's stored text for `value` (json.dumps(ensure_ascii=False, sort_keys=True)),
    with one encoder for the whole import."""
    return _ENCODE(value) if value else ("{}" if isinstance(value, dict) else "[]")


def existing_phones(phones: Sequence[str], batch: int = BATCH) -> set[str]:
    """Which of these numbers are contacts already."""
    db = Contact._meta.database
    table, column = Contact._meta.table_name, Contact.phone.column_name
    found: set[str] = set()
    for start in range(0, len(phones), batch):
        chunk = list(phones[start:start + batch])
        sql = (f'SELECT "{column}" FROM "{table}" WHERE "{column}" IN ({", ".join([db.param] * len(chunk))})')
        found.update(phone for (phone,) in db.execute_sql(sql, chunk).fetchall())
    return found


def _known(db: peewee.Database, table: str, col: dict[str, str], phones: list[str]) -> dict[str, list]:
    """phone → (id, name, fields JSON, tags JSON) for the numbers already contacts."""
    if not phones:
        return {}
    marks = ", ".join([db.param] * len(phones))
    sql = (f'SELECT "{col["phone"]}", "{col["id"]}", "{col["name"]}", "{col["fields"]}", '
           f'"{col["tags"]}" FROM "{table}" WHERE "{col["phone"]}" IN ({marks})')
    return {phone: rest for phone, *rest in db.execute_sql(sql, phones).fetchall()}
