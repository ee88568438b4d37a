"""File → Alerts and retries…: when to warn while a campaign sends (failure share over the last
N messages, undelivered share, minutes without news from Twilio) and how failed messages are
sent again (attempts in all, automatic retry and its delay). Global settings; a campaign's own
thresholds (Campaign.alert_thresholds) override them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QMessageBox,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from wacampaign_desktop.core.settings import SettingsError

if TYPE_CHECKING:
    from wacampaign_desktop.gui.services import GuiServices


def _spin(low: int, high: int, suffix: str, off: str | None = None) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(low, high)
    spin.setSuffix(suffix)
    if off is not None:
        spin.setSpecialValueText(off)  # shown at the minimum (0)
    return spin


class AlertsDialog(QDialog):
    def __init__(self, services: GuiServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.setObjectName("alertsDialog")
        self.setWindowTitle(self.tr("Alerts and retries"))
        layout = QVBoxLayout(self)
        off = self.tr("Off")

        alerts = QGroupBox(self.tr("Warn me while a campaign sends when"))
        form = QFormLayout(alerts)
        self.failure = _spin(0, 100, " %", off)
        self.window = _spin(5, 1000, " " + self.tr("messages"))
        self.undelivered = _spin(0, 100, " %", off)
        self.silence = _spin(0, 240, " " + self.tr("min"), off)
        form.addRow(self.tr("More failed than"), self.failure)
        form.addRow(self.tr("Among the last"), self.window)
        form.addRow(self.tr("More not delivered than"), self.undelivered)
        form.addRow(self.tr("No news from Twilio for"), self.silence)
        hint = QLabel(self.tr("Each alert shows at the top of the window, in a notification and "
                              "in Activity, with what to do."))
        hint.setWordWrap(True)
        hint.setProperty("role", "muted")
        form.addRow(hint)
        layout.addWidget(alerts)

        retries = QGroupBox(self.tr("Failed messages"))
        form = QFormLayout(retries)
        self.attempts = _spin(1, 10, "")
        self.auto = QCheckBox(self.tr("Send again on their own when the error allows it"))
        self.delay = _spin(1, 1440, " " + self.tr("min"))
        form.addRow(self.tr("Attempts per message, in all"), self.attempts)
        form.addRow(self.auto)
        form.addRow(self.tr("First retry after"), self.delay)
        layout.addWidget(retries)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.auto.toggled.connect(self.delay.setEnabled)
        self.load()

    def load(self) -> None:
        s = self.services.context.settings
        self.failure.setValue(round(s.alert_failure_rate * 100))
        self.window.setValue(s.alert_window)
        self.undelivered.setValue(round(s.alert_undelivered_rate * 100))
        self.silence.setValue(round(s.alert_silence_minutes))
        self.attempts.setValue(s.max_attempts)
        self.auto.setChecked(s.auto_retry)
        self.delay.setValue(max(1, round(s.auto_retry_delay_minutes)))
        self.delay.setEnabled(s.auto_retry)

    def save(self) -> None:
        s = self.services.context.settings
        names = ("alert_failure_rate", "alert_window", "alert_undelivered_rate",
                 "alert_silence_minutes", "max_attempts", "auto_retry", "auto_retry_delay_minutes")
        previous = {name: getattr(s, name) for name in names}
        s.alert_failure_rate = self.failure.value() / 100
        s.alert_window = self.window.value()
        s.alert_undelivered_rate = self.undelivered.value() / 100
        s.alert_silence_minutes = float(self.silence.value())
        s.max_attempts = self.attempts.value()
        s.auto_retry = self.auto.isChecked()
        s.auto_retry_delay_minutes = float(self.delay.value())
        try:
            self.services.context.save_settings()
        except (OSError, SettingsError) as exc:
            for name, value in previous.items():
                setattr(s, name, value)
            QMessageBox.warning(self, self.tr("Could not save"), str(exc))
            return
        self.accept()


def open_alerts_dialog(parent: QWidget, services: GuiServices) -> None:
    AlertsDialog(services, parent).exec()
