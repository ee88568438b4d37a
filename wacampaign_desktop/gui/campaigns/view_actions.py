"""The campaign view's actions (mixed into CampaignView, whose buttons, signals and services
they use): Start (the launch review first in live mode), Pause, Resume, Cancel (asked first),
Retry failed (what it did, in words), the 24-hour window choice, and Export CSV — each through
the campaigns service with the running engine, on a worker thread (services.tasks).

Their words keep the view's "CampaignView" translation context (one context in the .ts)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, SignalInstance
from PySide6.QtWidgets import QLabel, QMessageBox, QPushButton

from wacampaign_desktop.core.engine.retries import RetryReport
from wacampaign_desktop.gui.campaigns.export import (
    ask_export_path,
    confirm_export,
    export_messages_csv,
    sheet_style,
    sheet_words,
)
from wacampaign_desktop.gui.campaigns.launch_review_dialog import ask_launch_review
from wacampaign_desktop.gui.campaigns.retry_words import retry_report_text

if TYPE_CHECKING:
    from wacampaign_desktop.core.engine import CampaignEngine
    from wacampaign_desktop.gui.services import GuiServices


class CampaignActions:
    services: GuiServices
    campaign_id: int | None
    buttons: dict[str, QPushButton]
    title: QLabel
    retry_report: str
    campaignChanged: SignalInstance  # noqa: N815 (Qt signal name)
    exportFinished: SignalInstance  # noqa: N815
    actionFailed: SignalInstance  # noqa: N815
    refresh: Callable[[], None]
    isVisible: Callable[[], bool]  # noqa: N815
    _engine: Callable[[], CampaignEngine | None]
    _update_actions: Callable[[], None]
    _preview_audience: Callable[[int], None]

    # -- actions --------------------------------------------------------------------------
    def _campaign_action(self, action: str) -> None:
        """start / pause / resume / cancel / retry_failed through the campaigns service, with
        the running engine, on a worker thread."""
        engine, campaign_id = self._engine(), self.campaign_id
        if engine is None or campaign_id is None:
            return
        for button in self.buttons.values():
            if button is not self.buttons["export"]:
                button.setEnabled(False)

        def done(result: object) -> None:
            self.refresh()
            self.campaignChanged.emit(campaign_id)
            if action == "retry_failed" and isinstance(result, RetryReport):
                self.retry_report = retry_report_text(result)  # G: N sent again, M left and why
                if self.isVisible():  # open(), not exec(): nothing waits on it
                    box = QMessageBox(QMessageBox.Icon.Information,
                                      QCoreApplication.translate("CampaignView", "Retry failed"),
                                      self.retry_report, QMessageBox.StandardButton.Ok, self)
                    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
                    box.open()

        def failed(exc: BaseException) -> None:
            self.refresh()
            self.actionFailed.emit(str(exc))
            if self.isVisible():
                QMessageBox.warning(
                    self, QCoreApplication.translate("CampaignView", "Could not do that"), str(exc))

        campaigns = self.services.campaigns
        calls = {"start": campaigns.start, "pause": campaigns.pause, "resume": campaigns.resume,
                 "cancel": campaigns.cancel, "retry_failed": campaigns.retry_failed}
        call = calls[action]
        self.services.tasks.run(lambda: call(campaign_id, engine), done, failed)

    def _start(self) -> None:
        """Start: in live mode the launch review first (confirm or cancel); the sandbox starts
        at once."""
        campaign_id = self.campaign_id
        if campaign_id is None or self._engine() is None:
            return
        self.buttons["start"].setEnabled(False)

        def confirmed() -> None:
            if self.campaign_id == campaign_id:
                self._campaign_action("start")

        def failed(exc: BaseException) -> None:
            self._update_actions()
            self.actionFailed.emit(str(exc))

        ask_launch_review(self, self.services, campaign_id, confirmed, failed,
                          on_cancelled=self._update_actions)

    def _on_window_choice(self, campaign_id: int) -> None:
        if campaign_id == self.campaign_id:
            self._preview_audience(campaign_id)

    def _on_window_choice_failed(self, message: str) -> None:
        self.actionFailed.emit(message)
        if self.isVisible():
            QMessageBox.warning(
                self, QCoreApplication.translate("CampaignView", "Could not do that"), message)

    def _confirm_cancel(self) -> None:
        answer = QMessageBox.question(
            self, QCoreApplication.translate("CampaignView", "Cancel campaign"),
            QCoreApplication.translate("CampaignView", "Stop this campaign for good? Messages "
                                       "not yet sent will not be sent."))
        if answer == QMessageBox.StandardButton.Yes:
            self._campaign_action("cancel")

    def choose_export_path(self) -> None:
        if self.campaign_id is None:
            return
        path = ask_export_path(self, self.title.text())  # opens in Documents
        if path:
            self.export_csv(path)

    def export_csv(self, path: str) -> None:
        """Write the campaign's messages to `path` on a worker thread; emits exportFinished."""
        campaign_id = self.campaign_id
        if campaign_id is None:
            return
        self.buttons["export"].setEnabled(False)

        def done(rows: int) -> None:
            self.buttons["export"].setEnabled(True)
            confirm_export(self, path, rows)  # "N messages exported" + Open folder
            self.exportFinished.emit(path, rows)

        def failed(exc: BaseException) -> None:
            self.buttons["export"].setEnabled(True)
            self.actionFailed.emit(str(exc))
            if self.isVisible():
                QMessageBox.warning(
                    self, QCoreApplication.translate("CampaignView", "Export failed"), str(exc))

        queries, style, words = self.services.queries, sheet_style(), sheet_words()
        self.services.tasks.run(lambda: export_messages_csv(queries, campaign_id, path, style, words),
                                done, failed)
