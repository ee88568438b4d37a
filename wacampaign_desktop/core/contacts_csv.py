"""Contacts from and to CSV files: `read_table` (parse) → `build_preview` (check, nothing
written) → `commit` (write the valid rows), and `import_contacts` doing all three for a path.

The first row names the columns. The phone column is found by its name in English or French
(phone, mobile, téléphone, numéro, portable, WhatsApp…), likewise the name (or first + last
name) and tags columns; every other column becomes a custom field (`guess_mapping`; the GUI lets
the user change it). Each row is checked on its own: a bad row is reported with its line number
and reason and never stops the good ones.
"""

from __future__ import annotations

import csv
import io
import logging
import re
import threading
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from wacampaign_desktop.core.phones import PhoneCheck, check_phone
from wacampaign_desktop.core.store.contact_import import existing_phones, write_contacts
from wacampaign_desktop.core.store.models import Contact, utcnow

log = logging.getLogger(__name__)

PHONE_NAMES = {
    "phone", "phonenumber", "phoneno", "telephone", "tel", "telephonenumber", "mobile",
    "mobilephone", "mobilenumber", "cell", "cellphone", "portable", "numero", "numerodetelephone",
    "numerotelephone", "num", "number", "whatsapp", "whatsappnumber", "gsm", "msisdn", "e164",
}
NAME_NAMES = {"name", "fullname", "nom", "nomcomplet", "contact", "contactname", "displayname"}
FIRST_NAMES = {"firstname", "prenom", "givenname", "first"}
LAST_NAMES = {"lastname", "surname", "familyname", "nomdefamille", "last"}
TAG_NAMES = {"tags", "tag", "labels", "label", "etiquettes", "etiquette", "groups", "groupes"}
IGNORED_NAMES = {"optedout"}  # written by export_contacts; opt-outs only change through replies


class CsvImportError(ValueError):
    """The file as a whole cannot be imported (unreadable, no header, no phone column)."""


@dataclass
class RejectedRow:
    line: int
    reason: str  # English, with the phone check's advice ("did you mean +44…?")
    phone: str = ""  # as written in the file
    check: PhoneCheck | None = None  # the refused number's check (None: a repeated number)


@dataclass
class ImportReport:
    imported: int = 0
    updated: int = 0
    rejected: list[RejectedRow] = field(default_factory=list)
    phone_column: str = ""

    def to_dict(self) -> dict:
        return {
            "imported": self.imported, "updated": self.updated,
            "rejected": [{"line": r.line, "reason": r.reason, "phone": r.phone} for r in self.rejected],
            "phone_column": self.phone_column,
        }


@dataclass
class CsvTable:
    """A parsed file: its column names and its non-empty rows with their line numbers."""

    path: Path
    header: list[str]
    rows: list[tuple[int, list[str]]]


@dataclass
class Mapping:
    """Which column holds what (indexes into the header); None: no such column."""

    phone: int | None
    name: int | None = None
    tags: int | None = None
    first: int | None = None  # joined for the name when no name column is chosen
    last: int | None = None
    ignored: frozenset[int] = frozenset()  # neither imported nor kept as a custom field

    def used(self) -> set[int]:
        return {i for i in (self.phone, self.name, self.tags, self.first, self.last)
                if i is not None} | set(self.ignored)


@dataclass(slots=True)
class ValidRow:
    line: int
    phone: str  # E.164
    name: str
    tags: list[str]
    custom: dict[str, str]
    exists: bool  # already a contact: will be updated


@dataclass
class Preview:
    valid: list[ValidRow] = field(default_factory=list)
    rejected: list[RejectedRow] = field(default_factory=list)
    phone_column: str = ""

    @property
    def new_count(self) -> int:
        return sum(1 for row in self.valid if not row.exists)


def _key(header: str) -> str:
    text = unicodedata.normalize("NFKD", header.strip().lower())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return re.sub(r"[^a-z0-9]", "", text)


_TAG_SEPARATORS = re.compile(r"[,;|]")


def split_tags(text: str) -> list[str]:
    return [t for t in (part.strip() for part in _TAG_SEPARATORS.split(text or "")) if t]


def _read_text(path: Path) -> str:
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise CsvImportError(f"{path.name}: the file is not text (UTF-8 or Windows-1252)")


def _dialect(sample: str) -> type[csv.Dialect] | csv.Dialect:
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        return csv.excel


def read_table(path: str | Path) -> CsvTable:
    """Parse the whole file (encoding and delimiter detected); raises CsvImportError."""
    path = Path(path)
    try:
        text = _read_text(path)
    except OSError as exc:
        raise CsvImportError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    reader = csv.reader(io.StringIO(text), _dialect(text[:4096]))
    header = next(reader, None)
    if not header or not any(h.strip() for h in header):
        raise CsvImportError(f"{path.name}: empty file (the first row must name the columns)")
    rows = [(reader.line_num, row) for row in reader if "".join(row).strip()]
    return CsvTable(path, [h.strip() for h in header], rows)


