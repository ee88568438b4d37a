"""First run: a brand-new profile (no contacts, no campaigns) in sandbox mode gets a few demo
contacts, so a new user can create and send a campaign at once and watch statuses arrive."""

from __future__ import annotations

import logging

from wacampaign_desktop.core.app_context import AppContext
from wacampaign_desktop.core.store.database import database_proxy as db
from wacampaign_desktop.core.store.models import Campaign, Contact, utcnow

log = logging.getLogger(__name__)

# Fictional French mobile numbers (the sandbox never contacts anyone).
DEMO_CONTACTS: tuple[tuple[str, str, str], ...] = (
    ("+33612345601", "Camille Martin", "Lyon"),
    ("+33612345602", "Lucas Bernard", "Paris"),
    ("+33612345603", "Léa Dubois", "Nantes"),
    ("+33612345604", "Hugo Moreau", "Lille"),
    ("+33612345605", "Chloé Laurent", "Bordeaux"),
    ("+33612345606", "Jules Simon", "Marseille"),
    ("+33612345607", "Manon Michel", "Toulouse"),
    ("+33612345608", "Nathan Lefèvre", "Rennes"),
)


def is_first_run(context: AppContext) -> bool:
    return (context.settings.use_sandbox and not Contact.select().exists()
            and not Campaign.select().exists())


def seed_demo_contacts(context: AppContext) -> int:
    """Add the demo contacts when the profile is new and in sandbox mode; returns how many."""
    if not is_first_run(context):
        return 0
    now = utcnow()
    rows = [{"phone": phone, "name": name, "fields": {"city": city}, "tags": ["demo"],
             "created_at": now, "updated_at": now} for phone, name, city in DEMO_CONTACTS]
    with db.atomic():
        Contact.insert_many(rows).on_conflict_ignore().execute()
    log.info("First run: added %d demo contacts (sandbox mode)", len(rows))
    return len(rows)
