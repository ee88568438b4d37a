"""Copying a CampaignDraft into the editor's Designer form and reading it back, the problems
the draft's rules find in the interface language, and the summary of placeholders that have no
value for some contacts."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QDateTime
from PySide6.QtWidgets import QTableWidgetItem, QWidget

from wacampaign_desktop.core.services.campaigns import CampaignDraft, Problem
from wacampaign_desktop.gui.editor.variants_panel import VARIANT_CODES, variant_problem_text


def write_form(ui: QWidget, values: CampaignDraft) -> list[int]:
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
    ui.abCheck.setChecked(bool(values.variants))
    ui.variantEdit.setPlainText(values.variants[0] if values.variants else "")
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


def read_form(ui: QWidget, chosen: list[int]) -> CampaignDraft:
    """The form as a draft: variables only for a template, version B only for a text."""
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
    template = ui.templateRadio.isChecked()
    return CampaignDraft(
        name=ui.nameEdit.text(), kind="template" if template else "text",
        body=ui.bodyEdit.toPlainText(), content_sid=ui.contentSidEdit.text().strip(),
        variables=variables if template else {}, media_url=ui.mediaEdit.text().strip(),
        variants=[ui.variantEdit.toPlainText()] if ui.abCheck.isChecked() and not template else [],
        audience=audience, rate=ui.rateSpin.value(), scheduled_at=scheduled)


def problem_text(problem: Problem) -> str:
    """The editor's words for a draft problem (English from the core when the form cannot
    produce it, e.g. a speed outside the spin box's range)."""
    code, a = problem.code, problem.args
    if code == "name_missing":
        return QCoreApplication.translate(
            "CampaignEditorDialog", "Give the campaign a name, so you can find it later.")
    if code == "body_missing":
        return QCoreApplication.translate("CampaignEditorDialog", "Write the message.")
    if code == "body_too_long":
        return QCoreApplication.translate(
            "CampaignEditorDialog", "Too long: %1 characters, WhatsApp through Twilio allows %2.") \
            .replace("%1", a[0]).replace("%2", a[1])
    if code == "variant_missing":
        return QCoreApplication.translate(
            "CampaignEditorDialog", "Write version B, or untick the A/B test.")
    if code == "content_sid_format":
        return QCoreApplication.translate(
            "CampaignEditorDialog", "A template SID starts with HX and has 34 characters "
            "(Twilio Console → Content Template Builder).")
    if code == "variables_incomplete":
        return QCoreApplication.translate(
            "CampaignEditorDialog", "Each variable needs a number (1, 2…) and a contact field.")
    if code == "unknown_field":
        return QCoreApplication.translate(
            "CampaignEditorDialog", "Unknown contact field: %1. Known fields: %2.") \
            .replace("%1", a[0]).replace("%2", a[1])
    if code == "media_not_https":
        return QCoreApplication.translate(
            "CampaignEditorDialog", "The address must start with https:// so Twilio can fetch it.")
    if code == "tag_missing":
        return QCoreApplication.translate(
            "CampaignEditorDialog", "No contact has a tag yet: choose another option.")
    if code == "contacts_missing":
        return QCoreApplication.translate("CampaignEditorDialog", "Choose at least one contact.")
    if code == "schedule_past":
        return QCoreApplication.translate(
            "CampaignEditorDialog", "This time has passed: choose a later one, or untick Start later.")
    if code in VARIANT_CODES:  # A/B shares and test plan (G)
        return variant_problem_text(problem)
    return problem.message


def render_summary(problems: list[Any], limit: int = 5) -> str:
    """Which placeholder is empty for which contacts, e.g. "{{city}} is empty for: +336…"."""
    templates = [p for p in problems if getattr(p, "code", "") == "template"]
    if templates:  # an A/B version's template itself (not synced, not approved): G
        reasons = list(dict.fromkeys(str(getattr(p, "reason", "")) for p in templates))
        return QCoreApplication.translate(
            "CampaignEditorDialog", "The template of an A/B version cannot be sent: choose a "
            "synced, approved template (%1).").replace("%1", "; ".join(r for r in reasons if r))
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
