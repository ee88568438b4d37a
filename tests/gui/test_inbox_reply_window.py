"""Inbox: conversations newest first, and the 24-hour free-text reply window."""

from __future__ import annotations

from datetime import timedelta

import pytest

from wacampaign_desktop.core.clock import SYSTEM_CLOCK
from wacampaign_desktop.core.services.inbox import reply_window
from wacampaign_desktop.core.store.models import Contact, InboundMessage

utcnow = SYSTEM_CLOCK.now


@pytest.fixture
def services(context, qtbot):
    from wacampaign_desktop.gui.services import GuiServices

    svc = GuiServices.create(context)
    yield svc
    svc.close()


def _inbound(sid: str, phone: str, body: str, hours_ago: float) -> None:
    InboundMessage.create(message_sid=sid, from_number=f"whatsapp:{phone}", body=body,
                          received_at=utcnow() - timedelta(hours=hours_ago))


def test_window_rule():
    now = utcnow()
    assert not reply_window(None, now).open
    open_ = reply_window(now - timedelta(hours=21, minutes=30), now)
    assert open_.open and open_.hours_left == 2 and open_.minutes_left == 30
    assert not reply_window(now - timedelta(hours=24, seconds=1), now).open


def test_inbox_reply_only_inside_window(services, qtbot, wait_until):
    from wacampaign_desktop.gui.inbox import InboxView

    Contact.create(phone="+33612345678", name="Alice Martin")
    _inbound("SM1", "+33612345678", "Old question", hours_ago=30)
    _inbound("SM2", "+33612345678", "Is the shop open on Sunday?", hours_ago=2)
    _inbound("SM3", "+33698765432", "Hello from last week", hours_ago=24 * 7)
    view = InboxView(services)
    qtbot.addWidget(view)
    view.show()
    wait_until(lambda: not view.loading, timeout=10)  # conversations are read off-thread
    lst = view.ui.conversationList
    assert lst.count() == 2
    assert "Alice Martin" in lst.item(0).text()  # newest first
    assert "Sunday" in view.ui.threadView.toPlainText()
    assert "Old question" in view.ui.threadView.toPlainText()
    assert "Reply window open" in view.ui.windowLabel.text()
    assert view.ui.replyEdit.isEnabled()
    assert not view.ui.sendButton.isEnabled()  # nothing typed yet
    view.ui.replyEdit.setPlainText("Yes, 10:00 to 13:00.")
    assert view.ui.sendButton.isEnabled()

    lst.setCurrentRow(1)  # the contact who wrote a week ago
    assert "template" in view.ui.windowLabel.text()
    assert not view.ui.replyEdit.isEnabled() and not view.ui.sendButton.isEnabled()


def test_inbox_updates_when_a_message_arrives(services, qtbot, wait_until):
    from wacampaign_desktop.core.events import InboundReceived
    from wacampaign_desktop.gui.inbox import InboxView

    view = InboxView(services)
    qtbot.addWidget(view)

    view.show()
    wait_until(lambda: not view.loading, timeout=10)
    assert view.ui.conversationList.count() == 0
    assert "No messages yet" in view.ui.contactLabel.text()
    _inbound("SM9", "+33611111111", "STOP", hours_ago=0)
    services.context.bus.publish(InboundReceived(inbound_id=1, contact_id=None,
                                                 phone="+33611111111", body="STOP"))
    wait_until(lambda: view.ui.conversationList.count() == 1, timeout=5)
    assert view.ui.sendButton.isEnabled() is False
    assert view.ui.replyEdit.isEnabled()


def test_reply_round_trip_through_the_sandbox(context, qtbot, wait_until):
    """A contact writes (a real signed webhook from the sandbox), the inbox shows it at once, and
    a free-text reply goes out through the gateway."""
    from wacampaign_desktop.core.runtime import Runtime
    from wacampaign_desktop.core.sandbox import SandboxConfig
    from wacampaign_desktop.gui.inbox import InboxView
    from wacampaign_desktop.gui.services import GuiServices

    context.settings.webhook_port = 0
    context.settings.tunnel_mode = "local"
    services = GuiServices.create(context)
    runtime = Runtime(context, sandbox_config=SandboxConfig(seed=5, step_latency=0.02)).start()
    services.runtime = runtime
    try:
        Contact.create(phone="+33612345678", name="Alice Martin")
        view = InboxView(services)
        qtbot.addWidget(view)
        view.show()
        runtime.sandbox.simulate_reply("+33612345678", "Vous livrez à Lyon ?")
        wait_until(lambda: view.ui.conversationList.count() == 1, timeout=30)
        assert "Vous livrez à Lyon ?" in view.ui.threadView.toPlainText()
        view.ui.replyEdit.setPlainText("Oui, sous 48 h.")
        view.ui.sendButton.click()
        wait_until(lambda: view.ui.replyStatusLabel.text() == "Reply sent.", timeout=30)
        assert "Oui, sous 48 h." in view.ui.threadView.toPlainText()
        assert runtime.sandbox.send_count("+33612345678") == 1
    finally:
        runtime.stop()
        services.close()
