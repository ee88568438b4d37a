"""Icons, style sheet, .ui loading and palette-aware status colours, all found through
core.paths.resource_path (works in a source tree, an installed wheel and a frozen build)."""

from __future__ import annotations

import logging
from functools import lru_cache

from PySide6.QtCore import QFile, QIODevice
from PySide6.QtGui import QColor, QIcon, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from wacampaign_desktop.core.paths import resource_path

log = logging.getLogger(__name__)

ICON_SIZES = (16, 32, 48, 64, 128, 256)


@lru_cache(maxsize=1)
def app_icon() -> QIcon:
    icon = QIcon()
    for size in ICON_SIZES:
        path = resource_path("resources", "icons", f"app_{size}.png")
        if path.exists():
            icon.addFile(str(path))
    return icon


def stylesheet() -> str:
    """The app's small style sheet (palette-relative: it never hard-codes light colours)."""
    path = resource_path("resources", "styles", "app.qss")
    try:
        return path.read_text("utf-8")
    except OSError:
        log.warning("Style sheet %s not found", path)
        return ""


def load_ui(name: str, parent: QWidget | None = None) -> QWidget:
    """Load `ui/<name>` with QUiLoader (run-time loading, no generated code)."""
    from PySide6.QtUiTools import QUiLoader

    path = resource_path("ui", name)
    file = QFile(str(path))
    if not file.open(QIODevice.OpenModeFlag.ReadOnly):
        raise FileNotFoundError(f"UI file {path} cannot be opened")
    try:
        widget = QUiLoader().load(file, parent)
    finally:
        file.close()
    if widget is None:
        raise RuntimeError(f"UI file {path} could not be loaded")
    return widget


def is_dark(palette: QPalette | None = None) -> bool:
    palette = palette or QApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


# (light-mode colour, dark-mode colour): readable on the palette's base colour in each mode.
_STATUS_COLORS: dict[str, tuple[str, str]] = {
    "pending": ("#6b6f76", "#a9adb4"),
    "queued": ("#6b6f76", "#a9adb4"),
    "accepted": ("#6b6f76", "#a9adb4"),
    "scheduled": ("#6b6f76", "#a9adb4"),
    "sending": ("#1d5fae", "#7fb2f0"),
    "sent": ("#1d5fae", "#7fb2f0"),
    "delivered": ("#1b7a46", "#6fd69b"),
    "read": ("#0b6b6b", "#5fd3d3"),
    "failed": ("#b3261e", "#ff8a80"),
    "undelivered": ("#b3261e", "#ff8a80"),
    "canceled": ("#7a5a00", "#e6c35c"),
    "skipped": ("#7a5a00", "#e6c35c"),
    "replied": ("#6a3fa0", "#c6a4f2"),
    # campaign states
    "draft": ("#6b6f76", "#a9adb4"),
    "completed": ("#1b7a46", "#6fd69b"),
    "cancelled": ("#7a5a00", "#e6c35c"),
    "paused": ("#7a5a00", "#e6c35c"),
    # general
    "info": ("#1d5fae", "#7fb2f0"),
    "warning": ("#8a5300", "#f0b25c"),
    "error": ("#b3261e", "#ff8a80"),
    "ok": ("#1b7a46", "#6fd69b"),
}


def status_color(status: str, palette: QPalette | None = None) -> QColor:
    """Colour for a message status / campaign state / level, readable in light and dark mode."""
    pair = _STATUS_COLORS.get(status)
    if pair is None:
        return (palette or QApplication.palette()).color(QPalette.ColorRole.Text)
    return QColor(pair[1] if is_dark(palette) else pair[0])


def tinted_background(status: str, palette: QPalette | None = None, alpha: int = 40) -> QColor:
    """A faint background tint of the status colour (for banners and badges)."""
    color = status_color(status, palette)
    color.setAlpha(alpha)
    return color
