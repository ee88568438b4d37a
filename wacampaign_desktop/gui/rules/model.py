"""RulesModel: the reply rules in the order they are tried — on/off (a checkbox), name, when,
what it does, how many times it fired."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from wacampaign_desktop.core.services.rules import Rule
from wacampaign_desktop.gui.rules.words import when_text

_Index = QModelIndex | QPersistentModelIndex
ON, NAME, WHEN, DOES, FIRED = range(5)


class RulesModel(QAbstractTableModel):
    HEADERS = (QT_TRANSLATE_NOOP("RulesModel", "On"), QT_TRANSLATE_NOOP("RulesModel", "Name"),
               QT_TRANSLATE_NOOP("RulesModel", "When"), QT_TRANSLATE_NOOP("RulesModel", "Does"),
               QT_TRANSLATE_NOOP("RulesModel", "Fired"))

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rules: list[Rule] = []
        self.campaigns: dict[int, str] = {}
        self.on_toggle = None  # callable(rule_id, enabled), set by the dialog

    def set_rules(self, rules: list[Rule], campaigns: dict[int, str]) -> None:
        self.beginResetModel()
        self.rules, self.campaigns = list(rules), dict(campaigns)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rules)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("RulesModel", self.HEADERS[section])
        return None

    @staticmethod
    def does_text(rule: Rule) -> str:
        parts = []
        if rule.reply_text.strip():
            parts.append(QCoreApplication.translate("RulesWords", "answers"))
        if rule.reply_content_sid:
            parts.append(QCoreApplication.translate("RulesWords", "template outside 24 h"))
        if rule.add_tag.strip():
            text = QCoreApplication.translate("RulesWords", "tag “%1”")
            parts.append(text.replace("%1", rule.add_tag.strip()))
        if rule.follow_up:
            parts.append(QCoreApplication.translate("RulesWords", "follow-up"))
        return ", ".join(parts)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        rule = self.rules[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.CheckStateRole and column == ON:
            return Qt.CheckState.Checked if rule.enabled else Qt.CheckState.Unchecked
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == NAME:
                return rule.name
            if column == WHEN:
                return when_text(rule, self.campaigns)
            if column == DOES:
                return self.does_text(rule)
            if column == FIRED:
                return str(rule.fired_count)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == FIRED:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.isValid() and index.column() == ON:
            base |= Qt.ItemFlag.ItemIsUserCheckable
        return base

    def setData(self, index: _Index, value: Any,  # noqa: N802
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != ON or role != Qt.ItemDataRole.CheckStateRole:
            return False
        enabled = Qt.CheckState(value) == Qt.CheckState.Checked
        rule = self.rules[index.row()]
        from dataclasses import replace

        self.rules[index.row()] = replace(rule, enabled=enabled)
        if self.on_toggle is not None and rule.id is not None:
            self.on_toggle(rule.id, enabled)
        self.dataChanged.emit(index, index, [role])
        return True
