"""File → Team database…: where this profile's data is kept — this computer's own file (the
default) or a PostgreSQL server the team shares (host, port, database, user, encryption; the
password goes to the system keyring, never to settings). "Test connection" and "Move this
profile's data into it…" run on a worker thread and answer in plain words; the move refuses a
database that already has tables and shows its per-table and per-campaign check. Save takes
effect the next time the app starts. Everything goes through core/services/database_settings.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from wacampaign_desktop.core.services import database_settings as dbs
from wacampaign_desktop.gui.settings import database_words as words

if TYPE_CHECKING:
    from wacampaign_desktop.gui.services import GuiServices


class _Progress(QObject):
    """Carries the move's progress from the worker to the GUI thread (queued)."""

    moved = Signal(str, int, int)


class TeamDatabaseDialog(QDialog):
    def __init__(self, services: GuiServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.context = services.context
        self.busy = False
        self.setObjectName("teamDatabaseDialog")
        self.setWindowTitle(self.tr("Team database"))
        layout = QVBoxLayout(self)

        where = QGroupBox(self.tr("Where this profile’s data is kept"))
        where_box = QVBoxLayout(where)
        self.local_choice = QRadioButton(self.tr("This computer’s own file (the default)"))
        self.local_choice.setObjectName("localChoice")
        self.server_choice = QRadioButton(self.tr("A PostgreSQL server shared by the team"))
        self.server_choice.setObjectName("serverChoice")
        group = QButtonGroup(self)
        group.addButton(self.local_choice)
        group.addButton(self.server_choice)
        where_box.addWidget(self.local_choice)
        where_box.addWidget(self.server_choice)
        in_use = QLabel(self.tr("This window uses: %1").replace("%1", self.context.database_label))
        in_use.setObjectName("databaseInUse")
        in_use.setWordWrap(True)
        in_use.setProperty("role", "muted")
        where_box.addWidget(in_use)
        layout.addWidget(where)

        self.server_box = QGroupBox(self.tr("Server"))
        form = QFormLayout(self.server_box)
        self.host = self._line("dbHost", "db.example.com")
        form.addRow(self.tr("Address"), self.host)
        self.port = QSpinBox()
        self.port.setObjectName("dbPort")
        self.port.setRange(1, 65535)
        form.addRow(self.tr("Port"), self.port)
        self.database = self._line("dbName", "wacampaign")
        form.addRow(self.tr("Database"), self.database)
        self.user = self._line("dbUser", "")
        form.addRow(self.tr("User name"), self.user)
        self.password = self._line("dbPassword", "")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        if dbs.has_password(self.context):
            self.password.setPlaceholderText(self.tr("Stored in the system keyring (type to change)"))
        form.addRow(self.tr("Password"), self.password)
        self.sslmode = QComboBox()
        self.sslmode.setObjectName("dbSslMode")
        for mode, label in zip(dbs.SSL_MODES, (
                self.tr("Used when the server offers it"), self.tr("Required"),
                self.tr("Required, and the server’s certificate checked"), self.tr("Off")),
                strict=True):
            self.sslmode.addItem(label, mode)
        form.addRow(self.tr("Encryption"), self.sslmode)
        actions = QHBoxLayout()
        self.test_button = QPushButton(self.tr("Test connection"))
        self.test_button.setObjectName("testConnection")
        self.test_button.clicked.connect(self.test_connection)
        self.move_button = QPushButton(self.tr("Move this profile’s data into it…"))
        self.move_button.setObjectName("moveData")
        self.move_button.clicked.connect(self.move_data)
        actions.addWidget(self.test_button)
        actions.addWidget(self.move_button)
        actions.addStretch(1)
        form.addRow(actions)
        self.result = QLabel()
        self.result.setObjectName("connectionResult")
        self.result.setWordWrap(True)
        form.addRow(self.result)
        self.progress = QProgressBar()
        self.progress.setObjectName("moveProgress")
        self.progress.setVisible(False)
        form.addRow(self.progress)
        self.report = QPlainTextEdit()
        self.report.setObjectName("moveReport")
        self.report.setReadOnly(True)
        self.report.setVisible(False)
        self.report.setMinimumHeight(self.fontMetrics().lineSpacing() * 9)
        form.addRow(self.report)
        layout.addWidget(self.server_box)

        note = QLabel(self.tr("A saved change takes effect the next time the app starts: close "
                              "it and open it again."))
        note.setWordWrap(True)
        note.setProperty("role", "muted")
        layout.addWidget(note)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(min(640, self.fontMetrics().horizontalAdvance("M") * 46))

        self._progress = _Progress(self)
        self._progress.moved.connect(self._on_progress)
        self.server_choice.toggled.connect(self._update_enabled)
        self.load()

    def _line(self, name: str, placeholder: str) -> QLineEdit:
        line = QLineEdit()
        line.setObjectName(name)
        line.setPlaceholderText(placeholder)
        return line

    def load(self) -> None:
        choice = dbs.current_choice(self.context)
        (self.server_choice if choice.kind == "postgresql" else self.local_choice).setChecked(True)
        self.host.setText(choice.host)
        self.port.setValue(choice.port)
        self.database.setText(choice.database)
        self.user.setText(choice.user)
        self.sslmode.setCurrentIndex(max(0, self.sslmode.findData(choice.sslmode)))
        self._update_enabled()

    def choice(self) -> dbs.DatabaseChoice:
        if not self.server_choice.isChecked():
            return dbs.DatabaseChoice()
        return dbs.DatabaseChoice("postgresql", self.host.text().strip(), self.port.value(),
                                  self.database.text().strip(), self.user.text().strip(),
                                  str(self.sslmode.currentData()))

    def _server_choice(self) -> dbs.DatabaseChoice:
        """The server fields as typed, whichever radio button is on (test/move need them)."""
        return dbs.DatabaseChoice("postgresql", self.host.text().strip(), self.port.value(),
                                  self.database.text().strip(), self.user.text().strip(),
                                  str(self.sslmode.currentData()))

    def _update_enabled(self) -> None:
        self.server_box.setEnabled(self.server_choice.isChecked())
        self.test_button.setEnabled(not self.busy)
        self.move_button.setEnabled(not self.busy and self.context.engine == "sqlite")
        self.buttons.setEnabled(not self.busy)

    def _missing(self, choice: dbs.DatabaseChoice) -> bool:
        problem = choice.problem()
        if not problem:
            return False
        names = {"host": self.tr("Type the server’s address."),
                 "database": self.tr("Type the database name."),
                 "user": self.tr("Type the user name.")}
        self._say(names[problem])
        {"host": self.host, "database": self.database, "user": self.user}[problem].setFocus()
        return True

    def _say(self, text: str) -> None:
        self.result.setText(text)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self._update_enabled()

    # --- test connection -------------------------------------------------------------------
    def test_connection(self) -> None:
        choice = self._server_choice()
        if self._missing(choice):
            return
        password = self.password.text()
        self._set_busy(True)
        self._say(self.tr("Connecting…"))
        self.services.tasks.run(lambda: dbs.try_connection(self.context, choice, password),
                                self._on_tested, self._on_error)

    def _on_tested(self, result: dbs.ConnectionResult) -> None:
        self._set_busy(False)
        self._say(words.connection_text(result))

    def _on_error(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.progress.setVisible(False)
        if isinstance(exc, dbs.TargetNotEmpty):
            self._say(words.not_empty_text(self.database.text().strip()))
        elif isinstance(exc, dbs.DatabaseUnavailable | dbs.DatabaseUrlError):
            self._say(words.failure_text(dbs.failure_of(exc, self._server_choice().url)))
        else:
            self._say(self.tr("The move did not start: %1").replace("%1", str(exc)))

    # --- move the data ---------------------------------------------------------------------
    def move_data(self) -> None:
        choice = self._server_choice()
        if self._missing(choice) or not self._confirm_move(choice):
            return
        password = self.password.text()
        self._set_busy(True)
        self.report.setVisible(False)
        self.progress.setVisible(True)
        self.progress.setRange(0, 0)
        self._say(self.tr("Moving the data…"))
        relay = self._progress
        self.services.tasks.run(
            lambda: dbs.move_data(self.context, choice, password, relay.moved.emit),
            self._on_moved, self._on_error)

    def _confirm_move(self, choice: dbs.DatabaseChoice) -> bool:
        box = QMessageBox(self)
        box.setObjectName("confirmMove")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Move this profile’s data"))
        box.setText(self.tr("Copy everything in this profile into the database “%1” on %2?")
                    .replace("%1", choice.database).replace("%2", choice.host))
        box.setInformativeText(self.tr(
            "The database must be empty. This computer’s own file stays as it is; nothing is "
            "deleted. Every table and campaign counter is checked afterwards."))
        move = box.addButton(self.tr("Move the data"), QMessageBox.ButtonRole.AcceptRole)
        move.setObjectName("confirmMoveButton")
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is move

    def _on_progress(self, table: str, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self._say(words.progress_text(table, done, total))

    def _on_moved(self, report: dbs.TransferReport) -> None:
        self._set_busy(False)
        self.progress.setVisible(False)
        self._say(words.report_summary(report))
        self.report.setPlainText("\n".join(words.report_lines(report)))
        self.report.setVisible(True)

    # --- save ------------------------------------------------------------------------------
    def save(self) -> None:
        choice = self.choice()
        if self._missing(choice):
            return
        before = self.context.settings.database_url
        try:
            dbs.save_choice(self.context, choice, self.password.text())
        except (OSError, ValueError) as exc:
            QMessageBox.warning(self, self.tr("Could not save"), str(exc))
            return
        if choice.url != before:
            QMessageBox.information(self, self.tr("Team database"), self.tr(
                "Saved. Close the app and open it again to use the new database."))
        self.accept()


def open_database_dialog(parent: QWidget, services: GuiServices) -> bool:
    """File → Team database…; True when the user saved."""
    return TeamDatabaseDialog(services, parent).exec() == QDialog.DialogCode.Accepted
