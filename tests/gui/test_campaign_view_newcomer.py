"""What a newcomer tripped over in the campaign view (issue 14), as the user sees it: counters
that add up on a cancelled campaign, a filter that does not follow to the next campaign, Tab
between panes with a visible focus, the running campaign and its time left in the status bar
and the view, and a window usable at 800×600 whose message table fits 1440 px."""

from __future__ import annotations

import re
import threading
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.gui.campaign_helpers import campaign_with_messages
from wacampaign_desktop.core.events import (
    CampaignProgress,
    CampaignStateChanged,
    ServerStateChanged,
)
from wacampaign_desktop.core.store import message_updates as mu
from wacampaign_desktop.core.store.models import Campaign, CampaignMessage
from wacampaign_desktop.gui.main_window import MainWindow
from wacampaign_desktop.gui.resources import stylesheet


def _campaign(count: int, name: str, first: int = 0) -> Campaign:
    return campaign_with_messages(count, name, first=first, send_rate=1.0)


def _messages(campaign: Campaign) -> list[CampaignMessage]:
    return list(CampaignMessage.select().where(CampaignMessage.campaign == campaign.id)
                .order_by(CampaignMessage.id))


def _publish(bus, *events) -> None:
    thread = threading.Thread(target=lambda: [bus.publish(e) for e in events])
    thread.start()
    thread.join(10)


def _window(qtbot, services, width: int = 1280, height: int = 800) -> MainWindow:
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.resize(width, height)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_cancelled_campaign_counters_add_up_to_the_total(qtbot, services):
    campaign = _campaign(41, "Half cancelled")
    messages = _messages(campaign)
    for index, message in enumerate(messages[:12]):
        mu.transition(message, "sending")
        mu.record_sid(message, f"SM{index}", "queued")
        mu.apply_status(f"SM{index}", "read" if index < 5 else "delivered")
    for message in messages[12:]:
        mu.transition(message, "canceled")

    window = _window(qtbot, services)
    campaigns = window.show_view("campaigns")
    campaigns.select_campaign(campaign.id)
    panel = campaigns.campaign_view.counters
    assert panel.cards["canceled"].isVisible()
    assert panel.cards["canceled"].value.text() == "29"
    assert panel.cards["canceled"].caption.text() == "Cancelled"
    line = panel.breakdown.text()
    assert panel.breakdown.isVisible()
    assert line == "41 messages = 12 sent + 29 cancelled"
    numbers = [int(n) for n in re.findall(r"\d+", line)]
    assert numbers[0] == sum(numbers[1:]) == 41
    # each message is in exactly one of the exclusive cards shown
    shown = ("pending", "sent", "failed", "undelivered", "canceled", "skipped")
    assert sum(int(panel.cards[name].value.text()) for name in shown) == 41


def test_status_filter_does_not_follow_to_the_next_campaign(qtbot, services):
    first = _campaign(5, "First")
    second = _campaign(7, "Second", first=100)
    window = _window(qtbot, services)
    campaigns = window.show_view("campaigns")
    view = campaigns.campaign_view
    campaigns.select_campaign(first.id)
    view.status_filter.setCurrentIndex(view.status_filter.findData("failed"))
    assert view.model.rowCount() == 0
    assert view.filter_notice.isVisible() and "Failed or undelivered" in view.filter_notice.text()
    assert "no message matches" in view.filter_notice.text()
    assert view.show_all_button.isVisible()

    campaigns.select_campaign(second.id)  # a campaign just started shows every message
    assert view.status_filter.currentData() == "all"
    assert view.model.rowCount() == 7
    assert not view.filter_notice.isVisible() and not view.show_all_button.isVisible()

    qtbot.keyClicks(view.search, "0103")
    view.apply_search()
    assert view.model.rowCount() == 1 and view.filter_notice.isVisible()
    qtbot.mouseClick(view.show_all_button, Qt.MouseButton.LeftButton)
    assert view.search.text() == "" and view.model.rowCount() == 7
    assert not view.filter_notice.isVisible()


