"""Helpers of the engine tests: contacts, campaigns, polling, counter checks."""

from __future__ import annotations

import time
from collections.abc import Callable

from wacampaign_desktop.core.store import message_updates as mu
from wacampaign_desktop.core.store.database import database_proxy
from wacampaign_desktop.core.store.models import Campaign, CampaignMessage, Contact


def make_contacts(n: int, start: int = 0, **extra) -> list[int]:
    rows = [{"phone": f"+3361{start + i:07d}", "name": f"Client {start + i}", **extra}
            for i in range(n)]
    for i in range(0, len(rows), 500):
        Contact.insert_many(rows[i:i + 500]).execute()
    return [c.id for c in Contact.select(Contact.id).order_by(Contact.id)]


def make_campaign(**fields) -> Campaign:
    values = {"name": "Test", "body": "Hello {{name}}", "send_rate": 400.0, **fields}
    return Campaign.create(**values)


def wait_for(predicate: Callable[[], object], timeout: float = 30.0, what: str = "") -> object:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out after {timeout:.0f}s waiting for {what or predicate}")


def state_of(campaign_id: int) -> str:
    return Campaign.get_by_id(campaign_id).state


def assert_counters_consistent(campaign_id: int) -> dict[str, int]:
    with database_proxy.atomic():  # one snapshot: callbacks may still be landing
        stored = Campaign.get_by_id(campaign_id).counters()
        recounted = mu.recount(campaign_id)
    assert stored == recounted, f"stored {stored} != recount {recounted}"
    return stored


def statuses(campaign_id: int) -> dict[str, int]:
    out: dict[str, int] = {}
    for m in CampaignMessage.select().where(CampaignMessage.campaign == campaign_id):
        out[m.status] = out.get(m.status, 0) + 1
    return out
