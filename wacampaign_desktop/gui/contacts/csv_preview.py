"""What the CSV import dialog shows before importing (no Qt, no writes): the file's columns,
the mapping guessed by core.contacts_csv, and each row checked with core.phones — valid rows
with their E.164 number, rejected rows with line number and reason.

Importing reuses core.contacts_csv.import_contacts on a normalized copy of the valid rows (with
the user's column mapping applied), so there is one import implementation.
"""

from __future__ import annotations

import csv
import io
import logging
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from wacampaign_desktop.core import contacts_csv
from wacampaign_desktop.core.contacts_csv import CsvImportError, ImportReport, split_tags
from wacampaign_desktop.core.phones import check_phone
from wacampaign_desktop.core.store.models import Contact

log = logging.getLogger(__name__)


@dataclass
class CsvTable:
    path: Path
    header: list[str]
    rows: list[tuple[int, list[str]]]  # (line number in the file, cells)


@dataclass
class Mapping:
    phone: int | None
    name: int | None = None
    tags: int | None = None
    first: int | None = None  # used for the name when no name column is chosen
    last: int | None = None

    def used(self) -> set[int]:
        return {i for i in (self.phone, self.name, self.tags, self.first, self.last) if i is not None}


@dataclass
class ValidRow:
    line: int
    phone: str  # E.164
    name: str
    tags: list[str]
    custom: dict[str, str]
    exists: bool  # already a contact: will be updated


@dataclass
class RejectedRow:
    line: int
    raw_phone: str
    reason: str


@dataclass
class Preview:
    valid: list[ValidRow] = field(default_factory=list)
    rejected: list[RejectedRow] = field(default_factory=list)

    @property
    def new_count(self) -> int:
        return sum(1 for row in self.valid if not row.exists)


def read_csv(path: str | Path) -> CsvTable:
    """Read the whole file (encoding and delimiter detected like the core import)."""
    path = Path(path)
    try:
        text = contacts_csv._read_text(path)
    except OSError as exc:
        raise CsvImportError(f"{path.name}: cannot be read ({exc.strerror or exc})") from exc
    reader = csv.reader(io.StringIO(text), contacts_csv._dialect(text[:4096]))
    header = next(reader, None)
    if not header or not any(h.strip() for h in header):
        raise CsvImportError(f"{path.name}: empty file (the first row must name the columns)")
    rows = [(reader.line_num, row) for row in reader if any(cell.strip() for cell in row)]
    return CsvTable(path, [h.strip() for h in header], rows)


def guess_mapping(header: list[str]) -> Mapping:
    """The core's column detection; no phone column found → phone None (the user picks one)."""
    try:
        cols = contacts_csv._find_columns(header)
    except CsvImportError:
        return Mapping(phone=None)
    return Mapping(cols.phone, cols.name, cols.tags, cols.first, cols.last)


def _cell(cells: list[str], index: int | None) -> str:
    return cells[index].strip() if index is not None and index < len(cells) else ""


def build_preview(table: CsvTable, mapping: Mapping, default_region: str,
                  extra_tags: Iterable[str] = ()) -> Preview:
    preview = Preview()
    if mapping.phone is None:
        return preview
    extra = [t.strip() for t in extra_tags if t.strip()]
    custom_columns = [(i, h) for i, h in enumerate(table.header) if i not in mapping.used() and h]
    checked: list[tuple[int, list[str], str]] = []
    seen: dict[str, int] = {}
    for line, cells in table.rows:
        raw = _cell(cells, mapping.phone)
        check = check_phone(raw, default_region)
        if check.e164 is None:
            preview.rejected.append(RejectedRow(line, raw, check.reason))
            continue
        if check.e164 in seen:
            preview.rejected.append(RejectedRow(line, raw, f"same phone number as line {seen[check.e164]}"))
            continue
        seen[check.e164] = line
        checked.append((line, cells, check.e164))
    existing = _existing_phones([phone for _l, _c, phone in checked])
    for line, cells, phone in checked:
        name = _cell(cells, mapping.name) or " ".join(
            p for p in (_cell(cells, mapping.first), _cell(cells, mapping.last)) if p)
        tags = list(dict.fromkeys(split_tags(_cell(cells, mapping.tags)) + extra))
        custom = {label: _cell(cells, i) for i, label in custom_columns if _cell(cells, i)}
        preview.valid.append(ValidRow(line, phone, name, tags, custom, phone in existing))
    return preview


def _existing_phones(phones: list[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(phones), 500):
        chunk = phones[start:start + 500]
        found.update(c.phone for c in Contact.select(Contact.phone).where(Contact.phone.in_(chunk)))
    return found


def import_preview(preview: Preview, default_region: str) -> ImportReport:
    """Import the valid rows through core.contacts_csv.import_contacts (one implementation)."""
    custom_names = sorted({k for row in preview.valid for k in row.custom})
    with tempfile.TemporaryDirectory(prefix="wacampaign-import-") as folder:
        path = Path(folder) / "contacts.csv"
        with open(path, "w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            # Custom columns get a prefix-free name, but must not look like phone/name/tags.
            writer.writerow(["phone", "name", "tags", *custom_names])
            for row in preview.valid:
                writer.writerow([row.phone, row.name, ", ".join(row.tags),
                                 *(row.custom.get(k, "") for k in custom_names)])
        report = contacts_csv.import_contacts(path, default_region)
    log.info("CSV import from the dialog: %d new, %d updated, %d rejected in the preview",
             report.imported, report.updated, len(preview.rejected))
    return report
