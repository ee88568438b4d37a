"""The Analytics view's choosers: which campaign ("All campaigns" or one) and which period
(all time, today, 7 days, 30 days, custom dates in local time, turned into naive UTC)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from PySide6.QtCore import QDate, QLocale, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel, QWidget

from wacampaign_desktop.core.services.analytics import Period
from wacampaign_desktop.gui.models.labels import state_label, ui_locale

PERIOD_KEYS = ("all", "today", "7d", "30d", "custom")


def local_midnight_utc(day: date) -> datetime:
    """The start of `day` in this computer's time zone, as naive UTC."""
    return datetime.combine(day, time()).astimezone().astimezone(UTC).replace(tzinfo=None)


class Choosers(QWidget):
    """Campaign and period choosers; `changed` when either changes."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.campaign = QComboBox(self)
        self.campaign.setObjectName("analyticsCampaign")
        self.campaign.setMinimumContentsLength(12)
        self.campaign.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.campaign.setToolTip(self.tr("Which campaign's figures"))
        self.period = QComboBox(self)
        self.period.setObjectName("analyticsPeriod")
        names = {"all": self.tr("All time"), "today": self.tr("Today"),
                 "7d": self.tr("Last 7 days"), "30d": self.tr("Last 30 days"),
                 "custom": self.tr("Custom dates")}
        for key in PERIOD_KEYS:
            self.period.addItem(names[key], key)
        self.period.setToolTip(self.tr("Only the messages sent in this period"))
        today = QDate.currentDate()
        self.start = QDateEdit(today.addDays(-7), self)
        self.end = QDateEdit(today, self)
        locale = ui_locale()  # "29/11/2026", never the bare C locale's "29 11 2026"
        for edit in (self.start, self.end):
            edit.setLocale(locale)
            edit.setDisplayFormat(locale.dateFormat(QLocale.FormatType.ShortFormat))
            edit.setCalendarPopup(True)
            edit.setVisible(False)
            edit.dateChanged.connect(self._on_dates)
        self.dash = QLabel("–", self)
        self.dash.setVisible(False)
        layout.addWidget(self.campaign, 2)
        layout.addWidget(self.period)
        layout.addWidget(self.start)
        layout.addWidget(self.dash)
        layout.addWidget(self.end)
        layout.addStretch(0)
        self.campaign.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.period.currentIndexChanged.connect(self._on_period)

    def set_campaigns(self, campaigns: list[tuple[int, str, str]]) -> None:
        """Fill the chooser, keeping the current choice when it still exists."""
        current = self.campaign_id()
        self.campaign.blockSignals(True)
        self.campaign.clear()
        self.campaign.addItem(self.tr("All campaigns"), None)
        for campaign_id, name, state in campaigns:
            self.campaign.addItem(f"{name} ({state_label(state)})", campaign_id)
        index = self.campaign.findData(current) if current is not None else 0
        self.campaign.setCurrentIndex(max(0, index))
        self.campaign.blockSignals(False)

    def select_campaign(self, campaign_id: int | None) -> bool:
        index = self.campaign.findData(campaign_id) if campaign_id is not None else 0
        if index < 0:
            return False
        self.campaign.setCurrentIndex(index)
        return True

    def campaign_id(self) -> int | None:
        value = self.campaign.currentData()
        return int(value) if value is not None else None

    def period_key(self) -> str:
        return str(self.period.currentData() or "all")

    def chosen_period(self, now: datetime) -> Period:
        """The period as naive UTC bounds (`now`: the profile clock's naive UTC time)."""
        key = self.period_key()
        if key == "custom":
            first = self.start.date().toPython()
            last = self.end.date().toPython()
            if last < first:
                first, last = last, first
            return Period(local_midnight_utc(first), local_midnight_utc(last + timedelta(days=1)),
                          "custom")
        if key == "today":
            local_today = now.replace(tzinfo=UTC).astimezone().date()
            return Period.named("today", now, local_midnight_utc(local_today))
        return Period.named(key, now)

    def _on_period(self, _index: int) -> None:
        custom = self.period_key() == "custom"
        for widget in (self.start, self.dash, self.end):
            widget.setVisible(custom)
        self.changed.emit()

    def _on_dates(self, _date: QDate) -> None:
        if self.period_key() == "custom":
            self.changed.emit()
