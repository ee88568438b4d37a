"""A small dialog to tick the contacts a campaign goes to (search box + checkable list)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from wacampaign_desktop.core.services.contacts import ContactsService

MAX_LISTED = 5000


class ContactPickerDialog(QDialog):
    def __init__(self, chosen: list[int], parent: QWidget | None = None,
                 contacts: ContactsService | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Choose the recipients"))
        layout = QVBoxLayout(self)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Search name or number"))
        self.search.setClearButtonEnabled(True)
        self.list = QListWidget(self)
        self.count = QLabel(self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        layout.addWidget(self.search)
        layout.addWidget(self.list)
        layout.addWidget(self.count)
        layout.addWidget(buttons)
        wanted = set(chosen)
        for contact in (contacts or ContactsService()).by_name(MAX_LISTED):
            label = f"{contact.name} · {contact.phone}" if contact.name else contact.phone
            if contact.opted_out:
                label += "  " + self.tr("(opted out: will be skipped)")
            item = QListWidgetItem(label, self.list)
            item.setData(Qt.ItemDataRole.UserRole, contact.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if contact.id in wanted else Qt.CheckState.Unchecked)
        self.search.textChanged.connect(self._filter)
        self.list.itemChanged.connect(lambda _i: self._count())
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self._count()
        self.resize(420, 520)

    def _filter(self, text: str) -> None:
        needle = text.strip().lower()
        for row in range(self.list.count()):
            item = self.list.item(row)
            item.setHidden(bool(needle) and needle not in item.text().lower())

    def _count(self) -> None:
        self.count.setText(self.tr("Chosen: %1").replace("%1", str(len(self.chosen_ids()))))

    def chosen_ids(self) -> list[int]:
        return [self.list.item(r).data(Qt.ItemDataRole.UserRole) for r in range(self.list.count())
                if self.list.item(r).checkState() == Qt.CheckState.Checked]
