"""Small helpers shared by the forms (contacts, editor, settings): embedding a Designer form in a
widget, and showing a problem next to the field it is about, in the palette's error colour."""

from __future__ import annotations

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
