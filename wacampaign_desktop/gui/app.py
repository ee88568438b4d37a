"""Starts the Qt application: one window per profile (a second launch brings the first window
forward and exits, gui/single_instance.py), translation from the system locale, the style,
first-run demo data, the main window, and the runtime (sandbox, webhooks, tunnel, engine)
through the services' RuntimeController (gui/runtime_controller.py), off the GUI thread."""

from __future__ import annotations

import argparse
import gc
import logging
import sys

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from wacampaign_desktop import APP_ID, APP_NAME, __version__
from wacampaign_desktop.core.paths import resource_path
from wacampaign_desktop.gui.single_instance import (
    InstanceServer,
    activate_running_window,
    bring_forward,
    server_name,
)

log = logging.getLogger(__name__)

GUI_SWITCH_INTERVAL_S = 0.001


def choose_language(preferred: str = "") -> str:
    """"fr" or "en": the setting if set, else the system locale's language."""
    language = (preferred or QLocale.system().name()).split("_")[0].lower()
    return language if language in ("fr", "en") else "en"


def install_translators(app: QApplication, language: str) -> list[QTranslator]:
    """Install the app's and Qt's own translations for `language` (none needed for English)."""
    installed: list[QTranslator] = []
    if language == "en":
        return installed
    ours = QTranslator(app)
    path = resource_path("resources", "i18n", f"wacampaign_{language}.qm")
    if ours.load(str(path)):
        app.installTranslator(ours)
        installed.append(ours)
    else:
        log.warning("No translation file %s", path)
    qt = QTranslator(app)
    if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        installed.append(qt)
    return installed


def make_application(argv: list[str] | None = None) -> QApplication:
    from wacampaign_desktop.gui.resources import app_icon, stylesheet

    # The webhook writer, engine and sandbox are Python threads in this process: a shorter GIL
    # switch interval (default 5 ms) lets the GUI thread get back to its event loop sooner.
    sys.setswitchinterval(GUI_SWITCH_INTERVAL_S)
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_ID)
    app.setDesktopFileName(APP_ID)
    app.setWindowIcon(app_icon())
    app.setStyleSheet(stylesheet())
    return app  # type: ignore[return-value]


def settle_heap() -> None:
    """Collect once, then freeze the long-lived startup objects out of the cyclic GC, so later
    full collections (which hold the GIL, stalling the GUI) stay short."""
    gc.collect()
    gc.freeze()


def run_gui(args: argparse.Namespace) -> int:
    """Open the profile's window, or bring it forward if it is already open (then return 0)."""
    app = make_application()
    name = server_name(args.data_dir)
    if activate_running_window(name):  # this profile's window is open: it comes forward
        return 0
    instance = InstanceServer(name, app)
    instance.listen()
    try:
        return _run_window(app, instance, args)
    finally:
        instance.close()


def _run_window(app: QApplication, instance: InstanceServer, args: argparse.Namespace) -> int:
    from wacampaign_desktop.core.runtime_config import RuntimeConfig
    from wacampaign_desktop.core.sandbox import SandboxConfig
    from wacampaign_desktop.gui.database_unavailable import open_or_ask
    from wacampaign_desktop.gui.first_run import seed_demo_contacts
    from wacampaign_desktop.gui.main_window import MainWindow
    from wacampaign_desktop.gui.models.labels import ui_locale
    from wacampaign_desktop.gui.runtime_controller import runtime_factory
    from wacampaign_desktop.gui.services import GuiServices

    # H2: a team database that cannot be opened asks: try again, this computer's file, or quit
    context = open_or_ask(args, lambda setting: install_translators(app, choose_language(setting)))
    if context is None:
        return 0
    install_translators(app, choose_language(context.settings.language))
    QLocale.setDefault(ui_locale())  # every QLocale() formats dates/numbers like the interface
    seed_demo_contacts(context)
    # live mode reaches Twilio at --api-url (default: WACAMPAIGN_TWILIO_API_URL, see cli/__init__);
    # the built-in sandbox plays the first-run demo (failures, replies, an opt-out: sandbox/demo.py)
    config = RuntimeConfig(api_url=getattr(args, "api_url", None) or None,
                           sandbox=SandboxConfig.demo())
    services = GuiServices.create(context, make_runtime=runtime_factory(config))
    window = MainWindow(services)
    instance.activateRequested.connect(lambda: bring_forward(window))
    window.show()
    settle_heap()
    services.runtime_controller.start()
    try:
        return app.exec()
    finally:
        services.runtime_controller.stop()
        services.close()
        context.close()

