"""Queries into the JSON stored as text (contact tags and custom fields), in each engine's own
dialect: SQLite's json_each, PostgreSQL's json_array_elements_text / json_object_keys."""

from __future__ import annotations

import json

import peewee

from wacampaign_desktop.core.store.database import is_postgres
from wacampaign_desktop.core.store.models import Contact


def _db() -> peewee.Database:
    return Contact._meta.database


def distinct_tags() -> list[str]:
    """Every tag used by a contact, sorted."""
    sql = ("SELECT DISTINCT j FROM contact, json_array_elements_text(contact.tags::json) AS j "
           "ORDER BY 1" if is_postgres(_db()) else
           "SELECT DISTINCT j.value FROM contact, json_each(contact.tags) AS j ORDER BY 1")
    return [row[0] for row in _db().execute_sql(sql).fetchall() if row[0]]


def distinct_field_keys() -> list[str]:
    """Every custom field key used by a contact, lower case, sorted."""
    sql = ("SELECT DISTINCT lower(j) FROM contact, json_object_keys(contact.fields::json) AS j "
           "ORDER BY 1" if is_postgres(_db()) else
           "SELECT DISTINCT lower(j.key) FROM contact, json_each(contact.fields) AS j ORDER BY 1")
    return [row[0] for row in _db().execute_sql(sql).fetchall() if row[0]]


def has_tag(tag: str) -> peewee.Expression:
    """Condition: the contact's tag list holds `tag` (its quoted JSON text is in the list)."""
    quoted = json.dumps(tag, ensure_ascii=False)
    position = peewee.fn.strpos if is_postgres(_db()) else peewee.fn.instr
    return position(Contact.tags, quoted) > 0
