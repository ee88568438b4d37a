"""Small helpers shared by the forms (contacts, editor, settings): embedding a Designer form in a
widget, and showing a problem next to the field it is about, in the palette's error colour."""

from __future__ import annotations

import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from wacampaign_desktop.gui.resources import load_ui, status_color


def embed_ui(host: QWidget, name: str, margins: int = 0) -> QWidget:
    """Load `ui/<name>` and make it fill `host`; returns the form (its children are attributes)."""
    form = load_ui(name, host)
    layout = QVBoxLayout(host)
    layout.setContentsMargins(margins, margins, margins, margins)
    layout.addWidget(form)
    return form


def set_problem(label: QLabel, text: str, level: str = "error") -> None:
    """Show `text` under a field (hidden when empty), coloured for the current light/dark palette."""
    label.setText(text)
    label.setVisible(bool(text))
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, status_color(level))
    label.setPalette(palette)


_REASONS = {
    "not a phone number": QT_TRANSLATE_NOOP("PhoneReasons", "not a phone number"),
    "too short": QT_TRANSLATE_NOOP("PhoneReasons", "too short"),
    "too long": QT_TRANSLATE_NOOP("PhoneReasons", "too long"),
    "too short after the international prefix":
        QT_TRANSLATE_NOOP("PhoneReasons", "too short after the international prefix"),
    "unknown country code": QT_TRANSLATE_NOOP("PhoneReasons", "unknown country code"),
    "wrong length for its country": QT_TRANSLATE_NOOP("PhoneReasons", "wrong length for its country"),
    "no valid country code (write it as +33… or set the default region)": QT_TRANSLATE_NOOP(
        "PhoneReasons", "no valid country code (write it as +33… or set the default region)"),
    "empty phone number": QT_TRANSLATE_NOOP("PhoneReasons", "no phone number"),
}
_QUOTED = re.compile(r"^'(?P<text>.*)': (?P<why>.+)$")


def phone_reason_text(reason: str) -> str:
    """core.phones / core.contacts_csv reasons in the interface language (unknown ones as is)."""
    quoted = _QUOTED.match(reason)
    prefix, why = (f"'{quoted['text']}': " if quoted else ""), (quoted["why"] if quoted else reason)
    if why in _REASONS:
        return prefix + QCoreApplication.translate("PhoneReasons", _REASONS[why])
    match = re.match(r"^not a valid number for (.+)$", why)
    if match:
        return prefix + QCoreApplication.translate(
            "PhoneReasons", "not a valid number for %1").replace("%1", match[1])
    match = re.match(r"^same phone number as line (\d+)$", why)
    if match:
        return prefix + QCoreApplication.translate(
            "PhoneReasons", "same phone number as line %1").replace("%1", match[1])
    return reason
