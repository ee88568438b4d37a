"""Contacts as a lazy Qt table model: keyset pages on id (read through the contacts service),
filtered by text, tag and opt-out. Phones in international format (no-break spaces, never cut
mid-number); name, tags and other fields, which a narrow column elides, whole in the tooltip."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont

from wacampaign_desktop.core.services.contacts import ContactsService
from wacampaign_desktop.gui.models.labels import local_time
from wacampaign_desktop.gui.models.paged import KeysetPagedModel
from wacampaign_desktop.gui.models.phone_text import display_phone
from wacampaign_desktop.gui.resources import status_color

log = logging.getLogger(__name__)

PAGE_SIZE = 500
ID_ROLE = Qt.ItemDataRole.UserRole + 1
_Index = QModelIndex | QPersistentModelIndex


class ContactsTableModel(KeysetPagedModel):
    HEADERS = (
        QT_TRANSLATE_NOOP("ContactsTableModel", "Name"),
        QT_TRANSLATE_NOOP("ContactsTableModel", "Phone"),
        QT_TRANSLATE_NOOP("ContactsTableModel", "Status"),
        QT_TRANSLATE_NOOP("ContactsTableModel", "Tags"),
        QT_TRANSLATE_NOOP("ContactsTableModel", "Other fields"),
    )

    def __init__(self, parent: Any = None, page_size: int = PAGE_SIZE,
                 contacts: ContactsService | None = None) -> None:
        super().__init__(parent, page_size)
        self.contacts = contacts or ContactsService()
        self._filter: tuple[str, str, bool] = ("", "", False)

    def set_filter(self, search: str = "", tag: str = "", opted_out_only: bool = False) -> None:
        self._filter = (search, tag, opted_out_only)
        self.reload()

    @property
    def filter(self) -> tuple[str, str, bool]:
        """(search text, tag, opted-out only) as last set."""
        return self._filter

    def total(self) -> int:
        return self.contacts.total(*self._filter)

    def next_page(self, last_row: Any | None, size: int) -> list[Any]:
        return self.contacts.page(last_row.id if last_row is not None else None, size, *self._filter)

    def contact_at(self, row: int) -> Any | None:
        return self.row_object(row)

    def row_of(self, contact_id: int) -> int:
        return next((i for i, c in enumerate(self._rows) if c.id == contact_id), -1)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        contact = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(contact, column)
        if role == ID_ROLE:
            return contact.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(contact, column)
        if contact.opted_out:
            if role == Qt.ItemDataRole.ForegroundRole:
                return status_color("skipped")
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setItalic(True)
                return font
        return None

    @staticmethod
    def status_text(opted_out: bool) -> str:
        if opted_out:
            return QCoreApplication.translate("ContactsTableModel", "Opted out")
        return QCoreApplication.translate("ContactsTableModel", "Can receive")

    @staticmethod
    def _text(contact: Any, column: int) -> str:
        if column == 0:
            return contact.name
        if column == 1:
            return display_phone(contact.phone)
        if column == 2:
            return ContactsTableModel.status_text(contact.opted_out)
        if column == 3:
            return ", ".join(contact.tags or [])
        return "; ".join(f"{k}: {v}" for k, v in (contact.fields or {}).items())

    def _tooltip(self, contact: Any, column: int) -> str | None:
        """The whole text of a cell a narrow column elides (name, tags, other fields), and why an
        opted-out contact is skipped."""
        lines = [self._text(contact, column)] if column in (0, 3, 4) else []
        if contact.opted_out:
            lines.append(QCoreApplication.translate(
                "ContactsTableModel", "Opted out on %1: campaigns skip this contact.").replace(
                    "%1", local_time(contact.opted_out_at, short=False)))
        text = "\n".join(line for line in lines if line)
        return text or None