def guess_mapping(header: list[str]) -> Mapping:
    """The columns recognised by their names; phone None when no column looks like one."""
    keys = [_key(h) for h in header]

    def find(names: set[str]) -> int | None:
        return next((i for i, k in enumerate(keys) if k in names), None)

    phone = find(PHONE_NAMES)
    if phone is None:
        phone = next((i for i, k in enumerate(keys) if "phone" in k or "tel" in k or "mobile" in k), None)
    name, first, last, tags = find(NAME_NAMES), find(FIRST_NAMES), find(LAST_NAMES), find(TAG_NAMES)
    if first is not None and last is None and name is not None and keys[name] == "nom":
        name, last = None, name  # French "Prénom" + "Nom": Nom is the family name
    ignored = frozenset(i for i, k in enumerate(keys) if k in IGNORED_NAMES)
    return Mapping(phone, name, tags, first, last, ignored)


def _no_phone_column(header: list[str]) -> CsvImportError:
    return CsvImportError(
        "no phone column found: name one of the columns 'phone', 'mobile', 'téléphone' or "
        f"'numéro' (columns found: {', '.join(h for h in header if h) or 'none'})"
    )


def _cell(row: list[str], index: int | None) -> str:
    if index is None or index >= len(row):
        return ""
    return row[index].strip()


def build_preview(table: CsvTable, mapping: Mapping, default_region: str = "FR",
                  extra_tags: Iterable[str] = ()) -> Preview:
    """Check every row (nothing is written): valid rows with their E.164 number and whether the
    contact exists, rejected rows with line number and reason (bad number, repeated number)."""
    preview = Preview()
    if mapping.phone is None:
        return preview
    preview.phone_column = table.header[mapping.phone] if mapping.phone < len(table.header) else ""
    extra = [t for t in (t.strip() for t in extra_tags) if t]
    used = mapping.used()
    custom_columns = [(i, h) for i, h in enumerate(table.header) if i not in used and h]
    # Short rows are padded once, so every mapped column can be read by index.
    width = max([len(table.header), *(i + 1 for i in used)])
    pad = [""] * width
    phone_i, name_i, tags_i = mapping.phone, mapping.name, mapping.tags
    joined = [i for i in (mapping.first, mapping.last) if i is not None]
    valid, rejected = preview.valid, preview.rejected
    seen: dict[str, int] = {}
    for line, cells in table.rows:
        if len(cells) < width:
            cells = (cells + pad)[:width]
        raw = cells[phone_i].strip()
        check = check_phone(raw, default_region)
        phone = check.e164
        if phone is None:
            rejected.append(RejectedRow(line, check.message, raw, check))
            continue
        if phone in seen:
            rejected.append(RejectedRow(line, f"same phone number as line {seen[phone]}", raw))
            continue
        seen[phone] = line
        name = cells[name_i].strip() if name_i is not None else ""
        if not name and joined:
            name = " ".join(p for p in (cells[i].strip() for i in joined) if p)
        tag_text = cells[tags_i] if tags_i is not None else ""
        tags = split_tags(tag_text) + extra if tag_text else list(extra)
        if len(tags) > 1:
            tags = _unique(tags)
        custom = {label: value for i, label in custom_columns if (value := cells[i].strip())}
        valid.append(ValidRow(line, phone, name, tags, custom, False))
    if valid:
        existing = existing_phones(list(seen))
        if existing:
            for row in valid:
                row.exists = row.phone in existing
    return preview


def commit(preview: Preview, now: datetime | None = None, *,
           progress: Callable[[int, int], None] | None = None,
           cancel: threading.Event | None = None) -> ImportReport:
    """Write the preview's valid rows in one transaction: new numbers become contacts; known ones
    keep their name unless the row has one, and gain the row's fields and tags.

    `progress(done, total)` is called every few hundred rows; setting `cancel` rolls everything
    back and raises ImportCancelled."""
    report = ImportReport(rejected=list(preview.rejected), phone_column=preview.phone_column)
    written = write_contacts(preview.valid, now or utcnow(), progress=progress, cancel=cancel)
    report.imported, report.updated = written.imported, written.updated
    log.info("Imported %d new, %d updated, %d rejected", report.imported, report.updated,
             len(report.rejected))
    return report


def import_contacts(
    path: str | Path, default_region: str = "FR", extra_tags: Iterable[str] = (), *,
    now: datetime | None = None, progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Create or update contacts from a CSV file with the guessed columns (parse → preview →
    commit); raises CsvImportError when the file has no phone column."""
    table = read_table(path)
    mapping = guess_mapping(table.header)
    if mapping.phone is None:
        raise _no_phone_column(table.header)
    return commit(build_preview(table, mapping, default_region, extra_tags), now, progress=progress)


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


def export_contacts(path: str | Path, contacts: Iterable[Contact] | None = None) -> int:
    """Write contacts (all by default) to a UTF-8 CSV that `import_contacts` reads back."""
    rows = list(contacts if contacts is not None else Contact.select().order_by(Contact.id))
    custom = sorted({k for c in rows for k in (c.fields or {})})
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["phone", "name", "tags", "opted_out", *custom])
        for c in rows:
            writer.writerow([c.phone, c.name, ", ".join(c.tags or []),
                             "yes" if c.opted_out else "", *((c.fields or {}).get(k, "") for k in custom)])
    return len(rows)
