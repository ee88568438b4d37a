"""Unread replies: a count on the navigation's Inbox entry and on each conversation; showing a
conversation clears its count, and a new message raises the counts again, live."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtGui import QImage

from wacampaign_desktop.core.clock import SYSTEM_CLOCK
from wacampaign_desktop.core.events import InboundReceived
from wacampaign_desktop.core.store.models import Contact, InboundMessage
from wacampaign_desktop.gui.inbox.badge import BADGE_COLOR, BADGE_ROLE
from wacampaign_desktop.gui.main_window import MainWindow

ALICE, BOB = "+33612345678", "+33698765432"


@pytest.fixture
def window(context, qtbot, services):
    main = MainWindow(services)
    qtbot.addWidget(main)
    main.show()
    return main


def _inbound(sid: str, phone: str, body: str, minutes_ago: float) -> InboundMessage:
    return InboundMessage.create(message_sid=sid, from_number=f"whatsapp:{phone}", body=body,
                                 received_at=SYSTEM_CLOCK.now() - timedelta(minutes=minutes_ago))


def _badge_pixels(widget) -> int:
    """How many pixels of the badge's green the widget shows."""
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    green = BADGE_COLOR.rgb()
    return sum(1 for y in range(image.height()) for x in range(image.width())
               if image.pixel(x, y) == green)


def test_badges_count_unread_and_clear_when_read(window, context, wait_until):
    Contact.create(phone=ALICE, name="Alice Martin")
    _inbound("SM1", ALICE, "Open on Sunday?", minutes_ago=30)
    _inbound("SM2", ALICE, "And Monday?", minutes_ago=20)
    _inbound("SM3", BOB, "Hello", minutes_ago=10)
    window.inbox_badge.refresh()  # the rows were written after the window opened
    window.show_view("campaigns")
    nav_item = window.nav.item(2)
    assert nav_item.text() == "Inbox" and nav_item.data(BADGE_ROLE) == "3"
    assert "3 unread messages" in nav_item.toolTip()
    assert _badge_pixels(window.nav) > 20  # the green count is drawn

    inbox = window.show_view("inbox")
    wait_until(lambda: not inbox.loading and inbox.ui.conversationList.count() == 2, timeout=10)
    conversations = inbox.ui.conversationList
    bob, alice = conversations.item(0), conversations.item(1)  # newest first; Bob is shown
    assert "Alice Martin" in alice.text() and alice.data(BADGE_ROLE) == "2"
    assert alice.font().bold()
    wait_until(lambda: bob.data(BADGE_ROLE) is None, timeout=10)  # Bob's message is on screen
    assert not bob.font().bold()
    wait_until(lambda: nav_item.data(BADGE_ROLE) == "2", timeout=10)

    conversations.setCurrentRow(1)  # reading Alice's conversation
    wait_until(lambda: nav_item.data(BADGE_ROLE) is None
               and conversations.item(1).data(BADGE_ROLE) is None, timeout=10)
    assert not conversations.item(1).font().bold()
    assert InboundMessage.select().where(InboundMessage.seen_at.is_null()).count() == 0
    window.show_view("campaigns")
    assert _badge_pixels(window.nav) == 0
    assert "unread" not in nav_item.toolTip()

    # a new message arrives while another view is shown: the Inbox entry counts it at once
    message = _inbound("SM4", BOB, "Still there?", minutes_ago=0)
    context.bus.publish(InboundReceived(message.id, None, BOB, message.body))
    wait_until(lambda: nav_item.data(BADGE_ROLE) == "1", timeout=10)
    inbox = window.show_view("inbox")  # Alice's conversation stays on screen; Bob's is counted
    wait_until(lambda: not inbox.loading and conversations.item(0).data(BADGE_ROLE) == "1",
               timeout=10)
    assert "Still there?" in conversations.item(0).text() and conversations.item(0).font().bold()
    assert conversations.currentRow() == 1 and nav_item.data(BADGE_ROLE) == "1"
    conversations.setCurrentRow(0)
    wait_until(lambda: nav_item.data(BADGE_ROLE) is None
               and conversations.item(0).data(BADGE_ROLE) is None, timeout=10)


def test_a_burst_of_replies_shows_99_plus(window, context, wait_until):
    nav_item = window.nav.item(2)
    assert nav_item.data(BADGE_ROLE) is None  # nothing unread: no badge at all
    for i in range(120):
        message = _inbound(f"SM{i:032d}", f"+336123{i:05d}", "Hi", minutes_ago=1)
        context.bus.publish(InboundReceived(message.id, None, message.from_number, "Hi"))
    wait_until(lambda: nav_item.data(BADGE_ROLE) == "99+", timeout=10)
    assert "120 unread messages" in nav_item.toolTip()
