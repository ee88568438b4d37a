"""The placeholder mapping grid: one row per `{{n}}` of the chosen template, each filled from a
contact field (name, phone, the custom fields contacts have) or a fixed text. The mapping it
gives is the campaign's `content_variables`: "{{name}}" for a field, the text itself otherwise."""

from __future__ import annotations

import re

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QLineEdit, QWidget

FIELD_RE = re.compile(r"^\{\{\s*([^{}]+?)\s*\}\}$")
FIXED = ""  # the combo's data for "Fixed text"


class TemplateMappingGrid(QWidget):
    """Emits `changed()` when a placeholder's source changes."""

    changed = Signal()

    def __init__(self, fields: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fields = list(fields)
        self.rows: list[tuple[str, QComboBox, QLineEdit]] = []
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setColumnStretch(2, 1)
        self.emptyLabel = QLabel(self.tr("This template has no placeholders."), self)
        self.emptyLabel.setProperty("role", "muted")
        self.grid.addWidget(self.emptyLabel, 0, 0, 1, 3)

    def set_placeholders(self, placeholders: list[str], mapping: dict[str, str],
                         samples: dict[str, str]) -> None:
        """One row per placeholder; `mapping` gives the stored values, a new placeholder starts
        with the contact's name for {{1}} and a fixed text (the template's sample) after."""
        for _number, combo, edit in self.rows:
            for widget in (combo, edit):
                self.grid.removeWidget(widget)
                widget.deleteLater()
        for label in self.findChildren(QLabel, "placeholderLabel"):
            self.grid.removeWidget(label)
            label.deleteLater()
        self.rows = []
        self.emptyLabel.setVisible(not placeholders)
        for row, number in enumerate(placeholders, start=1):
            label = QLabel("{{" + number + "}}", self)
            label.setObjectName("placeholderLabel")
            combo = QComboBox(self)
            combo.setAccessibleName(self.tr("Source of %1").replace("%1", "{{" + number + "}}"))
            combo.addItem(self.tr("Fixed text"), FIXED)
            for name in self.fields:
                combo.addItem(self.tr("Contact: %1").replace("%1", name), name)
            edit = QLineEdit(self)
            edit.setAccessibleName(self.tr("Fixed text for %1").replace("%1", "{{" + number + "}}"))
            sample = samples.get(number, "")
            if sample:
                edit.setPlaceholderText(self.tr("e.g. %1").replace("%1", sample))
            label.setBuddy(combo)
            self.grid.addWidget(label, row, 0)
            self.grid.addWidget(combo, row, 1)
            self.grid.addWidget(edit, row, 2)
            value = mapping.get(number)
            if value is None:
                value = "{{name}}" if number == "1" and "name" in self.fields else ""
            self._show(combo, edit, value)
            combo.currentIndexChanged.connect(lambda _i, c=combo, e=edit: self._source_changed(c, e))
            edit.textChanged.connect(lambda _t: self.changed.emit())
            self.rows.append((number, combo, edit))

    def _show(self, combo: QComboBox, edit: QLineEdit, value: str) -> None:
        match = FIELD_RE.match(value.strip())
        field = match.group(1).lower() if match else ""
        index = combo.findData(field) if field else -1
        if index < 0 and value.strip().lower() in self.fields:  # the older bare "city"
            index = combo.findData(value.strip().lower())
        if index > 0:
            combo.setCurrentIndex(index)
            edit.clear()
            edit.setEnabled(False)
        else:
            combo.setCurrentIndex(0)
            edit.setText(value)
            edit.setEnabled(True)

    def _source_changed(self, combo: QComboBox, edit: QLineEdit) -> None:
        fixed = combo.currentData() == FIXED
        edit.setEnabled(fixed)
        if fixed:
            edit.setFocus()
        self.changed.emit()

    def mapping(self) -> dict[str, str]:
        """Placeholder number -> "{{field}}" or the fixed text (possibly empty)."""
        out: dict[str, str] = {}
        for number, combo, edit in self.rows:
            field = combo.currentData()
            out[number] = "{{" + field + "}}" if field else edit.text()
        return out

    def set_source(self, number: str, value: str) -> None:
        """Set one placeholder's source ("{{city}}" or a fixed text), as a user would."""
        for n, combo, edit in self.rows:
            if n == number:
                self._show(combo, edit, value)
                self.changed.emit()
