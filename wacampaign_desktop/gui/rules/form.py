"""RuleForm: one rule's fields — name; when (match kind, keyword or pattern, campaign, business
days and hours); what to do (automatic reply inside the 24-hour window, a template outside it, a
tag, a follow-up mark); the cooldown. `rule()` reads the form back as an unsaved Rule; `edited`
fires on every change (the "try a message" box follows it live)."""

from __future__ import annotations

from PySide6.QtCore import QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTimeEdit,
    QWidget,
)

from wacampaign_desktop.core.services.rules import (
    DEFAULT_HOURS,
    MATCH_KINDS,
    Rule,
    TemplateChoice,
)
from wacampaign_desktop.gui.rules.words import DAY_NAMES, match_label, translated

KEYWORD_KINDS = ("exact", "contains", "regex")


def _number(key: str) -> int:
    return int(key) if key.isdigit() else 0


class RuleForm(QWidget):
    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rule: Rule | None = None
        form = self.form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        self.nameEdit = QLineEdit(placeholderText=self.tr("e.g. Prices"))
        self.kindCombo = QComboBox()
        for kind in MATCH_KINDS:
            self.kindCombo.addItem(match_label(kind), kind)
        self.patternEdit = QLineEdit(
            placeholderText=self.tr("word or text; case and accents ignored"))
        self.campaignCombo = QComboBox()
        self.dayChecks = [QCheckBox(translated(day)) for day in DAY_NAMES]
        self.startEdit, self.endEdit = QTimeEdit(displayFormat="HH:mm"), QTimeEdit(
            displayFormat="HH:mm")
        self.hoursRow = QWidget()
        hours = QHBoxLayout(self.hoursRow)
        hours.setContentsMargins(0, 0, 0, 0)
        for check in self.dayChecks:
            hours.addWidget(check)
        hours.addSpacing(8)
        hours.addWidget(self.startEdit)
        hours.addWidget(self.endEdit)
        hours.addStretch(1)
        self.replyEdit = QPlainTextEdit(placeholderText=self.tr(
            "Free text, sent when the contact wrote in the last 24 hours"))
        self.replyEdit.setMaximumHeight(70)
        self.templateCombo = QComboBox()
        self.valuesEdit = QLineEdit(placeholderText=self.tr(
            "Values for {{1}}, {{2}}… separated by ; e.g. {{name}}; Lyon"))
        self._templates: dict[str, TemplateChoice] = {}
        self.tagEdit = QLineEdit(placeholderText=self.tr("e.g. prices (leave empty for none)"))
        self.followUpCheck = QCheckBox(self.tr("Mark the conversation for follow-up"))
        self.cooldownSpin = QSpinBox(minimum=0, maximum=10080, suffix=self.tr(" min"))
        self.cooldownSpin.setToolTip(
            self.tr("At most one automatic reply per contact in this time"))
        form.addRow(self.tr("Name:"), self.nameEdit)
        form.addRow(self.tr("When:"), self.kindCombo)
        form.addRow(self.tr("Keyword:"), self.patternEdit)
        form.addRow(self.tr("Campaign:"), self.campaignCombo)
        form.addRow(self.tr("Business hours:"), self.hoursRow)
        form.addRow(self.tr("Automatic reply:"), self.replyEdit)
        form.addRow(self.tr("After 24 hours:"), self.templateCombo)
        form.addRow(self.tr("Template values:"), self.valuesEdit)
        form.addRow(self.tr("Tag the contact:"), self.tagEdit)
        form.addRow("", self.followUpCheck)
        form.addRow(self.tr("Cooldown:"), self.cooldownSpin)
        for signal in (self.nameEdit.textChanged, self.patternEdit.textChanged,
                       self.replyEdit.textChanged, self.tagEdit.textChanged,
                       self.valuesEdit.textChanged,
                       self.kindCombo.currentIndexChanged, self.campaignCombo.currentIndexChanged,
                       self.templateCombo.currentIndexChanged, self.followUpCheck.toggled,
                       self.cooldownSpin.valueChanged, self.startEdit.timeChanged,
                       self.endEdit.timeChanged, *[c.toggled for c in self.dayChecks]):
            signal.connect(self._changed)
        self._show_rows()

    def set_choices(self, campaigns: list[tuple[int, str]],
                    templates: list[TemplateChoice]) -> None:
        self.campaignCombo.blockSignals(True)
        self.campaignCombo.clear()
        self.campaignCombo.addItem(self.tr("Any campaign"), None)
        for campaign_id, name in campaigns:
            self.campaignCombo.addItem(name, campaign_id)
        self.campaignCombo.blockSignals(False)
        self._templates = {t.sid: t for t in templates}
        self.templateCombo.blockSignals(True)
        self.templateCombo.clear()
        self.templateCombo.addItem(self.tr("No template: no reply after 24 hours"), None)
        for template in templates:
            self.templateCombo.addItem(template.label, template.sid)
        self.templateCombo.blockSignals(False)

    def load(self, rule: Rule) -> None:
        self._rule = rule
        widgets = (self.nameEdit, self.kindCombo, self.patternEdit, self.campaignCombo,
                   self.replyEdit, self.templateCombo, self.valuesEdit, self.tagEdit,
                   self.followUpCheck,
                   self.cooldownSpin, self.startEdit, self.endEdit, *self.dayChecks)
        for widget in widgets:
            widget.blockSignals(True)
        self.nameEdit.setText(rule.name)
        self.kindCombo.setCurrentIndex(max(0, self.kindCombo.findData(rule.match_kind)))
        self.patternEdit.setText(rule.pattern)
        self.campaignCombo.setCurrentIndex(max(0, self.campaignCombo.findData(rule.campaign_id)))
        hours = rule.business_hours or DEFAULT_HOURS
        for day, check in enumerate(self.dayChecks):
            check.setChecked(day in hours.get("days", []))
        self.startEdit.setTime(QTime.fromString(hours.get("start", "09:00"), "HH:mm"))
        self.endEdit.setTime(QTime.fromString(hours.get("end", "18:00"), "HH:mm"))
        self.replyEdit.setPlainText(rule.reply_text)
        index = self.templateCombo.findData(rule.reply_content_sid)
        if rule.reply_content_sid and index < 0:  # a template not synced here: keep it
            self.templateCombo.addItem(rule.reply_content_sid, rule.reply_content_sid)
            index = self.templateCombo.count() - 1
        self.templateCombo.setCurrentIndex(max(0, index))
        variables = rule.reply_content_variables
        self.valuesEdit.setText("; ".join(variables[k] for k in sorted(variables, key=_number)))
        self.tagEdit.setText(rule.add_tag)
        self.followUpCheck.setChecked(rule.follow_up)
        self.cooldownSpin.setValue(rule.cooldown_minutes)
        for widget in widgets:
            widget.blockSignals(False)
        self._show_rows()

    def rule(self) -> Rule:
        """The form as an unsaved copy of the loaded rule."""
        base = self._rule or Rule(None, "", "contains")
        kind = self.kindCombo.currentData()
        hours = None
        if kind == "after_hours":
            hours = {"days": [d for d, c in enumerate(self.dayChecks) if c.isChecked()],
                     "start": self.startEdit.time().toString("HH:mm"),
                     "end": self.endEdit.time().toString("HH:mm")}
        return Rule(
            id=base.id, name=self.nameEdit.text().strip(), match_kind=kind,
            pattern=self.patternEdit.text() if kind in KEYWORD_KINDS else "",
            position=base.position, enabled=base.enabled,
            campaign_id=self.campaignCombo.currentData() if kind == "campaign_reply" else None,
            business_hours=hours, reply_text=self.replyEdit.toPlainText().strip(),
            reply_content_sid=self.templateCombo.currentData() or None,
            reply_content_variables=self._variables(),
            add_tag=self.tagEdit.text().strip(), follow_up=self.followUpCheck.isChecked(),
            cooldown_minutes=self.cooldownSpin.value(), fired_count=base.fired_count)

    def _variables(self) -> dict[str, str]:
        sid = self.templateCombo.currentData()
        if not sid:
            return {}
        values = [v.strip() for v in self.valuesEdit.text().split(";")] \
            if self.valuesEdit.text().strip() else []
        template = self._templates.get(sid)
        keys = list(template.placeholders) if template else [str(i + 1) for i in range(len(values))]
        return {key: value for key, value in zip(keys, values, strict=False)}

    def _changed(self) -> None:
        sid = self.templateCombo.currentData()
        template = self._templates.get(sid) if sid else None
        if (self.sender() is self.templateCombo and template is not None
                and template.placeholders):
            self.valuesEdit.blockSignals(True)
            self.valuesEdit.setText("; ".join("{{name}}" if key == "1" else
                                              template.samples.get(key, "")
                                              for key in template.placeholders))
            self.valuesEdit.blockSignals(False)
        self._show_rows()
        self.edited.emit()

    def _show_rows(self) -> None:
        kind = self.kindCombo.currentData()
        self.form.setRowVisible(self.patternEdit, kind in KEYWORD_KINDS)
        self.form.setRowVisible(self.campaignCombo, kind == "campaign_reply")
        self.form.setRowVisible(self.hoursRow, kind == "after_hours")
        self.form.setRowVisible(self.valuesEdit, bool(self.templateCombo.currentData()))
        self.patternEdit.setPlaceholderText(
            self.tr("regular expression, e.g. order ?[0-9]+")
            if kind == "regex"
            else self.tr("word or text; case and accents ignored"))
