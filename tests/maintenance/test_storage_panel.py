"""Settings → Storage shows the sizes and what "Clean up now" will remove, then removes it;
File → Back up… and File → Storage… are in the window's menu."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.maintenance.helpers import fill_log


@pytest.fixture
def services(context):
    from wacampaign_desktop.gui.services import GuiServices

    services = GuiServices.create(context)
    yield services
    services.tasks.wait()
    services.close()


def test_storage_panel_shows_sizes_and_cleans_up_what_it_announced(qtbot, context, services):
    from wacampaign_desktop.gui.settings.storage_panel import StorageDialog

    now = context.clock.now()
    fill_log(context.db, 120, at=now - timedelta(days=400))
    fill_log(context.db, 80, at=now - timedelta(days=45))
    fill_log(context.db, 10, at=now)
    dialog = StorageDialog(services)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.report is not None and dialog.cleanButton.isEnabled(), timeout=10_000)
    assert "210" in dialog.logLabel.text()
    plan = dialog.planLabel.text()
    assert "80 entries" in plan and "remove 120 entries" in plan
    assert dialog.profileLabel.text() and dialog.databaseLabel.text() != "…"

    dialog.cleanButton.click()
    qtbot.waitUntil(lambda: dialog.report is not None and dialog.report.database.log_rows == 90,
                    timeout=10_000)
    assert "Nothing to clean up" in dialog.planLabel.text()
    assert "80 kept as a summary" in dialog.logLabel.text()


def test_storage_settings_are_saved_from_the_panel(qtbot, context, services):
    from wacampaign_desktop.core.settings import load_settings
    from wacampaign_desktop.gui.settings.storage_panel import StorageDialog

    dialog = StorageDialog(services)
    qtbot.addWidget(dialog)
    dialog.fullSpin.setValue(7)
    dialog.summarySpin.setValue(90)
    dialog.dailyCheck.setChecked(True)
    dialog.keepSpin.setValue(3)
    dialog.save()
    saved = load_settings(context.paths.settings_file)
    assert (saved.log_full_days, saved.log_summary_days, saved.auto_backup_daily,
            saved.auto_backup_keep) == (7, 90, True, 3)


def test_the_file_menu_has_back_up_and_storage(qtbot, services):
    from wacampaign_desktop.gui.main_window import MainWindow

    window = MainWindow(services)
    qtbot.addWidget(window)
    names = {action.objectName() for action in window.actions()}
    assert {"actionBackUp", "actionStorage"} <= names


def test_the_full_disk_banner_appears_and_clears(qtbot, context, services):
    from wacampaign_desktop.core.events import Alert
    from wacampaign_desktop.core.store.storage_health import BACK_MESSAGE, FULL_MESSAGE
    from wacampaign_desktop.gui.main_window import MainWindow

    window = MainWindow(services)
    qtbot.addWidget(window)
    context.bus.publish(Alert("storage_full", FULL_MESSAGE, level="error"))
    qtbot.waitUntil(lambda: [b.alert.code for b in window.alerts.banners] == ["storage_full"],
                    timeout=10_000)
    banner = window.alerts.banners[0]
    assert banner.title.text() == "The database is full"
    assert "Free some disk space" in banner.body.text() and "Clean up now" in banner.body.text()
    context.bus.publish(Alert("storage_ok", BACK_MESSAGE, level="info"))
    qtbot.waitUntil(lambda: window.alerts.banners == [], timeout=10_000)
