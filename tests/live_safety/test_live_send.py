"""Live mode against a sandbox playing real Twilio that enforces the 24-hour window: free text
never reaches a contact outside it (the sandbox's own count says so), the template choice sends
them the fallback template, and demo contacts are never sent to."""

from __future__ import annotations

import pytest

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
from wacampaign_desktop.core.runtime import Runtime, RuntimeConfig
from wacampaign_desktop.core.store.models import Campaign, CampaignMessage


@pytest.fixture
def sandbox():
    server = start_window_sandbox()
    yield server
    server.stop()


@pytest.fixture
def live_runtime(context, sandbox):
    go_live(context, sandbox)
    seed_contacts(context, sandbox)
    runtime = Runtime(context, RuntimeConfig(api_url=sandbox.base_url)).start()
    assert runtime.mode == "live"
    yield runtime
    runtime.stop()


def _completed(campaign_id: int) -> bool:
    return Campaign.get_by_id(campaign_id).state == "completed"


def test_free_text_is_held_back_from_contacts_outside_the_window(live_runtime, sandbox,
                                                                 wait_until):
    campaign = free_text_campaign()
    live_runtime.engine.start_campaign(campaign.id)
    wait_until(lambda: _completed(campaign.id), 30, "the campaign completed")
    for phone in OUTSIDE:
        assert sandbox.send_count(phone) == 0, f"free text went to {phone} outside the window"
    assert sandbox.send_count(DEMO) == 0, "a demo contact got a live message"
    assert [sandbox.send_count(p) for p in INSIDE] == [1, 1]
    rows = {m.phone: m for m in CampaignMessage.select().where(
        CampaignMessage.campaign == campaign.id)}
    assert set(rows) == {*INSIDE, *OUTSIDE}  # the demo contact is not even a row
    assert {rows[p].status for p in OUTSIDE} == {"skipped"}
    assert {rows[p].skip_reason for p in OUTSIDE} == {"outside_window"}
    assert "24 hours" in rows[OUTSIDE[0]].error_message
    assert {rows[p].status for p in INSIDE} <= {"delivered", "read"}
    assert not any(m.error_code == 63016 for m in rows.values())


def test_template_choice_sends_the_fallback_template_to_them(live_runtime, sandbox, wait_until):
    sid = fallback_template_sid(sandbox)
    store_template(sid)
    campaign = free_text_campaign(outside_window="template", fallback_content_sid=sid,
                                  fallback_variables={"1": "{{name}}"})
    live_runtime.engine.start_campaign(campaign.id)
    wait_until(lambda: _completed(campaign.id), 30, "the campaign completed")
    sent = {m.to.split(":", 1)[-1]: m for m in sandbox.messages()}
    assert set(sent) == {*INSIDE, *OUTSIDE}
    for phone in OUTSIDE:
        assert sent[phone].content_sid == sid and not sent[phone].body.startswith("Hi ")
    for phone in INSIDE:
        assert sent[phone].content_sid is None
        assert sent[phone].body.startswith("Hi ")
    statuses = {m.phone: m.status for m in CampaignMessage.select().where(
        CampaignMessage.campaign == campaign.id)}
    assert set(statuses.values()) <= {"delivered", "read"}, statuses
