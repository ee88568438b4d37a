"""`wacampaign-desktop` (run_gui) as a user starts it: the window opens at once, the sending
service comes up behind it (sandbox on a first run) and is stopped when the window is quit, so
the profile is free again for the next start."""

from __future__ import annotations

import argparse
import gc
import sys

from PySide6.QtCore import QLocale, QTimer
from PySide6.QtWidgets import QApplication

from wacampaign_desktop.core.app_context import AppContext
from wacampaign_desktop.core.runtime import Runtime
from wacampaign_desktop.gui.app import run_gui
from wacampaign_desktop.gui.main_window import MainWindow


def test_run_gui_brings_the_runtime_up_and_down(qapp, tmp_path):
    profile = tmp_path / "profile"
    setup = AppContext.open(profile)
    setup.settings.webhook_port = 0  # tests never take the real port
    setup.settings.tunnel_mode = "local"
    setup.save_settings()
    setup.close()
    seen: dict[str, object] = {}

    def watch() -> None:
        window = next((w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)),
                      None)
        controller = window.services.runtime_controller if window is not None else None
        if controller is not None and (controller.running or controller.error):
            seen["window"], seen["runtime"], seen["error"] = window, controller.runtime, controller.error
            seen["mode"] = window.status.mode_badge.text()
            qapp.quit()  # as the window's Quit does
            return
        QTimer.singleShot(20, watch)

    switch, style, locale = sys.getswitchinterval(), qapp.styleSheet(), QLocale()
    # Quitting closes the window; its "last window closed" exit would otherwise land after
    # exec() returned and end every later event loop of this test process at once.
    qapp.setQuitOnLastWindowClosed(False)
    QTimer.singleShot(0, watch)
    try:
        assert run_gui(argparse.Namespace(data_dir=profile, verbose=False, api_url=None)) == 0
    finally:  # run_gui tunes the process for the app: give the next tests the defaults back
        sys.setswitchinterval(switch)
        qapp.setStyleSheet(style)
        QLocale.setDefault(locale)
        qapp.setQuitOnLastWindowClosed(True)
        gc.unfreeze()
    assert seen.get("error") == "" and isinstance(seen.get("runtime"), Runtime)
    assert seen["mode"] == "Sandbox"
    assert not seen["window"].services.runtime_controller.running  # stopped on quit
    again = AppContext.open(profile)
    try:  # the profile lock was released: a new runtime can start on it
        Runtime(again).start().stop()
    finally:
        again.close()
