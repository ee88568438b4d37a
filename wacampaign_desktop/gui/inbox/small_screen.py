"""Fitting the Inbox in an 800×600 window, French too: the header (title, "Follow-up only",
"Reply rules…", search) wraps onto two rows instead of giving the window its minimum width,
the search field is only as wide as its placeholder needs, and the contact line and template
row wrap their words instead of widening the thread panel."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QLayout, QSizePolicy, QWidget

from wacampaign_desktop.gui.contacts.flow_layout import FlowLayout

SEARCH_WIDEST = 340  # the search field's preferred width at most (room for its placeholder)


def fit_small_screens(ui: Any) -> None:
    """Rearrange the loaded inbox form `ui` so its minimum width stays small."""
    _wrap_header(ui)
    # the header bar has no height of its own to give away: the extra goes to the conversations
    ui.splitter.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
    _wrap_contact_line(ui)
    bar = _wrap_row(ui, ui.templateRow, "templateBar",
                    (ui.templateCombo, ui.variablesEdit, ui.templateButton), right=ui.templateButton)
    if bar is not None:  # no empty row (and its spacing) while no template is offered
        _ShownWithItsWidgets(bar)


def _wrap_contact_line(ui: Any) -> None:
    """A long name or the empty-inbox sentence wraps; the label takes the row's room (its
    spacer goes) so a name and number that fit stay on one line."""
    label, row = ui.contactLabel, ui.contactRow
    label.setWordWrap(True)
    label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    for index in reversed(range(row.count())):
        if row.itemAt(index).spacerItem() is not None:
            row.takeAt(index)


def _wrap_header(ui: Any) -> None:
    search = ui.searchEdit
    search.setMinimumWidth(min(search.fontMetrics().horizontalAdvance(search.placeholderText())
                               + 48, SEARCH_WIDEST))
    search.setMaximumWidth(SEARCH_WIDEST)
    search.setToolTip(search.placeholderText())
    _wrap_row(ui, ui.headerLayout, "headerBar",
              (ui.titleLabel, ui.followUpOnlyCheck, ui.rulesButton, search),
              right=ui.followUpOnlyCheck)


def _wrap_row(ui: Any, row: QHBoxLayout, name: str, widgets: tuple[QWidget, ...],
              right: QWidget) -> QWidget | None:
    """Move `widgets` from the box layout `row` into a wrapping bar put where `row` was."""
    parent_layout = _parent_layout(row)
    if parent_layout is None:
        return None
    bar = QWidget(ui)
    bar.setObjectName(name)
    flow = FlowLayout(bar)
    for widget in widgets:
        row.removeWidget(widget)
        flow.addWidget(widget)
    flow.setAlignment(right, Qt.AlignmentFlag.AlignRight)
    while row.count():  # the spacer the row kept between its widgets
        row.takeAt(0)
    index = parent_layout.indexOf(row)
    parent_layout.removeItem(row)  # the empty row goes with its Python wrapper
    parent_layout.insertWidget(index, bar)
    return bar


class _ShownWithItsWidgets(QObject):
    """Shows the bar while one of its widgets is shown, hides it otherwise."""

    def __init__(self, bar: QWidget) -> None:
        super().__init__(bar)
        self._bar = bar
        self._widgets = [bar.layout().itemAt(i).widget() for i in range(bar.layout().count())]
        for widget in self._widgets:
            widget.installEventFilter(self)
        bar.setVisible(any(not widget.isHidden() for widget in self._widgets))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if event.type() in (QEvent.Type.ShowToParent, QEvent.Type.HideToParent):
            self._bar.setVisible(any(not widget.isHidden() for widget in self._widgets))
        return False


def _parent_layout(child: QLayout) -> QBoxLayout | None:
    """The box layout holding the sub-layout `child` (Qt makes it the child's parent)."""
    parent = child.parent()
    return parent if isinstance(parent, QBoxLayout) else None
