"""The counters strip of a campaign: one small card per counter, the sum that shows where every
message is (waiting + sent + failed + undelivered + cancelled + skipped = total; delivered and
read are part of sent), delivery/read rates, a progress bar and the time left while sending.
Repainted only when the bridge delivers new counters or progress (≤ 10 times a second)."""

from __future__ import annotations

from PySide6.QtCore import QSize
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

from wacampaign_desktop.core.status_rules import PARTITION, partition
from wacampaign_desktop.gui.models.labels import attempted, counter_label, percent, ui_locale
from wacampaign_desktop.gui.resources import status_color

SHOWN = ("total", "pending", "sent", "delivered", "read", "failed", "undelivered", "canceled",
         "skipped", "replied")
_COLOR_OF = {"sent": "sent", "delivered": "delivered", "read": "read", "failed": "failed",
             "undelivered": "undelivered", "replied": "replied", "skipped": "skipped",
             "canceled": "canceled"}
_COLUMN_CHOICES = (len(SHOWN), 5, 4)  # one row, two rows, three rows


class _Card(QFrame):
    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "card")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
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
        outer.setSpacing(4)
        self._grid = QGridLayout()
        self._grid.setHorizontalSpacing(6)
        self._grid.setVerticalSpacing(6)
        self._columns = 0
        self.cards: dict[str, _Card] = {}
        for name in SHOWN:
            self.cards[name] = _Card(name, self)
        for name in ("delivered", "read"):
            self.cards[name].setToolTip(self.tr("Part of Sent: sent messages that were %1.")
                                        .replace("%1", counter_label(name).lower()))
        self.cards["replied"].setToolTip(self.tr("Messages answered by their contact (also "
                                                 "counted where their status puts them)."))
        self._arrange(len(SHOWN))
        outer.addLayout(self._grid)
        self.breakdown = QLabel(self)
        self.breakdown.setObjectName("counterSum")
        self.breakdown.setProperty("role", "muted")
        self.breakdown.setWordWrap(True)
        self.breakdown.setToolTip(self.tr("Every message is in exactly one of these counters; "
                                          "Delivered and Read are part of Sent."))
        outer.addWidget(self.breakdown)
        row = QHBoxLayout()
        self.progress = QProgressBar(self)
        self.progress.setObjectName("campaignProgress")
        self.time_left = QLabel(self)
        self.time_left.setObjectName("timeLeft")
        self.time_left.hide()
        self.rates = QLabel(self)
        self.rates.setObjectName("campaignRates")
        row.addWidget(self.progress, 1)
        row.addSpacing(8)
        row.addWidget(self.time_left)
        row.addSpacing(8)
        row.addWidget(self.rates)
        outer.addLayout(row)
        self.set_counters({})

    def _arrange(self, columns: int) -> None:
        """As many cards a row as fit: one row, two or three on narrow windows."""
        if columns == self._columns:
            return
        self._columns = columns
        for index, name in enumerate(SHOWN):
            card = self.cards[name]
            self._grid.removeWidget(card)
            self._grid.addWidget(card, index // columns, index % columns)

    def _widest_card(self) -> int:
        return max(card.minimumSizeHint().width() for card in self.cards.values())

    def _columns_for(self, width: int) -> int:
        widest = self._widest_card() + self._grid.horizontalSpacing()
        for columns in _COLUMN_CHOICES:
            if columns * widest <= width:
                return columns
        return _COLUMN_CHOICES[-1]

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        hint = super().minimumSizeHint()
        narrow = _COLUMN_CHOICES[-1] * (self._widest_card() + self._grid.horizontalSpacing())
        return QSize(min(hint.width(), narrow), hint.height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt name)
        self._arrange(self._columns_for(event.size().width()))
        super().resizeEvent(event)

    def set_counters(self, counters: dict[str, int]) -> None:
        self.counters = dict(counters)
        locale = ui_locale()
        for name, card in self.cards.items():
            card.value.setText(locale.toString(counters.get(name, 0)))
        total = counters.get("total", 0)
        parts = partition(counters)
        done = total - parts["pending"]
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(max(0, done) if total else 0)
        self.progress.setFormat(self.tr("%1 of %2 processed")
                                .replace("%1", locale.toString(max(0, done)))
                                .replace("%2", locale.toString(total)))
        self.breakdown.setText(self.breakdown_text(parts, total))
        self.rates.setText(
            self.tr("Delivery rate: %1   Read rate: %2")
            .replace("%1", percent(counters.get("delivered", 0), attempted(counters)))
            .replace("%2", percent(counters.get("read", 0), counters.get("delivered", 0))))
        self.rates.setToolTip(self.tr("Delivery rate = delivered ÷ messages that left (sent, failed "
                                      "or undelivered). Read rate = read ÷ delivered."))

    def breakdown_text(self, parts: dict[str, int], total: int) -> str:
        """"41 messages = 12 sent + 29 cancelled": the non-zero exclusive counters, which add up."""
        if not total:
            return self.tr("No messages yet.")
        locale = ui_locale()
        words = {
            "pending": self.tr("%1 waiting"), "sent": self.tr("%1 sent"),
            "failed": self.tr("%1 failed"), "undelivered": self.tr("%1 undelivered"),
            "canceled": self.tr("%1 cancelled"), "skipped": self.tr("%1 skipped"),
        }
        shown = [words[name].replace("%1", locale.toString(parts[name]))
                 for name in PARTITION if parts[name]]
        return (self.tr("%1 messages = %2").replace("%1", locale.toString(total))
                .replace("%2", " + ".join(shown)))

    def set_time_left(self, text: str) -> None:
        """"About 3 min left" while sending; '' hides it."""
        self.time_left.setText(text)
        self.time_left.setVisible(bool(text))
