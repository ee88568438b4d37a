"""Starts the Qt application: translation from the system locale, the style, first-run demo
data, the main window, and the runtime (sandbox, webhooks, tunnel, engine) on a worker thread."""

from __future__ import annotations

import argparse
import gc
import logging
import sys
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from wacampaign_desktop import APP_ID, APP_NAME, __version__
from wacampaign_desktop.core.app_context import AppContext
from wacampaign_desktop.core.events import Alert
from wacampaign_desktop.core.paths import resource_path

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


def start_runtime(services: Any, make_runtime: Callable[[AppContext], Any] | None = None) -> bool:
    """Start core.runtime.Runtime (or `make_runtime(context)`) off the GUI thread; sets
    services.runtime and emits bridge.runtimeChanged when it is up. False when this build has
    no runtime."""
    try:
        from wacampaign_desktop.core.runtime import Runtime
    except ImportError as exc:
        log.warning("Runtime not available: %s", exc)
        services.runtime_error = QCoreApplication.translate("App", "not available in this build")
        services.bridge.runtimeChanged.emit(None)
        return False
    context = services.context

    def bring_up() -> Any:
        runtime = (make_runtime or Runtime)(context)
        runtime.start()
        return runtime

    def up(runtime: Any) -> None:
        services.runtime = runtime
        services.bridge.runtimeChanged.emit(runtime)

    def failed(exc: BaseException) -> None:
        log.error("The sending service could not start: %s", exc)
        services.runtime_error = str(exc)
        services.bridge.runtimeChanged.emit(None)
        services.bridge.alert.emit(Alert(
            code="server_error", level="error",
            message=QCoreApplication.translate(
                "App", "Sending and status updates are unavailable: %1").replace("%1", str(exc))))

    services.runtime_error = ""
    services.tasks.run(bring_up, up, failed)
    return True


def restart_runtime(services: Any, make_runtime: Callable[[AppContext], Any] | None = None) -> None:
    """Apply new settings (e.g. after Connect Twilio): stop the runtime and start a new one,
    both off the GUI thread. Views see runtimeChanged(None) then runtimeChanged(new)."""
    old, services.runtime = services.runtime, None
    services.runtime_error = ""
    services.bridge.runtimeChanged.emit(None)

    def stop_old() -> None:
        if old is not None:
            old.stop()

    def stopped(_result: Any) -> None:
        start_runtime(services, make_runtime)

    services.tasks.run(stop_old, stopped, lambda exc: stopped(None))


def stop_runtime(services: Any) -> None:
    runtime, services.runtime = services.runtime, None
    if runtime is not None:
        try:
            runtime.stop()
        except Exception:
            log.exception("Stopping the runtime failed")


def run_gui(args: argparse.Namespace) -> int:
    from wacampaign_desktop.gui.first_run import seed_demo_contacts
    from wacampaign_desktop.gui.main_window import MainWindow
    from wacampaign_desktop.gui.services import GuiServices

    context = AppContext.open(args.data_dir, verbose=getattr(args, "verbose", False))
    app = make_application()
    install_translators(app, choose_language(context.settings.language))
    seed_demo_contacts(context)
    services = GuiServices.create(context)
    window = MainWindow(services)
    window.show()
    settle_heap()
    start_runtime(services)
    try:
        return app.exec()
    finally:
        stop_runtime(services)
        services.close()
        context.close()
