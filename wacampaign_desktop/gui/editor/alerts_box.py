"""The editor's "Alerts for this campaign" group: "Use the global alert settings" (ticked by
default) or the campaign's own thresholds (failure share, undelivered share, minutes without
news from Twilio), prefilled from the global settings, saved as Campaign.alert_thresholds
through CampaignDraft. The words are File → Alerts and retries…'s own (same translations)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QCheckBox, QFormLayout, QGroupBox, QSpinBox, QVBoxLayout, QWidget

from wacampaign_desktop.core.settings import Settings


def _words(text: str) -> str:
    return QCoreApplication.translate("AlertsDialog", text)


def _spin(high: int, suffix: str) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(0, high)
    spin.setSuffix(suffix)
    spin.setSpecialValueText(_words("Off"))  # shown at 0
    return spin


class CampaignAlertsBox(QGroupBox):
    changed = Signal()

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("campaignAlertsBox")
        self.setTitle(self.tr("Alerts for this campaign"))
        self._settings = settings
        self._kept: dict[str, Any] = {}  # e.g. "window" set with `campaign alerts`: kept as is
        layout = QVBoxLayout(self)
        self.use_global = QCheckBox(self.tr("Use the global alert settings"))
        self.use_global.setObjectName("useGlobalAlerts")
        self.use_global.setChecked(True)
        layout.addWidget(self.use_global)
        self.own = QWidget(self)
        form = QFormLayout(self.own)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.failure = _spin(100, " %")
        self.undelivered = _spin(100, " %")
        self.silence = _spin(240, " " + _words("min"))
        form.addRow(_words("More failed than"), self.failure)
        form.addRow(_words("More not delivered than"), self.undelivered)
        form.addRow(_words("No news from Twilio for"), self.silence)
        layout.addWidget(self.own)
        self.own.setVisible(False)
        self.load(None)
        self.use_global.toggled.connect(self._toggled)
        for spin in (self.failure, self.undelivered, self.silence):
            spin.valueChanged.connect(self.changed)

    def _toggled(self, use_global: bool) -> None:
        self.own.setVisible(not use_global)
        self.changed.emit()

    def load(self, thresholds: dict[str, Any] | None) -> None:
        """Show a campaign's own thresholds (empty or None: the global ones, box ticked)."""
        own = dict(thresholds or {})
        s = self._settings
        self.failure.setValue(round(float(own.pop("failure_rate", s.alert_failure_rate)) * 100))
        self.undelivered.setValue(
            round(float(own.pop("undelivered_rate", s.alert_undelivered_rate)) * 100))
        self.silence.setValue(round(float(own.pop("silence_minutes", s.alert_silence_minutes))))
        self._kept = own
        self.use_global.setChecked(not thresholds)
        self.own.setVisible(bool(thresholds))

    def thresholds(self) -> dict[str, Any]:
        """{} with the global settings, else the campaign's own thresholds."""
        if self.use_global.isChecked():
            return {}
        return {**self._kept, "failure_rate": self.failure.value() / 100,
                "undelivered_rate": self.undelivered.value() / 100,
                "silence_minutes": float(self.silence.value())}
