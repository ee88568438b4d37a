"""A campaign's messages as a CSV file, in two formats over the one query
(`Queries.export_rows`):

- the machine format (`campaign export`): stable for scripts whatever the computer's language —
  comma, UTF-8 without BOM, the English column keys of MACHINE_COLUMNS, raw status codes and
  stored UTC times;
- the spreadsheet format (the window's Export, `campaign export --excel`): the convention of the
  user's locale (";" where the decimal separator is a comma, as Excel expects in French, German…;
  always a BOM so Excel reads accents), headers in the user's words, the status in words, the
  plain-language error text beside the code, and local times to the second.

The file is written beside its target and renamed when complete (never half a file)."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

from wacampaign_desktop.core.services.queries import EXPORT_COLUMNS

# `campaign export` / `campaign messages --json`: keep these stable (scripts read them).
MACHINE_COLUMNS = ("id", "phone", "status", "twilio_sid", "error_code", "error_message",
                   "retry_count", "variant", "message", "claimed_at", "sent_at", "delivered_at",
                   "read_at", "failed_at", "replied_at")

# The spreadsheet's columns ("error_text" is the plain-language explanation of error_code).
SHEET_COLUMNS = ("phone", "name", "status", "error_code", "error_text", "sent_at",
                 "delivered_at", "read_at", "failed_at", "replied_at", "variant", "retry_count",
                 "twilio_sid", "message")

SHEET_TIME_FORMAT = "%Y-%m-%d %H:%M:%S"  # read as a date and time by Excel in every locale

ENGLISH_HEADERS = {
    "phone": "Phone", "name": "Name", "status": "Status", "error_code": "Error code",
    "error_text": "Error", "sent_at": "Sent", "delivered_at": "Delivered", "read_at": "Read",
    "failed_at": "Failed", "replied_at": "Replied", "variant": "Variant",
    "retry_count": "Retries", "twilio_sid": "Twilio SID", "message": "Message",
}

# Languages whose decimal separator is a comma (Excel then splits CSV on ";").
_DECIMAL_COMMA_LANGUAGES = frozenset((
    "af", "az", "be", "bg", "bs", "ca", "cs", "da", "de", "el", "es", "et", "eu", "fi", "fo",
    "fr", "gl", "hr", "hu", "hy", "id", "is", "it", "ka", "kk", "ky", "lt", "lv", "mk", "mn",
    "nb", "nl", "nn", "no", "pl", "pt", "ro", "ru", "sk", "sl", "sq", "sr", "sv", "tr", "uk",
    "uz", "vi"))

_ORDER = {column: index for index, column in enumerate(EXPORT_COLUMNS)}


@dataclass(frozen=True)
class SheetStyle:
    """How the user's spreadsheet program expects a CSV file."""

    delimiter: str = ","
    bom: bool = True

    @classmethod
    def for_decimal_point(cls, decimal_point: str) -> SheetStyle:
        return cls(delimiter=";" if decimal_point == "," else ",")

    @classmethod
    def for_language(cls, language: str) -> SheetStyle:
        """From a locale name such as "fr_FR", "de-CH" or "en_US"."""
        code = (language or "en").replace("-", "_").split("_")[0].lower()
        return cls.for_decimal_point("," if code in _DECIMAL_COMMA_LANGUAGES else ".")


@dataclass(frozen=True)
class SheetWords:
    """The user's words for the spreadsheet: headers (a key of SHEET_COLUMNS → text), a status
    code → its label, an error code → its plain-language text."""

    headers: dict[str, str]
    status: Callable[[str], str]
    error: Callable[[int], str]


def english_error_text(code: int) -> str:
    """"Title – explanation" from the error catalogue, in English."""
    from wacampaign_desktop.core.twilio_gateway import explain_error

    info = explain_error(code, "en")
    return " – ".join(part for part in (info.title, info.explanation) if part)


ENGLISH_WORDS = SheetWords(ENGLISH_HEADERS, lambda status: status.capitalize(), english_error_text)


def local_seconds(value: datetime | None) -> str:
    """A stored naive-UTC time as local time to the second ('' when None)."""
    if value is None:
        return ""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone().strftime(SHEET_TIME_FORMAT)


def write_machine(rows: Iterable[Sequence[Any]], handle: TextIO) -> int:
    writer = csv.writer(handle)
    writer.writerow(MACHINE_COLUMNS)
    written = 0
    for row in rows:
        writer.writerow(["" if row[_ORDER[c]] is None else row[_ORDER[c]] for c in MACHINE_COLUMNS])
        written += 1
    return written


def _sheet_cell(column: str, row: Sequence[Any], words: SheetWords) -> Any:
    if column == "error_text":
        code = row[_ORDER["error_code"]]
        return words.error(code) if code is not None else (row[_ORDER["error_message"]] or "")
    value = row[_ORDER[column]]
    if column == "status":
        return words.status(value)
    if isinstance(value, datetime):
        return local_seconds(value)
    return "" if value is None else value


def write_sheet(rows: Iterable[Sequence[Any]], handle: TextIO, style: SheetStyle,
                words: SheetWords = ENGLISH_WORDS) -> int:
    writer = csv.writer(handle, delimiter=style.delimiter)
    writer.writerow([words.headers.get(c, c) for c in SHEET_COLUMNS])
    written = 0
    for row in rows:
        writer.writerow([_sheet_cell(c, row, words) for c in SHEET_COLUMNS])
        written += 1
    return written


def write_file(path: str | Path, rows: Iterable[Sequence[Any]],
               style: SheetStyle | None = None, words: SheetWords = ENGLISH_WORDS) -> int:
    """Write `rows` (EXPORT_COLUMNS tuples) to `path`: the machine format when `style` is None,
    else the spreadsheet format. Returns the number of messages written."""
    path = Path(path)
    tmp = path.with_name(path.name + ".part")
    encoding = "utf-8-sig" if style is not None and style.bom else "utf-8"
    try:
        with tmp.open("w", newline="", encoding=encoding) as handle:
            written = (write_machine(rows, handle) if style is None
                       else write_sheet(rows, handle, style, words))
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)
    return written
