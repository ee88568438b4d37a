"""core/services/queries.py and activity.py: keyset pages of a campaign's messages (filter,
search, sort, no row twice), campaign list and details, export rows, and the webhook log."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from wacampaign_desktop.core.services.activity import ActivityQueries, WebhookFilter
from wacampaign_desktop.core.services.queries import (
    EXPORT_COLUMNS,
    MessageFilter,
    Queries,
    campaign_actions,
)
from wacampaign_desktop.core.store.models import Campaign, CampaignMessage, Contact, WebhookEvent

T0 = datetime(2026, 3, 1, 9, 0, 0)


def _campaign(count: int, name: str = "Spring sale") -> Campaign:
    campaign = Campaign.create(name=name, body="Hello {{name}}", total_count=count,
                               pending_count=count)
    Contact.insert_many([{"phone": f"+3361234{i:04d}", "name": f"Client {i:04d}"}
                         for i in range(count)]).execute()
    CampaignMessage.insert_many([
        {"campaign": campaign.id, "contact": contact.id, "phone": contact.phone, "message": "Hello"}
        for contact in Contact.select().order_by(Contact.id)]).execute()
    return campaign


def _all_pages(queries: Queries, where: MessageFilter, size: int) -> list:
    rows, after = [], None
    while True:
        page = queries.message_page(where, after, size)
        rows.extend(page)
        if len(page) < size:
            return rows
        after = page[-1]


def test_pages_cover_every_message_once_in_each_order(context):
    campaign = _campaign(257)
    queries = Queries(context)
    by_id = _all_pages(queries, MessageFilter(campaign.id), 100)
    assert [r.id for r in by_id] == sorted(r.id for r in by_id) and len(by_id) == 257
    assert by_id[0].name == "Client 0000" and by_id[0].status == "pending"

    by_phone = _all_pages(queries, MessageFilter(campaign.id, sort="phone", descending=True), 64)
    phones = [r.phone for r in by_phone]
    assert phones == sorted(phones, reverse=True) and len(set(phones)) == 257

    with pytest.raises(ValueError):
        MessageFilter(campaign.id, group="nope")


def test_status_groups_search_and_status_order(context):
    campaign = _campaign(30)
    messages = list(CampaignMessage.select().order_by(CampaignMessage.id))
    for message, status in zip(messages[:4], ("delivered", "read", "failed", "undelivered"),
                               strict=True):
        message.status, message.sent_at = status, T0
        message.error_code = 63016 if status in ("failed", "undelivered") else None
        message.save()
    messages[5].replied_at = T0
    messages[5].save()
    queries = Queries(context)

    def phones(**kw) -> list[str]:
        return [r.phone for r in queries.message_page(MessageFilter(campaign.id, **kw), None, 500)]

    assert phones(group="failed") == [messages[2].phone, messages[3].phone]
    assert phones(group="read") == [messages[1].phone]
    assert phones(group="replied") == [messages[5].phone]
    assert phones(search="0 0 2 9") == ["+33612340029"]  # digits with spaces
    assert len(phones(search="Client 001")) == 10
    statuses = [r.status for r in queries.message_page(
        MessageFilter(campaign.id, sort="status"), None, 500)]
    assert statuses[-4:] == ["delivered", "read", "undelivered", "failed"]

    again = queries.messages_by_id(campaign.id, [messages[2].id])
    assert len(again) == 1 and again[0].error_code == 63016


def test_campaign_list_details_and_export_rows(context):
    first = _campaign(3, "First")
    Campaign.create(name="Second", created_at=datetime(2030, 1, 1))
    queries = Queries(context)
    assert [c.name for c in queries.campaigns()] == ["Second", "First"]  # newest first
    details = queries.campaign(first.id)
    assert details is not None and details.total == 3 and details.state == "draft"
    assert queries.campaign(999) is None and queries.campaign(None) is None
    assert queries.campaign_name(first.id) == "First"

    rows = list(queries.export_rows(first.id, batch=2))
    assert len(rows) == 3 and len(rows[0]) == len(EXPORT_COLUMNS)
    assert dict(zip(EXPORT_COLUMNS, rows[0], strict=True))["name"] == "Client 0000"


def test_webhook_log_pages_newest_first_and_filters(context):
    for i in range(25):
        WebhookEvent.create(kind="status", sid=f"SM{i:04d}", status="delivered", outcome="applied",
                            signature_valid=True, received_at=T0 + timedelta(seconds=i),
                            params={"To": "whatsapp:+33612345678"})
    WebhookEvent.create(kind="unknown", outcome="rejected", signature_valid=False, params={})
    log = ActivityQueries(context)
    newest = log.newest_webhook_id()
    page = log.webhook_page(WebhookFilter(), newest + 1, 10)
    assert page[0].outcome == "rejected" and page[1].sid == "SM0024"
    second = log.webhook_page(WebhookFilter(), page[-1].id, 10)
    assert second[0].id == page[-1].id - 1 and page[1].phone == "+33612345678"
    assert log.webhook_count(WebhookFilter()) == 26
    assert log.webhook_count(WebhookFilter(outcome="rejected")) == 1
    assert [r.sid for r in log.webhook_page(WebhookFilter(search="SM0003"), newest + 1, 10)] == [
        "SM0003"]
    assert log.webhooks_since(WebhookFilter(), newest, 10) == []
    fresh = WebhookEvent.create(kind="incoming", sid="SMnew", outcome="received",
                                signature_valid=True)
    assert [r.id for r in log.webhooks_since(WebhookFilter(), newest, 10)] == [fresh.id]


def test_campaign_actions_follow_the_lifecycle():
    assert campaign_actions("draft") == {"start", "cancel", "edit"}
    assert campaign_actions("scheduled") == {"start", "cancel"}  # no longer editable
    assert campaign_actions("sending") == {"pause", "cancel", "retry"}
    assert campaign_actions("paused") == {"resume", "cancel", "retry"}
    assert campaign_actions("completed") == {"retry"}
    assert campaign_actions("cancelled") == set()  # the engine refuses to retry it
