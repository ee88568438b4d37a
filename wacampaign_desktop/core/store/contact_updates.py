"""The one rule for stamping a contact's opt-out and opt-in.

A contact is opted out when `opted_out_at` is set and no later `opted_in_at` follows it. Opting
out stamps `opted_out_at`, opting back in stamps `opted_in_at`; both stamp `updated_at`. A
request that would not change the state stamps nothing, so the first opt-out time is kept.
The webhook ingest (STOP/START keywords) and the contacts service (the contact dialog) call it.
"""

from __future__ import annotations

from datetime import datetime

import peewee

from wacampaign_desktop.core.store.models import Contact


def opted_out_condition() -> peewee.Expression:
    """SQL form of `Contact.opted_out`: opted out and not opted in again since."""
    return Contact.opted_out_at.is_null(False) & (
        Contact.opted_in_at.is_null() | (Contact.opted_in_at < Contact.opted_out_at))


def set_opt_state(contact_id: int, opted_out: bool, at: datetime) -> bool:
    """Opt the contact out (`opted_out=True`) or back in at `at`; True if its state changed.

    One conditional UPDATE, so two writers racing on the same contact stamp it once."""
    if opted_out:
        query = Contact.update(opted_out_at=at, updated_at=at).where(
            (Contact.id == contact_id) & ~opted_out_condition())
    else:
        query = Contact.update(opted_in_at=at, updated_at=at).where(
            (Contact.id == contact_id) & opted_out_condition())
    return query.execute() > 0
