"""When the window cannot open the team database (PostgreSQL server down, password refused,
database missing): a plain dialog naming the server (never its password) and what failed, with
three choices — try again, open this computer's own profile file for this run only (settings
unchanged), or quit. No stack trace: the server's own words only when nothing plainer fits."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from wacampaign_desktop.core.app_context import AppContext
from wacampaign_desktop.core.services import database_settings as dbs

RETRY, LOCAL, QUIT = "retry", "local", "quit"


class DatabaseUnavailableDialog(QMessageBox):
    """The three choices; `choice` is RETRY, LOCAL or QUIT once closed."""

    def __init__(self, failure: dbs.OpenFailure, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("databaseUnavailableDialog")
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle(self.tr("Cannot open the team database"))
        self.setText(self.tr("The team database could not be opened."))
        self.setInformativeText("\n\n".join([
            self.tr("Server: %1").replace("%1", failure.server),
            self.failure_sentence(failure),
            self.tr("“Open the local profile instead” uses this computer’s own file for this "
                    "session only; your settings stay as they are."),
        ]))
        self.retry = self.addButton(self.tr("Try again"), QMessageBox.ButtonRole.AcceptRole)
        self.retry.setObjectName("retryDatabase")
        self.local = self.addButton(self.tr("Open the local profile instead"),
                                    QMessageBox.ButtonRole.ActionRole)
        self.local.setObjectName("openLocalProfile")
        self.quit = self.addButton(self.tr("Quit"), QMessageBox.ButtonRole.RejectRole)
        self.quit.setObjectName("quitApp")
        self.setDefaultButton(self.retry)
        self.setEscapeButton(self.quit)

    def failure_sentence(self, failure: dbs.OpenFailure) -> str:
        """What failed, in plain words."""
        if failure.kind == "unreachable":
            return self.tr("This computer cannot reach the server. Check that the server is "
                           "running and that this computer is connected to the network.")
        if failure.kind == "password":
            return self.tr("The server refused the password. Ask the person who set up the "
                           "database for the right one; you can store it in File → Team "
                           "database…")
        if failure.kind == "missing":
            return self.tr("The server has no database of that name. Check the name in File → "
                           "Team database…")
        return self.tr("The server answered: %1").replace("%1", failure.detail)

    @property
    def choice(self) -> str:
        clicked = self.clickedButton()
        if clicked is self.retry:
            return RETRY
        if clicked is self.local:
            return LOCAL
        return QUIT


def ask(failure: dbs.OpenFailure) -> str:
    dialog = DatabaseUnavailableDialog(failure)
    dialog.exec()
    return dialog.choice


def open_or_ask(args: argparse.Namespace,
                install_language: Callable[[str], list] = lambda _language: []
                ) -> AppContext | None:
    """The profile's context, asking what to do while its database cannot be opened; None when
    the user chose Quit. `install_language(setting)` installs the interface language for the
    dialog (returns the translators, removed afterwards: the window installs its own)."""
    data_dir = args.data_dir
    verbose = getattr(args, "verbose", False)
    url = getattr(args, "database_url", None)
    while True:
        try:
            return dbs.open_profile(data_dir, verbose=verbose, database_url=url)
        except (dbs.DatabaseUnavailable, dbs.DatabaseUrlError) as exc:
            failure = dbs.failure_of(exc, dbs.target_url(data_dir, url))
        translators = install_language(dbs.profile_language(data_dir))
        try:
            choice = ask(failure)
        finally:
            app = QApplication.instance()
            for translator in translators:
                if app is not None:
                    app.removeTranslator(translator)
        if choice == LOCAL:
            return dbs.open_local(data_dir, verbose=verbose)
        if choice == QUIT:
            return None
