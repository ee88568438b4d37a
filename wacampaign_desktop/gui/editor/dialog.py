"""CampaignEditorDialog: name, text with {{placeholders}} (or template SID + variables), media,
A/B version, recipients, speed and schedule, with a live preview for a chosen contact. Problems
show next to their field; "Save and start" is enabled only when the campaign can start.

Field checks and the preview run on the GUI thread (cheap); the recipient dry run (every contact
rendered by the core) runs on a worker, debounced, and stale results are dropped."""

from __future__ import annotations

import html
import json
import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDateTime, QTimer, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QCheckBox, QDialog, QWidget

from wacampaign_desktop.core.services.campaigns import CampaignDraft, Preparation
from wacampaign_desktop.core.services.contacts import ContactsService
from wacampaign_desktop.gui.editor.alerts_box import CampaignAlertsBox
from wacampaign_desktop.gui.editor.contact_picker import ContactPickerDialog
from wacampaign_desktop.gui.editor.fitting import fit_to_screen, locale_date_time, scroll_columns
from wacampaign_desktop.gui.editor.form_io import (
    problem_text,
    read_form,
    render_summary,
    write_form,
)
from wacampaign_desktop.gui.editor.template_panel import TemplatePanel
from wacampaign_desktop.gui.editor.variants_panel import VariantsPanel
from wacampaign_desktop.gui.forms_support import embed_ui, set_problem
from wacampaign_desktop.gui.models.phone_text import display_phone

if TYPE_CHECKING:
    from wacampaign_desktop.gui.services import GuiServices

log = logging.getLogger(__name__)

PREVIEW_CONTACTS = 200


