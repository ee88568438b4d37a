"""Outside the 24-hour window the Inbox says free text would fail and offers the approved
templates (synced from the sandbox's Content API); the chosen one is sent with its values and a
status callback, and shows in the thread with its text."""

from __future__ import annotations

from datetime import timedelta

from wacampaign_desktop.core.services.templates import TemplatesService
from wacampaign_desktop.core.store.models import Contact, InboundMessage

PHONE = "+33612345678"


def test_outside_the_window_an_approved_template_is_offered_and_sent(qtbot, context,
                                                                     wait_until):
    from wacampaign_desktop.core.runtime import Runtime
    from wacampaign_desktop.core.sandbox import SandboxConfig
    from wacampaign_desktop.gui.inbox import InboxView
    from wacampaign_desktop.gui.services import GuiServices

    context.settings.webhook_port = 0
    services = GuiServices.create(context)
    runtime = Runtime(context, sandbox_config=SandboxConfig(seed=5, step_latency=0.05,
                                                            seed_templates=False)).start()
    services.runtime = runtime
    try:
        runtime.sandbox.add_template("order_ready", "Hello {{1}}, your order is ready.",
                                     variables={"1": "Marie"})
        runtime.sandbox.add_template("draft_offer", "Not approved {{1}}", status="pending")
        TemplatesService(context).sync(runtime.gateway)
        Contact.create(phone=PHONE, name="Alice Martin")
        InboundMessage.create(message_sid="SMold", from_number=f"whatsapp:{PHONE}",
                              body="Any news?",
                              received_at=context.clock.now() - timedelta(days=2))
        view = InboxView(services)
        qtbot.addWidget(view)
        view.show()
        wait_until(lambda: not view.loading and view.ui.conversationList.count() == 1)
        assert "free text would fail" in view.ui.windowLabel.text()
        assert not view.ui.replyEdit.isEnabled()
        assert view.ui.templateButton.isVisible()
        assert [view.ui.templateCombo.itemText(i) for i in range(view.ui.templateCombo.count())
                ] == ["order_ready (en)"]  # the pending one is not offered
        assert view.ui.variablesEdit.text() == "Alice Martin"
        view.ui.templateButton.click()
        wait_until(lambda: view.ui.replyStatusLabel.text() == "Reply sent.", timeout=30)
        (sent,) = [m for m in runtime.sandbox.messages() if m.to == f"whatsapp:{PHONE}"]
        assert sent.content_sid and sent.status_callback == runtime.webhooks.status_callback_url
        wait_until(lambda: "Hello Alice Martin, your order is ready." in
                   view.ui.threadView.toPlainText() and "Read" in view.ui.threadView.toPlainText(),
                   timeout=30, what="the template in the thread, read")
    finally:
        runtime.stop()
        services.close()
