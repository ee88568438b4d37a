"""AutomationSettingsBox: the reply automation settings in the rules editor — a confirmation
after an opt-out (on/off and its text), the default cooldown of new rules, and the time zone
business hours are read in. Saved as soon as they change (a refused value says why)."""

from __future__ import annotations

from typing import TYPE_CHECKING
from zoneinfo import available_timezones

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

if TYPE_CHECKING:
    from wacampaign_desktop.gui.services import GuiServices


class AutomationSettingsBox(QGroupBox):
    def __init__(self, services: GuiServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Settings"))
        self.services = services
        settings = services.context.settings
        self.confirmCheck = QCheckBox(self.tr("Send a confirmation after an opt-out"))
        self.confirmCheck.setChecked(settings.optout_confirmation_enabled)
        self.confirmEdit = QLineEdit(settings.optout_confirmation_text)
        self.confirmEdit.setAccessibleName(self.tr("Opt-out confirmation text"))
        self.cooldownSpin = QSpinBox(minimum=0, maximum=10080, suffix=self.tr(" min"))
        self.cooldownSpin.setValue(settings.auto_reply_cooldown_minutes)
        self.zoneCombo = QComboBox()
        self.zoneCombo.addItem(self.tr("This computer's time zone"), "")
        for zone in sorted(z for z in available_timezones() if "/" in z):
            self.zoneCombo.addItem(zone, zone)
        self.zoneCombo.setCurrentIndex(max(0, self.zoneCombo.findData(settings.business_timezone)))
        self.problemLabel = QLabel(wordWrap=True)
        self.problemLabel.hide()
        form = QFormLayout(self)
        form.addRow(self.confirmCheck)
        form.addRow(self.tr("Confirmation:"), self.confirmEdit)
        form.addRow(self.tr("Cooldown of new rules:"), self.cooldownSpin)
        form.addRow(self.tr("Business hours in:"), self.zoneCombo)
        form.addRow(self.problemLabel)
        self.confirmEdit.setEnabled(self.confirmCheck.isChecked())
        self.confirmCheck.toggled.connect(self.confirmEdit.setEnabled)
        self.confirmCheck.toggled.connect(self.save)
        self.confirmEdit.editingFinished.connect(self.save)
        self.cooldownSpin.editingFinished.connect(self.save)
        self.zoneCombo.currentIndexChanged.connect(self.save)

    @Slot()
    def save(self) -> None:
        settings = self.services.context.settings
        previous = (settings.optout_confirmation_enabled, settings.optout_confirmation_text,
                    settings.auto_reply_cooldown_minutes, settings.business_timezone)
        settings.optout_confirmation_enabled = self.confirmCheck.isChecked()
        settings.optout_confirmation_text = self.confirmEdit.text().strip()
        settings.auto_reply_cooldown_minutes = self.cooldownSpin.value()
        settings.business_timezone = self.zoneCombo.currentData() or ""
        try:
            self.services.context.save_settings()
        except ValueError:
            (settings.optout_confirmation_enabled, settings.optout_confirmation_text,
             settings.auto_reply_cooldown_minutes, settings.business_timezone) = previous
            self.problemLabel.setText(self.tr(
                "Not saved: write the confirmation to send, or untick the box."))
            self.problemLabel.show()
            return
        self.problemLabel.hide()
