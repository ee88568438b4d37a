"""The main window: navigation (Campaigns, Contacts, Inbox, Activity, Analytics), alert banners, the status
bar, menus and keyboard shortcuts. Geometry and the last view are remembered in the profile's
config folder (QSettings, INI format). Views are imported lazily: a view that fails to import
shows a placeholder instead of taking the window down."""

from __future__ import annotations

import importlib
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from wacampaign_desktop import APP_NAME, __version__
from wacampaign_desktop.gui.alerts import AlertCenter
from wacampaign_desktop.gui.inbox.badge import InboxBadge
from wacampaign_desktop.gui.resources import app_icon, load_ui
from wacampaign_desktop.gui.settings.alerts_panel import open_alerts_dialog
from wacampaign_desktop.gui.settings.storage_panel import back_up_interactively, open_storage_dialog
from wacampaign_desktop.gui.status_bar import StatusBarController

if TYPE_CHECKING:
    from wacampaign_desktop.gui.services import GuiServices

log = logging.getLogger(__name__)

COMPACT_BELOW_PX = 1000  # narrower windows get the status bar's short texts


@dataclass(frozen=True)
class ViewSpec:
    key: str
    module: str
    cls: str


VIEWS = (
    ViewSpec("campaigns", "wacampaign_desktop.gui.campaigns", "CampaignsView"),
    ViewSpec("contacts", "wacampaign_desktop.gui.contacts", "ContactsView"),
    ViewSpec("inbox", "wacampaign_desktop.gui.inbox", "InboxView"),
    ViewSpec("activity", "wacampaign_desktop.gui.activity", "ActivityView"),
    ViewSpec("analytics", "wacampaign_desktop.gui.analytics", "AnalyticsView"),  # E
)


def gui_settings(services: GuiServices) -> QSettings:
    path = services.context.paths.config_dir / "gui.ini"
    return QSettings(str(path), QSettings.Format.IniFormat)


