"""The counters strip of a campaign: one small card per counter, delivery/read rates and a
progress bar. Repainted only when the bridge delivers new counters (≤ 10 times a second)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from wacampaign_desktop.gui.models.labels import counter_label, percent
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
        grid = QGridLayout()
        grid.setHorizontalSpacing(8)
        self.cards: dict[str, _Card] = {}
        for column, name in enumerate(SHOWN):
            card = _Card(name, self)
            self.cards[name] = card
            grid.addWidget(card, 0, column)
        outer.addLayout(grid)
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

    def set_counters(self, counters: dict[str, int]) -> None:
        self.counters = dict(counters)
        locale_int = str
        for name, card in self.cards.items():
            card.value.setText(locale_int(counters.get(name, 0)))
        total = counters.get("total", 0)
        done = total - counters.get("pending", 0)
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(max(0, done) if total else 0)
        self.progress.setFormat(self.tr("%1 of %2 processed").replace("%1", str(max(0, done)))
                                .replace("%2", str(total)))
        self.rates.setText(
            self.tr("Delivery rate: %1   Read rate: %2")
            .replace("%1", percent(counters.get("delivered", 0), counters.get("sent", 0)))
            .replace("%2", percent(counters.get("read", 0), counters.get("delivered", 0))))
        self.rates.setToolTip(self.tr("Delivery rate = delivered ÷ sent. Read rate = read ÷ delivered."))
