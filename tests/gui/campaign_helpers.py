"""A campaign with `count` pending messages to as many new contacts, as the campaign view tests
build it."""

from __future__ import annotations

from wacampaign_desktop.core.store import message_updates as mu
from wacampaign_desktop.core.store.models import Campaign, Contact


def campaign_with_messages(count: int, name: str = "Spring sale", *, body: str = "Hello {{name}}",
                           first: int = 0, **fields) -> Campaign:
    """Contacts "Client 0000"… (+33612340000…, numbered from `first`) and one "Hello" message each."""
    campaign = Campaign.create(name=name, body=body, **fields)
    contacts = [{"phone": f"+3361234{i:04d}", "name": f"Client {i:04d}"}
                for i in range(first, first + count)]
    Contact.insert_many(contacts).execute()
    ids = {c.phone: c.id for c in Contact.select(Contact.id, Contact.phone)}
    mu.insert_messages(campaign.id, ({"phone": c["phone"], "contact": ids[c["phone"]],
                                      "message": "Hello"} for c in contacts))
    return campaign