class MainWindow(QMainWindow):
    viewChanged = Signal(str)

    def __init__(self, services: GuiServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.setWindowTitle(APP_NAME)
        self.setWindowIcon(app_icon())
        body = load_ui("main_window.ui", self)
        self.setCentralWidget(body)
        self.nav: QListWidget = body.findChild(QListWidget, "navList")
        self.stack: QStackedWidget = body.findChild(QStackedWidget, "stack")
        self.banner_host: QWidget = body.findChild(QWidget, "bannerHost")
        self.views: dict[str, QWidget] = {}
        titles = {"campaigns": self.tr("Campaigns"), "contacts": self.tr("Contacts"),
                  "inbox": self.tr("Inbox"), "activity": self.tr("Activity"),
                  "analytics": self.tr("Analytics")}
        for number, spec in enumerate(VIEWS, start=1):
            item = QListWidgetItem(titles[spec.key])
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            item.setToolTip(self.tr("%1 (Ctrl+%2)").replace("%1", titles[spec.key])
                            .replace("%2", str(number)))
            self.nav.addItem(item)
            self.stack.addWidget(QWidget())  # replaced by the real view on first display
        self.nav.currentRowChanged.connect(self._on_nav)
        inbox_row = [spec.key for spec in VIEWS].index("inbox")  # unread replies badge: F2
        self.inbox_badge = InboxBadge(services, self.nav.item(inbox_row), self)
        self.alerts = AlertCenter(services.bridge, self.banner_host, self, services.queries)
        self.alerts.showCampaign.connect(self.show_campaign)
        self.status = StatusBarController(self.statusBar(), services)
        services.runtime_controller.runtimeChanged.connect(self.status.set_runtime)
        services.runtime_controller.runtimeChanged.connect(self._on_runtime_live)  # D: demo contacts
        self._build_menus()
        self._fit_nav()
        self._restore()

    def _on_runtime_live(self, runtime: Any) -> None:
        """The account went live: offer (once) to delete the first-run demo contacts."""
        if runtime is None or getattr(runtime, "mode", "") != "live":
            return
        from wacampaign_desktop.gui.demo_cleanup import offer_demo_cleanup

        def offer() -> None:
            if offer_demo_cleanup(self, self.services) and "contacts" in self.views:
                refresh = getattr(self.views["contacts"], "refresh", None)
                if callable(refresh):
                    refresh()

        QTimer.singleShot(0, self, offer)  # after the runtime's other listeners

    def _fit_nav(self) -> None:
        """The navigation as wide as its longest name plus room for a badge (not Qt's default
        256 px), so the views keep the room at 800×600."""
        self.nav.ensurePolished()
        metrics = self.nav.fontMetrics()
        widest = max(metrics.horizontalAdvance(self.nav.item(row).text())
                     for row in range(self.nav.count()))
        self.nav.setFixedWidth(widest + 2 * 12 + 2 * 6 + 40)  # item padding, margins, badge

    # -- views --------------------------------------------------------------------------
    def view(self, key: str) -> QWidget:
        """The view for `key`, created on first use (placeholder if its module fails)."""
        if key in self.views:
            return self.views[key]
        position = [spec.key for spec in VIEWS].index(key)
        spec = VIEWS[position]
        try:
            module = importlib.import_module(spec.module)
            widget = getattr(module, spec.cls)(self.services, None)
        except Exception as exc:
            log.warning("View %s unavailable: %s", spec.cls, exc, exc_info=True)
            widget = QLabel(self.tr("This part of the app is not available yet."))
            widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
            widget.setProperty("role", "muted")
        widget.setObjectName(f"view_{key}")
        old = self.stack.widget(position)
        self.stack.insertWidget(position, widget)
        self.stack.removeWidget(old)
        old.deleteLater()
        self.views[key] = widget
        if hasattr(widget, "unreadChanged"):  # the Inbox: reading a conversation clears its count
            widget.unreadChanged.connect(self.inbox_badge.refresh)
        return widget

    def show_view(self, key: str) -> QWidget:
        position = [spec.key for spec in VIEWS].index(key)
        if self.nav.currentRow() != position:
            self.nav.setCurrentRow(position)  # -> _on_nav
        return self.view(key)

    def current_key(self) -> str:
        row = self.nav.currentRow()
        return VIEWS[row].key if 0 <= row < len(VIEWS) else VIEWS[0].key

    def _on_nav(self, row: int) -> None:
        if not (0 <= row < len(VIEWS)):
            return
        widget = self.view(VIEWS[row].key)
        self.stack.setCurrentWidget(widget)
        self.viewChanged.emit(VIEWS[row].key)

    def show_campaign(self, campaign_id: int) -> None:
        view = self.show_view("campaigns")
        if hasattr(view, "select_campaign"):
            view.select_campaign(campaign_id)

    # -- menus and shortcuts ------------------------------------------------------------
    def _action(self, text: str, shortcut: QKeySequence | str | None, slot: Any,
                name: str) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addAction(self._action(self.tr("Connect Twilio…"), "Ctrl+,",
                                         self.open_connect_dialog, "actionConnect"))
        file_menu.addAction(self._action(self.tr("Back up…"), None, lambda _c=False: back_up_interactively(
            self, self.services), "actionBackUp"))  # storage: engineer D
        file_menu.addAction(self._action(self.tr("Storage…"), None, lambda _c=False: open_storage_dialog(
            self, self.services), "actionStorage"))
        file_menu.addAction(self._action(self.tr("Alerts and retries…"), None,  # G
                                         lambda _c=False: open_alerts_dialog(self, self.services),
                                         "actionAlerts"))
        file_menu.addAction(self._action(self.tr("Sending…"), None, self.open_sending,  # D2
                                         "actionSending"))
        file_menu.addAction(self._action(self.tr("Team database…"), None,  # H2
                                         self.open_team_database, "actionTeamDatabase"))
        file_menu.addSeparator()
        file_menu.addAction(self._action(self.tr("Quit"), QKeySequence.StandardKey.Quit,
                                         self.close, "actionQuit"))
        campaign_menu = bar.addMenu(self.tr("&Campaign"))
        campaign_menu.addAction(self._action(self.tr("New campaign…"), QKeySequence.StandardKey.New,
                                             self.new_campaign, "actionNewCampaign"))
        view_menu = bar.addMenu(self.tr("&View"))
        for number, spec in enumerate(VIEWS, start=1):
            view_menu.addAction(self._action(
                self.nav.item(number - 1).text(), f"Ctrl+{number}",
                lambda _checked=False, key=spec.key: self.show_view(key), f"actionView{number}"))
        view_menu.addSeparator()
        view_menu.addAction(self._action(self.tr("Search"), QKeySequence.StandardKey.Find,
                                         self.focus_search, "actionSearch"))
        view_menu.addAction(self._action(self.tr("Refresh"), QKeySequence.StandardKey.Refresh,
                                         self.refresh_current, "actionRefresh"))
        tools_menu = bar.addMenu(self.tr("&Tools"))  # F: reply rules
        tools_menu.addAction(self._action(self.tr("Reply rules…"), None, self.open_reply_rules,
                                          "actionReplyRules"))
        help_menu = bar.addMenu(self.tr("&Help"))  # Help menu: E (words)
        help_menu.addAction(self._action(self.tr("User guide"),
                                         QKeySequence.StandardKey.HelpContents,
                                         self.show_guide, "actionGuide"))
        help_menu.addAction(self._action(self.tr("Keyboard shortcuts"), None,
                                         lambda: self.show_guide("shortcuts"), "actionShortcuts"))
        help_menu.addSeparator()
        help_menu.addAction(self._action(self.tr("About"), None, self.about, "actionAbout"))

    def open_sending(self) -> None:
        """File → Sending…; a saved change (the 24-hour check) shows in the open view."""
        from wacampaign_desktop.gui.settings.sending_panel import open_sending_dialog

        if open_sending_dialog(self, self.services):
            self.refresh_current()

    def open_team_database(self) -> None:
        """File → Team database…: this computer's file or the team's PostgreSQL server."""
        from wacampaign_desktop.gui.settings.database_panel import open_database_dialog

        open_database_dialog(self, self.services)

    def open_reply_rules(self) -> None:
        from wacampaign_desktop.gui.rules import open_rules_dialog

        open_rules_dialog(self.services, self)

    def new_campaign(self) -> None:
        view = self.show_view("campaigns")
        if hasattr(view, "open_editor"):
            view.open_editor(None)

    def focus_search(self) -> None:
        view = self.view(self.current_key())
        if hasattr(view, "focus_search"):
            view.focus_search()

    def refresh_current(self) -> None:
        view = self.view(self.current_key())
        if hasattr(view, "refresh"):
            view.refresh()

    def open_connect_dialog(self) -> None:
        try:
            from wacampaign_desktop.gui.settings import ConnectTwilioDialog
        except Exception as exc:
            log.warning("Connect dialog unavailable: %s", exc)
            QMessageBox.information(self, self.tr("Connect Twilio"),
                                    self.tr("The Twilio connection dialog is not available in this build."))
            return
        dialog = ConnectTwilioDialog(self.services, parent=self)
        saved: list[bool] = []
        if hasattr(dialog, "settingsSaved"):
            dialog.settingsSaved.connect(lambda: saved.append(True))
        dialog.exec()
        self.status.refresh_mode()
        controller = self.services.runtime_controller
        if saved and (controller.running or controller.error):
            controller.restart()  # new credentials / tunnel / sandbox choice

    def show_guide(self, anchor: str = "") -> None:
        """The user guide and the keyboard shortcuts (one window, brought forward if open)."""
        from wacampaign_desktop.gui.help import HelpDialog, shortcuts_of

        dialog = self.findChild(HelpDialog)
        if dialog is None:
            dialog = HelpDialog(shortcuts_of(self), self, anchor=anchor)
        else:
            dialog.show_section(anchor)
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()

    def about(self) -> None:
        QMessageBox.about(self, self.tr("About %1").replace("%1", APP_NAME),
                          self.tr("%1 %2\nWhatsApp campaigns through Twilio, watched live.")
                          .replace("%1", APP_NAME).replace("%2", __version__))

    # -- geometry and last view -----------------------------------------------------------
    def _restore(self) -> None:
        settings = gui_settings(self.services)
        geometry = settings.value("window/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1280, 800)
        state = settings.value("window/state")
        if state is not None:
            self.restoreState(state)
        last = str(settings.value("window/lastView", VIEWS[0].key))
        keys = [spec.key for spec in VIEWS]
        self.nav.setCurrentRow(keys.index(last) if last in keys else 0)

    def save_state(self) -> None:
        settings = gui_settings(self.services)
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/state", self.saveState())
        settings.setValue("window/lastView", self.current_key())
        settings.sync()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        self.status.set_compact(event.size().width() < COMPACT_BELOW_PX)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt name)
        self.save_state()
        self.alerts.close()
        super().closeEvent(event)
