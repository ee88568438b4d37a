"""File → Sending…: how campaigns send. The 24-hour window check (live mode sends free text only
to contacts who wrote in the last 24 hours; turning it off asks first, with what it costs) and
the speed a new campaign starts with. Read and saved through core/services/sending_settings.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QMessageBox,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from wacampaign_desktop.core.services.sending_settings import (
    MAX_RATE,
    MIN_RATE,
    SendingSettings,
    SendingSettingsService,
)
from wacampaign_desktop.core.settings import SettingsError

if TYPE_CHECKING:
    from wacampaign_desktop.gui.services import GuiServices


class SendingDialog(QDialog):
    def __init__(self, services: GuiServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = SendingSettingsService(services.context)
        self.setObjectName("sendingDialog")
        self.setWindowTitle(self.tr("Sending"))
        layout = QVBoxLayout(self)

        window = QGroupBox(self.tr("WhatsApp’s 24-hour window"))
        box = QVBoxLayout(window)
        self.window_guard = QCheckBox(self.tr(
            "Send free text only to contacts who wrote in the last 24 hours (recommended)"))
        self.window_guard.setObjectName("windowGuard")
        box.addWidget(self.window_guard)
        hint = QLabel(self.tr(
            "WhatsApp lets a business send its own text only to someone who wrote to it in the "
            "last 24 hours; anyone else needs an approved template. With this on, a campaign holds "
            "those contacts back or sends them a template you choose. The sandbox is not "
            "affected."))
        hint.setWordWrap(True)
        hint.setProperty("role", "muted")
        box.addWidget(hint)
        layout.addWidget(window)

        speed = QGroupBox(self.tr("New campaigns"))
        form = QFormLayout(speed)
        self.rate = QDoubleSpinBox()
        self.rate.setObjectName("defaultRate")
        self.rate.setDecimals(1)
        self.rate.setRange(MIN_RATE, MAX_RATE)
        self.rate.setSuffix(" " + self.tr("messages a second"))
        self.rate.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        form.addRow(self.tr("Speed"), self.rate)
        layout.addWidget(speed)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(min(620, self.fontMetrics().horizontalAdvance("M") * 44))
        self.load()
        self.window_guard.toggled.connect(self._on_guard_toggled)

    def load(self) -> None:
        values = self.settings.read()
        self.window_guard.setChecked(values.window_guard)
        self.rate.setValue(values.default_send_rate)

    def _on_guard_toggled(self, checked: bool) -> None:
        if checked or confirm_guard_off(self):
            return
        self.window_guard.blockSignals(True)
        self.window_guard.setChecked(True)  # kept on, as chosen
        self.window_guard.blockSignals(False)

    def save(self) -> None:
        values = SendingSettings(window_guard=self.window_guard.isChecked(),
                                 default_send_rate=round(self.rate.value(), 1))
        try:
            self.settings.save(values)
        except (OSError, SettingsError, ValueError) as exc:
            QMessageBox.warning(self, self.tr("Could not save"), str(exc))
            return
        self.accept()


def confirm_guard_off(parent: QWidget) -> bool:
    """Ask before the 24-hour window check is turned off; True when the user confirms."""
    translate = QCoreApplication.translate
    box = QMessageBox(parent)
    box.setObjectName("windowGuardOffQuestion")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(translate("SendingDialog", "Turn off the 24-hour check?"))
    box.setText(translate("SendingDialog", "Send free text to everyone, even those who have "
                          "not written in the last 24 hours?"))
    box.setInformativeText(translate(
        "SendingDialog", "WhatsApp will refuse those messages: they will fail with error 63016, "
        "and many failures can lower your number’s quality rating, which limits how many people "
        "you may message each day. Approved templates are not affected."))
    turn_off = box.addButton(translate("SendingDialog", "Turn the check off"),
                             QMessageBox.ButtonRole.AcceptRole)
    turn_off.setObjectName("turnOffWindowGuard")
    keep = box.addButton(translate("SendingDialog", "Keep it on"),
                         QMessageBox.ButtonRole.RejectRole)
    keep.setObjectName("keepWindowGuard")
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    box.exec()
    return box.clickedButton() is turn_off


def open_sending_dialog(parent: QWidget, services: GuiServices) -> bool:
    """True when the user saved (the caller refreshes what the settings change)."""
    return SendingDialog(services, parent).exec() == QDialog.DialogCode.Accepted
