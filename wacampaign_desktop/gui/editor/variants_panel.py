"""The editor's A/B panel: versions B, C, D besides the message above (A), each a text or an
approved template, with the share of recipients each gets (adding up to 100 %), and the
choice to test on a share first and then send the winner to the rest."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from wacampaign_desktop.core.services.campaign_draft import MAX_VARIANTS, CampaignDraft, Problem

NAMES = "ABCD"


def parse_variables(text: str) -> dict[str, str]:
    """ "1={{name}}, 2=Lyon" → {"1": "{{name}}", "2": "Lyon"}."""
    out: dict[str, str] = {}
    for part in text.split(","):
        key, _sep, value = part.partition("=")
        if key.strip() or value.strip():
            out[key.strip()] = value.strip()
    return out


def variables_text(variables: dict[str, Any]) -> str:
    return ", ".join(f"{k}={v}" for k, v in variables.items())


class VariantRow(QWidget):
    """One version (B, C or D): text or template, and its share."""

    changed = Signal()

    def __init__(self, name: str, parent: QWidget | None = None,
                 text: QPlainTextEdit | None = None) -> None:
        """`text`: the form's own edit for this version's text (version B's), else a new one."""
        super().__init__(parent)
        self.name = name
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        self.label = QLabel(self.tr("Version %1").replace("%1", name))
        self.label.setStyleSheet("font-weight: 600;")
        self.kind = QComboBox()
        self.kind.addItem(self.tr("Text"), "text")
        self.kind.addItem(self.tr("Template"), "template")
        self.share = QSpinBox()
        self.share.setRange(0, 100)
        self.share.setSuffix(" %")
        self.share.setAccessibleName(self.tr("Share of version %1").replace("%1", name))
        self.remove = QPushButton(self.tr("Remove"))
        self.stack = QStackedWidget()
        self.text = text if text is not None else QPlainTextEdit()
        self.text.setPlaceholderText(self.tr("Text of version %1").replace("%1", name))
        self.text.setMaximumHeight(64)
        self.text.setAccessibleName(self.tr("Version %1").replace("%1", name))
        template = QWidget()
        form = QFormLayout(template)
        form.setContentsMargins(0, 0, 0, 0)
        self.sid = QLineEdit()
        self.sid.setPlaceholderText("HX…")
        self.variables = QLineEdit()
        self.variables.setPlaceholderText(self.tr("1={{name}}, 2=Lyon"))
        form.addRow(self.tr("Template SID"), self.sid)
        form.addRow(self.tr("Variables"), self.variables)
        self.stack.addWidget(self.text)
        self.stack.addWidget(template)
        self.stack.setFixedHeight(max(self.text.maximumHeight(), template.sizeHint().height()))
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        layout.addWidget(self.label, 0, 0)
        layout.addWidget(self.kind, 0, 1)
        layout.addWidget(self.share, 0, 2)
        layout.addWidget(self.remove, 0, 3)
        layout.addWidget(self.stack, 1, 0, 1, 4)
        layout.setColumnStretch(1, 1)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        for signal in (self.text.textChanged, self.sid.textChanged, self.variables.textChanged,
                       self.share.valueChanged):
            signal.connect(lambda *_a: self.changed.emit())

    def _kind_changed(self, _index: int) -> None:
        self.stack.setCurrentIndex(1 if self.kind.currentData() == "template" else 0)
        self.changed.emit()

    def load(self, text: str, template: dict[str, Any] | None, share: int) -> None:
        self.kind.setCurrentIndex(1 if template and template.get("content_sid") else 0)
        self.text.setPlainText(text)
        self.sid.setText(str((template or {}).get("content_sid") or ""))
        self.variables.setText(variables_text((template or {}).get("content_variables") or {}))
        self.share.setValue(share)

    def template(self) -> dict[str, Any] | None:
        if self.kind.currentData() != "template":
            return None
        return {"content_sid": self.sid.text().strip(),
                "content_variables": parse_variables(self.variables.text())}


class VariantsPanel(QWidget):
    """Versions B–D, shares, and "test then send the winner"; `apply(draft)` writes them."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None,
                 b_text: QPlainTextEdit | None = None) -> None:
        """`b_text`: the form's edit for version B's text (it moves into the panel)."""
        super().__init__(parent)
        self._b_text = b_text
        self.setObjectName("variantsPanel")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        self.a_label = QLabel(self.tr("Version A: the message above"))
        self.a_share = QSpinBox()
        self.a_share.setRange(0, 100)
        self.a_share.setSuffix(" %")
        self.a_share.setAccessibleName(self.tr("Share of version A"))
        top.addWidget(self.a_label, 1)
        top.addWidget(self.a_share)
        layout.addLayout(top)
        self.rows_box = QVBoxLayout()
        layout.addLayout(self.rows_box)
        self.rows: list[VariantRow] = []
        buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Add a version"))
        self.even_button = QPushButton(self.tr("Split evenly"))
        self.total = QLabel()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.even_button)
        buttons.addStretch(1)
        buttons.addWidget(self.total)
        layout.addLayout(buttons)

        self.test_check = QCheckBox(self.tr("Test first, then send the winner to the rest"))
        layout.addWidget(self.test_check)
        self.test_box = QWidget()
        form = QFormLayout(self.test_box)
        form.setContentsMargins(20, 0, 0, 0)
        self.test_share = QSpinBox()
        self.test_share.setRange(1, 90)
        self.test_share.setValue(20)
        self.test_share.setSuffix(" %")
        self.wait = QSpinBox()
        self.wait.setRange(1, 10080)
        self.wait.setValue(60)
        self.wait.setSuffix(" " + self.tr("min"))
        self.metric = QComboBox()
        self.metric.addItem(self.tr("the best read rate"), "read")
        self.metric.addItem(self.tr("the best reply rate"), "reply")
        form.addRow(self.tr("Test on"), self.test_share)
        form.addRow(self.tr("Then wait"), self.wait)
        form.addRow(self.tr("Winner"), self.metric)
        layout.addWidget(self.test_box)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b3261e;")
        layout.addWidget(self.problem)

        self.add_button.clicked.connect(lambda: self._add_row(split=True))
        self.even_button.clicked.connect(self.split_evenly)
        self.test_check.toggled.connect(self._changed)
        for signal in (self.a_share.valueChanged, self.test_share.valueChanged,
                       self.wait.valueChanged, self.metric.currentIndexChanged):
            signal.connect(self._changed)
        self._add_row()
        self.split_evenly()
        self._changed()

    # -- rows ------------------------------------------------------------------------------
    def _add_row(self, split: bool = False) -> VariantRow | None:
        if len(self.rows) + 1 >= MAX_VARIANTS:
            return None
        own = self._b_text if not self.rows else None
        row = VariantRow(NAMES[len(self.rows) + 1], self, own)
        row.changed.connect(self._changed)
        row.remove.clicked.connect(lambda: self._remove_row(row))
        self.rows.append(row)
        self.rows_box.addWidget(row)
        if split:
            self.split_evenly()
        self._changed()
        return row

    def _remove_row(self, row: VariantRow) -> None:
        if len(self.rows) <= 1:
            return
        index = self.rows.index(row)
        self.rows.remove(row)
        row.hide()
        row.deleteLater()
        for later, name in zip(self.rows[index:], NAMES[index + 1:], strict=False):
            later.name = name
            later.label.setText(self.tr("Version %1").replace("%1", name))
        self.split_evenly()

    def even_shares(self) -> list[int]:
        count = len(self.rows) + 1
        return [100 // count + (1 if i < 100 % count else 0) for i in range(count)]

    def split_evenly(self) -> None:
        shares = self.even_shares()
        self.a_share.setValue(shares[0])
        for row, share in zip(self.rows, shares[1:], strict=True):
            row.share.setValue(share)
        self._changed()

    def shares(self) -> list[int]:
        return [self.a_share.value(), *(row.share.value() for row in self.rows)]

    def _changed(self, *_args: Any) -> None:
        total = sum(self.shares())
        self.total.setText(self.tr("Total: %1 %").replace("%1", str(total)))
        self.total.setStyleSheet("" if total == 100 else "color: #b3261e; font-weight: 600;")
        self.test_box.setVisible(self.test_check.isChecked())
        self.add_button.setEnabled(len(self.rows) + 1 < MAX_VARIANTS)
        for row in self.rows:
            row.remove.setEnabled(len(self.rows) > 1)
        self.changed.emit()

    # -- draft <-> panel -------------------------------------------------------------------
    def load(self, draft: CampaignDraft) -> None:
        texts = draft.variants or [""]
        while len(self.rows) < len(texts) and self._add_row():
            pass
        templates = draft.variant_templates
        for i, row in enumerate(self.rows):
            row.load(texts[i] if i < len(texts) else "",
                     templates[i] if i < len(templates) else None, 0)
        if draft.splits and len(draft.splits) == len(self.rows) + 1:
            self.a_share.setValue(draft.splits[0])
            for row, share in zip(self.rows, draft.splits[1:], strict=True):
                row.share.setValue(share)
        else:
            self.split_evenly()
        plan = draft.ab_test or {}
        self.test_check.setChecked(bool(plan))
        if plan:
            self.test_share.setValue(round(float(plan.get("test_share", 0.2)) * 100))
            self.wait.setValue(int(plan.get("wait_minutes", 60)))
            self.metric.setCurrentIndex(max(0, self.metric.findData(plan.get("metric", "read"))))
        self._changed()

    def apply(self, draft: CampaignDraft) -> None:
        """Write the versions into `draft` (the A/B box is ticked)."""
        draft.variants = [row.text.toPlainText() if row.template() is None else ""
                          for row in self.rows]
        draft.variant_templates = [row.template() for row in self.rows]
        shares = self.shares()
        draft.splits = [] if shares == self.even_shares() else shares  # even: the older shape
        draft.ab_test = ({"test_share": self.test_share.value() / 100,
                          "wait_minutes": self.wait.value(),
                          "metric": self.metric.currentData()}
                         if self.test_check.isChecked() else {})

    def show_texts(self, problems: dict[str, str]) -> None:
        """Show the editor's words for the shares and the test plan (keys "split", "ab_test")."""
        words = [problems[key] for key in ("split", "ab_test") if problems.get(key)]
        self.problem.setText("\n".join(words))
        self.problem.setVisible(bool(words))


VARIANT_CODES = frozenset({"split_shape", "split_sum", "test_share", "test_wait", "test_metric",
                           "variant_count", "variant_template_sid"})


def variant_problem_text(problem: Problem) -> str:
    """The editor's words for the A/B rules of the draft."""
    code, a = problem.code, problem.args


    words = {
        "split_shape": QCoreApplication.translate(
            "VariantsPanel", "Give each version a share of at least 1 %."),
        "split_sum": QCoreApplication.translate(
            "VariantsPanel", "The shares add up to %1 %: they must add up to 100 %."),
        "test_share": QCoreApplication.translate(
            "VariantsPanel", "Test on 1 % to 90 % of the recipients."),
        "test_wait": QCoreApplication.translate(
            "VariantsPanel", "Wait between 1 minute and 7 days."),
        "test_metric": QCoreApplication.translate(
            "VariantsPanel", "Choose the winner by read rate or reply rate."),
        "variant_count": QCoreApplication.translate(
            "VariantsPanel", "An A/B test has at most 4 versions."),
        "variant_template_sid": QCoreApplication.translate(
            "VariantsPanel", "Version %1: a template SID starts with HX and has 34 "
                                   "characters."),
    }
    text = words.get(code)
    if text is None:
        return problem.message
    return text.replace("%1", a[0]) if a else text
