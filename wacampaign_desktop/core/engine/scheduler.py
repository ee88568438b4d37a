"""Which campaigns the engine's monitor must act on: scheduled ones that are due (also those
that fell due while the app was closed) and those in `sending` without a feeder here."""

from __future__ import annotations

from datetime import datetime

from wacampaign_desktop.core.engine import lifecycle as lc
from wacampaign_desktop.core.store.models import Campaign, utcnow


def due_scheduled(now: datetime | None = None) -> list[int]:
    now = now or utcnow()
    return [c.id for c in Campaign.select(Campaign.id).where(
        (Campaign.state == lc.SCHEDULED) & Campaign.scheduled_at.is_null(False)
        & (Campaign.scheduled_at <= now)).order_by(Campaign.scheduled_at)]


def sending_campaigns() -> list[Campaign]:
    return list(Campaign.select().where(Campaign.state == lc.SENDING).order_by(Campaign.id))
