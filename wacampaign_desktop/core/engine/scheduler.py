"""Which campaigns the engine's monitor must act on: scheduled ones that are due (also those
that fell due while the app was closed) and those in `sending` without a feeder here. "Due"
is by the engine's Clock: the caller passes its `now`."""

from __future__ import annotations

from datetime import UTC, datetime

from wacampaign_desktop.core.engine import lifecycle as lc
from wacampaign_desktop.core.store.models import Campaign


def due_scheduled(now: datetime) -> list[int]:
    """Ids of scheduled campaigns whose time is `now` or earlier, the earliest first."""
    return [c.id for c in Campaign.select(Campaign.id).where(
        (Campaign.state == lc.SCHEDULED) & Campaign.scheduled_at.is_null(False)
        & (Campaign.scheduled_at <= now)).order_by(Campaign.scheduled_at)]


def sending_campaigns() -> list[Campaign]:
    return list(Campaign.select().where(Campaign.state == lc.SENDING).order_by(Campaign.id))


def parse_when(text: str) -> datetime:
    """ISO time (with offset, or local time when none) → naive UTC for `scheduled_at`."""
    when = datetime.fromisoformat(text)
    if when.tzinfo is None:
        when = when.astimezone()
    return when.astimezone(UTC).replace(tzinfo=None)
