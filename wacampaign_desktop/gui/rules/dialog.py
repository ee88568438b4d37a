"""RulesDialog: the reply rules editor. Left: the rules in the order they are tried (the first
that matches wins), each with an on/off checkbox, and Add / Delete / Move up / Move down. Right:
the chosen rule's form with Save (an invalid rule is refused with the reason), and a "Try a
message" box that shows, live, which rule would fire on a text and what it would send — with the
form's unsaved changes. Opt-out words (STOP…) always win over every rule."""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from wacampaign_desktop.core.automation.matching import problem_codes
from wacampaign_desktop.core.services.rules import Rule, RulesService
from wacampaign_desktop.gui.rules.form import RuleForm
from wacampaign_desktop.gui.rules.model import RulesModel
from wacampaign_desktop.gui.rules.settings_box import AutomationSettingsBox
from wacampaign_desktop.gui.rules.words import decision_text, problem_text

if TYPE_CHECKING:
    from wacampaign_desktop.gui.services import GuiServices

log = logging.getLogger(__name__)


class RulesDialog(QDialog):
    def __init__(self, services: GuiServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Reply rules"))
        self.setObjectName("RulesDialog")
        self.resize(1240, 720)
        self.services = services
        self.service = RulesService(services.context)
        self.model = RulesModel(self)
        self.model.on_toggle = self._toggle
        self._campaigns = self.service.campaigns()
        self.form = RuleForm()
        self.form.set_choices(self._campaigns, self.service.templates())
        self._build()
        self.reload()

    # -- layout -------------------------------------------------------------------------------
    def _build(self) -> None:
        intro = QLabel(self.tr(
            "Rules answer incoming messages automatically. They are tried in this order; the "
            "first that matches wins. Opt-out words (STOP…) always win over every rule, and a "
            "contact gets at most one automatic reply per rule within its cooldown."))
        intro.setWordWrap(True)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(self._on_row)
        self.addButton = QPushButton(self.tr("Add"))
        self.deleteButton = QPushButton(self.tr("Delete"))
        self.upButton = QPushButton(self.tr("Move up"))
        self.downButton = QPushButton(self.tr("Move down"))
        self.addButton.clicked.connect(self.add_rule)
        self.deleteButton.clicked.connect(self.delete_rule)
        self.upButton.clicked.connect(lambda: self.move_rule(-1))
        self.downButton.clicked.connect(lambda: self.move_rule(+1))
        buttons = QHBoxLayout()
        for button in (self.addButton, self.deleteButton, self.upButton, self.downButton):
            buttons.addWidget(button)
        buttons.addStretch(1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table)
        left_layout.addLayout(buttons)
        self.settingsBox = AutomationSettingsBox(self.services, left)
        left_layout.addWidget(self.settingsBox)

        self.saveButton = QPushButton(self.tr("Save rule"))
        self.saveButton.clicked.connect(self.save_rule)
        self.problemLabel = QLabel(wordWrap=True)
        self.problemLabel.setProperty("role", "error")
        save_row = QHBoxLayout()
        save_row.addWidget(self.problemLabel, 1)
        save_row.addWidget(self.saveButton, 0, Qt.AlignmentFlag.AlignTop)
        self.tryEdit = QLineEdit(placeholderText=self.tr("Type a message a contact could send"))
        self.tryCampaign = QComboBox()
        self.tryCampaign.addItem(self.tr("Not a reply to a campaign"), None)
        for campaign_id, name in self._campaigns:
            self.tryCampaign.addItem(self.tr("Reply to “%1”").replace("%1", name), campaign_id)
        self.tryResult = QLabel(wordWrap=True)
        self.tryResult.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.tryResult.setMinimumHeight(48)
        try_box = QGroupBox(self.tr("Try a message"))
        try_layout = QVBoxLayout(try_box)
        try_row = QHBoxLayout()
        try_row.addWidget(self.tryCampaign)
        try_row.addStretch(1)
        try_layout.addWidget(self.tryEdit)
        try_layout.addLayout(try_row)
        try_layout.addWidget(self.tryResult)
        self.tryEdit.textChanged.connect(self.update_try)
        self.tryCampaign.currentIndexChanged.connect(self.update_try)
        self.form.edited.connect(self._on_edited)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.form)
        right_layout.addLayout(save_row)
        right_layout.addWidget(try_box)
        right_layout.addStretch(1)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([720, 500])
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(splitter, 1)
        layout.addWidget(close)

    # -- data ---------------------------------------------------------------------------------
    def reload(self, select_id: int | None = None) -> None:
        self.model.set_rules(self.service.list(), dict(self._campaigns))
        rows = self.model.rules
        row = next((i for i, r in enumerate(rows) if r.id == select_id), 0 if rows else -1)
        if row >= 0:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, 1),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)
            self.form.load(rows[row])
        else:
            self.form.load(self.service.new_rule(name=self.tr("New rule")))
        self._update_buttons()
        self.update_try()

    def current_rule(self) -> Rule | None:
        row = self.table.selectionModel().currentIndex().row()
        return self.model.rules[row] if 0 <= row < len(self.model.rules) else None

    @Slot()
    def _on_row(self) -> None:
        rule = self.current_rule()
        if rule is not None:
            self.form.load(rule)
            self.problemLabel.clear()
        self._update_buttons()
        self.update_try()

    def _update_buttons(self) -> None:
        row = self.table.selectionModel().currentIndex().row()
        count = len(self.model.rules)
        self.deleteButton.setEnabled(0 <= row < count)
        self.upButton.setEnabled(0 < row < count)
        self.downButton.setEnabled(0 <= row < count - 1)

    # -- actions ------------------------------------------------------------------------------
    @Slot()
    def add_rule(self) -> None:
        self.table.selectionModel().clearCurrentIndex()
        self.table.clearSelection()
        self.form.load(self.service.new_rule(name=self.tr("New rule"), reply_text=""))
        self.problemLabel.clear()
        self.form.nameEdit.setFocus()
        self.form.nameEdit.selectAll()
        self._update_buttons()
        self.update_try()

    @Slot()
    def save_rule(self) -> None:
        rule = self.form.rule()
        found = problem_codes(rule)
        if found:
            self.problemLabel.setText(" ".join(problem_text(c, d) for c, d in found))
            return
        saved = self.service.save(rule)
        self.problemLabel.clear()
        log.info("Reply rule “%s” saved", saved.name)
        self.reload(saved.id)

    @Slot()
    def delete_rule(self) -> None:
        rule = self.current_rule()
        if rule is None or rule.id is None:
            return
        answer = QMessageBox.question(
            self, self.tr("Delete rule"),
            self.tr("Delete the rule “%1”? Replies it already sent stay in the Inbox.")
            .replace("%1", rule.name))
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.service.delete(rule.id)
        self.reload()

    def move_rule(self, offset: int) -> None:
        rule = self.current_rule()
        if rule is None or rule.id is None:
            return
        self.service.move(rule.id, offset)
        self.reload(rule.id)

    def _toggle(self, rule_id: int, enabled: bool) -> None:
        self.service.set_enabled(rule_id, enabled)
        self.update_try()

    # -- try a message ------------------------------------------------------------------------
    @Slot()
    def _on_edited(self) -> None:
        self.problemLabel.clear()
        self.update_try()

    def candidate_rules(self) -> list[Rule]:
        """The saved rules with the form's unsaved changes in place of the rule being edited
        (a new rule goes last)."""
        edited = self.form.rule()
        rules = list(self.model.rules)
        for index, rule in enumerate(rules):
            if edited.id is not None and rule.id == edited.id:
                rules[index] = replace(edited, enabled=rule.enabled)
                break
        else:
            last = max((r.position for r in rules), default=-1)
            rules.append(replace(edited, position=last + 1, enabled=True))
        return rules

    @Slot()
    def update_try(self) -> None:
        text = self.tryEdit.text()
        if not text.strip():
            self.tryResult.setText(self.tr("Type a message above to see which rule would fire "
                                           "and what it would send."))
            return
        decision = self.service.test(text, campaign=self.tryCampaign.currentData(),
                                     rules=self.candidate_rules())
        self.tryResult.setText(decision_text(decision))
