"""Contacts for the GUI and the CLI: the filtered keyset pages of the contacts table, checking
and saving one contact, deleting, opting out and in (through the one stamping rule), CSV import
as `read → preview → commit` (core.contacts_csv), export, and the demo contacts of a first run.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import peewee

from wacampaign_desktop.core import contacts_csv
from wacampaign_desktop.core.clock import SYSTEM_CLOCK, Clock
from wacampaign_desktop.core.contacts_csv import (
    CsvImportError,
    CsvTable,
    ImportReport,
    Mapping,
    Preview,
    RejectedRow,
    ValidRow,
    split_tags,
)
from wacampaign_desktop.core.phones import PhoneCheck, check_phone
from wacampaign_desktop.core.services.search import search_condition
from wacampaign_desktop.core.store import json_queries
from wacampaign_desktop.core.store.contact_import import ImportCancelled
from wacampaign_desktop.core.store.contact_updates import opted_out_condition, set_opt_state
from wacampaign_desktop.core.store.models import Campaign, Contact

if TYPE_CHECKING:
    from wacampaign_desktop.core.app_context import AppContext

log = logging.getLogger(__name__)

__all__ = ["ContactForm", "ContactProblem", "ContactsService", "CsvImportError", "CsvTable",
           "ImportCancelled", "ImportReport", "Mapping", "Preview", "RejectedRow", "ValidRow", "parse_fields",
           "split_tags"]

# Fictional French mobile numbers (the sandbox never contacts anyone).
DEMO_CONTACTS: tuple[tuple[str, str, str], ...] = (
    ("+33612345601", "Camille Martin", "Lyon"),
    ("+33612345602", "Lucas Bernard", "Paris"),
    ("+33612345603", "Léa Dubois", "Nantes"),
    ("+33612345604", "Hugo Moreau", "Lille"),
    ("+33612345605", "Chloé Laurent", "Bordeaux"),
    ("+33612345606", "Jules Simon", "Marseille"),
    ("+33612345607", "Manon Michel", "Toulouse"),
    ("+33612345608", "Nathan Lefèvre", "Rennes"),
)


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


@dataclass(frozen=True)
class ContactProblem:
    """Why a contact field cannot be saved: `code` + `args` for a translated text, `message`
    in English."""

    field: str  # "phone" | "fields"
    code: str  # phone_missing, phone_invalid (args: reason), phone_taken (args: e164, owner), fields_lines
    message: str
    args: tuple[str, ...] = ()
    check: PhoneCheck | None = None  # phone_invalid: the check, for its "+" advice


@dataclass
class ContactForm:
    """One contact as typed: free text for tags ("a, b") and fields ("key: value" lines)."""

    name: str = ""
    phone: str = ""
    tags: str = ""
    fields: str = ""
    opted_out: bool = False
    contact_id: int | None = None

    @classmethod
    def from_contact(cls, c: Contact) -> ContactForm:
        return cls(name=c.name, phone=c.phone, tags=", ".join(c.tags or []),
                   fields="\n".join(f"{k}: {v}" for k, v in (c.fields or {}).items()),
                   opted_out=c.opted_out, contact_id=c.id)


class ContactsService:
    """Contact reads and writes on the opened profile."""

    def __init__(self, context: AppContext | None = None, clock: Clock | None = None) -> None:
        self.context = context
        self.clock: Clock = clock or (context.clock if context is not None else SYSTEM_CLOCK)

    # -- reading ---------------------------------------------------------------------------------
    def get(self, contact_id: int | None) -> Contact | None:
        return Contact.get_or_none(Contact.id == contact_id) if contact_id else None

    def by_ids(self, ids: Iterable[int]) -> list[Contact]:
        """The contacts with these ids, in the order given (missing ones left out)."""
        wanted = list(ids)
        if not wanted:
            return []
        by_id = {c.id: c for c in Contact.select().where(Contact.id.in_(wanted))}
        return [by_id[i] for i in wanted if i in by_id]

    def first(self, limit: int) -> list[Contact]:
        return list(Contact.select().order_by(Contact.id).limit(limit))

    def by_name(self, limit: int) -> list[Contact]:
        """Contacts sorted by name then number (the recipients picker)."""
        return list(Contact.select().order_by(Contact.name, Contact.phone).limit(limit))

    def count(self) -> int:
        return Contact.select().count()

    def exists_any(self) -> bool:
        return Contact.select().exists()

    def all_tags(self) -> list[str]:
        """Every tag used by a contact, sorted (from the stored JSON lists, either engine)."""
        return json_queries.distinct_tags()

    def listing(self, tag: str | None = None) -> list[dict]:
        """Every contact as plain data (the CLI's list), optionally those with a tag (any case)."""
        contacts = list(Contact.select().order_by(Contact.id))
        if tag:
            wanted = tag.lower()
            contacts = [c for c in contacts if wanted in {t.lower() for t in c.tags or []}]
        return [{"id": c.id, "phone": c.phone, "name": c.name, "tags": c.tags, "fields": c.fields,
                 "opted_out": c.opted_out} for c in contacts]

    # -- the contacts table ----------------------------------------------------------------------
    @staticmethod
    def query(search: str = "", tag: str = "", opted_out_only: bool = False) -> peewee.ModelSelect:
        """Contacts matching the search text (search rule), a tag, and opted-out only."""
        query = Contact.select()
        condition = search_condition(search, Contact.phone, Contact.name)
        if condition is not None:
            query = query.where(condition)
        if tag:  # tags are a JSON list stored as text: match the quoted tag
            query = query.where(json_queries.has_tag(tag))
        if opted_out_only:
            query = query.where(opted_out_condition())
        return query

    def total(self, search: str = "", tag: str = "", opted_out_only: bool = False) -> int:
        return self.query(search, tag, opted_out_only).count()

    def page(self, after_id: int | None, size: int, search: str = "", tag: str = "",
             opted_out_only: bool = False) -> list[Contact]:
        """The next `size` contacts by id after `after_id` (keyset page; None: the first)."""
        query = self.query(search, tag, opted_out_only)
        if after_id is not None:
            query = query.where(Contact.id > after_id)
        return list(query.order_by(Contact.id).limit(size))

    # -- one contact -----------------------------------------------------------------------------
    def check(self, form: ContactForm, default_region: str) -> dict[str, ContactProblem]:
        """Problems keyed by field: the number (missing, unusable, another contact's), the
        custom fields (lines without 'name: value')."""
        problems: dict[str, ContactProblem] = {}
        raw = form.phone.strip()
        if not raw:
            problems["phone"] = ContactProblem("phone", "phone_missing", "enter the mobile number")
        else:
            check = check_phone(raw, default_region)
            if not check.ok:
                problems["phone"] = ContactProblem("phone", "phone_invalid",
                                                   f"not a usable number: {check.message}",
                                                   (check.reason,), check)
            else:
                other = Contact.get_or_none((Contact.phone == check.e164)
                                            & (Contact.id != (form.contact_id or 0)))
                if other is not None:
                    owner = other.name or other.phone
                    problems["phone"] = ContactProblem(
                        "phone", "phone_taken", f"{check.e164} already belongs to another "
                        f"contact ({owner})", (str(check.e164), owner))
        _fields, bad = parse_fields(form.fields)
        if bad:
            lines = ", ".join(str(n) for n in bad)
            problems["fields"] = ContactProblem("fields", "fields_lines",
                                                f"line {lines} needs the form 'name: value'", (lines,))
        return problems

    def save(self, form: ContactForm, default_region: str) -> Contact:
        """Create or update the contact; the opt-out box goes through set_opt_state. Raises
        ValueError (problems) or peewee errors."""
        problems = self.check(form, default_region)
        if problems:
            raise ValueError("; ".join(p.message for p in problems.values()))
        now = self.clock.now()
        phone = check_phone(form.phone, default_region).e164
        fields, _bad = parse_fields(form.fields)
        db = Contact._meta.database
        with db.atomic():
            contact = self.get(form.contact_id) or Contact(created_at=now)
            contact.name = form.name.strip()
            contact.phone = phone
            contact.tags = list(dict.fromkeys(split_tags(form.tags)))
            contact.fields = fields
            contact.updated_at = now
            contact.save()
            if form.opted_out != contact.opted_out:
                set_opt_state(contact.id, form.opted_out, now)
        form.contact_id = contact.id
        return Contact.get_by_id(contact.id)

    def delete(self, ids: Iterable[int]) -> int:
        """Delete these contacts; messages already sent stay in campaign reports."""
        wanted = list(ids)
        deleted = Contact.delete().where(Contact.id.in_(wanted)).execute() if wanted else 0
        log.info("Deleted %d contact(s)", deleted)
        return deleted

    def set_opted_out(self, contact_id: int, opted_out: bool) -> bool:
        """Opt the contact out or back in now; True if it changed."""
        return set_opt_state(contact_id, opted_out, self.clock.now())

    # -- CSV -------------------------------------------------------------------------------------
    @staticmethod
    def read_csv(path: str | Path) -> CsvTable:
        """Parse a CSV file (raises CsvImportError)."""
        return contacts_csv.read_table(path)

    @staticmethod
    def guess_mapping(header: list[str]) -> Mapping:
        return contacts_csv.guess_mapping(header)

    @staticmethod
    def preview_csv(table: CsvTable, mapping: Mapping, default_region: str,
                    extra_tags: Iterable[str] = ()) -> Preview:
        """Every row checked, nothing written: valid rows, rejected rows with line and reason."""
        return contacts_csv.build_preview(table, mapping, default_region, extra_tags)

    def commit_csv(self, preview: Preview, progress: Callable[[int, int], None] | None = None,
                   cancel: threading.Event | None = None) -> ImportReport:
        """Write the preview's valid rows (new contacts created, known ones updated) in one
        transaction. `progress(done, total)` is called every 1,000 rows (from this thread);
        setting `cancel` rolls the whole import back and raises ImportCancelled."""
        return contacts_csv.commit(preview, self.clock.now(), progress=progress, cancel=cancel)

    def import_csv(self, path: str | Path, default_region: str, extra_tags: Iterable[str] = (),
                   progress: Callable[[int, int], None] | None = None) -> ImportReport:
        """read → preview → commit with the guessed columns (the CLI)."""
        return contacts_csv.import_contacts(path, default_region, extra_tags,
                                            now=self.clock.now(), progress=progress)

    def export_csv(self, path: str | Path, search: str = "", tag: str = "",
                   opted_out_only: bool = False) -> int:
        """Write the contacts matching the filter (all by default) to a CSV file."""
        query = self.query(search, tag, opted_out_only).order_by(Contact.id)
        return contacts_csv.export_contacts(path, query)

    # -- first run -------------------------------------------------------------------------------
    def is_first_run(self, use_sandbox: bool) -> bool:
        """A brand-new profile in sandbox mode: no contacts and no campaigns yet."""
        return use_sandbox and not Contact.select().exists() and not Campaign.select().exists()

    def seed_demo_contacts(self, use_sandbox: bool) -> int:
        """Add the demo contacts on a first run; returns how many (0 otherwise). Demo contacts
        of an older profile get their flag (each start of the window calls this)."""
        self.flag_earlier_demo_contacts()
        if not self.is_first_run(use_sandbox):
            return 0
        now = self.clock.now()
        rows = [{"phone": phone, "name": name, "fields": {"city": city}, "tags": ["demo"],
                 "is_demo": True, "created_at": now, "updated_at": now}
                for phone, name, city in DEMO_CONTACTS]
        with Contact._meta.database.atomic():
            Contact.insert_many(rows).on_conflict_ignore().execute()
        log.info("First run: added %d demo contacts (sandbox mode)", len(rows))
        return len(rows)

    # -- demo contacts once the account is live --------------------------------------------------
    @staticmethod
    def flag_earlier_demo_contacts() -> int:
        """Demo contacts seeded before the flag existed: the first-run numbers that still have
        their demo name and tag get is_demo (one the user renamed or retagged is left alone)."""
        flagged = 0
        phones = [phone for phone, _name, _city in DEMO_CONTACTS]
        names = {phone: name for phone, name, _city in DEMO_CONTACTS}
        query = Contact.select().where(Contact.phone.in_(phones) & (Contact.is_demo == False))  # noqa: E712
        for contact in query:
            if contact.name == names[contact.phone] and "demo" in (contact.tags or []):
                flagged += Contact.update(is_demo=True).where(Contact.id == contact.id).execute()
        if flagged:
            log.info("Flagged %d demo contact(s) of an earlier first run", flagged)
        return flagged

    @staticmethod
    def demo_contacts_count() -> int:
        """How many first-run demo contacts the profile still holds (never sent to in live mode)."""
        return Contact.select().where(Contact.is_demo == True).count()  # noqa: E712 (SQL)

    def delete_demo_contacts(self) -> int:
        """Delete the demo contacts (messages already sent to them stay in campaign reports)."""
        ids = [c.id for c in Contact.select(Contact.id).where(Contact.is_demo == True)]  # noqa: E712
        return self.delete(ids)
