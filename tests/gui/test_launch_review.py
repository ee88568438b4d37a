"""The launch review in the campaign view: shown before a live start (Cancel sends nothing,
Confirm starts), never in the sandbox; the 24-hour window choice of a free-text campaign; the
offer to delete demo contacts once live."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from tests.live_safety.helpers import (
    DEMO,
    INSIDE,
    OUTSIDE,
    fallback_template_sid,
    free_text_campaign,
    go_live,
    seed_contacts,
    start_window_sandbox,
    store_template,
)
from wacampaign_desktop.core.runtime_config import RuntimeConfig
from wacampaign_desktop.core.sandbox import SandboxConfig
from wacampaign_desktop.core.store.models import Campaign, Contact
from wacampaign_desktop.gui.campaigns.campaign_view import CampaignView
from wacampaign_desktop.gui.campaigns.launch_review_dialog import LaunchReviewDialog
from wacampaign_desktop.gui.demo_cleanup import offer_demo_cleanup
from wacampaign_desktop.gui.runtime_controller import runtime_factory

TIMEOUT_S = 60


def answer_modal(kind: type, button: str | None, seen: list, timeout_s: float = TIMEOUT_S) -> None:
    """When a modal `kind` shows: keep its texts in `seen`, then click the child named `button`."""
    deadline = time.monotonic() + timeout_s

    def step() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, kind):
            seen.append({w.objectName(): w.text() for w in dialog.findChildren(QLabel)
                         if w.objectName()})
            seen.append(dialog)
            if button is not None:
                dialog.findChild(object, button).click()
            return
        if time.monotonic() < deadline:
            QTimer.singleShot(30, step)

    QTimer.singleShot(0, step)


@pytest.fixture
def sandbox():
    server = start_window_sandbox()
    yield server
    server.stop()


def _view(qtbot, services, wait_until, config: RuntimeConfig) -> CampaignView:
    services.runtime_controller.start(runtime_factory(config))
    wait_until(lambda: services.runtime is not None or bool(services.runtime_error), TIMEOUT_S)
    assert not services.runtime_error
    view = CampaignView(services)
    qtbot.addWidget(view)
    view.resize(900, 600)
    view.show()
    return view


@pytest.fixture
def live_view(qtbot, context, sandbox, services, wait_until):
    go_live(context, sandbox)
    seed_contacts(context, sandbox)
    view = _view(qtbot, services, wait_until, RuntimeConfig(api_url=sandbox.base_url))
    assert services.runtime.mode == "live"
    yield view
    services.runtime_controller.stop()


def test_live_start_shows_the_review_and_cancel_sends_nothing(qtbot, live_view, sandbox,
                                                             wait_until):
    campaign = free_text_campaign()
    live_view.set_campaign(campaign.id)
    choice = live_view.window_choice
    qtbot.waitUntil(lambda: choice.isVisible(), timeout=TIMEOUT_S * 1000)
    assert choice.summary.text().startswith("2 of 4 recipients have not written")
    assert choice.hold.isChecked() and "Send only to the 2 who wrote" in choice.hold.text()

    seen: list = []
    answer_modal(LaunchReviewDialog, "cancelButton", seen)
    live_view.buttons["start"].click()
    qtbot.waitUntil(lambda: len(seen) == 2, timeout=TIMEOUT_S * 1000)
    texts = seen[0]
    assert texts["fact_toSend"] == "2" and texts["fact_sender"] == "+1\xa0415-523-8886 on WhatsApp"
    assert (texts["count_freeText"], texts["count_held"], texts["count_demo"]) == ("2", "2", "1")
    assert texts["firstMessageText"] == "Hi Inès, our spring sale starts today!"
    assert "messages a second" in texts["fact_speed"]
    qtbot.waitUntil(lambda: live_view.buttons["start"].isEnabled(), timeout=5000)
    assert sum(sandbox.send_counts().values()) == 0
    assert Campaign.get_by_id(campaign.id).state == "draft"

    seen.clear()
    answer_modal(LaunchReviewDialog, "confirmButton", seen)
    live_view.buttons["start"].click()
    wait_until(lambda: Campaign.get_by_id(campaign.id).state == "completed", TIMEOUT_S,
               "the confirmed campaign completed")
    assert [sandbox.send_count(p) for p in (*INSIDE, *OUTSIDE, DEMO)] == [1, 1, 0, 0, 0]


def test_choosing_a_template_for_those_outside_the_window(qtbot, live_view, sandbox,
                                                          wait_until):
    sid = fallback_template_sid(sandbox)
    store_template(sid)
    campaign = free_text_campaign()
    live_view.set_campaign(campaign.id)
    choice = live_view.window_choice
    qtbot.waitUntil(lambda: choice.isVisible() and choice.template.isEnabled(),
                    timeout=TIMEOUT_S * 1000)
    with qtbot.waitSignal(choice.changed, timeout=TIMEOUT_S * 1000):
        choice.choose_template(sid)
    stored = Campaign.get_by_id(campaign.id)
    assert (stored.outside_window, stored.fallback_content_sid) == ("template", sid)
    assert stored.fallback_variables == {"1": "{{name}}"}

    seen: list = []
    answer_modal(LaunchReviewDialog, "confirmButton", seen)
    live_view.buttons["start"].click()
    wait_until(lambda: Campaign.get_by_id(campaign.id).state == "completed", TIMEOUT_S,
               "the campaign completed")
    assert seen[0]["count_fallback"] == "2" and "shop_news" in seen[0]["words_fallback"]
    sent = {m.to.split(":", 1)[-1]: m.content_sid for m in sandbox.messages()}
    assert sent == {INSIDE[0]: None, INSIDE[1]: None, OUTSIDE[0]: sid, OUTSIDE[1]: sid}


def test_the_sandbox_starts_without_a_review(qtbot, context, services, wait_until):
    context.settings.webhook_port = 0
    seed_contacts(context)
    view = _view(qtbot, services, wait_until,
                 RuntimeConfig(sandbox=SandboxConfig(seed=2, step_latency=0.01)))
    try:
        campaign = free_text_campaign()
        view.set_campaign(campaign.id)
        seen: list = []
        answer_modal(LaunchReviewDialog, "cancelButton", seen, timeout_s=10)
        qtbot.waitUntil(lambda: view.buttons["start"].isEnabled(), timeout=TIMEOUT_S * 1000)
        view.buttons["start"].click()
        wait_until(lambda: Campaign.get_by_id(campaign.id).state != "draft", TIMEOUT_S,
                   "the campaign started")
        assert seen == []  # no review was shown
        assert Campaign.get_by_id(campaign.id).total_count == 5  # demo contact included
        assert not view.window_choice.isVisible()
    finally:
        services.runtime_controller.stop()


def test_going_live_offers_to_delete_the_demo_contacts_once(qtbot, context, services):
    seed_contacts(context)
    seen: list = []
    answer_modal(QMessageBox, "deleteDemoContacts", seen)
    assert offer_demo_cleanup(None, services) is True
    assert seen and not Contact.select().where(Contact.is_demo == True).exists()  # noqa: E712
    assert Contact.select().count() == 4
    Contact.create(phone="+33612345602", name="Lucas", is_demo=True)
    assert offer_demo_cleanup(None, services) is False  # asked once per session
