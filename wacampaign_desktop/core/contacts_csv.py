"""Contacts from and to CSV files.

Import: the first row names the columns. The phone column is found by its name in English or
French (phone, mobile, téléphone, numéro, portable, WhatsApp…), likewise the name (or first +
last name) and tags columns; every other column becomes a custom field. Each row is checked on
its own: a bad row is reported with its line number and reason and never stops the good ones.
"""

from __future__ import annotations

import csv
import io
import logging
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from wacampaign_desktop.core.phones import check_phone
from wacampaign_desktop.core.store.database import database_proxy as db
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
    reason: str
    phone: str = ""


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


def _key(header: str) -> str:
    text = unicodedata.normalize("NFKD", header.strip().lower())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return re.sub(r"[^a-z0-9]", "", text)


def split_tags(text: str) -> list[str]:
    return [t.strip() for t in re.split(r"[,;|]", text or "") if t.strip()]


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


@dataclass
class _Columns:
    phone: int
    name: int | None
    first: int | None
    last: int | None
    tags: int | None
    custom: list[tuple[int, str]]


def _find_columns(header: list[str]) -> _Columns:
    keys = [_key(h) for h in header]

    def find(names: set[str]) -> int | None:
        return next((i for i, k in enumerate(keys) if k in names), None)

    phone = find(PHONE_NAMES)
    if phone is None:
        phone = next((i for i, k in enumerate(keys) if "phone" in k or "tel" in k or "mobile" in k), None)
    if phone is None:
        raise CsvImportError(
            "no phone column found: name one of the columns 'phone', 'mobile', 'téléphone' or "
            f"'numéro' (columns found: {', '.join(h for h in header if h) or 'none'})"
        )
    name, first, last, tags = find(NAME_NAMES), find(FIRST_NAMES), find(LAST_NAMES), find(TAG_NAMES)
    if first is not None and last is None and name is not None and keys[name] == "nom":
        name, last = None, name  # French "Prénom" + "Nom": Nom is the family name
    used = {i for i in (phone, name, first, last, tags) if i is not None}
    used |= {i for i, k in enumerate(keys) if k in IGNORED_NAMES}
    custom = [(i, h.strip()) for i, h in enumerate(header) if i not in used and h.strip()]
    return _Columns(phone, name, first, last, tags, custom)


def _cell(row: list[str], index: int | None) -> str:
    if index is None or index >= len(row):
        return ""
    return row[index].strip()


def import_contacts(
    path: str | Path, default_region: str = "FR", extra_tags: Iterable[str] = ()
) -> ImportReport:
    """Create or update contacts from a CSV file; see the module docstring."""
    path = Path(path)
    try:
        text = _read_text(path)
    except OSError as exc:
        raise CsvImportError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    reader = csv.reader(io.StringIO(text), _dialect(text[:4096]))
    header = next(reader, None)
    if not header or not any(h.strip() for h in header):
        raise CsvImportError(f"{path.name}: empty file (the first row must name the columns)")
    cols = _find_columns(header)
    report = ImportReport(phone_column=header[cols.phone].strip())
    extra = [t for t in (t.strip() for t in extra_tags) if t]
    seen: dict[str, int] = {}
    now = utcnow()
    with db.atomic():
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            raw_phone = _cell(row, cols.phone)
            check = check_phone(raw_phone, default_region)
            if check.e164 is None:
                report.rejected.append(RejectedRow(line, check.reason, raw_phone))
                continue
            phone = check.e164
            if phone in seen:
                report.rejected.append(
                    RejectedRow(line, f"same phone number as line {seen[phone]}", raw_phone))
                continue
            seen[phone] = line
            name = _cell(row, cols.name) or " ".join(
                p for p in (_cell(row, cols.first), _cell(row, cols.last)) if p)
            custom = {label: _cell(row, i) for i, label in cols.custom if _cell(row, i)}
            tags = split_tags(_cell(row, cols.tags)) + extra
            contact = Contact.get_or_none(Contact.phone == phone)
            if contact is None:
                Contact.create(phone=phone, name=name, fields=custom, tags=_unique(tags),
                               created_at=now, updated_at=now)
                report.imported += 1
            else:
                contact.name = name or contact.name
                contact.fields = {**(contact.fields or {}), **custom}
                contact.tags = _unique(list(contact.tags or []) + tags)
                contact.updated_at = now
                contact.save()
                report.updated += 1
    log.info("Imported %s: %d new, %d updated, %d rejected", path.name, report.imported,
             report.updated, len(report.rejected))
    return report


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
