"""First run: a brand-new profile (no contacts, no campaigns) in sandbox mode gets a few demo
contacts, so a new user can create and send a campaign at once and watch statuses arrive.
The rule and the rows live in the contacts service; this is the GUI's entry point."""

from __future__ import annotations

from wacampaign_desktop.core.app_context import AppContext
from wacampaign_desktop.core.services.contacts import DEMO_CONTACTS, ContactsService

__all__ = ["DEMO_CONTACTS", "is_first_run", "seed_demo_contacts"]


def is_first_run(context: AppContext) -> bool:
    return ContactsService(context).is_first_run(context.settings.use_sandbox)


def seed_demo_contacts(context: AppContext) -> int:
    """Add the demo contacts when the profile is new and in sandbox mode; returns how many."""
    return ContactsService(context).seed_demo_contacts(context.settings.use_sandbox)
