"""The campaign view's header: the campaign's name (elided, whole in the tooltip), its state
badge and the action buttons, on one row when the view is wide enough, else the buttons on the
rows below (as many a row as fit), so the window stays usable at 800×600 in any language."""

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
        stub = shown != self._full and len(shown.strip(" .…")) < 4
        super().setText("" if stub else shown)  # no "…" or "Ca…" for a title


class CampaignHeader(QWidget):
    def __init__(self, actions: Sequence[tuple[str, str, Callable[[], object]]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(4)
        self._top = QHBoxLayout()
        self._rows = QVBoxLayout()
        self._rows.setSpacing(4)
        self.title = ElidedLabel()
        self.title.setProperty("role", "title")
        self.state_label = QLabel()
        self.state_label.setObjectName("campaignState")
        self._top.addWidget(self.title, 1)
        self._top.addWidget(self.state_label)
        self.buttons: dict[str, QPushButton] = {}
        for key, text, handler in actions:
            button = QPushButton(text, self)
            button.setObjectName(f"action_{key}")
            button.clicked.connect(handler)
            self.buttons[key] = button
        outer.addLayout(self._top)
        outer.addLayout(self._rows)
        self._placed: tuple[tuple[str, ...], ...] | None = None
        self._place(((),) + (tuple(self.buttons),))

    def _shown(self) -> list[str]:
        return [key for key, button in self.buttons.items() if not button.isHidden()]

    def _width_of(self, keys: list[str] | tuple[str, ...]) -> int:
        return sum(self.buttons[k].sizeHint().width() for k in keys) + 6 * len(keys)

    def _place(self, rows: tuple[tuple[str, ...], ...]) -> None:
        """rows[0]: the buttons beside the name; rows[1:]: one row of buttons each."""
        if rows == self._placed:
            return
        self._placed = rows
        for button in self.buttons.values():
            self._top.removeWidget(button)
        while self._rows.count():
            row = self._rows.takeAt(0).layout()
            while row is not None and row.count():
                row.takeAt(0)
        for key in rows[0]:
            self._top.addWidget(self.buttons[key])
        for keys in rows[1:]:
            row = QHBoxLayout()
            for key in keys:
                row.addWidget(self.buttons[key])
            row.addStretch(1)
            self._rows.addLayout(row)
        hidden = [k for k in self.buttons if all(k not in r for r in rows)]
        for key in hidden:  # hidden buttons still need a place in the layout
            self._top.addWidget(self.buttons[key])

    def rearrange(self) -> None:
        """Buttons beside the name when it keeps TITLE_ROOM characters, else on rows below."""
        shown = self._shown()
        room = self.fontMetrics().horizontalAdvance("M") * TITLE_ROOM
        wanted = min(self.title.full_width(), room) + self.state_label.sizeHint().width()
        width = self.width()
        if width >= wanted + self._width_of(shown) + 12:
            self._place((tuple(shown),))
        else:
            rows: list[list[str]] = [[]]
            for key in shown:
                if rows[-1] and self._width_of([*rows[-1], key]) > width:
                    rows.append([])
                rows[-1].append(key)
            self._place(((),) + tuple(tuple(r) for r in rows))
        widest = max((self.buttons[k].sizeHint().width() for k in shown), default=0)
        self.setMinimumWidth(widest + 6)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        self.rearrange()
