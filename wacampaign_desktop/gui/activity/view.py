"""ActivityView: the webhook event log (lazy table, live) and the app log file, both filterable."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QVBoxLayout, QWidget

from wacampaign_desktop.gui.activity.columns import fit_columns
from wacampaign_desktop.gui.activity.log_tail import filter_lines, read_tail
from wacampaign_desktop.gui.activity.webhook_model import WebhookEventsModel
from wacampaign_desktop.gui.resources import load_ui

if TYPE_CHECKING:
    from wacampaign_desktop.gui.services import GuiServices

log = logging.getLogger(__name__)


class ActivityView(QWidget):
    # How a folder is shown (the desktop's file manager; tests pass a stand-in that fails).
    folder_opener: Callable[[QUrl], bool] = staticmethod(QDesktopServices.openUrl)

    def __init__(self, services: GuiServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.ui = load_ui("activity_view.ui", self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.ui)
        ui = self.ui

        for label, value in ((self.tr("All kinds"), ""), (self.tr("Status callbacks"), "status"),
                             (self.tr("Incoming messages"), "incoming"),
                             (self.tr("Unknown requests"), "unknown")):
            ui.kindCombo.addItem(label, value)
        for label, value in ((self.tr("All outcomes"), ""), (self.tr("Applied"), "applied"),
                             (self.tr("Duplicates"), "duplicate"), (self.tr("Ignored"), "ignored"),
                             (self.tr("Waiting for their message"), "pending"),
                             (self.tr("Received messages"), "received"),
                             (self.tr("Opt-outs (STOP)"), "opted_out"),
                             (self.tr("Rejected"), "rejected")):
            ui.outcomeCombo.addItem(label, value)
        for label, value in ((self.tr("Everything"), "DEBUG"), (self.tr("Information and above"), "INFO"),
                             (self.tr("Warnings and errors"), "WARNING"), (self.tr("Errors only"), "ERROR")):
            ui.levelCombo.addItem(label, value)
        ui.levelCombo.setCurrentIndex(1)

        self.model = WebhookEventsModel(self, queries=services.activity)
        ui.webhookTable.setModel(self.model)
        fit_columns(ui.webhookTable)
        ui.webhookTable.selectionModel().currentRowChanged.connect(self._show_detail)

        self._filter_timer = QTimer(self, singleShot=True, interval=250)
        self._filter_timer.timeout.connect(self.apply_webhook_filter)
        ui.kindCombo.currentIndexChanged.connect(self.apply_webhook_filter)
        ui.outcomeCombo.currentIndexChanged.connect(self.apply_webhook_filter)
        ui.webhookSearch.textChanged.connect(lambda _t: self._filter_timer.start())
        ui.levelCombo.currentIndexChanged.connect(self.refresh_log)
        ui.logSearch.textChanged.connect(lambda _t: self._log_timer.start())
        ui.openLogButton.clicked.connect(self._open_log_folder)
        ui.tabs.currentChanged.connect(lambda _i: self.refresh_log())

        self._log_timer = QTimer(self, singleShot=True, interval=250)
        self._log_timer.timeout.connect(self.refresh_log)
        self._log_poll = QTimer(self, interval=2000)  # the log file grows on other threads
        self._log_poll.timeout.connect(self._poll_log)
        self._log_poll.start()
        self._log_size = -1
        self._stale = False
        self._log_busy = False
        self._log_again = False
        self._count_busy = False
        self._count_again = False
        # I2: a long profile path wraps at its folder separators (zero-width spaces) instead of
        # widening the window beyond 800 px; the tooltip keeps the plain path
        path = str(self.log_file)
        ui.logPathLabel.setWordWrap(True)
        ui.logPathLabel.setText(self.tr("Log file: %1").replace(
            "%1", path.replace("/", "/\u200b").replace("\\", "\\\u200b")))
        ui.logPathLabel.setToolTip(path)
        services.bridge.webhookLogged.connect(self._on_webhooks)
        self.apply_webhook_filter()
        self.refresh_log()

    @property
    def log_file(self) -> Any:
        return self.services.context.paths.log_file

    # -- webhook events --------------------------------------------------------------------------
    @Slot()
    def apply_webhook_filter(self) -> None:
        self.model.set_filter(self.ui.kindCombo.currentData() or "",
                              self.ui.outcomeCombo.currentData() or "",
                              self.ui.webhookSearch.text())
        self._update_count()

    def _update_count(self) -> None:
        """Count the matching events on a worker (a full scan on a big log), one at a time."""
        if self._count_busy:
            self._count_again = True
            return
        self._count_busy = True
        activity, where = self.services.activity, self.model.current_filter
        self.services.tasks.run(lambda: activity.webhook_count(where), self._show_count,
                                self._count_failed)

    def _show_count(self, total: int) -> None:
        self._count_busy = False
        if self._count_again:  # the filter or the log changed meanwhile
            self._count_again = False
            self._update_count()
            return
        self.ui.webhookCount.setText(self.tr("Events: %1").replace("%1", str(total)))

    def _count_failed(self, exc: BaseException) -> None:
        self._count_busy = self._count_again = False
        log.warning("Could not count webhook events: %s", exc)

    @Slot(object)
    def _on_webhooks(self, _events: Any) -> None:
        if not self.isVisible():  # nothing to repaint: catch up when shown
            self._stale = True
            return
        if self.model.add_new():
            self._update_count()

    def showEvent(self, event: Any) -> None:  # noqa: N802 (Qt name)
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.apply_webhook_filter()

    @Slot()
    def _show_detail(self, current: Any, _previous: Any = None) -> None:
        self.ui.webhookDetail.setPlainText(self.model.detail(current.row()))

    # -- app log ---------------------------------------------------------------------------------
    @Slot()
    def refresh_log(self) -> None:
        """Read and filter the log tail on a worker (it can be half a megabyte), one at a time."""
        if self._log_busy:
            self._log_again = True
            return
        self._log_busy = True
        path = self.log_file
        level = self.ui.levelCombo.currentData() or "INFO"
        text = self.ui.logSearch.text()
        self.services.tasks.run(lambda: filter_lines(read_tail(path), level, text),
                                self._show_log, self._log_failed)

    def _show_log(self, lines: list[str]) -> None:
        self._log_busy = False
        if self._log_again:
            self._log_again = False
            self.refresh_log()
            return
        view = self.ui.logView
        bar = view.verticalScrollBar()
        at_end = bar.value() >= bar.maximum() - 2
        view.setPlainText("\n".join(lines) if lines else self.tr("Nothing to show."))
        if at_end:
            bar.setValue(bar.maximum())

    def _log_failed(self, exc: BaseException) -> None:
        self._log_busy = False
        self.ui.logView.setPlainText(self.tr("The log file could not be read: %1").replace(
            "%1", str(exc)))

    @Slot()
    def _poll_log(self) -> None:
        if not self.isVisible() or self.ui.tabs.currentWidget() is not self.ui.logTab:
            return
        try:
            size = self.log_file.stat().st_size
        except OSError:
            size = 0
        if size != self._log_size:
            self._log_size = size
            self.refresh_log()

    def _open_log_folder(self) -> None:
        """Open the log folder; without a file manager, a message says where it is (E, words)."""
        from wacampaign_desktop.gui.help import open_folder

        open_folder(self, self.log_file.parent, self.folder_opener)

    def refresh(self) -> None:
        """F5 in the main window."""
        self.apply_webhook_filter()
        self.refresh_log()

    def focus_search(self) -> None:
        """Ctrl+F in the main window."""
        if self.ui.tabs.currentWidget() is self.ui.logTab:
            self.ui.logSearch.setFocus()
        else:
            self.ui.webhookSearch.setFocus()
