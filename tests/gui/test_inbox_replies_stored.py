"""Inbox replies are kept: a sent reply is still in the thread after the view is recreated, and a
reply Twilio refused stays in the thread marked as not sent, with the reason in plain words."""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace

import pytest

from wacampaign_desktop.core.clock import SYSTEM_CLOCK
from wacampaign_desktop.core.sandbox import DEFAULT_SENDER, SandboxConfig, SandboxServer
from wacampaign_desktop.core.store.models import Contact, InboundMessage
from wacampaign_desktop.core.twilio_gateway import TwilioGateway

utcnow = SYSTEM_CLOCK.now


@pytest.fixture
def services(context, qtbot):
    from wacampaign_desktop.gui.services import GuiServices

    sandbox = SandboxServer(SandboxConfig(seed=5, step_latency=0.02))
    sandbox.start()
    gateway = TwilioGateway(sandbox.credentials)
    svc = GuiServices.create(context)
    svc.runtime = SimpleNamespace(gateway=gateway, sender=DEFAULT_SENDER, sandbox=sandbox)
    yield svc
    svc.tasks.wait()
    svc.close()
    gateway.close()
    sandbox.stop()


def _inbox(services, qtbot, wait_until):
    from wacampaign_desktop.gui.inbox import InboxView

    view = InboxView(services)
    qtbot.addWidget(view)
    view.show()
    wait_until(lambda: not view.loading, timeout=10)  # conversations are read off-thread
    return view


def _reply(view, wait_until, text: str) -> None:
    view.ui.replyEdit.setPlainText(text)
    view.ui.sendButton.click()
    wait_until(lambda: view.ui.replyStatusLabel.text() not in ("", "Sending…"), timeout=30)


def test_a_sent_reply_is_still_in_the_thread_after_reopening(services, qtbot, wait_until):
    Contact.create(phone="+33612345678", name="Alice Martin")
    InboundMessage.create(message_sid="SM1", from_number="whatsapp:+33612345678",
                          body="Vous livrez à Lyon ?", received_at=utcnow() - timedelta(minutes=5))
    view = _inbox(services, qtbot, wait_until)
    _reply(view, wait_until, "Oui, sous 48 h.")
    assert view.ui.replyStatusLabel.text() == "Reply sent."
    assert "Oui, sous 48 h." in view.ui.threadView.toPlainText()
    assert services.runtime.sandbox.send_count("+33612345678") == 1
    view.close()
    view.deleteLater()

    again = _inbox(services, qtbot, wait_until)
    thread = again.ui.threadView.toPlainText()
    assert "Oui, sous 48 h." in thread
    assert thread.index("Vous livrez à Lyon ?") < thread.index("Oui, sous 48 h.")  # time order
    assert "Queued" in thread


def test_a_refused_reply_stays_in_the_thread_as_not_sent(services, qtbot, wait_until):
    InboundMessage.create(message_sid="SM2", from_number="whatsapp:+15005550001",
                          body="Hello?", received_at=utcnow() - timedelta(minutes=1))
    view = _inbox(services, qtbot, wait_until)
    _reply(view, wait_until, "Bonjour !")
    assert view.ui.replyStatusLabel.text().startswith("The reply was not sent:")
    assert "21211" in view.ui.replyStatusLabel.text()
    assert view.ui.replyEdit.toPlainText() == "Bonjour !"  # kept to try again
    view.close()

    again = _inbox(services, qtbot, wait_until)
    thread = again.ui.threadView.toPlainText()
    assert "Bonjour !" in thread and "Not sent:" in thread and "21211" in thread
