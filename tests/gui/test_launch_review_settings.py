"""File → Sending…: the 24-hour window check can be turned off only after a plain warning;
once it is off, a live free-text campaign's view and review say so."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from tests.gui.test_launch_review import answer_modal
from tests.live_safety.helpers import (
    free_text_campaign,
    go_live,
    seed_contacts,
    start_window_sandbox,
)
from wacampaign_desktop.core.services.launch_review import LaunchReviews
from wacampaign_desktop.core.services.sending_settings import SendingSettingsService
from wacampaign_desktop.core.settings import load_settings
from wacampaign_desktop.gui.campaigns.campaign_view import CampaignView
from wacampaign_desktop.gui.campaigns.launch_review_dialog import LaunchReviewDialog
from wacampaign_desktop.gui.main_window import MainWindow
from wacampaign_desktop.gui.settings.sending_panel import SendingDialog

TIMEOUT = 20_000


def _live(context) -> None:
    sandbox = start_window_sandbox()
    try:
        go_live(context, sandbox)
    finally:
        sandbox.stop()
    seed_contacts(context)


def test_turning_the_window_check_off_warns_and_the_campaign_says_so(qtbot, context, services):
    _live(context)
    campaign = free_text_campaign()
    dialog = SendingDialog(services)
    qtbot.addWidget(dialog)
    assert dialog.window_guard.isChecked()
    assert dialog.window_guard.text() == ("Send free text only to contacts who wrote in the last "
                                          "24 hours (recommended)")

    seen: list = []  # "Keep it on": nothing changes
    answer_modal(QMessageBox, "keepWindowGuard", seen)
    dialog.window_guard.click()
    qtbot.waitUntil(lambda: len(seen) == 2, timeout=TIMEOUT)
    assert dialog.window_guard.isChecked()

    seen.clear()
    answer_modal(QMessageBox, "turnOffWindowGuard", seen)
    dialog.window_guard.click()
    qtbot.waitUntil(lambda: len(seen) == 2, timeout=TIMEOUT)
    warning = seen[1].informativeText()
    assert "63016" in warning and "quality rating" in warning
    assert not dialog.window_guard.isChecked()
    assert SendingSettingsService(context).read().window_guard  # not saved before Save
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert not SendingSettingsService(context).read().window_guard
    assert load_settings(context.paths.settings_file).window_guard is False  # on disk

    view = CampaignView(services)
    qtbot.addWidget(view)
    view.resize(900, 600)
    view.show()
    view.set_campaign(campaign.id)
    choice = view.window_choice
    qtbot.waitUntil(lambda: choice.isVisible() and "turned off" in choice.summary.text(),
                    timeout=TIMEOUT)
    assert "63016" in choice.summary.text() and not choice.hold.isVisible()

    review = LaunchReviews(context).review(campaign.id)
    assert review.window_guard_off and review.held == 0
    shown = LaunchReviewDialog(review)
    qtbot.addWidget(shown)
    assert "turned off" in shown.findChild(object, "guardOffWarning").text()


def test_the_sending_screen_is_in_the_file_menu(qtbot, services):
    window = MainWindow(services)
    qtbot.addWidget(window)
    action = window.findChild(object, "actionSending")
    assert action is not None and action.text() == "Sending…"
    assert action in window.menuBar().actions()[0].menu().actions()
