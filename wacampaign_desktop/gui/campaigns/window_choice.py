"""The 24-hour window choice of a free-text campaign not started yet, shown in the campaign view
when some recipients have not written in the last 24 hours (and the window is checked: live
mode, or a sandbox that enforces it): how many are inside, and what to do with the others —
send only to those inside (the others are held back), or send the others an approved template
instead. Not starting is the third choice (the campaign stays a draft). With the window check
turned off in live mode it warns instead.

The choice is stored on the campaign (CampaignsService.set_outside_window) on a worker thread;
`changed` asks the view to count again.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from wacampaign_desktop.core.services.campaign_draft import CampaignLocked, DraftError
from wacampaign_desktop.core.services.campaigns import Preparation
from wacampaign_desktop.gui.campaigns.header import ElidedLabel
from wacampaign_desktop.gui.editor.form_io import problem_text

if TYPE_CHECKING:
    from wacampaign_desktop.core.services.templates import TemplateInfo
    from wacampaign_desktop.gui.services import GuiServices

log = logging.getLogger(__name__)



def default_values(template: TemplateInfo) -> dict[str, str]:
    """First placeholder: the contact's name; the others: the template's sample values."""
    return {p: "{{name}}" if i == 0 else template.samples.get(p, "")
            for i, p in enumerate(template.placeholders)}


class WindowChoice(QFrame):
    changed = Signal(int)  # campaign id whose choice was stored
    failed = Signal(str)

    def __init__(self, services: GuiServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.campaign_id: int | None = None
        self._templates: list[TemplateInfo] = []
        self._loading = False
        self.setObjectName("windowChoice")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)  # compact: the campaign view is full at 800x600
        layout.setSpacing(3)
        self.summary = QLabel()
        self.summary.setObjectName("windowSummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.hold = QRadioButton()
        self.hold.setObjectName("holdChoice")
        self.template = QRadioButton()
        self.template.setObjectName("templateChoice")
        self.group = QButtonGroup(self)
        self.group.addButton(self.hold)
        self.group.addButton(self.template)
        layout.addWidget(self.hold)
        row = QHBoxLayout()
        row.addWidget(self.template)
        self.templates = QComboBox()
        self.templates.setObjectName("fallbackTemplate")
        self.templates.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        row.addWidget(self.templates)
        row.addStretch(1)
        layout.addLayout(row)
        self.values_row = QHBoxLayout()
        self.values_row.setContentsMargins(24, 0, 0, 0)
        layout.addLayout(self.values_row)
        self.value_edits: dict[str, QLineEdit] = {}
        self.template_text = ElidedLabel()  # one line, whatever the template's length
        self.template_text.setObjectName("fallbackText")
        self.template_text.setProperty("role", "muted")
        text_row = QHBoxLayout()
        text_row.setContentsMargins(24, 0, 0, 0)
        text_row.addWidget(self.template_text)
        layout.addLayout(text_row)
        self.note = QLabel(self.tr("Or do not start: the campaign stays a draft."))
        self.note.setProperty("role", "muted")
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        self.hold.toggled.connect(self._on_choice)
        self.template.toggled.connect(self._on_choice)
        self.templates.currentIndexChanged.connect(self._on_template)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.hide()

    # -- as tall as its words, never squeezed (wrapped lines would be cut) ------------------
    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt name)
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt name)
        return self.layout().totalHeightForWidth(width)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        hint = super().minimumSizeHint()
        return QSize(hint.width(), self.heightForWidth(max(self.width(), hint.width())))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        self.updateGeometry()  # the height needed changes with the width

    # -- showing ---------------------------------------------------------------------------
    def show_for(self, campaign_id: int | None, prep: Preparation | None, *,
                 guard_off: bool = False) -> None:
        """Show the choice for a free-text draft whose recipients were counted in `prep`
        (hidden when everyone is inside the window or the window is not checked)."""
        self.campaign_id = campaign_id
        if campaign_id is None or prep is None:
            self.hide()
            return
        if guard_off:
            self._show_guard_off()
            return
        outside = prep.outside_window
        if not prep.window_guarded or outside == 0:
            self.hide()
            return
        total = prep.inside_window + outside
        self.summary.setStyleSheet("")
        self.summary.setText(self._summary(outside, total))
        self.hold.setText(self._hold_words(prep.inside_window))
        self.template.setText(self._template_words(prep.inside_window, outside))
        for widget in (self.hold, self.template, self.templates, self.note):
            widget.show()
        self._load(campaign_id)
        self.show()

    def _summary(self, outside: int, total: int) -> str:
        """One short line (the view is full at 800x600); why, in the tooltip."""
        if outside == 1:
            text = self.tr("1 of %2 recipients has not written to you in the last 24 hours.")
        else:
            text = self.tr("%1 of %2 recipients have not written to you in the last 24 hours.")
        self.summary.setToolTip(self.tr("WhatsApp refuses free text to someone who has not "
                                        "written to you in the last 24 hours: only an approved "
                                        "template reaches them."))
        return text.replace("%1", str(outside)).replace("%2", str(total))

    def _hold_words(self, inside: int) -> str:
        if inside == 0:
            return self.tr("Hold them all back (nobody wrote in the last 24 hours: nothing is "
                           "sent)")
        if inside == 1:
            return self.tr("Send only to the one recipient who wrote in the last 24 hours")
        return self.tr("Send only to the %1 who wrote in the last 24 hours").replace(
            "%1", str(inside))

    def _template_words(self, inside: int, outside: int) -> str:
        if inside == 0:
            return self.tr("Send them an approved template instead:")
        if outside == 1:
            return self.tr("Send the other one an approved template:")
        return self.tr("Send the %1 others an approved template:").replace("%1", str(outside))

    def _show_guard_off(self) -> None:
        self.summary.setToolTip("")
        self.summary.setText(self.tr(
            "The 24-hour window check is turned off (File → Sending…): free text to contacts who "
            "have not written in the last 24 hours will fail (Twilio error 63016)."))
        self.summary.setStyleSheet("color: #b26a00;")
        for widget in (self.hold, self.template, self.templates, self.note, self.template_text):
            widget.hide()
        self._set_values({})
        self.show()

    def _load(self, campaign_id: int) -> None:
        """The stored choice and the approved templates, without storing anything."""
        self._loading = True
        try:
            campaign = self.services.campaigns.find(campaign_id)
            self._templates = self._sendable()
            self.templates.clear()
            for info in self._templates:
                self.templates.addItem(f"{info.name} ({info.language})", info.sid)
            has_templates = bool(self._templates)
            self.template.setEnabled(has_templates)
            self.templates.setEnabled(has_templates)
            if not has_templates:
                self.templates.addItem(self.tr("no approved template synced yet"))
            chosen = campaign.outside_window if campaign is not None else "hold"
            sid = (campaign.fallback_content_sid or "") if campaign is not None else ""
            index = self.templates.findData(sid) if sid else -1
            if index >= 0:
                self.templates.setCurrentIndex(index)
            use_template = chosen == "template" and has_templates and index >= 0
            (self.template if use_template else self.hold).setChecked(True)
            stored = dict(campaign.fallback_variables or {}) if use_template else {}
            self._set_values(stored or self._defaults())
            self._show_values(use_template)
        finally:
            self._loading = False

    def _sendable(self) -> list[TemplateInfo]:
        try:
            from wacampaign_desktop.core.services.templates import TemplatesService
        except ImportError:
            return []
        return TemplatesService(self.services.context).list(sendable_only=True)

    def _current(self) -> TemplateInfo | None:
        sid = self.templates.currentData()
        return next((t for t in self._templates if t.sid == sid), None)

    def _defaults(self) -> dict[str, str]:
        current = self._current()
        return default_values(current) if current is not None else {}

    def _set_values(self, values: dict[str, str]) -> None:
        while self.values_row.count():
            item = self.values_row.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.value_edits = {}
        for key, value in values.items():
            label = QLabel("{{" + key + "}}")
            edit = QLineEdit(value)
            edit.setObjectName(f"fallbackValue_{key}")
            edit.setPlaceholderText(self.tr("a contact field such as {{name}}, or a text"))
            edit.editingFinished.connect(self._store)
            self.values_row.addWidget(label)
            self.values_row.addWidget(edit, 1)
            self.value_edits[key] = edit

    def _show_values(self, shown: bool) -> None:
        current = self._current()
        body = current.body if current is not None else ""
        self.template_text.setText(self.tr("The template says: “%1”").replace(
            "%1", " ".join(body.split())))
        self.template_text.setVisible(shown and bool(body))
        for index in range(self.values_row.count()):
            widget = self.values_row.itemAt(index).widget()
            if widget is not None:
                widget.setVisible(shown)

    # -- choosing --------------------------------------------------------------------------
    def _on_choice(self, checked: bool) -> None:
        if not checked or self._loading:
            return
        self._show_values(self.template.isChecked())
        self._store()

    def _on_template(self, _index: int) -> None:
        if self._loading:
            return
        self._set_values(self._defaults())
        self._show_values(self.template.isChecked())
        if self.template.isChecked():
            self._store()

    def choose_template(self, sid: str) -> None:
        """Pick the template choice with this template (tests, keyboard users)."""
        index = self.templates.findData(sid)
        if index >= 0:
            self.templates.setCurrentIndex(index)
        self.template.setChecked(True)

    def _store(self) -> None:
        campaign_id = self.campaign_id
        if campaign_id is None or self._loading:
            return
        campaigns = self.services.campaigns
        if self.template.isChecked() and self._current() is not None:
            sid = self._current().sid
            values = {k: e.text().strip() for k, e in self.value_edits.items()}

            def save() -> None:
                campaigns.set_outside_window(campaign_id, "template", sid, values)
        else:
            def save() -> None:
                campaigns.set_outside_window(campaign_id, "hold")

        self.services.tasks.run(save, lambda _r: self.changed.emit(campaign_id),
                                lambda exc: self.failed.emit(self.failure_text(exc)))

    def failure_text(self, exc: BaseException) -> str:
        """Why the choice could not be stored, in the interface language."""
        if isinstance(exc, CampaignLocked):
            return self.tr("This campaign has started: this choice can no longer change.")
        if not isinstance(exc, DraftError):
            return str(exc)
        words = []
        for problem in exc.problems.values():
            if problem.code == "fallback_variables_incomplete":
                words.append(self.tr("Give each placeholder of the template a value: a contact "
                                     "field such as {{name}}, or a text."))
            elif problem.code == "fallback_missing":
                words.append(self.tr("Choose the approved template for those who have not "
                                     "written in the last 24 hours."))
            else:
                words.append(problem_text(problem))
        return "\n".join(words)
