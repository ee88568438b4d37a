"""FlowLayout: a toolbar row that wraps. Items sit left to right at their preferred width and
go onto a new row when the width runs out, so a narrow window (800 px, longer French words)
gets two or three rows instead of a minimum width set by the widest row. On each row the room
left over goes first to items that expand (up to their maximum width), then, as a gap, before
the first item aligned right (`layout.setAlignment(widget, Qt.AlignRight)`)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QWidget


@dataclass
class _Placed:
    item: QLayoutItem
    width: int


class FlowLayout(QLayout):
    def __init__(self, parent: QWidget | None = None, spacing: int = 6) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self.setSpacing(spacing)
        self.setContentsMargins(0, 0, 0, 0)

    # -- QLayout's item list ------------------------------------------------------------------
    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 (Qt name)
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 (Qt name)
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 (Qt name)
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802 (Qt name)
        return Qt.Orientation.Horizontal

    # -- sizes --------------------------------------------------------------------------------
    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt name)
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt name)
        return self._arrange(QRect(0, 0, width, 0), apply=False)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        """Everything on one row."""
        shown = self._shown()
        width = sum(i.sizeHint().width() for i in shown) + self.spacing() * max(len(shown) - 1, 0)
        height = max((i.sizeHint().height() for i in shown), default=0)
        return self._with_margins(QSize(width, height))

    def minimumSize(self) -> QSize:  # noqa: N802 (Qt name)
        """As wide as the widest item (each on its own row)."""
        size = QSize(0, 0)
        for item in self._shown():
            size = size.expandedTo(item.minimumSize())
        return self._with_margins(size)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 (Qt name)
        super().setGeometry(rect)
        self._arrange(rect, apply=True)

    # -- arranging ----------------------------------------------------------------------------
    def _shown(self) -> list[QLayoutItem]:
        return [item for item in self._items if not item.isEmpty()]

    def _with_margins(self, size: QSize) -> QSize:
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _rows(self, width: int) -> list[list[_Placed]]:
        """Items per row at their preferred width (never wider than the row, never narrower
        than their minimum), a new row when the next one does not fit."""
        rows: list[list[_Placed]] = []
        used = 0
        for item in self._shown():
            want = max(min(item.sizeHint().width(), width), item.minimumSize().width())
            if rows and rows[-1] and used + self.spacing() + want <= width:
                rows[-1].append(_Placed(item, want))
                used += self.spacing() + want
            else:
                rows.append([_Placed(item, want)])
                used = want
        return rows

    def _spread(self, row: list[_Placed], width: int) -> int:
        """Give the room left on the row to expanding items; returns what is still left."""
        left = width - sum(p.width for p in row) - self.spacing() * (len(row) - 1)
        growing = [p for p in row if p.item.expandingDirections() & Qt.Orientation.Horizontal]
        while left > 0 and growing:
            share = max(left // len(growing), 1)
            for placed in list(growing):
                room = placed.item.maximumSize().width() - placed.width
                grow = min(share, room, left)
                placed.width += grow
                left -= grow
                if placed.width >= placed.item.maximumSize().width():
                    growing.remove(placed)
                if left <= 0:
                    break
        return max(left, 0)

    def _arrange(self, rect: QRect, apply: bool) -> int:
        """Place the items in `rect` (when `apply`); returns the height they need."""
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        y = area.y()
        for number, row in enumerate(self._rows(area.width())):
            if number:
                y += self.spacing()
            height = max(p.item.sizeHint().height() for p in row)
            left = self._spread(row, area.width())
            x = area.x()
            gap_given = False
            for placed in row:
                if not gap_given and placed.item.alignment() & Qt.AlignmentFlag.AlignRight:
                    x += left
                    gap_given = True
                item_height = min(placed.item.sizeHint().height(), height)
                if apply:
                    top = y + (height - item_height) // 2
                    placed.item.setGeometry(QRect(QPoint(x, top), QSize(placed.width, item_height)))
                x += placed.width + self.spacing()
            y += height
        return y - area.y() + margins.top() + margins.bottom()
