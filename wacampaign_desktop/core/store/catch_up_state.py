"""What catch-up reads and writes in the store: its cursor per sender (AppState), the oldest
message whose status may still move, which incoming sids are already stored, and its Activity
entry (a webhook-log row of kind "catch_up" with the counts)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

import peewee

from wacampaign_desktop.core import status_rules as rules
from wacampaign_desktop.core.events import WebhookLogged
from wacampaign_desktop.core.store.models import (
    AppState,
    CampaignMessage,
    DirectMessage,
    InboundMessage,
    WebhookEvent,
)
from wacampaign_desktop.core.store.writer import Batch, Outcome

KIND = "catch_up"  # the Activity entry's kind
OUTCOME = "caught_up"
# A status Twilio may still change: in flight, or delivered (read may follow)
UNSETTLED = tuple(sorted(rules.IN_FLIGHT | {"delivered"}))


def cursor_key(sender: str) -> str:
    return f"catch_up:{sender}"


def read_cursor(sender: str) -> datetime | None:
    """The newest incoming message date seen for `sender` (naive UTC), or None."""
    row = AppState.get_or_none(AppState.key == cursor_key(sender))
    value = row.value if row is not None and isinstance(row.value, dict) else {}
    stamp = value.get("inbound_seen")
    try:
        return datetime.fromisoformat(stamp) if stamp else None
    except ValueError:
        return None


def save_cursor(sender: str, inbound_seen: datetime, at: datetime) -> None:
    """Keep the later of the stored cursor and `inbound_seen` (never moves back)."""
    current = read_cursor(sender)
    if current is not None and current >= inbound_seen:
        return
    value = {"inbound_seen": inbound_seen.isoformat()}
    key = cursor_key(sender)
    if not AppState.update(value=value, updated_at=at).where(AppState.key == key).execute():
        AppState.insert(key=key, value=value, updated_at=at).on_conflict(
            conflict_target=[AppState.key], update={AppState.value: value,
                                                    AppState.updated_at: at}).execute()


def oldest_unsettled(floor: datetime) -> datetime | None:
    """When the oldest message (campaign or direct) whose status may still move was sent, not
    before `floor`; None when every message is settled."""
    found: list[datetime] = []
    for model in (CampaignMessage, DirectMessage):
        stamp = peewee.fn.COALESCE(model.sent_at, model.updated_at, model.created_at)
        value = (model.select(peewee.fn.MIN(stamp))
                 .where(model.status.in_(UNSETTLED) & model.twilio_sid.is_null(False)
                        & (stamp >= floor))
                 .scalar())
        if value is not None:
            found.append(value if isinstance(value, datetime)
                         else datetime.fromisoformat(str(value)))
    return min(found) if found else None


def stored_inbound(sids: Iterable[str]) -> set[str]:
    """The sids among `sids` already stored as incoming messages."""
    wanted = list(dict.fromkeys(sids))
    known: set[str] = set()
    for start in range(0, len(wanted), 500):
        chunk = wanted[start:start + 500]
        known.update(row.message_sid for row in InboundMessage.select(InboundMessage.message_sid)
                     .where(InboundMessage.message_sid.in_(chunk)))
    return known


class RecordRun:
    """Writer work item: the cursor and (`activity`) the Activity entry of one catch-up run;
    value: the entry's id, or None."""

    def __init__(self, sender: str, inbound_seen: datetime | None, details: dict[str, Any],
                 activity: bool = True) -> None:
        self.sender, self.inbound_seen, self.details = sender, inbound_seen, details
        self.activity = activity

    def __call__(self, batch: Batch) -> Outcome:
        now = batch.clock.now()
        if self.inbound_seen is not None:
            save_cursor(self.sender, self.inbound_seen, now)
        if not self.activity:
            return Outcome(None)
        row = WebhookEvent.create(kind=KIND, sid=None, status=None, params=self.details,
                                  signature_valid=True, outcome=OUTCOME, remote_addr=KIND,
                                  received_at=now)
        return Outcome(int(row.id), [WebhookLogged(int(row.id), KIND, OUTCOME)])
