"""message_updates.apply_statuses (the webhook writer's batched path) gives exactly what
apply_status one by one gives: same statuses, timestamps set, error codes, counters."""

from __future__ import annotations

import random

import pytest

from tests.webhooks.helpers import make_campaign
from wacampaign_desktop.core.store import message_updates as mu
from wacampaign_desktop.core.store.models import CampaignMessage

pytestmark = pytest.mark.both_engines  # H: on SQLite and on PostgreSQL

STATUSES = ["sent", "delivered", "read", "failed", "undelivered", "canceled", "queued", "bogus"]


def _rows(campaign_id):
    return [
        (m.status, m.error_code, m.sent_at is not None, m.delivered_at is not None,
         m.read_at is not None, m.failed_at is not None)
        for m in CampaignMessage.select().where(CampaignMessage.campaign == campaign_id)
        .order_by(CampaignMessage.id)
    ]


def test_batched_equals_one_by_one(db):
    rng = random.Random(3)
    one, _, sids_one = make_campaign(40, status="queued", prefix="SA")
    many, _, sids_many = make_campaign(40, status="queued", prefix="SB")
    plan = [(i, rng.choice(STATUSES), rng.choice([None, 30003])) for _ in range(6) for i in range(40)]
    plan.append((999, "read", None))  # unknown sid
    rng.shuffle(plan)
    singles = [mu.apply_status(sids_one[i] if i < 40 else "SMnope", s, error_code=e) for i, s, e in plan]
    with db.atomic():
        batched = mu.apply_statuses([(sids_many[i] if i < 40 else "SMnope", s, e, None)
                                     for i, s, e in plan])
    assert [u.outcome for u in batched] == [u.outcome for u in singles]
    assert [(u.old_status, u.new_status) for u in batched] == [(u.old_status, u.new_status)
                                                                for u in singles]
    assert _rows(one.id) == _rows(many.id)
    assert mu.campaign_counters(many.id) == mu.recount(many.id) == mu.recount(one.id)
