"""The counters strip of a campaign: one small card per counter, the sum that shows where every
message is (waiting + sent + failed + undelivered + cancelled + skipped = total; delivered and
read are part of sent), delivery/read rates, a progress bar and the time left while sending.
Repainted only when the bridge delivers new counters or progress (≤ 10 times a second)."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
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
NARROW_HIDDEN = ("total", "replied")  # narrow: both are in the sum line below the cards
NARROW_COLUMNS = 4  # narrow: the eight other cards on two rows


class _Card(QFrame):
    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "card")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(7, 3, 7, 3)
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
        row = QHBoxLayout()
        self.progress = QProgressBar(self)
        self.progress.setObjectName("campaignProgress")
        self.time_left = QLabel(self)
        self.time_left.setObjectName("timeLeft")
        self.time_left.hide()
        self.rates = QLabel(self)
        self.rates.setObjectName("campaignRates")
        self.rates.setWordWrap(True)
        self.rates.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        row.addWidget(self.progress, 1)
        row.addSpacing(8)
        row.addWidget(self.time_left)
        outer.addLayout(row)
        sums = QHBoxLayout()
        sums.addWidget(self.breakdown, 3)
        sums.addSpacing(8)
        sums.addWidget(self.rates, 2)
        outer.addLayout(sums)
        self.set_counters({})

    def _arrange(self, columns: int) -> None:
        """Every card on one row when they fit, else on two rows, else two rows of four (Total
        and Replied are then read in the sum line)."""
        if columns == self._columns:
            return
        self._columns = columns
        narrow = columns == NARROW_COLUMNS
        shown = [name for name in SHOWN if not (narrow and name in NARROW_HIDDEN)]
        for name in SHOWN:
            self._grid.removeWidget(self.cards[name])
            self.cards[name].setVisible(name in shown)
        for index, name in enumerate(shown):
            self._grid.addWidget(self.cards[name], index // columns, index % columns)

    def _widest_card(self) -> int:
        return max(card.minimumSizeHint().width() for card in self.cards.values())

    def _columns_for(self, width: int) -> int:
        """10 (one row), 5 (two rows of every card) or NARROW_COLUMNS."""
        widest = self._widest_card() + self._grid.horizontalSpacing()
        for columns in (len(SHOWN), len(SHOWN) // 2):
            if columns * widest <= width:
                return columns
        return NARROW_COLUMNS

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        hint = super().minimumSizeHint()
        narrow = NARROW_COLUMNS * (self._widest_card() + self._grid.horizontalSpacing())
        return QSize(min(hint.width(), narrow), hint.height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt name)
        columns = self._columns_for(event.size().width())
        if columns != self._columns:
            self._arrange(columns)
            self.set_counters(self.counters)  # the rates on one line or two
        super().resizeEvent(event)

    def set_counters(self, counters: dict[str, int]) -> None:
        self.counters = dict(counters)
        locale = ui_locale()
        for name, card in self.cards.items():
            card.value.setText(locale.toString(counters.get(name, 0)))
        total = counters.get("total", 0)
        parts = partition(counters)
        done = total - parts["pending"]
        # QProgressBar.setValue repaints at once (and with it everything waiting to be painted,
        # the messages table too) inside the bridge's drain; with updates off it only asks for
        # a paint, done with the others when the event loop gets there
        self.progress.setUpdatesEnabled(False)
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(max(0, done) if total else 0)
        self.progress.setFormat(self.tr("%1 of %2 processed")
                                .replace("%1", locale.toString(max(0, done)))
                                .replace("%2", locale.toString(total)))
        self.progress.setUpdatesEnabled(True)
        self.breakdown.setText(self.breakdown_text(parts, total))
        rates = (self.tr("Delivery rate: %1   Read rate: %2")
                 .replace("%1", percent(counters.get("delivered", 0), attempted(counters)))
                 .replace("%2", percent(counters.get("read", 0), counters.get("delivered", 0))))
        narrow = self._columns == NARROW_COLUMNS  # beside the sum line: one rate a line
        self.rates.setText(rates.replace("   ", "\n") if narrow else rates)  # one rate a line
        self.rates.setToolTip(self.tr("Delivery rate = delivered ÷ messages that left (sent, failed "
                                      "or undelivered). Read rate = read ÷ delivered."))

    def breakdown_text(self, parts: dict[str, int], total: int) -> str:
        """"41 messages = 12 sent + 29 cancelled": the non-zero exclusive counters, which add up
        (plural forms from the translation: "1 écarté", "2 écartés")."""
        if not total:
            return self.tr("No messages yet.")
        words = {
            "pending": lambda n: self.tr("%Ln waiting", "", n),
            "sent": lambda n: self.tr("%Ln sent", "", n),
            "failed": lambda n: self.tr("%Ln failed", "", n),
            "undelivered": lambda n: self.tr("%Ln undelivered", "", n),
            "canceled": lambda n: self.tr("%Ln cancelled", "", n),
            "skipped": lambda n: self.tr("%Ln skipped", "", n),
        }
        shown = [words[name](parts[name]) for name in PARTITION if parts[name]]
        whole = self.tr("1 message") if total == 1 else self.tr("%Ln messages", "", total)
        text = whole + " = " + " + ".join(shown)
        replied = self.counters.get("replied", 0)
        if replied:
            text += " · " + self.tr("%Ln replied", "", replied)
        return text

    def set_time_left(self, text: str) -> None:
        """"About 3 min left" while sending; '' hides it."""
        self.time_left.setText(text)
        self.time_left.setVisible(bool(text))
