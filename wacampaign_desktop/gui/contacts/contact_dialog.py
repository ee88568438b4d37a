"""Add or edit one contact, with the phone number checked as it is typed (shown, and named in
the "already belongs" message, in international format)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from wacampaign_desktop.core.phones import check_phone
from wacampaign_desktop.core.services.contacts import ContactForm, ContactProblem, ContactsService
from wacampaign_desktop.gui.forms_support import embed_ui, phone_reason_text, set_problem
from wacampaign_desktop.gui.models.labels import landline_warning_text, phone_advice_text
from wacampaign_desktop.gui.models.phone_text import NBSP, display_phone

if TYPE_CHECKING:
    from wacampaign_desktop.gui.services import GuiServices

log = logging.getLogger(__name__)


class ContactDialog(QDialog):
    def __init__(self, services: GuiServices, contact_id: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.contacts = ContactsService(services.context)
        self.contact = self.contacts.get(contact_id)
        self.setWindowTitle(self.tr("Edit contact") if self.contact else self.tr("New contact"))
        self.ui = ui = embed_ui(self, "contact_dialog.ui", margins=6)
        if self.contact is not None:
            form = ContactForm.from_contact(self.contact)
            ui.nameEdit.setText(form.name)
            ui.phoneEdit.setText(display_phone(form.phone).replace(NBSP, " "))  # "+33 6 12 …"
            ui.tagsEdit.setText(form.tags)
            ui.fieldsEdit.setPlainText(form.fields)
            ui.optedOutCheck.setChecked(form.opted_out)
        for edit in (ui.nameEdit, ui.phoneEdit):
            edit.textChanged.connect(self._validate)
        ui.fieldsEdit.textChanged.connect(self._validate)
        ui.buttonBox.accepted.connect(self.save)
        ui.buttonBox.rejected.connect(self.reject)
        ui.buttonBox.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("&Save"))
        ui.buttonBox.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self._validate()
        self.resize(480, 420)

    def form(self) -> ContactForm:
        ui = self.ui
        return ContactForm(name=ui.nameEdit.text(), phone=ui.phoneEdit.text(),
                           tags=ui.tagsEdit.text(), fields=ui.fieldsEdit.toPlainText(),
                           opted_out=ui.optedOutCheck.isChecked(),
                           contact_id=self.contact.id if self.contact else None)

    def problem_text(self, problem: ContactProblem) -> str:
        if problem.code == "phone_missing":
            return self.tr("Enter the contact's mobile number.")
        if problem.code == "phone_invalid":
            text = self.tr("Not a usable number: %1").replace("%1", phone_reason_text(problem.args[0]))
            advice = phone_advice_text(problem.check) if problem.check else ""
            return f"{text}; {advice}" if advice else text
        if problem.code == "phone_taken":
            return self.tr("%1 already belongs to another contact (%2).") \
                .replace("%1", display_phone(problem.args[0])).replace("%2", problem.args[1])
        if problem.code == "fields_lines":
            return self.tr("Line %1 needs the form 'name: value'.").replace("%1", problem.args[0])
        return problem.message

    def problems(self) -> dict[str, str]:
        region = self.services.context.settings.default_region
        return {field: self.problem_text(problem)
                for field, problem in self.contacts.check(self.form(), region).items()}

    @Slot()
    def _validate(self) -> None:
        problems = self.problems()
        if "phone" in problems:
            set_problem(self.ui.phoneProblem, problems["phone"])
        else:  # a landline is kept, with a warning: WhatsApp may not reach it
            region = self.services.context.settings.default_region
            e164 = check_phone(self.ui.phoneEdit.text(), region).e164
            set_problem(self.ui.phoneProblem, landline_warning_text(e164), "warning")
        set_problem(self.ui.fieldsProblem, problems.get("fields", ""))
        self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Save).setEnabled(not problems)

    @Slot()
    def save(self) -> None:
        if self.problems():
            self._validate()
            return
        form = self.form()
        try:
            contact = self.contacts.save(form, self.services.context.settings.default_region)
        except Exception as exc:  # the database said no (locked, disk…): the form stays open
            log.error("Saving contact %s failed: %s", form.phone, exc)
            set_problem(self.ui.phoneProblem, self.tr("The contact could not be saved: %1").replace(
                "%1", str(exc)))
            return
        self.contact = contact
        self.services.bridge.notify_contacts_changed()
        self.accept()
