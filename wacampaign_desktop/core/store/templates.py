"""The synced catalogue of Content API templates (`ContentTemplate`) and its sync stamp.

`replace_catalogue(rows, now)` makes the table what the account has: new templates added,
changed ones updated, templates gone from the account removed, and `AppState`
"templates.synced_at" stamped, all in one transaction. Rows are plain dicts with the model's
field names (see core/twilio_gateway/content.py `RemoteTemplate.as_row`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from peewee import fn

from wacampaign_desktop.core.store.models import AppState, ContentTemplate

SYNCED_AT_KEY = "templates.synced_at"
CHUNK = 50  # rows per INSERT (14 values each) / ids per UPDATE: under SQLite's 999 parameters
COMPARED = ("friendly_name", "language", "category", "approval_status", "rejection_reason",
            "content_type", "body", "variables", "media", "types", "date_updated")


@dataclass(frozen=True)
class CatalogueChange:
    added: int
    updated: int
    removed: int
    total: int


def _naive(value: Any) -> Any:
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone(UTC).replace(tzinfo=None)
    return value


def replace_catalogue(db: Any, rows: Iterable[dict[str, Any]], now: datetime) -> CatalogueChange:
    """Upsert `rows` by sid, delete the templates not in them, stamp the sync time."""
    incoming = {str(r["sid"]): {**r, "date_updated": _naive(r.get("date_updated"))} for r in rows}
    added = updated = 0
    with db.atomic():
        existing = {t.sid: t for t in ContentTemplate.select()}
        new_rows: list[dict[str, Any]] = []
        unchanged: list[int] = []
        for sid, row in incoming.items():
            fields = {k: row[k] for k in COMPARED if k in row}
            current = existing.get(sid)
            if current is None:
                new_rows.append({"sid": sid, "synced_at": now, **fields})
            elif any(getattr(current, k) != v for k, v in fields.items()):
                ContentTemplate.update(synced_at=now, **fields).where(
                    ContentTemplate.id == current.id).execute()
                updated += 1
            else:
                unchanged.append(current.id)
        for start in range(0, len(new_rows), CHUNK):  # a few statements, not one per template
            ContentTemplate.insert_many(new_rows[start:start + CHUNK]).execute()
        added = len(new_rows)
        for start in range(0, len(unchanged), CHUNK):
            ContentTemplate.update(synced_at=now).where(
                ContentTemplate.id.in_(unchanged[start:start + CHUNK])).execute()
        gone = [t.id for sid, t in existing.items() if sid not in incoming]
        for start in range(0, len(gone), CHUNK):
            ContentTemplate.delete().where(ContentTemplate.id.in_(gone[start:start + CHUNK])).execute()
        stamp = now.isoformat()
        if AppState.update(value=stamp, updated_at=now).where(
                AppState.key == SYNCED_AT_KEY).execute() == 0:
            AppState.create(key=SYNCED_AT_KEY, value=stamp, updated_at=now)
    return CatalogueChange(added, updated, len(gone), len(incoming))


def synced_at() -> datetime | None:
    """When the catalogue was last synced (naive UTC), None if never."""
    state = AppState.get_or_none(AppState.key == SYNCED_AT_KEY)
    if state is None or not state.value:
        return None
    try:
        return datetime.fromisoformat(str(state.value))
    except ValueError:
        return None


LISTED = (ContentTemplate.id, ContentTemplate.sid, ContentTemplate.friendly_name,
          ContentTemplate.language, ContentTemplate.category, ContentTemplate.approval_status,
          ContentTemplate.rejection_reason, ContentTemplate.content_type, ContentTemplate.body,
          ContentTemplate.variables, ContentTemplate.media)  # not the raw `types`


def all_templates(search: str = "", language: str = "", category: str = "",
                  approved_only: bool = False) -> list[ContentTemplate]:
    """Templates by name then language; `search` is part of the name (any case)."""
    query = ContentTemplate.select(*LISTED)
    if search.strip():
        query = query.where(fn.LOWER(ContentTemplate.friendly_name).contains(search.strip().lower()))
    if language:
        query = query.where(fn.LOWER(ContentTemplate.language) == language.lower())
    if category:
        query = query.where(fn.UPPER(ContentTemplate.category) == category.upper())
    if approved_only:
        query = query.where(ContentTemplate.approval_status == "approved")
    return list(query.order_by(ContentTemplate.friendly_name, ContentTemplate.language,
                               ContentTemplate.sid))


def distinct_values(column: str) -> list[str]:
    """The languages or categories the templates have, sorted ("" left out)."""
    field = getattr(ContentTemplate, column)
    return [row[0] for row in ContentTemplate.select(field).distinct().where(field != "")
            .order_by(field).tuples()]


def count() -> int:
    return ContentTemplate.select().count()


def by_sid(sid: str) -> ContentTemplate | None:
    return ContentTemplate.get_or_none(ContentTemplate.sid == sid)


def by_name(name: str) -> list[ContentTemplate]:
    """Templates with this friendly name (one per language), case-insensitive."""
    return list(ContentTemplate.select()
                .where(fn.LOWER(ContentTemplate.friendly_name) == name.strip().lower())
                .order_by(ContentTemplate.language, ContentTemplate.sid))

