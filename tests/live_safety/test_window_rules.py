"""The 24-hour window and demo contacts in a campaign's preparation (no network)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.live_safety.helpers import (
    DEMO,
    INSIDE,
    OUTSIDE,
    free_text_campaign,
    seed_contacts,
    store_template,
)
from wacampaign_desktop.core.clock import SYSTEM_CLOCK, ManualClock
from wacampaign_desktop.core.engine.recipients import HELD_MESSAGE, prepare_rows
from wacampaign_desktop.core.engine.window import AudienceRules, audience_rules, in_window
from wacampaign_desktop.core.services.campaigns import CampaignDraft, CampaignsService, DraftError
from wacampaign_desktop.core.settings import Settings

SID = "HX" + "cd" * 16


def test_inside_means_a_message_less_than_24_hours_ago():
    now = SYSTEM_CLOCK.now()
    assert in_window(now - timedelta(hours=23, minutes=59), now)
    assert not in_window(now - timedelta(hours=24, seconds=1), now)
    assert not in_window(None, now)


def test_live_free_text_is_held_for_contacts_outside_the_window(context):
    context.clock = ManualClock(SYSTEM_CLOCK.now())
    seed_contacts(context)
    campaign = free_text_campaign()
    rules = audience_rules(Settings(), live=True, now=context.clock.now())
    prep = prepare_rows(campaign, rules)
    assert sorted(r["phone"] for r in prep.recipients) == sorted(INSIDE)
    held = {r["phone"]: r for r in prep.skipped}
    assert set(held) == set(OUTSIDE)
    assert {r["skip_reason"] for r in held.values()} == {"outside_window"}
    assert held[OUTSIDE[0]]["error_message"] == HELD_MESSAGE
    assert (prep.inside_window, prep.held, prep.fallback, prep.demo_excluded) == (2, 2, 0, 1)

    context.clock.advance(2 * 3600)  # two hours later Ivan's window (2 h ago) is still open
    assert prepare_rows(campaign, audience_rules(Settings(), live=True,
                                                 now=context.clock.now())).inside_window == 2
    context.clock.advance(22.5 * 3600)  # Inès wrote 25.5 h ago, Ivan 26.5 h ago: both closed
    later = prepare_rows(campaign, audience_rules(Settings(), live=True, now=context.clock.now()))
    assert later.recipients == [] and later.held == 4


def test_template_choice_sends_the_fallback_to_those_outside(context):
    seed_contacts(context)
    store_template(SID)
    campaign = free_text_campaign(outside_window="template", fallback_content_sid=SID,
                                  fallback_variables={"1": "{{name}}"})
    prep = prepare_rows(campaign, AudienceRules(now=context.clock.now(), live=True,
                                                guard_window=True))
    by_phone = {r["phone"]: r for r in prep.recipients}
    assert set(by_phone) == {*INSIDE, *OUTSIDE}
    assert by_phone[OUTSIDE[0]]["content_variables"] == {"1": "Olga"}
    assert by_phone[OUTSIDE[0]]["message"] == "Hello Olga, news from the shop: reply to get them."
    assert by_phone[INSIDE[0]]["content_variables"] is None
    assert by_phone[INSIDE[0]]["message"] == "Hi Inès, our spring sale starts today!"
    assert prep.fallback == 2 and prep.held == 0


def test_guard_off_sends_free_text_to_everyone_but_never_to_demo_contacts(context):
    seed_contacts(context)
    settings = Settings(window_guard=False)
    prep = prepare_rows(free_text_campaign(), audience_rules(settings, live=True,
                                                             now=context.clock.now()))
    assert sorted(r["phone"] for r in prep.recipients) == sorted((*INSIDE, *OUTSIDE))
    assert not prep.window_guarded and prep.demo_excluded == 1


def test_the_sandbox_applies_neither_rule_unless_it_enforces_the_window(context):
    seed_contacts(context)
    campaign = free_text_campaign()
    sandbox = audience_rules(Settings(), live=False, now=context.clock.now())
    assert len(prepare_rows(campaign, sandbox).recipients) == 5  # demo contact included
    assert len(prepare_rows(campaign).recipients) == 5
    enforcing = audience_rules(Settings(), live=False, now=context.clock.now(),
                               sandbox_enforces_window=True)
    prep = prepare_rows(campaign, enforcing)
    assert sorted(r["phone"] for r in prep.recipients) == sorted((*INSIDE, DEMO))


def test_a_template_campaign_is_not_held(context):
    seed_contacts(context)
    store_template(SID)
    campaign = free_text_campaign(body="", content_sid=SID, content_variables={"1": "name"})
    prep = prepare_rows(campaign, AudienceRules(now=context.clock.now(), live=True,
                                                guard_window=True))
    assert sorted(r["phone"] for r in prep.recipients) == sorted((*INSIDE, *OUTSIDE))


def test_the_choice_is_stored_through_the_draft_and_checked(context):
    service = CampaignsService(context)
    campaign = free_text_campaign(audience={"kind": "all"})
    service.set_outside_window(campaign.id, "template", SID, {"1": "{{name}}"})
    stored = service.get(campaign.id)
    assert (stored.outside_window, stored.fallback_content_sid, stored.fallback_variables) == (
        "template", SID, {"1": "{{name}}"})
    with pytest.raises(DraftError) as err:
        service.set_outside_window(campaign.id, "template", "not a sid")
    assert "approved template" in err.value.problems["outside_window"].message
    # the editor's form (which knows nothing of the choice) leaves it as stored
    CampaignDraft(name="Spring", body="Hi", campaign_id=campaign.id).save()
    assert service.get(campaign.id).outside_window == "template"
    service.set_outside_window(campaign.id, "hold")
    assert service.get(campaign.id).outside_window == "hold"


def test_demo_contacts_of_an_older_profile_are_recognised(context):
    from wacampaign_desktop.core.services.contacts import DEMO_CONTACTS, ContactsService
    from wacampaign_desktop.core.store.models import Contact

    (phone, name, _city), (renamed, _n, _c) = DEMO_CONTACTS[0], DEMO_CONTACTS[1]
    Contact.create(phone=phone, name=name, tags=["demo"])  # seeded before the flag existed
    Contact.create(phone=renamed, name="Lucas, my real client", tags=["demo"])
    service = ContactsService(context)
    assert service.seed_demo_contacts(use_sandbox=True) == 0  # not a first run any more
    assert Contact.get(Contact.phone == phone).is_demo
    assert not Contact.get(Contact.phone == renamed).is_demo  # edited by the user: a real one
    assert service.demo_contacts_count() == 1
