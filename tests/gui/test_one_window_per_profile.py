"""One window per profile, with real processes: while `wacampaign-desktop` runs on a profile
(run_gui here, minimised), a second launch on that profile exits at once without opening it,
and the first window comes forward; a CLI command on the same profile still works alongside,
and another profile is not affected."""

from __future__ import annotations

import argparse
import gc
import os
import subprocess
import sys

from PySide6.QtCore import QLocale, QTimer
from PySide6.QtWidgets import QApplication

from wacampaign_desktop.core.app_context import AppContext
from wacampaign_desktop.gui.app import run_gui
from wacampaign_desktop.gui.main_window import MainWindow
from wacampaign_desktop.gui.single_instance import activate_running_window, server_name

LAUNCH_TIMEOUT_S = 60  # a cold Python + Qt start on a loaded machine


def _launch(*argv: str) -> subprocess.Popen:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.Popen([sys.executable, "-m", "wacampaign_desktop", *argv], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _profile(path):
    setup = AppContext.open(path)
    setup.settings.webhook_port = 0
    setup.settings.tunnel_mode = "local"
    setup.save_settings()
    setup.close()
    return path


def test_second_launch_brings_the_first_window_forward(qapp, tmp_path, wait_until):
    profile = _profile(tmp_path / "profile")
    other = tmp_path / "other"  # never opened: a launch there must not be sent to our window
    seen: dict[str, object] = {}

    def ours() -> list[MainWindow]:  # (windows of earlier tests may linger, hidden)
        return [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)
                and w.services.context.paths.data_dir == profile.resolve()]

    def window() -> MainWindow | None:
        return next(iter(ours()), None)

    def step() -> None:
        main = window()
        if main is None or not main.isVisible():
            QTimer.singleShot(20, step)
            return
        if "second" not in seen:
            main.showMinimized()
            seen["second"] = _launch("--data-dir", str(profile))
            seen["cli"] = _launch("campaign", "list", "--json", "--data-dir", str(profile))
        second, cli = seen["second"], seen["cli"]
        if second.poll() is None or cli.poll() is None:
            QTimer.singleShot(50, step)
            return
        seen["restored"] = not main.isMinimized() and main.isVisible()
        seen["windows"] = len(ours())
        seen["other_answers"] = activate_running_window(server_name(other), timeout_ms=200)
        qapp.quit()

    switch, style, locale = sys.getswitchinterval(), qapp.styleSheet(), QLocale()
    qapp.setQuitOnLastWindowClosed(False)
    watchdog = QTimer(singleShot=True, interval=LAUNCH_TIMEOUT_S * 1000)
    watchdog.timeout.connect(qapp.quit)  # bounded: never hang the suite
    watchdog.start()
    QTimer.singleShot(0, step)
    try:
        assert run_gui(argparse.Namespace(data_dir=profile, verbose=False, api_url=None)) == 0
    finally:
        watchdog.stop()
        sys.setswitchinterval(switch)
        qapp.setStyleSheet(style)
        QLocale.setDefault(locale)
        qapp.setQuitOnLastWindowClosed(True)
        gc.unfreeze()
        for process in (seen.get("second"), seen.get("cli")):
            if process is not None and process.poll() is None:
                process.kill()

    second, cli = seen["second"], seen["cli"]
    out, err = second.communicate()
    assert second.returncode == 0, err
    assert seen["restored"] is True  # the minimised first window came forward
    assert seen["windows"] == 1
    assert cli.communicate()[0].strip() == "[]" and cli.returncode == 0  # the CLI works alongside
    assert seen["other_answers"] is False  # another profile has no window to bring forward
    assert not other.exists()
    # once the window is closed, the next launch opens it again (the name is free)
    assert activate_running_window(server_name(profile), timeout_ms=200) is False


def test_a_socket_left_by_a_crashed_window_does_not_block_the_next(qapp, tmp_path):
    from pathlib import Path

    from PySide6.QtCore import QDir

    from wacampaign_desktop.gui.single_instance import InstanceServer

    name = server_name(tmp_path / "crashed")
    stale = Path(QDir.tempPath()) / name  # what a killed window leaves behind on Unix
    stale.write_text("")
    server = InstanceServer(name)
    try:
        assert activate_running_window(name, timeout_ms=200) is False  # nobody answers there
        assert server.listen()  # the leftover is replaced: this launch owns the profile now
        assert activate_running_window(name, timeout_ms=200) is True
    finally:
        server.close()
        stale.unlink(missing_ok=True)
