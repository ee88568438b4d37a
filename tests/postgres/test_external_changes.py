"""What another process changed, told to a window once, as the events it already understands;
what the window already heard from its own process is not told again."""

from __future__ import annotations

import pytest

from wacampaign_desktop.core.events import CampaignStateChanged, CountersChanged, InboundReceived
from wacampaign_desktop.core.services.external_changes import ExternalChanges
from wacampaign_desktop.core.store import message_updates as mu
from wacampaign_desktop.core.store.models import Campaign, Contact, InboundMessage

pytestmark = pytest.mark.both_engines


def test_new_replies_state_and_counters_are_told_once(db):
    campaign = Campaign.create(name="C", body="Hi")
    mu.insert_messages(campaign.id, [{"phone": "+33612340001", "message": "Hi"}])
    seen = ExternalChanges()
    contact = Contact.create(phone="+33612340001", name="Ana")
    reply = InboundMessage.create(message_sid="SM" + "a" * 32, from_number="whatsapp:+33612340001",
                                  body="Oui", contact=contact.id)
    Campaign.update(state="cancelled", canceled_count=1, pending_count=0).where(
        Campaign.id == campaign.id).execute()

    first = seen.resolve(frozenset())
    inbound = [e for e in first.events if isinstance(e, InboundReceived)]
    assert [(e.inbound_id, e.body, e.contact_id) for e in inbound] == [(reply.id, "Oui", contact.id)]
    states = [e for e in first.events if isinstance(e, CampaignStateChanged)]
    assert [(e.old_state, e.new_state) for e in states] == [("draft", "cancelled")]
    counters = [e for e in first.events if isinstance(e, CountersChanged)]
    assert counters[0].counters["canceled"] == 1 and counters[0].delta == {"pending": -1,
                                                                          "canceled": 1}
    assert first.campaigns_changed == {campaign.id} and first.contacts_changed
    assert seen.resolve(frozenset()).events == []  # told once


def test_what_the_window_heard_itself_is_not_told_again(db):
    campaign = Campaign.create(name="C", body="Hi")
    seen = ExternalChanges()
    Campaign.update(state="scheduled").where(Campaign.id == campaign.id).execute()
    reply = InboundMessage.create(message_sid="SM" + "b" * 32, from_number="whatsapp:+3361", body="x")
    seen.note(CampaignStateChanged(campaign.id, "draft", "scheduled"))
    seen.note(InboundReceived(reply.id, None, "whatsapp:+3361", "x"))

    assert seen.resolve(frozenset({"campaign", "inbound_message"})).events == []
