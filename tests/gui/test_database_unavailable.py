"""Opening the window when the team's PostgreSQL server cannot be reached: a plain dialog names
the server (without its password) and what failed, and offers Try again, Open the local profile
instead (this run only: settings unchanged) and Quit — never a stack trace."""

from __future__ import annotations

import argparse
import socket
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication

from wacampaign_desktop.core.app_context import profile_secrets
from wacampaign_desktop.core.paths import AppPaths
from wacampaign_desktop.core.secrets import DATABASE_PASSWORD
from wacampaign_desktop.core.settings import load_settings, save_settings
from wacampaign_desktop.gui.app import choose_language, install_translators
from wacampaign_desktop.gui.database_unavailable import DatabaseUnavailableDialog, open_or_ask


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # nobody listens once closed


def _team_profile(folder: Path, language: str = "") -> str:
    """A profile whose settings point at a PostgreSQL server on a closed local port."""
    paths = AppPaths.for_data_dir(folder).ensure()
    settings = load_settings(paths.settings_file)
    settings.database_url = f"postgresql://staff@127.0.0.1:{_closed_port()}/shop"
    settings.language = language
    save_settings(settings, paths.settings_file)
    profile_secrets(folder).set(DATABASE_PASSWORD, "s3cret-pw")
    return settings.database_url


def _answer(buttons: list[str], seen: list[str]) -> None:
    """Click `buttons` in order, one per dialog shown; record each dialog's words."""
    def click() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, DatabaseUnavailableDialog) or not dialog.isVisible():
            QTimer.singleShot(20, click)
            return
        seen.append(f"{dialog.windowTitle()}\n{dialog.text()}\n{dialog.informativeText()}")
        dialog.findChild(QAbstractButton, buttons.pop(0)).click()
        if buttons:
            QTimer.singleShot(20, click)
    QTimer.singleShot(0, click)


def test_unreachable_server_offers_the_local_profile_for_this_run_only(qapp, tmp_path):
    folder = tmp_path / "profile"
    url = _team_profile(folder)
    seen: list[str] = []
    _answer(["openLocalProfile"], seen)

    context = open_or_ask(argparse.Namespace(data_dir=folder, verbose=False, database_url=None))

    try:
        assert context is not None and context.engine == "sqlite"
        assert len(seen) == 1
        words = seen[0]
        assert url in words  # which server, as postgresql://staff@127.0.0.1:PORT/shop
        assert "cannot reach the server" in words
        assert "s3cret-pw" not in words and "Traceback" not in words
        # this run only: the profile still points at the team server
        assert load_settings(AppPaths.for_data_dir(folder).settings_file).database_url == url
    finally:
        if context is not None:
            context.close()


def test_try_again_asks_again_then_quit_opens_nothing_in_french(qapp, tmp_path):
    folder = tmp_path / "profile"
    _team_profile(folder, language="fr")
    seen: list[str] = []
    _answer(["retryDatabase", "quitApp"], seen)

    context = open_or_ask(
        argparse.Namespace(data_dir=folder, verbose=False, database_url=None),
        lambda setting: install_translators(qapp, choose_language(setting)))

    assert context is None
    assert len(seen) == 2  # tried again, failed again, asked again
    assert "Impossible d’ouvrir la base de données de l’équipe" in seen[0]
    assert "n’arrive pas à joindre le serveur" in seen[0]
    assert QApplication.translate("DatabaseUnavailableDialog", "Quit") == "Quit"  # removed after
