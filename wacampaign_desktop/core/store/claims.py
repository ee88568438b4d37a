"""Claiming a campaign's due messages safely across processes, and who is sending a campaign.

Claims: on PostgreSQL the due rows are read `FOR UPDATE SKIP LOCKED`, so two processes (two
desktops, a desktop and `serve`) claiming at the same moment each get different messages; on
SQLite the IMMEDIATE write transaction already lets only one claim at a time.

Owner: while a process feeds a campaign it writes its label ("<hostname> · pid N") in
`Campaign.sending_owner` and refreshes `owner_seen_at` every few seconds; the window says
"Being sent by …" when the label is another process's and the heartbeat is fresh.
"""

from __future__ import annotations

import os
import socket
from datetime import datetime, timedelta

import peewee

from wacampaign_desktop.core import status_rules as rules
from wacampaign_desktop.core.store.database import is_postgres
from wacampaign_desktop.core.store.models import Campaign, CampaignMessage

OWNER_BEAT_S = 5.0  # how often a feeding process refreshes owner_seen_at
OWNER_STALE_S = 30.0  # an owner not seen for this long is gone (crashed, closed)


def process_label() -> str:
    """This process as the window shows it: "<hostname> · pid N"."""
    return f"{socket.gethostname()} · pid {os.getpid()}"


def due_messages(db: peewee.Database, campaign_id: int, limit: int,
                 now: datetime) -> list[CampaignMessage]:
    """The oldest due pending messages of the campaign (call inside the claiming transaction);
    on PostgreSQL locked for this transaction, skipping rows another process is claiming."""
    query = (CampaignMessage.select()
             .where((CampaignMessage.campaign == campaign_id)
                    & (CampaignMessage.status == rules.PENDING)
                    & (CampaignMessage.next_attempt_at.is_null()
                       | (CampaignMessage.next_attempt_at <= now)))
             .order_by(CampaignMessage.id).limit(limit))
    if not is_postgres(db):
        return list(query)
    messages = list(query.for_update(skip_locked=True))
    for message in messages:
        message._locked = True  # fresh and ours: the transition needs not read it again
    return messages


def beat(campaign_id: int, label: str, now: datetime) -> None:
    """Mark the campaign as being fed by `label` now (its own short transaction)."""
    Campaign.update(sending_owner=label, owner_seen_at=now).where(
        Campaign.id == campaign_id).execute()


def let_go(campaign_id: int, label: str) -> None:
    """The feeder of `label` stopped: clear the owner if it is still ours."""
    Campaign.update(sending_owner=None, owner_seen_at=None).where(
        (Campaign.id == campaign_id) & (Campaign.sending_owner == label)).execute()


def sent_elsewhere(now: datetime, me: str | None = None) -> set[int]:
    """Campaigns another live process is feeding now: their claims are that process's own
    business (its API call may still be under way), not a crashed process's leftovers."""
    me = me or process_label()
    query = Campaign.select(Campaign.id, Campaign.sending_owner).where(
        Campaign.sending_owner.is_null(False) & (Campaign.sending_owner != me)
        & (Campaign.owner_seen_at >= now - timedelta(seconds=OWNER_STALE_S)))
    return {campaign_id for campaign_id, owner in query.tuples() if _alive(owner)}


def _alive(owner: str) -> bool:
    """False only for a process of this computer that no longer runs (killed, crashed): its
    heartbeat may still look fresh. Other computers' processes: trust the heartbeat."""
    host, _, pid = owner.rpartition(" · pid ")
    if host != socket.gethostname() or not pid.isdigit() or os.name == "nt":
        return True  # (on Windows signal 0 is CTRL_C_EVENT: never sent)
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, not ours to signal
        return True
    return True


def other_owner(owner: str | None, seen_at: datetime | None, now: datetime,
                me: str | None = None) -> str | None:
    """The label of ANOTHER process feeding the campaign right now, else None."""
    if not owner or seen_at is None or owner == (me or process_label()):
        return None
    if now - seen_at > timedelta(seconds=OWNER_STALE_S) or not _alive(owner):
        return None
    return owner