def test_tab_moves_between_panes_and_focus_is_visible(qtbot, services, qapp):
    _campaign(3, "One")
    _campaign(3, "Two", first=10)
    qapp.setStyleSheet(stylesheet())
    try:
        window = _window(qtbot, services)
        window.activateWindow()
        campaigns = window.show_view("campaigns")
        listing, view = campaigns.list, campaigns.campaign_view
        listing.setFocus()
        qtbot.waitUntil(listing.hasFocus)
        listing.setCurrentIndex(listing.model().index(0, 0))
        unfocused_frame = view.table.grab().toImage().pixelColor(0, 5)
        focused_frame = listing.grab().toImage().pixelColor(0, 5)

        qtbot.keyClick(listing, Qt.Key.Key_Down)  # arrows move within the list
        assert listing.currentIndex().row() == 1
        assert listing.hasFocus()
        qtbot.keyClick(listing, Qt.Key.Key_Tab)  # Tab leaves it, not to the next cell
        assert not listing.hasFocus()
        assert view.isAncestorOf(QApplication.focusWidget())
        assert not listing.tabKeyNavigation() and not view.table.tabKeyNavigation()

        # the focused pane wears a highlight frame the others do not
        highlight = listing.palette().highlight().color()
        assert focused_frame == highlight
        assert unfocused_frame != highlight
    finally:
        qapp.setStyleSheet("")


def test_status_bar_and_view_show_the_running_campaign_and_time_left(qtbot, services):
    campaign = _campaign(3, "Spring sale")
    window = _window(qtbot, services)
    status = window.status
    campaigns = window.show_view("campaigns")
    campaigns.select_campaign(campaign.id)
    view = campaigns.campaign_view
    Campaign.update(state="sending").where(Campaign.id == campaign.id).execute()
    t0 = datetime.now(UTC)
    bus = services.context.bus
    _publish(bus, CampaignStateChanged(campaign.id, "draft", "sending"),
             CampaignProgress(campaign.id, 100, 1000, 2.0, at=t0))
    qtbot.waitUntil(lambda: "Spring sale" in status.runtime_label.text())
    assert "100 of 1,000" in status.runtime_label.text()
    assert "about 8 min left" in status.runtime_label.text()  # 900 at the engine's 2/s
    _publish(bus, CampaignProgress(campaign.id, 110, 1000, 2.0, at=t0 + timedelta(seconds=10)))
    # measured over the last 10 s: 1 message/s, 890 left → about 15 min
    qtbot.waitUntil(lambda: "110 of" in status.runtime_label.text())
    assert "Ready to send" not in status.runtime_label.text()
    assert "110 of 1,000" in status.runtime_label.text()
    assert "about 15 min left" in status.runtime_label.text()
    qtbot.waitUntil(lambda: view.counters.time_left.isVisible())
    assert view.counters.time_left.text() == "About 15 min left"

    _publish(bus, CampaignStateChanged(campaign.id, "sending", "completed"))
    qtbot.waitUntil(lambda: "Ready to send" in status.runtime_label.text())
    qtbot.waitUntil(lambda: not view.counters.time_left.isVisible())


def test_window_usable_at_800x600_and_table_fits_1440(qtbot, services):
    campaign = _campaign(30, "Spring sale for our best clients")
    window = _window(qtbot, services, 800, 600)
    assert window.minimumSizeHint().width() <= 800
    assert window.width() == 800
    campaigns = window.show_view("campaigns")
    campaigns.select_campaign(campaign.id)
    listing = campaigns.list
    qtbot.waitUntil(lambda: listing.columnWidth(0) > 0)
    # the status bar has room for the campaign being sent, the webhook server says it shortly
    bus = services.context.bus
    _publish(bus, ServerStateChanged(True, "127.0.0.1", 8765),
             CampaignProgress(campaign.id, 10, 30, 1.0))
    status = window.status
    qtbot.waitUntil(lambda: "“Spring sale for o…”" in status.runtime_label.text())
    assert "Spring sale for our best clients" in status.runtime_label.toolTip()
    qtbot.waitUntil(lambda: "8765" in status.server_label.text())
    assert "listening" not in status.server_label.text()
    assert "listening on port 8765" in status.server_label.toolTip()
    assert status.runtime_label.width() >= status.runtime_label.sizeHint().width()
    # the campaign's name keeps at least its first word whole, the state stays
    assert listing.columnWidth(0) >= listing.fontMetrics().horizontalAdvance("Spring sale") + 8
    assert not listing.isColumnHidden(1)

    window.resize(1440, 900)
    table = campaigns.campaign_view.table
    qtbot.waitUntil(lambda: window.width() == 1440)
    qtbot.waitUntil(lambda: table.horizontalScrollBar().maximum() == 0)
    shown = table.model().data(table.model().index(0, 0))
    assert shown == "+33\u00a06\u00a012\u00a034\u00a000\u00a000"  # international, never cut
    assert table.columnWidth(0) >= table.fontMetrics().horizontalAdvance(shown)