class CampaignEditorDialog(QDialog):
    def __init__(self, services: GuiServices, campaign_id: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.campaigns = services.campaigns
        self.contacts = ContactsService(services.context)
        self.campaign_id = campaign_id
        self.campaign = self.campaigns.find(campaign_id)
        self.loaded = CampaignDraft.from_campaign(self.campaign) if self.campaign else None
        self.editable = self.campaign is None or self.campaign.state == "draft"
        self.preparation: Preparation | None = None
        self.field_problems: dict[str, str] = {}
        self._running = False  # a dry run is on a worker
        self._rerun = False  # the form changed while it ran
        self._done_key = ""  # input of the shown preparation
        self._run_key_in_flight = ""
        self._pending = False
        self._starting = False
        self._chosen: list[int] = []
        self.setWindowTitle(self.tr("Edit campaign") if self.campaign else self.tr("New campaign"))
        self.ui = ui = embed_ui(self, "campaign_editor.ui", margins=6)
        self.fields = self.campaigns.known_fields()
        ui.fieldCombo.addItem(self.tr("Insert a contact field…"), "")
        for name in self.fields:
            ui.fieldCombo.addItem("{{" + name + "}}", name)
        ui.tagCombo.addItems(self.contacts.all_tags())
        ui.variablesTable.setHorizontalHeaderLabels([self.tr("Variable"), self.tr("Contact field")])
        ui.rateSpin.setSuffix(" " + self.tr("messages/s"))
        ui.rateSpin.setValue(services.context.settings.default_send_rate)
        locale_date_time(ui.scheduleEdit)
        ui.rateSpin.setLocale(ui.scheduleEdit.locale())  # "10,0 messages/s" in French
        ui.scheduleEdit.setDateTime(QDateTime.currentDateTime().addSecs(3600))
        self.scroll = scroll_columns(ui)
        self.template_panel = TemplatePanel(services, ui, self.fields, ui.templatePage)
        # A/B versions B–D (B's text in the form's own edit), shares, test then winner (G)
        self.variants_panel = VariantsPanel(ui.messageGroup, ui.variantEdit)
        ui.variantBox.insertWidget(0, self.variants_panel)
        self.auto_retry_check = QCheckBox(self.tr("Send failed messages again on their own when "
                                                  "the error allows it"))  # G
        self.auto_retry_check.setObjectName("autoRetryCheck")
        ui.sendingForm.addRow(self.auto_retry_check)
        self.alerts_box = CampaignAlertsBox(services.context.settings)  # G: own thresholds
        ui.sendingForm.addRow(self.alerts_box)
        ui.abCheck.setText(self.tr("A/B test: send 2 to 4 versions, each to its share of the "
                                   "recipients"))
        self._load(self.loaded)

        self._timer = QTimer(self, singleShot=True, interval=300)
        self._timer.timeout.connect(self._dry_run)
        for edit in (ui.nameEdit, ui.contentSidEdit, ui.mediaEdit):
            edit.textChanged.connect(self._changed)
        for edit in (ui.bodyEdit, ui.variantEdit):
            edit.textChanged.connect(self._changed)
        for button in (ui.textRadio, ui.templateRadio, ui.allRadio, ui.tagRadio, ui.listRadio,
                       ui.abCheck, ui.scheduleCheck):
            button.toggled.connect(self._changed)
        ui.tagCombo.currentIndexChanged.connect(self._changed)
        ui.rateSpin.valueChanged.connect(self._changed)
        ui.scheduleEdit.dateTimeChanged.connect(self._changed)
        ui.variablesTable.itemChanged.connect(self._grow_variables)
        ui.variablesTable.itemChanged.connect(self._changed)
        self.template_panel.changed.connect(self._changed)
        self.variants_panel.changed.connect(self._changed)
        ui.previewContactCombo.currentIndexChanged.connect(lambda _i: self._update_preview())
        ui.fieldCombo.activated.connect(self._insert_field)
        ui.chooseButton.clicked.connect(self._choose_contacts)
        ui.cancelButton.clicked.connect(self.reject)
        ui.saveButton.clicked.connect(self.save_draft)
        ui.startButton.clicked.connect(self.save_and_start)
        ui.startButton.setToolTip(self.tr("Save and start (Ctrl+Enter)"))
        ui.saveButton.setToolTip(self.tr("Save as a draft (Ctrl+S)"))
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self, self.save_draft)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.save_and_start)
        services.bridge.runtimeChanged.connect(lambda _r: self._validate())
        if not self.editable:
            for group in (ui.messageGroup, ui.recipientsGroup, ui.sendingGroup):
                group.setEnabled(False)
        self._changed()
        self._dry_run()
        fit_to_screen(self, 1040, 760)

    # -- form <-> values ------------------------------------------------------------------------
    def _load(self, values: CampaignDraft | None) -> None:
        if values is not None:
            self._chosen = write_form(self.ui, values)
            self.variants_panel.load(values)
            self.auto_retry_check.setChecked(bool(values.auto_retry))
            self.alerts_box.load(values.alert_thresholds)
            self.template_panel.load_from_form()
        self._fill_preview_contacts(self.contacts.first(PREVIEW_CONTACTS))

    def values(self) -> CampaignDraft:
        """The form as a draft; what the form does not show (sender, versions after B) is kept
        from the stored campaign."""
        draft = read_form(self.ui, self._chosen)
        draft.campaign_id = self.campaign_id
        if self.loaded is not None:
            draft.sender = self.loaded.sender
            if draft.variants:
                draft.variants += self.loaded.variants[1:]
        draft.auto_retry = self.auto_retry_check.isChecked()
        draft.alert_thresholds = self.alerts_box.thresholds()
        if draft.variants:
            self.variants_panel.apply(draft)  # versions B–D as the A/B panel shows them
        else:
            draft.variant_templates, draft.splits, draft.ab_test = [], [], {}
        return draft

    # -- checking ----------------------------------------------------------------------------------
    def check_fields(self, values: CampaignDraft) -> dict[str, str]:
        """Problems that need no dry run, keyed by field (the draft's rules, in words)."""
        problems = values.validate(known_fields=self.fields, now=self.campaigns.now())
        return {name: problem_text(problem) for name, problem in problems.items()}

    @Slot()
    def _changed(self, *_args: Any) -> None:
        ui = self.ui
        ui.contentStack.setCurrentWidget(ui.templatePage if ui.templateRadio.isChecked() else ui.textPage)
        ui.abCheck.setEnabled(ui.textRadio.isChecked())
        self.variants_panel.setVisible(ui.abCheck.isChecked() and ui.textRadio.isChecked())
        ui.tagCombo.setEnabled(ui.tagRadio.isChecked())
        ui.chooseButton.setEnabled(ui.listRadio.isChecked())
        ui.scheduleEdit.setEnabled(ui.scheduleCheck.isChecked())
        ui.startButton.setText(self.tr("Save and sc&hedule") if ui.scheduleCheck.isChecked()
                               else self.tr("Save and s&tart"))
        if self._running or self._recipient_key(self.values()) != self._done_key:
            self._pending = True
            self._timer.start()
        self._validate()
        self._update_preview()

    @staticmethod
    def _recipient_key(values: CampaignDraft) -> str:
        """What the dry run depends on (the name, speed or schedule do not change recipients)."""
        return json.dumps([values.kind, values.body, values.content_sid, values.variables,
                           values.variants, values.audience], sort_keys=True, default=str)

    def _dry_run(self) -> None:
        """Run the core's preparation on a worker: one run at a time, none for unchanged input
        (10 s for 100,000 contacts), and a fresh run when the form changed meanwhile."""
        values = self.values()
        key = self._recipient_key(values)
        if self._running:
            self._rerun = True
            return
        if key == self._done_key and self.preparation is not None:
            self._pending = False
            self._validate()
            return
        self._running, self._pending = True, True
        self.services.tasks.run(lambda: self.campaigns.dry_run(values),
                                lambda prep: self._on_dry_run(key, prep),
                                lambda exc: self._on_dry_run_failed(key, exc))

    def _finish_run(self) -> bool:
        """True when the result just received is still what the form says."""
        self._running = False
        if self._rerun or self._recipient_key(self.values()) != self._run_key_in_flight:
            self._rerun = False
            self._dry_run()
            return False
        return True

    def _on_dry_run(self, key: str, prep: Preparation) -> None:
        self._run_key_in_flight = key
        if not self._finish_run():
            return
        self._pending = False
        self._done_key = key
        self.preparation = prep
        set_problem(self.ui.generalProblem, "")
        ids = [row["contact"] for row in prep.recipients[:PREVIEW_CONTACTS]]
        self._fill_preview_contacts(self.contacts.by_ids(ids))
        self._validate()

    def _on_dry_run_failed(self, key: str, exc: BaseException) -> None:
        self._run_key_in_flight = key
        if not self._finish_run():
            return
        self._pending = False
        log.error("Campaign dry run failed: %s", exc)
        self.preparation = None
        set_problem(self.ui.generalProblem, self.tr("The recipients could not be checked: %1").replace(
            "%1", str(exc)))
        self._validate()

    def can_start(self) -> bool:
        prep = self.preparation
        return (self.editable and not self.field_problems and not self._pending and not self._starting
                and prep is not None and prep.ok and bool(prep.recipients)
                and self._engine() is not None)

    def _engine(self) -> Any:
        return self.services.runtime_controller.engine

    @Slot()
    def _validate(self) -> None:
        ui = self.ui
        values = self.values()
        problems = self.check_fields(values)
        prep = self.preparation
        if prep is not None and not self._pending:
            if (prep.problems and "body" not in problems and "variables" not in problems
                    and values.kind != "template"):  # a template's are listed under it
                where = "variables" if values.kind == "template" else "body"
                problems[where] = render_summary(prep.problems)
            if not prep.recipients and "audience" not in problems:
                problems["audience"] = self.tr("Nobody to send to: no contact matches these recipients "
                                               "(opted-out contacts and invalid numbers are skipped).")
        template_summary = self.template_panel.check(values, None if self._pending else prep)
        if template_summary:
            problems["template"] = template_summary  # listed under the template
        self.field_problems = problems
        for key, label in (("name", ui.nameProblem), ("body", ui.bodyProblem),
                           ("variant", ui.variantProblem), ("content_sid", ui.contentSidProblem),
                           ("variables", ui.variablesProblem), ("media", ui.mediaProblem),
                           ("audience", ui.audienceProblem), ("schedule", ui.scheduleProblem)):
            set_problem(label, problems.get(key, ""))
        self.variants_panel.show_texts(problems)
        if prep is None:
            ui.recipientCount.setText(self.tr("Counting recipients…"))
        else:
            blocked = len({p.contact_id for p in prep.problems})
            ui.recipientCount.setText(
                self.tr("Recipients: %1 · skipped: %2 (opted out or invalid number)")
                .replace("%1", str(len(prep.recipients) + blocked)).replace("%2", str(len(prep.skipped))))
        ui.saveButton.setEnabled(self.editable and "name" not in problems and not self._starting)
        ui.startButton.setEnabled(self.can_start())
        if not self.editable:
            ready = self.tr("This campaign has already been started; it can no longer be edited.")
        elif self._engine() is None and self.services.runtime_error:
            ready = self.tr("Sending is unavailable: %1. You can still save the campaign as a "
                            "draft.").replace("%1", self.services.runtime_error)
        elif self._engine() is None:
            ready = self.tr("Sending is getting ready (the app is still starting)…")
        elif problems:
            ready = self.tr("Fix the points marked in red to start.")
        elif self._pending:
            ready = self.tr("Checking…")
        else:
            ready = self.tr("Ready to start.")
        set_problem(ui.readyLabel, ready, "ok" if self.can_start() else "info")

    # -- preview -----------------------------------------------------------------------------------
    def _fill_preview_contacts(self, contacts: list[Any]) -> None:
        combo = self.ui.previewContactCombo
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        for contact in contacts:
            phone = display_phone(contact.phone)
            combo.addItem(f"{contact.name} · {phone}" if contact.name else phone, contact.id)
        combo.setCurrentIndex(max(combo.findData(current), 0) if contacts else -1)
        combo.blockSignals(False)
        self._update_preview()

    def _update_preview(self) -> None:
        ui = self.ui
        values = self.values()
        contact_id = ui.previewContactCombo.currentData()
        contact = self.contacts.get(contact_id)
        result = self.campaigns.preview(values, contact)
        parts = []
        if values.kind == "template":
            rows = "".join(f"<li>{{{{{html.escape(k)}}}}} = {html.escape(v)}</li>"
                           for k, v in (result.variables or {}).items())
            parts.append(self.template_panel.preview_html(result.variables or {})
                         or f"<p>{html.escape(self.tr('Template'))} {html.escape(values.content_sid)}</p>")
            parts.append(f"<ul>{rows}</ul>")
            length = 0
        else:
            body = result.body or ""
            parts.append(f"<p>{html.escape(body).replace(chr(10), '<br>')}</p>")
            length = len(body)
            if values.variants:
                b = self.campaigns.preview(values, contact, "B").body or ""
                parts.append(f"<hr><p><b>B</b><br>{html.escape(b).replace(chr(10), '<br>')}</p>")
        if values.media_url:
            parts.append(f"<p><i>{html.escape(self.tr('Attachment:'))} {html.escape(values.media_url)}</i></p>")
        ui.previewView.setHtml("".join(parts))
        info = []
        if values.kind == "text":
            info.append(self.tr("%1 characters for this contact (the text has %2)")
                        .replace("%1", str(length)).replace("%2", str(len(values.body))))
        if result.missing:
            info.append(self.tr("No value for %1 for this contact").replace(
                "%1", ", ".join("{{" + m + "}}" for m in result.missing)))
        if contact is None:
            info.append(self.tr("Add contacts to see the message as they will receive it."))
        ui.previewInfo.setText(" · ".join(info))
        ui.charCount.setText(self.tr("Characters: %1").replace("%1", str(len(values.body))))

    # -- actions ---------------------------------------------------------------------------------
    def _insert_field(self, index: int) -> None:
        name = self.ui.fieldCombo.itemData(index)
        if name:
            self.ui.bodyEdit.insertPlainText("{{" + name + "}}")
            self.ui.bodyEdit.setFocus()
        self.ui.fieldCombo.setCurrentIndex(0)

    def _grow_variables(self, *_args: Any) -> None:
        """Keep one empty row at the end of the variables table (templates allow up to 100)."""
        table = self.ui.variablesTable
        last = table.rowCount() - 1
        if last < 99 and any(table.item(last, c) and table.item(last, c).text().strip()
                             for c in (0, 1)):
            table.setRowCount(last + 2)

    def _choose_contacts(self) -> None:
        picker = ContactPickerDialog(self._chosen, self, self.contacts)
        if picker.exec():
            self._chosen = picker.chosen_ids()
            self._changed()

    def _save(self) -> bool:
        if not self.editable:
            return False
        try:
            campaign_id = self.values().save(complete=False)
        except Exception as exc:  # locked database, campaign started meanwhile…: the form stays
            log.exception("Saving the campaign failed")
            set_problem(self.ui.generalProblem, self.tr(
                "The campaign could not be saved: %1. Your text is still here; try again.").replace(
                "%1", str(exc)))
            return False
        self.campaign, self.campaign_id = self.campaigns.find(campaign_id), campaign_id
        log.info("Campaign %s saved", campaign_id)
        return True

    @Slot()
    def save_draft(self) -> None:
        if self.ui.saveButton.isEnabled() and self._save():
            self.accept()

    @Slot()
    def save_and_start(self) -> None:
        if not self.can_start() or not self._save():
            return
        engine, campaign_id = self._engine(), self.campaign_id
        self._starting = True
        self._validate()
        set_problem(self.ui.generalProblem, self.tr("Starting…"), "info")
        self.services.tasks.run(lambda: self.campaigns.start(campaign_id, engine), lambda _r: self.accept(),
                                self._on_start_failed)

    def _on_start_failed(self, exc: BaseException) -> None:
        self._starting = False
        log.error("Campaign %s did not start: %s", self.campaign_id, exc)
        set_problem(self.ui.generalProblem, self.tr(
            "The campaign was saved as a draft but did not start: %1").replace("%1", str(exc)))
        self._validate()


