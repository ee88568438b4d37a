"""The campaign view's A/B strip: each version's sent count, read and reply rates, where "test
then send the winner" stands, and a button per version to send it to the rest now (the user's
pick). Read through CampaignsService.ab_status on a worker; refreshed with the counters."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wacampaign_desktop.core.services.ab_test import ABStatus
from wacampaign_desktop.gui.models.labels import local_time

if TYPE_CHECKING:
    from wacampaign_desktop.gui.services import GuiServices


def percent(rate: float) -> str:
    return f"{rate * 100:.0f}\u00a0%"


class ABBox(QFrame):
    """Shown only for a campaign with versions."""

    chooseRequested = Signal(str)  # the version the user picked as the winner

    def __init__(self, services: GuiServices, parent: QWidget | None = None,
                 engine: Callable[[], Any] | None = None) -> None:
        """`engine`: the running engine (None while it starts); picking a winner needs it."""
        super().__init__(parent)
        self.services = services
        self._engine = engine or (lambda: None)
        self.setObjectName("abBox")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.campaign_id: int | None = None
        self.status: ABStatus | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.summary)
        self.versions = QLabel()
        self.versions.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.versions)
        self.buttons_row = QHBoxLayout()
        layout.addLayout(self.buttons_row)
        self.buttons: dict[str, QPushButton] = {}
        self._busy = False
        self.chooseRequested.connect(self.choose_winner)
        self.hide()

    def set_campaign(self, campaign_id: int | None) -> None:
        self.campaign_id = campaign_id
        self.refresh()

    def refresh(self) -> None:
        campaign_id = self.campaign_id
        if campaign_id is None:
            self.show_status(None)
            return
        if self._busy:
            return
        self._busy = True

        def done(status: Any) -> None:
            self._busy = False
            if campaign_id == self.campaign_id:
                self.show_status(status)

        def failed(_exc: BaseException) -> None:
            self._busy = False

        self.services.tasks.run(lambda: self.services.campaigns.ab_status(campaign_id), done,
                                failed)

    def show_status(self, status: ABStatus | None) -> None:
        self.status = status
        self.setVisible(status is not None)
        if status is None:
            return
        lines = [self.tr("Version %1: %2 sent · read %3 · replied %4")
                 .replace("%1", v.name).replace("%2", QLocale().toString(v.sent))
                 .replace("%3", percent(v.read_rate)).replace("%4", percent(v.reply_rate))
                 for v in status.versions]
        self.versions.setText("\n".join(lines))
        self.summary.setText(self._summary(status))
        names = [v.name for v in status.versions]
        if list(self.buttons) != names:
            for button in self.buttons.values():
                button.deleteLater()
            self.buttons = {}
            for name in names:
                button = QPushButton(self.tr("Send %1 to the rest").replace("%1", name))
                button.clicked.connect(lambda _c=False, n=name: self.chooseRequested.emit(n))
                self.buttons_row.addWidget(button)
                self.buttons[name] = button
            self.buttons_row.addStretch(1)
        for button in self.buttons.values():
            button.setVisible(status.can_choose)

    def _summary(self, s: ABStatus) -> str:
        metric = self.tr("read rate") if s.metric == "read" else self.tr("reply rate")
        if not s.testing:
            return self.tr("A/B test: each version goes to its share of the recipients.")
        share = percent(s.test_share)
        if s.phase == "testing":
            return self.tr("Testing on %1 of the recipients; then the best %2 wins and goes to "
                           "the rest. You can also pick the winner now.") \
                .replace("%1", share).replace("%2", metric)
        if s.phase == "waiting":
            return self.tr("Test sent to %1. The best %2 wins at %3 and goes to the rest; or "
                           "pick the winner now.").replace("%1", share).replace("%2", metric) \
                .replace("%3", local_time(s.wait_until, short=True) if s.wait_until else "…")
        if s.decided_by == "user":
            return self.tr("Version %1 was chosen by you and sent to the rest.") \
                .replace("%1", s.winner or "")
        return self.tr("Version %1 won (best %2) and was sent to the rest.") \
            .replace("%1", s.winner or "").replace("%2", metric)

    def choose_winner(self, variant: str) -> None:
        """The user's pick: after a confirmation, send `variant` to the rest now."""
        engine, campaign_id = self._engine(), self.campaign_id
        if engine is None or campaign_id is None:
            return
        answer = QMessageBox.question(
            self, self.tr("Send the winner"),
            self.tr("Send version %1 to every recipient not in the test, now?").replace(
                "%1", variant))
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.services.tasks.run(
            lambda: self.services.campaigns.choose_winner(campaign_id, variant, engine),
            lambda _n: self.refresh(),
            lambda exc: QMessageBox.warning(self, self.tr("Could not do that"), str(exc)))
