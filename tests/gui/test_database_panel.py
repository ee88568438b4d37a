"""File → Team database…: testing the connection to the team's PostgreSQL server answers in plain
words (connected / cannot reach), and moving a small profile into an empty database reports the
same counts on both sides; a database that already has tables is refused, nothing copied."""

from __future__ import annotations

import socket

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QMessageBox

from wacampaign_desktop.core.services.database_settings import choice_of_url
from wacampaign_desktop.core.store import message_updates as mu
from wacampaign_desktop.core.store.models import Campaign, Contact
from wacampaign_desktop.gui.settings.database_panel import TeamDatabaseDialog


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _dialog(qtbot, services, url: str) -> TeamDatabaseDialog:
    dialog = TeamDatabaseDialog(services)
    qtbot.addWidget(dialog)
    dialog.server_choice.setChecked(True)
    choice = choice_of_url(url)
    dialog.host.setText(choice.host)
    dialog.port.setValue(choice.port)
    dialog.database.setText(choice.database)
    dialog.user.setText(choice.user)
    dialog.show()
    return dialog


def _confirm_move() -> None:
    def click() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox) and box.objectName() == "confirmMove":
            box.findChild(QAbstractButton, "confirmMoveButton").click()
        else:
            QTimer.singleShot(20, click)
    QTimer.singleShot(0, click)


def test_test_connection_says_connected_then_cannot_reach(qtbot, services, make_pg_database):
    dialog = _dialog(qtbot, services, make_pg_database())

    dialog.test_button.click()
    qtbot.waitUntil(lambda: dialog.result.text().startswith("Connected"), timeout=10_000)
    assert "PostgreSQL" in dialog.result.text()

    dialog.port.setValue(_closed_port())
    dialog.test_button.click()
    qtbot.waitUntil(lambda: "Cannot reach the server" in dialog.result.text(), timeout=10_000)
    assert f"127.0.0.1:{dialog.port.value()}" in dialog.result.text()
    assert dialog.test_button.isEnabled()


def test_moving_a_small_profile_reports_equal_counts(qtbot, services, make_pg_database):
    contacts = [Contact.create(phone=f"+3361000000{i}", name=f"Client {i}") for i in range(3)]
    campaign = Campaign.create(name="Winter sale", body="Hello {{name}}")
    mu.insert_messages(campaign.id, [{"phone": c.phone, "contact": c.id, "message": "Hello",
                                      "status": "pending"} for c in contacts])
    counts = mu.recount(campaign.id)
    Campaign.update({getattr(Campaign, f"{k}_count"): v for k, v in counts.items()}).where(
        Campaign.id == campaign.id).execute()
    dialog = _dialog(qtbot, services, make_pg_database(empty=True))

    _confirm_move()
    dialog.move_button.click()
    qtbot.waitUntil(lambda: dialog.report.isVisible(), timeout=20_000)

    assert "every table and every campaign counter matches" in dialog.result.text()
    lines = dialog.report.toPlainText().splitlines()
    assert "✓ Contacts: 3 of 3 copied" in lines
    assert "✓ Campaign messages: 3 of 3 copied" in lines
    assert "✓ Campaign “Winter sale”: counters match" in lines
    assert not any(line.startswith("✗") for line in lines)
    assert services.context.settings.database_url == ""  # Save, not the move, switches


def test_moving_into_a_database_with_tables_is_refused(qtbot, services, make_pg_database):
    dialog = _dialog(qtbot, services, make_pg_database())  # already at the current schema

    _confirm_move()
    dialog.move_button.click()
    qtbot.waitUntil(lambda: "Nothing was copied" in dialog.result.text(), timeout=20_000)
    assert "already has tables" in dialog.result.text()
    assert not dialog.report.isVisible() and dialog.move_button.isEnabled()


def test_save_keeps_the_password_in_the_keyring_and_says_when_it_applies(qtbot, services,
                                                                         make_pg_database):
    from wacampaign_desktop.core.secrets import DATABASE_PASSWORD

    url = make_pg_database()
    dialog = _dialog(qtbot, services, url)
    dialog.password.setText("T3am-pw")
    told: list[str] = []

    def close_notice() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox) and box.isVisible():
            told.append(box.text())
            box.accept()
        else:
            QTimer.singleShot(20, close_notice)
    QTimer.singleShot(0, close_notice)
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()

    assert told == ["Saved. Close the app and open it again to use the new database."]
    assert services.context.settings.database_url == url  # the URL, never the password
    settings_text = services.context.paths.settings_file.read_text()
    assert "T3am-pw" not in settings_text and url in settings_text
    assert services.context.secrets.get(DATABASE_PASSWORD) == "T3am-pw"
    assert services.context.engine == "sqlite"  # this run keeps its database
