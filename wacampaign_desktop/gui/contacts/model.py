"""Contacts as a lazy Qt table model: keyset pages on id, filtered by text, tag and opt-out."""

from __future__ import annotations

import json
import logging
from typing import Any

import peewee
from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont

from wacampaign_desktop.core.store.database import database_proxy
from wacampaign_desktop.core.store.models import Contact
from wacampaign_desktop.gui.models.labels import local_time
from wacampaign_desktop.gui.models.paged import KeysetPagedModel
from wacampaign_desktop.gui.resources import status_color

log = logging.getLogger(__name__)

PAGE_SIZE = 500
ID_ROLE = Qt.ItemDataRole.UserRole + 1
_Index = QModelIndex | QPersistentModelIndex



def all_tags() -> list[str]:
    """Every tag used by a contact, sorted (SQLite json_each over the stored JSON lists)."""
    cursor = database_proxy.execute_sql(
        "SELECT DISTINCT j.value FROM contact, json_each(contact.tags) AS j ORDER BY 1")
    return [row[0] for row in cursor.fetchall() if row[0]]


def contacts_query(search: str = "", tag: str = "", opted_out_only: bool = False) -> peewee.ModelSelect:
    query = Contact.select()
    text = search.strip()
    if text:
        digits = "".join(ch for ch in text if ch.isdigit())
        if digits and all(ch.isdigit() or ch in " +-.()" for ch in text):
            query = query.where(Contact.phone.contains(digits))
        else:
            query = query.where(Contact.name.contains(text) | Contact.phone.contains(text))
    if tag:  # tags are a JSON list stored as text: match the quoted tag
        query = query.where(peewee.fn.instr(Contact.tags, json.dumps(tag, ensure_ascii=False)) > 0)
    if opted_out_only:
        query = query.where(Contact.opted_out_at.is_null(False) & (
            Contact.opted_in_at.is_null() | (Contact.opted_in_at < Contact.opted_out_at)))
    return query


class ContactsTableModel(KeysetPagedModel):
    HEADERS = (
        QT_TRANSLATE_NOOP("ContactsTableModel", "Name"),
        QT_TRANSLATE_NOOP("ContactsTableModel", "Phone"),
        QT_TRANSLATE_NOOP("ContactsTableModel", "Status"),
        QT_TRANSLATE_NOOP("ContactsTableModel", "Tags"),
        QT_TRANSLATE_NOOP("ContactsTableModel", "Other fields"),
    )

    def __init__(self, parent: Any = None, page_size: int = PAGE_SIZE) -> None:
        super().__init__(parent, page_size)
        self._filter: tuple[str, str, bool] = ("", "", False)

    def set_filter(self, search: str = "", tag: str = "", opted_out_only: bool = False) -> None:
        self._filter = (search, tag, opted_out_only)
        self.reload()

    def query(self) -> peewee.ModelSelect:
        return contacts_query(*self._filter)

    def total(self) -> int:
        return self.query().count()

    def next_page(self, last_row: Contact | None, size: int) -> list[Contact]:
        query = self.query()
        if last_row is not None:
            query = query.where(Contact.id > last_row.id)
        return list(query.order_by(Contact.id).limit(size))

    def contact_at(self, row: int) -> Contact | None:
        return self.row_object(row)

    def row_of(self, contact_id: int) -> int:
        return next((i for i, c in enumerate(self._rows) if c.id == contact_id), -1)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        contact = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return contact.name
            if column == 1:
                return contact.phone
            if column == 2:
                if contact.opted_out:
                    return QCoreApplication.translate("ContactsTableModel", "Opted out")
                return QCoreApplication.translate("ContactsTableModel", "Can receive")
            if column == 3:
                return ", ".join(contact.tags or [])
            return "; ".join(f"{k}: {v}" for k, v in (contact.fields or {}).items())
        if role == ID_ROLE:
            return contact.id
        if contact.opted_out:
            if role == Qt.ItemDataRole.ForegroundRole:
                return status_color("skipped")
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setItalic(True)
                return font
            if role == Qt.ItemDataRole.ToolTipRole:
                return QCoreApplication.translate(
                "ContactsTableModel", "Opted out on %1: campaigns skip this contact.").replace(
                    "%1", local_time(contact.opted_out_at, short=False))
        return None
