"""Copying EditorValues into the editor's Designer form and reading them back, and the
summary of placeholders that have no value for some contacts."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QDateTime
from PySide6.QtWidgets import QTableWidgetItem, QWidget

from wacampaign_desktop.gui.editor.form_state import EditorValues


def write_form(ui: QWidget, values: EditorValues) -> list[int]:
    """Fill the form; returns the chosen contact ids (audience "list")."""
    ui.nameEdit.setText(values.name)
    (ui.templateRadio if values.kind == "template" else ui.textRadio).setChecked(True)
    ui.bodyEdit.setPlainText(values.body)
    ui.contentSidEdit.setText(values.content_sid)
    for row, (key, source) in enumerate(values.variables.items()):
        if row >= ui.variablesTable.rowCount():
            ui.variablesTable.setRowCount(row + 1)
        ui.variablesTable.setItem(row, 0, QTableWidgetItem(str(key)))
        ui.variablesTable.setItem(row, 1, QTableWidgetItem(str(source)))
    ui.mediaEdit.setText(values.media_url)
    ui.abCheck.setChecked(values.variant_b is not None)
    ui.variantEdit.setPlainText(values.variant_b or "")
    kind = values.audience.get("kind", "all")
    chosen: list[int] = []
    if kind == "tag":
        ui.tagRadio.setChecked(True)
        tag = str(values.audience.get("tag", ""))
        if ui.tagCombo.findText(tag) < 0:  # no contact has it any more: keep it visible
            ui.tagCombo.addItem(tag)
        ui.tagCombo.setCurrentText(tag)
    elif kind == "list":
        ui.listRadio.setChecked(True)
        chosen = [int(i) for i in values.audience.get("contact_ids", [])]
    ui.rateSpin.setValue(values.rate)
    if values.scheduled_at:
        ui.scheduleCheck.setChecked(True)
        ui.scheduleEdit.setDateTime(QDateTime.fromSecsSinceEpoch(
            int(values.scheduled_at.replace(tzinfo=UTC).timestamp())))
    return chosen


def read_form(ui: QWidget, chosen: list[int]) -> EditorValues:
    variables: dict[str, str] = {}
    for row in range(ui.variablesTable.rowCount()):
        key, source = (ui.variablesTable.item(row, c) for c in (0, 1))
        key_text = key.text().strip() if key else ""
        source_text = source.text().strip() if source else ""
        if key_text or source_text:
            variables[key_text] = source_text
    if ui.tagRadio.isChecked():
        audience: dict[str, Any] = {"kind": "tag", "tag": ui.tagCombo.currentText()}
    elif ui.listRadio.isChecked():
        audience = {"kind": "list", "contact_ids": list(chosen)}
    else:
        audience = {"kind": "all"}
    scheduled = None
    if ui.scheduleCheck.isChecked():
        secs = ui.scheduleEdit.dateTime().toSecsSinceEpoch()
        scheduled = datetime.fromtimestamp(secs, UTC).replace(tzinfo=None)
    return EditorValues(
        name=ui.nameEdit.text(), kind="template" if ui.templateRadio.isChecked() else "text",
        body=ui.bodyEdit.toPlainText(), content_sid=ui.contentSidEdit.text().strip(),
        variables=variables, media_url=ui.mediaEdit.text().strip(),
        variant_b=ui.variantEdit.toPlainText() if ui.abCheck.isChecked() else None,
        audience=audience, rate=ui.rateSpin.value(), scheduled_at=scheduled)


def render_summary(problems: list[Any], limit: int = 5) -> str:
    """Which placeholder is empty for which contacts, e.g. "{{city}} is empty for: +336…"."""
    by_placeholder: dict[str, list[str]] = {}
    for problem in problems:
        phones = by_placeholder.setdefault(problem.placeholder, [])
        if problem.phone not in phones:
            phones.append(problem.phone)
    lines = []
    for placeholder, phones in by_placeholder.items():
        shown = ", ".join(phones[:limit])
        if len(phones) > limit:
            shown += " " + QCoreApplication.translate("CampaignEditorDialog", "(and %1 more)") \
                .replace("%1", str(len(phones) - limit))
        lines.append(QCoreApplication.translate("CampaignEditorDialog", "{{%1}} is empty for: %2")
                     .replace("%1", placeholder).replace("%2", shown))
    lead = QCoreApplication.translate(
        "CampaignEditorDialog", "Some contacts lack a value, fill it in Contacts or change the text.")
    return lead + "\n" + "\n".join(lines)
