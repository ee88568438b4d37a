"""The Inbox and reply automation: an opted-out contact cannot be answered (the reply box is
closed with the reason; the service refuses too), an Inbox reply's status moves past Queued by
the status callback (up to Read in the sandbox) and the thread follows it, an automatic reply
shows in the thread marked as automatic, and the follow-up mark filters the conversations."""

from __future__ import annotations

from datetime import timedelta

import pytest

from wacampaign_desktop.core.clock import SYSTEM_CLOCK
from wacampaign_desktop.core.services.inbox import ContactOptedOut, InboxService
from wacampaign_desktop.core.services.rules import RulesService
from wacampaign_desktop.core.store.models import Contact, InboundMessage

PHONE = "+33612345678"


def _view(qtbot, services, wait_until):
    from wacampaign_desktop.gui.inbox import InboxView

    view = InboxView(services)
    qtbot.addWidget(view)
    view.show()
    wait_until(lambda: not view.loading, timeout=10)
    return view


def test_the_inbox_refuses_an_opted_out_contact(qtbot, services, wait_until, context):
    now = SYSTEM_CLOCK.now()
    Contact.create(phone=PHONE, name="Paul Mercier", opted_out_at=now)
    InboundMessage.create(message_sid="SM1", from_number=f"whatsapp:{PHONE}", body="STOP",
                          received_at=now - timedelta(minutes=1))
    view = _view(qtbot, services, wait_until)
    assert "opted out" in view.ui.windowLabel.text()
    assert not view.ui.replyEdit.isEnabled() and not view.ui.sendButton.isEnabled()
    assert not view.ui.templateButton.isVisible()
    with pytest.raises(ContactOptedOut, match="opted out"):
        InboxService(context).send_reply(object(), PHONE, "whatsapp:+14155238886", "Hi")


def test_replies_move_past_queued_and_automatic_ones_are_marked(qtbot, context, wait_until):
    from wacampaign_desktop.core.runtime import Runtime
    from wacampaign_desktop.core.sandbox import SandboxConfig
    from wacampaign_desktop.gui.services import GuiServices

    context.settings.webhook_port = 0
    services = GuiServices.create(context)
    runtime = Runtime(context, sandbox_config=SandboxConfig(seed=5, step_latency=0.05)).start()
    services.runtime = runtime
    try:
        rules = RulesService(context)
        rules.save(rules.new_rule(name="Hours", match_kind="contains", pattern="ouvert",
                                  reply_text="Open 9:00-18:00.", follow_up=True))
        view = _view(qtbot, services, wait_until)
        runtime.sandbox.simulate_reply(PHONE, "Vous êtes ouverts dimanche ?")
        wait_until(lambda: "Automatic reply · Read" in view.ui.threadView.toPlainText(),
                   timeout=30, what="the automatic reply, read")
        view.ui.replyEdit.setPlainText("Yes, until noon.")
        view.ui.sendButton.click()
        wait_until(lambda: view.ui.replyStatusLabel.text() == "Reply sent.", timeout=30)
        sandbox_record = [m for m in runtime.sandbox.messages() if m.body == "Yes, until noon."]
        assert sandbox_record[0].status_callback == runtime.webhooks.status_callback_url
        wait_until(lambda: view.ui.threadView.toPlainText().count("Read") == 2, timeout=30,
                   what="the Inbox reply's status to reach Read by callbacks")
        assert "Queued" not in view.ui.threadView.toPlainText()
        # the rule marked the conversation for follow-up: the filter finds it
        view.ui.followUpOnlyCheck.setChecked(True)
        wait_until(lambda: not view.loading and view.ui.conversationList.count() == 1)
        assert view.ui.followUpButton.isChecked()
        assert view.ui.conversationList.item(0).text().split("\n")[1].startswith("⚑")
        view.ui.followUpButton.click()  # cleared: the filtered list empties
        wait_until(lambda: not view.loading and view.ui.conversationList.count() == 0)
        assert "No conversation is marked for follow-up." in view.ui.contactLabel.text()
    finally:
        runtime.stop()
        services.close()
