"""When the window's runtime comes up live, the app offers to delete the first-run demo
contacts; the campaign view says they are left out of a live audience."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from tests.gui.test_launch_review import answer_modal
from tests.live_safety.helpers import free_text_campaign, go_live, start_window_sandbox
from wacampaign_desktop.core.runtime_config import RuntimeConfig
from wacampaign_desktop.core.store.models import Contact
from wacampaign_desktop.gui.first_run import DEMO_CONTACTS, seed_demo_contacts
from wacampaign_desktop.gui.main_window import MainWindow
from wacampaign_desktop.gui.runtime_controller import runtime_factory

TIMEOUT = 60_000


@pytest.fixture
def sandbox():
    server = start_window_sandbox()
    yield server
    server.stop()


def test_going_live_in_the_window_offers_to_delete_demo_contacts(qtbot, context, services,
                                                                sandbox):
    assert seed_demo_contacts(context) == len(DEMO_CONTACTS)
    assert Contact.select().where(Contact.is_demo == True).count() == len(DEMO_CONTACTS)  # noqa: E712
    Contact.create(phone="+33611000001", name="Inès")
    go_live(context, sandbox)
    campaign = free_text_campaign()
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    window.show_campaign(campaign.id)
    view = window.view("campaigns").campaign_view
    seen: list = []
    answer_modal(QMessageBox, "keepDemoContacts", seen)
    services.runtime_controller.start(runtime_factory(RuntimeConfig(api_url=sandbox.base_url)))
    try:
        qtbot.waitUntil(lambda: len(seen) == 2, timeout=TIMEOUT)
        box = seen[1]
        assert box.text() == f"Delete the {len(DEMO_CONTACTS)} demo contacts?"
        assert Contact.select().count() == len(DEMO_CONTACTS) + 1  # kept, as asked
        qtbot.waitUntil(lambda: "8 demo contacts are left out" in view.message_label.text(),
                        timeout=TIMEOUT)
    finally:
        services.runtime_controller.stop()
