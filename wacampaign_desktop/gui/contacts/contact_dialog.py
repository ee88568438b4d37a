"""Add or edit one contact, with the phone number checked as it is typed."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import peewee
from PySide6.QtCore import Slot
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from wacampaign_desktop.core.contacts_csv import split_tags
from wacampaign_desktop.core.phones import check_phone
from wacampaign_desktop.core.store.models import Contact, utcnow
from wacampaign_desktop.gui.forms_support import embed_ui, phone_reason_text, set_problem

if TYPE_CHECKING:
    from wacampaign_desktop.gui.services import GuiServices

log = logging.getLogger(__name__)


def parse_fields(text: str) -> tuple[dict[str, str], list[int]]:
    """'key: value' lines → dict, and the numbers of lines that have no colon."""
    fields: dict[str, str] = {}
    bad: list[int] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        key, sep, value = line.partition(":")
        if not sep or not key.strip():
            bad.append(number)
            continue
        fields[key.strip()] = value.strip()
    return fields, bad


class ContactDialog(QDialog):
    def __init__(self, services: GuiServices, contact_id: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.contact = Contact.get_or_none(Contact.id == contact_id) if contact_id else None
        self.setWindowTitle(self.tr("Edit contact") if self.contact else self.tr("New contact"))
        self.ui = ui = embed_ui(self, "contact_dialog.ui", margins=6)
        if self.contact is not None:
            c = self.contact
            ui.nameEdit.setText(c.name)
            ui.phoneEdit.setText(c.phone)
            ui.tagsEdit.setText(", ".join(c.tags or []))
            ui.fieldsEdit.setPlainText("\n".join(f"{k}: {v}" for k, v in (c.fields or {}).items()))
            ui.optedOutCheck.setChecked(c.opted_out)
        for edit in (ui.nameEdit, ui.phoneEdit):
            edit.textChanged.connect(self._validate)
        ui.fieldsEdit.textChanged.connect(self._validate)
        ui.buttonBox.accepted.connect(self.save)
        ui.buttonBox.rejected.connect(self.reject)
        ui.buttonBox.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("&Save"))
        ui.buttonBox.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self._validate()
        self.resize(480, 420)

    def problems(self) -> dict[str, str]:
        problems: dict[str, str] = {}
        raw = self.ui.phoneEdit.text().strip()
        if not raw:
            problems["phone"] = self.tr("Enter the contact's mobile number.")
        else:
            check = check_phone(raw, self.services.context.settings.default_region)
            if not check.ok:
                problems["phone"] = self.tr("Not a usable number: %1").replace("%1", phone_reason_text(check.reason))
            else:
                other = Contact.get_or_none((Contact.phone == check.e164) & (
                    Contact.id != (self.contact.id if self.contact else 0)))
                if other is not None:
                    problems["phone"] = self.tr("%1 already belongs to another contact (%2).") \
                        .replace("%1", check.e164).replace("%2", other.name or other.phone)
        _fields, bad = parse_fields(self.ui.fieldsEdit.toPlainText())
        if bad:
            problems["fields"] = self.tr("Line %1 needs the form 'name: value'.").replace(
                "%1", ", ".join(str(n) for n in bad))
        return problems

    @Slot()
    def _validate(self) -> None:
        problems = self.problems()
        set_problem(self.ui.phoneProblem, problems.get("phone", ""))
        set_problem(self.ui.fieldsProblem, problems.get("fields", ""))
        self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Save).setEnabled(not problems)

    @Slot()
    def save(self) -> None:
        if self.problems():
            self._validate()
            return
        ui = self.ui
        phone = check_phone(ui.phoneEdit.text(), self.services.context.settings.default_region).e164
        fields, _bad = parse_fields(ui.fieldsEdit.toPlainText())
        contact = self.contact or Contact(created_at=utcnow())
        was_out = contact.opted_out if self.contact else False
        contact.name = ui.nameEdit.text().strip()
        contact.phone = phone
        contact.tags = list(dict.fromkeys(split_tags(ui.tagsEdit.text())))
        contact.fields = fields
        now = utcnow()
        if ui.optedOutCheck.isChecked() and not was_out:
            contact.opted_out_at = now
        elif not ui.optedOutCheck.isChecked() and was_out:
            contact.opted_in_at = now
        contact.updated_at = now
        try:
            contact.save()
        except peewee.PeeweeException as exc:
            log.error("Saving contact %s failed: %s", phone, exc)
            set_problem(ui.phoneProblem, self.tr("The contact could not be saved: %1").replace(
                "%1", str(exc)))
            return
        self.contact = contact
        self.services.bridge.notify_contacts_changed()
        self.accept()
