"""The campaign view's header: the campaign's name (elided, whole in the tooltip), its state
badge and the action buttons, on one row when the view is wide enough, else the buttons on a
second row, so the window stays usable at 800×600."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

TITLE_ROOM = 14  # characters of the name kept beside the buttons before they move down


class ElidedLabel(QLabel):
    """A one-line label that elides its text with "…" when narrow; text() is the whole text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def setText(self, text: str) -> None:  # noqa: N802 (Qt name)
        self._full = text
        self.setToolTip(text)
        self._elide()

    def text(self) -> str:
        return self._full

    def full_width(self) -> int:
        return self.fontMetrics().horizontalAdvance(self._full) + 4

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        return QSize(self.full_width(), super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        return QSize(self.fontMetrics().horizontalAdvance("M") * 3, super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight,
                                              max(self.width() - 4, 0))
        super().setText(shown)


class CampaignHeader(QWidget):
    def __init__(self, actions: Sequence[tuple[str, str, Callable[[], object]]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(4)
        self._top = QHBoxLayout()
        self._bottom = QHBoxLayout()
        self.title = ElidedLabel()
        self.title.setProperty("role", "title")
        self.state_label = QLabel()
        self.state_label.setObjectName("campaignState")
        self._top.addWidget(self.title, 1)
        self._top.addWidget(self.state_label)
        self.buttons: dict[str, QPushButton] = {}
        for key, text, handler in actions:
            button = QPushButton(text)
            button.setObjectName(f"action_{key}")
            button.clicked.connect(handler)
            self.buttons[key] = button
        self._bottom.addStretch(1)
        outer.addLayout(self._top)
        outer.addLayout(self._bottom)
        self._one_row: bool | None = None
        self._arrange(True)

    def _buttons_width(self) -> int:
        shown = [b for b in self.buttons.values() if not b.isHidden()]
        return sum(b.sizeHint().width() for b in shown) + 6 * len(shown)

    def _arrange(self, one_row: bool) -> None:
        if one_row == self._one_row:
            return
        self._one_row = one_row
        source, target = (self._bottom, self._top) if one_row else (self._top, self._bottom)
        for button in self.buttons.values():
            source.removeWidget(button)
        for button in self.buttons.values():
            if one_row:
                target.addWidget(button)
            else:
                target.insertWidget(target.count() - 1, button)  # before the stretch

    def rearrange(self) -> None:
        """Buttons beside the name when it keeps TITLE_ROOM characters, else below it."""
        room = self.fontMetrics().horizontalAdvance("M") * TITLE_ROOM
        wanted = min(self.title.full_width(), room) + self.state_label.sizeHint().width()
        self._arrange(self.width() >= wanted + self._buttons_width() + 12)
        self.setMinimumWidth(min(self._buttons_width(), 460))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        self.rearrange()
