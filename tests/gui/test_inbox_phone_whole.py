"""Inbox at 800 px: a conversation's phone number is shown whole in international format; a long
name is shortened instead (or left out), and the tooltip has the whole name and number."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QStyleOptionViewItem

from wacampaign_desktop.core.clock import SYSTEM_CLOCK
from wacampaign_desktop.core.store.models import Contact, InboundMessage

PHONE = "+33\u00a06\u00a012\u00a034\u00a056\u00a078"
NAME = "Marie-Christine de La Fontaine-Beauregard"


@pytest.fixture
def view(context, qtbot, services):
    from wacampaign_desktop.gui.inbox import InboxView

    Contact.create(phone="+33612345678", name=NAME)
    InboundMessage.create(message_sid="SM1", from_number="whatsapp:+33612345678",
                          body="Is the shop open on Sunday?",
                          received_at=SYSTEM_CLOCK.now() - timedelta(minutes=5))
    inbox = InboxView(services)
    qtbot.addWidget(inbox)
    inbox.resize(640, 500)  # the Inbox's share of an 800 px window
    inbox.show()
    qtbot.waitUntil(lambda: not inbox.loading and inbox.ui.conversationList.count() == 1)
    return inbox


def _first_line_shown(lst) -> tuple[str, int, QFontMetrics]:
    """The first line the list's delegate paints for row 0, the room it has, and its font."""
    option = QStyleOptionViewItem()
    option.initFrom(lst)
    option.rect = lst.visualItemRect(lst.item(0))
    lst.itemDelegate().initStyleOption(option, lst.model().index(0, 0))
    lines = option.text.replace("\u2028", "\n").split("\n")  # Qt's line separator
    assert len(lines) == 2 and "Sunday" in lines[1], lines  # time and last message below
    return lines[0], option.rect.width(), QFontMetrics(option.font)


def test_the_number_is_whole_and_the_name_shortened(view, qtbot):
    lst = view.ui.conversationList
    first, room, metrics = _first_line_shown(lst)
    assert first.endswith(PHONE), first
    assert metrics.horizontalAdvance(first) <= room
    assert first.startswith("Mar") and "…" in first  # the name is shortened, not the number
    assert NAME in lst.item(0).toolTip() and PHONE in lst.item(0).toolTip()
    assert view.ui.contactLabel.text().endswith(PHONE)


@pytest.mark.parametrize("room", [60, 120, 200, 260])
def test_narrower_rows_keep_the_number_whole(view, room):
    from wacampaign_desktop.gui.inbox.conversation_item import fit_title

    metrics = QFontMetrics(view.ui.conversationList.font())
    first = fit_title(NAME, PHONE, metrics, room)
    assert first.endswith(PHONE) and (first == PHONE or "…" in first), first
    if metrics.horizontalAdvance(PHONE) <= room:
        assert metrics.horizontalAdvance(first) <= room


def test_a_wide_list_shows_the_whole_name(view, qtbot):
    lst = view.ui.conversationList
    view.resize(1400, 500)
    view.ui.splitter.setSizes([700, 700])
    qtbot.waitUntil(lambda: lst.viewport().width() > 500)
    first, _room, _metrics = _first_line_shown(lst)
    assert first == f"{NAME} · {PHONE}"
