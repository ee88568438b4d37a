"""The "Approved template" page of the campaign editor: the template picker, the placeholder
mapping grid, and the list of what stops the campaign from starting (the template itself, or a
contact whose value for a placeholder is missing or invalid, by name and phone).

It keeps the editor's form fields in step: the chosen template's sid goes in `contentSidEdit`
and the mapping in `variablesTable` (both hidden: the form reads them as before), so saving,
loading and the core's checks are unchanged. The preview shows the template's text filled for
the contact chosen in "As received by", and its media."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QLabel, QTableWidgetItem, QVBoxLayout, QWidget

from wacampaign_desktop.core.engine.rendering import fill_template_body
from wacampaign_desktop.core.services.template_check import TemplateProblem, problems_of
from wacampaign_desktop.gui.editor.template_mapping import TemplateMappingGrid
from wacampaign_desktop.gui.editor.template_picker import TemplatePicker
from wacampaign_desktop.gui.editor.template_words import problem_text
from wacampaign_desktop.gui.forms_support import set_problem

if TYPE_CHECKING:
    from wacampaign_desktop.core.services.campaigns import CampaignDraft, Preparation
    from wacampaign_desktop.core.services.templates import TemplateInfo
    from wacampaign_desktop.gui.services import GuiServices

MAX_LISTED = 50  # problems listed; the count says how many more


class TemplatePanel(QWidget):
    """Emits `changed()` when the template or a placeholder's source changed."""

    changed = Signal()

    def __init__(self, services: GuiServices, ui: Any, fields: list[str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.ui = ui
        self.problems: list[TemplateProblem] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.picker = TemplatePicker(services, self)
        layout.addWidget(self.picker, 1)
        self.mappingTitle = QLabel(self.tr("Placeholders: fill each from a contact field or a "
                                           "fixed text"), self)
        self.mappingTitle.setWordWrap(True)
        layout.addWidget(self.mappingTitle)
        self.grid = TemplateMappingGrid(fields, self)
        layout.addWidget(self.grid)
        self.problemsTitle = QLabel(self)
        self.problemsTitle.setWordWrap(True)
        self.problemsList = QLabel(self)  # one line per problem, wrapped
        self.problemsList.setWordWrap(True)
        self.problemsList.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problemsList.setAccessibleName(self.tr("What stops the campaign from starting"))
        layout.addWidget(self.problemsTitle)
        layout.addWidget(self.problemsList)
        self._show_problems([])

        ui.textRadio.setText(self.tr("&Free text"))  # the other choice: an approved template
        form = ui.templateForm
        form.insertRow(0, self)
        for widget in (ui.sidLabel, ui.contentSidEdit, ui.variablesLabel, ui.variablesTable):
            widget.setVisible(False)
        self.picker.chosen.connect(self._template_chosen)
        self.picker.synced.connect(self.changed)
        self.grid.changed.connect(self._mapping_changed)
        self._template_chosen(None, write=False)
        services.bridge.runtimeChanged.connect(self._on_runtime)  # a method: gone with the panel
        self._sync_if_never()

    @property
    def template(self) -> TemplateInfo | None:
        return self.picker.current

    @Slot(object)
    def _on_runtime(self, _runtime: object) -> None:
        self._sync_if_never()

    def _sync_if_never(self) -> None:
        """The first time (nothing synced yet), read the templates as soon as Twilio is there."""
        if self.services.templates.last_synced_at() is None \
                and self.services.runtime_controller.gateway is not None:
            self.picker.sync()

    # -- the form's fields <-> the panel -----------------------------------------------------------
    def load_from_form(self) -> None:
        """Show the template and mapping the form holds (a stored campaign)."""
        sid = self.ui.contentSidEdit.text().strip()
        self.picker.select_sid(sid)
        if self.template is not None and self.template.sid == sid:
            self._fill_grid(self.template, self._form_mapping())

    def _form_mapping(self) -> dict[str, str]:
        table = self.ui.variablesTable
        out: dict[str, str] = {}
        for row in range(table.rowCount()):
            key, value = (table.item(row, c) for c in (0, 1))
            if key is not None and key.text().strip():
                out[key.text().strip()] = value.text() if value is not None else ""
        return out

    def _fill_grid(self, template: TemplateInfo | None, mapping: dict[str, str]) -> None:
        placeholders = list(template.placeholders) if template else []
        self.grid.set_placeholders(placeholders, mapping, template.samples if template else {})
        self.mappingTitle.setVisible(template is not None)
        self.grid.setVisible(template is not None)

    def _template_chosen(self, template: TemplateInfo | None, write: bool = True) -> None:
        keep = self._form_mapping() if template is not None and \
            template.sid == self.ui.contentSidEdit.text().strip() else {}
        self._fill_grid(template, keep)
        if write and template is not None:
            self.ui.contentSidEdit.setText(template.sid)
            self._write_mapping()
            self.changed.emit()

    def _mapping_changed(self) -> None:
        self._write_mapping()
        self.changed.emit()

    def _write_mapping(self) -> None:
        table = self.ui.variablesTable
        mapping = self.grid.mapping()
        table.blockSignals(True)
        table.clearContents()
        table.setRowCount(len(mapping) + 1)
        for row, (number, value) in enumerate(mapping.items()):
            table.setItem(row, 0, QTableWidgetItem(number))
            table.setItem(row, 1, QTableWidgetItem(value))
        table.blockSignals(False)

    # -- problems and preview -----------------------------------------------------------------------
    def check(self, values: CampaignDraft, prep: Preparation | None) -> str:
        """Show what stops the template campaign; returns a short summary ("" when nothing)."""
        if values.kind != "template" or prep is None:
            self._show_problems([])
            return ""
        problems = problems_of(values.unsaved_campaign(), prep, limit=MAX_LISTED + 1)
        contacts = {p.contact_id for p in prep.problems if p.contact_id is not None}
        total = len(problems) - len([p for p in problems if p.contact_id is not None]) + sum(
            1 for p in prep.problems if p.contact_id is not None)
        self._show_problems(problems, len(contacts), total)
        if not problems:
            return ""
        return self.tr("The campaign cannot start yet: see the list under the template.")

    def _show_problems(self, problems: list[TemplateProblem], contacts: int = 0,
                       total: int = 0) -> None:
        self.problems = problems
        lines = ["• " + problem_text(problem) for problem in problems[:MAX_LISTED]]
        if len(problems) > MAX_LISTED:
            lines.append(self.tr("… and %1 more").replace(
                "%1", str(max(total, len(problems)) - MAX_LISTED)))
        self.problemsList.setText("\n".join(lines))
        if contacts:
            title = self.tr("Cannot start: %1 contact(s) lack a valid value. Fill it in Contacts "
                            "or choose another source:").replace("%1", str(contacts))
        else:
            title = self.tr("Cannot start yet:")
        set_problem(self.problemsTitle, title if problems else "")
        self.problemsList.setVisible(bool(problems))

    def problem_lines(self) -> list[str]:
        """The problems as listed (without their bullets)."""
        text = self.problemsList.text() if self.problems else ""
        return [line.removeprefix("• ") for line in text.split("\n") if line]

    def preview_html(self, variables: dict[str, str]) -> str:
        """The chosen template's text as this contact reads it, and its media."""
        template = self.template
        if template is None or template.sid != self.ui.contentSidEdit.text().strip():
            return ""
        body = html.escape(fill_template_body(template.body, variables)).replace("\n", "<br>")
        parts = [f"<p><b>{html.escape(template.name)}</b> · {html.escape(template.language)}</p>",
                 f"<p>{body}</p>"]
        label = html.escape(self.tr("Media:"))
        for url in template.media:
            parts.append(f"<p><i>{label} {html.escape(url)}</i></p>")
        return "".join(parts)
