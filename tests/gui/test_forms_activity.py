"""Activity view: webhook events newest first, filtered, live; the app log filtered by level."""

from __future__ import annotations

import logging

import pytest

from wacampaign_desktop.core.events import WebhookLogged
from wacampaign_desktop.core.store.models import WebhookEvent


@pytest.fixture
def services(context, qtbot):
    from wacampaign_desktop.gui.services import GuiServices

    svc = GuiServices.create(context)
    yield svc
    svc.close()


def test_webhook_log_lazy_filter_and_live(services, qtbot, wait_until):
    from wacampaign_desktop.gui.activity import ActivityView

    for i in range(700):
        WebhookEvent.create(kind="status", sid=f"SM{i:032d}", status="delivered", outcome="applied",
                            signature_valid=True, params={"MessageStatus": "delivered"})
    WebhookEvent.create(kind="unknown", outcome="rejected", signature_valid=False, params={})
    view = ActivityView(services)
    qtbot.addWidget(view)
    model = view.model
    assert model.rowCount() == 300  # first page only: lazy
    assert model.data(model.index(0, 4)) == "Rejected (bad signature)"  # newest first
    wait_until(lambda: "701" in view.ui.webhookCount.text(), timeout=5)  # counted off-thread

    view.ui.outcomeCombo.setCurrentIndex(view.ui.outcomeCombo.findData("rejected"))
    assert model.rowCount() == 1 and model.data(model.index(0, 5)) == "Invalid"

    view.ui.outcomeCombo.setCurrentIndex(0)
    view.show()  # hidden views skip live updates and catch up when shown
    event = WebhookEvent.create(kind="incoming", sid="SMnew", outcome="stored", signature_valid=True,
                                params={"From": "whatsapp:+33612345678", "Body": "Bonjour"})
    services.context.bus.publish(WebhookLogged(webhook_event_id=event.id, kind="incoming",
                                               outcome="stored"))
    wait_until(lambda: model.data(model.index(0, 2)) == "SMnew", timeout=5)
    view.ui.webhookTable.selectRow(0)
    assert "Bonjour" in view.ui.webhookDetail.toPlainText()


def test_app_log_filter(services, qtbot, wait_until):
    from wacampaign_desktop.gui.activity import ActivityView

    logging.getLogger("wacampaign_desktop.test").warning("Tunnel went down for a moment")
    logging.getLogger("wacampaign_desktop.test").info("Campaign 3 started")
    for handler in logging.getLogger().handlers:
        handler.flush()
    view = ActivityView(services)
    qtbot.addWidget(view)
    view.ui.tabs.setCurrentWidget(view.ui.logTab)
    wait_until(lambda: "Campaign 3 started" in view.ui.logView.toPlainText(), timeout=10)
    view.ui.levelCombo.setCurrentIndex(view.ui.levelCombo.findData("WARNING"))
    wait_until(lambda: "Campaign 3 started" not in view.ui.logView.toPlainText(),
               timeout=10)
    assert "Tunnel went down" in view.ui.logView.toPlainText()


def test_hidden_view_catches_up_when_shown_and_bursts_reload(services, qtbot, wait_until):
    from wacampaign_desktop.gui.activity import ActivityView

    view = ActivityView(services)
    qtbot.addWidget(view)
    assert view.model.rowCount() == 0
    for i in range(450):  # more than a page arrives while the view is hidden
        WebhookEvent.create(kind="status", sid=f"SM{i}", status="sent", outcome="applied",
                            signature_valid=True)
    services.context.bus.publish(WebhookLogged(webhook_event_id=450, kind="status", outcome="applied"))
    wait_until(lambda: view._stale, timeout=5)
    assert view.model.rowCount() == 0
    view.show()
    wait_until(lambda: view.model.rowCount() == 300, timeout=5)
    assert view.model.data(view.model.index(0, 2)) == "SM449"
    wait_until(lambda: "450" in view.ui.webhookCount.text(), timeout=5)
