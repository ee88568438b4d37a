"""The counters strip of a campaign: one small card per counter, delivery/read rates and a
progress bar. Repainted only when the bridge delivers new counters (≤ 10 times a second)."""

from __future__ import annotations

from PySide6.QtCore import QLocale, QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from wacampaign_desktop.gui.models.labels import attempted, counter_label, percent
from wacampaign_desktop.gui.resources import status_color

SHOWN = ("total", "pending", "sent", "delivered", "read", "failed", "undelivered", "replied",
         "skipped")
_COLOR_OF = {"sent": "sent", "delivered": "delivered", "read": "read", "failed": "failed",
             "undelivered": "undelivered", "replied": "replied", "skipped": "skipped"}


class _Card(QFrame):
    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "card")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(0)
        self.value = QLabel("0")
        self.value.setProperty("role", "counterValue")
        self.value.setObjectName(f"counter_{name}")
        if name in _COLOR_OF:
            self.value.setStyleSheet(f"color: {status_color(_COLOR_OF[name]).name()};")
        self.caption = QLabel(counter_label(name))
        self.caption.setProperty("role", "counterName")
        layout.addWidget(self.value)
        layout.addWidget(self.caption)


class CountersPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.counters: dict[str, int] = {}
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self._grid = QGridLayout()
        self._grid.setHorizontalSpacing(8)
        self._grid.setVerticalSpacing(6)
        self._columns = 0
        self.cards: dict[str, _Card] = {}
        for name in SHOWN:
            self.cards[name] = _Card(name, self)
        self._arrange(len(SHOWN))
        outer.addLayout(self._grid)
        row = QHBoxLayout()
        self.progress = QProgressBar(self)
        self.progress.setObjectName("campaignProgress")
        self.rates = QLabel(self)
        self.rates.setObjectName("campaignRates")
        row.addWidget(self.progress, 1)
        row.addSpacing(12)
        row.addWidget(self.rates)
        outer.addLayout(row)
        self.set_counters({})

    def _arrange(self, columns: int) -> None:
        """One row of cards when there is room, two rows on narrow windows."""
        if columns == self._columns:
            return
        self._columns = columns
        for index, name in enumerate(SHOWN):
            card = self.cards[name]
            self._grid.removeWidget(card)
            self._grid.addWidget(card, index // columns, index % columns)

    def _one_row_width(self) -> int:
        return sum(card.sizeHint().width() for card in self.cards.values()) + 8 * len(SHOWN)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        hint = super().minimumSizeHint()
        narrow = sum(sorted(c.minimumSizeHint().width() for c in self.cards.values())[-5:]) + 40
        return QSize(min(hint.width(), narrow), hint.height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt name)
        self._arrange(len(SHOWN) if event.size().width() >= self._one_row_width() else 5)
        super().resizeEvent(event)

    def set_counters(self, counters: dict[str, int]) -> None:
        self.counters = dict(counters)
        locale = QLocale()
        for name, card in self.cards.items():
            card.value.setText(locale.toString(counters.get(name, 0)))
        total = counters.get("total", 0)
        done = total - counters.get("pending", 0)
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(max(0, done) if total else 0)
        self.progress.setFormat(self.tr("%1 of %2 processed")
                                .replace("%1", locale.toString(max(0, done)))
                                .replace("%2", locale.toString(total)))
        self.rates.setText(
            self.tr("Delivery rate: %1   Read rate: %2")
            .replace("%1", percent(counters.get("delivered", 0), attempted(counters)))
            .replace("%2", percent(counters.get("read", 0), counters.get("delivered", 0))))
        self.rates.setToolTip(self.tr("Delivery rate = delivered ÷ messages that left (sent, failed "
                                      "or undelivered). Read rate = read ÷ delivered."))
