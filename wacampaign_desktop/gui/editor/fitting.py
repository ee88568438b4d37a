"""How the campaign editor fits small screens: its two columns sit in a scroll area and stack
(message above recipients, sending and preview) when the dialog is narrower than they need side
by side; the dialog opens no bigger than the screen; dates read in the interface's locale."""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QRect, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QBoxLayout,
    QComboBox,
    QDateTimeEdit,
    QFrame,
    QScrollArea,
    QSizePolicy,
    QWidget,
)

from wacampaign_desktop.gui.models.labels import ui_locale

#: Below this width (of the scroll area) the two columns stack; 800×600 screens get one column.
SIDE_BY_SIDE_WIDTH = 900

_TWO_DIGIT_YEAR = re.compile(r"(?<!y)yy(?!y)")


def locale_date_time(edit: QDateTimeEdit) -> None:
    """Show `edit` in the interface locale's short date and time ("11/29/2026 2:17 AM",
    "29/11/2026 02:17"), with a four-digit year so typing one is never ambiguous."""
    locale = ui_locale()
    edit.setLocale(locale)
    short = locale.dateTimeFormat(locale.FormatType.ShortFormat)
    edit.setDisplayFormat(_TWO_DIGIT_YEAR.sub("yyyy", short))


class _Stacker(QObject):
    """Turns the columns' box layout vertical when the scroll area gets narrow, horizontal again
    when it is wide; stacked, the content keeps its natural height and the area scrolls."""

    def __init__(self, area: QScrollArea, columns: QBoxLayout) -> None:
        super().__init__(area)
        self.area, self.columns = area, columns
        area.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if watched is self.area and event.type() == QEvent.Type.Resize:
            self.arrange()
        return False

    def arrange(self) -> None:
        stacked = self.area.width() < SIDE_BY_SIDE_WIDTH
        direction = QBoxLayout.Direction.TopToBottom if stacked else QBoxLayout.Direction.LeftToRight
        if self.columns.direction() != direction:
            self.columns.setDirection(direction)
        content = self.area.widget()
        vertical = QSizePolicy.Policy.Minimum if stacked else QSizePolicy.Policy.Preferred
        if content.sizePolicy().verticalPolicy() != vertical:
            content.setSizePolicy(QSizePolicy.Policy.Preferred, vertical)


class _WheelScrollsPage(QObject):
    """The mouse wheel over a speed box, date or list that has not been clicked scrolls the page
    instead of changing the value under the pointer."""

    def __init__(self, area: QScrollArea) -> None:
        super().__init__(area)
        self.area = area

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.Wheel and not watched.hasFocus():
            QCoreApplication.sendEvent(self.area.verticalScrollBar(), event)
            return True
        return False


def scroll_columns(ui: QWidget) -> QScrollArea:
    """Move the form's `columns` layout into a scroll area placed where it was, above the
    problem line and the buttons (which stay visible); returns the scroll area."""
    root: QBoxLayout = ui.layout()
    columns: QBoxLayout = ui.findChild(QBoxLayout, "columns")
    index = root.indexOf(columns)
    root.takeAt(index)
    columns.setParent(None)
    content = QWidget()
    content.setObjectName("editorColumns")
    content.setLayout(columns)
    area = QScrollArea(ui)
    area.setObjectName("editorScroll")
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(content)
    root.insertWidget(index, area, 1)
    buttons: QBoxLayout | None = ui.findChild(QBoxLayout, "buttonRow")
    if buttons is not None:  # the "Fix the points marked in red" line takes the free width
        buttons.setStretchFactor(ui.findChild(QWidget, "readyLabel"), 1)
    area.stacker = _Stacker(area, columns)  # kept alive with the area
    area.wheel_guard = _WheelScrollsPage(area)
    for field in content.findChildren(QAbstractSpinBox) + content.findChildren(QComboBox):
        field.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # focused by click or Tab, not wheel
        field.installEventFilter(area.wheel_guard)
    area.stacker.arrange()
    return area


def fit_to_screen(window: QWidget, width: int, height: int, available: QRect | None = None) -> None:
    """Resize `window` to width×height, or less so it fits the screen's free area (leaving room
    for the title bar), centred on it."""
    if available is None:
        screen = window.screen() or QGuiApplication.primaryScreen()
        available = screen.availableGeometry() if screen is not None else QRect(0, 0, width, height)
    w = min(width, available.width())
    h = min(height, available.height() - 40 if available.height() > 400 else available.height())
    window.resize(w, h)
    window.move(available.x() + (available.width() - w) // 2,
                available.y() + max(0, (available.height() - h) // 2 - 10))
