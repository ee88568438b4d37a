"""Read-only queries the views and the CLI need, as plain data: keyset pages of a campaign's
messages (filtered, searched, sorted in SQL), the one campaign listing (the GUI's list and
`campaign list`) and one campaign's details, and the one export query (`export_rows`: the GUI's
CSV, `campaign export` in both formats and `campaign messages`; formats in `message_export.py`).
Page N costs the same as page 1: every page is a keyset query on (sort key, id), never OFFSET.

The webhook log's pages are in `core/services/activity.py`, the inbox's in `inbox.py`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

import peewee

from wacampaign_desktop.core import status_rules as rules
from wacampaign_desktop.core.engine import lifecycle
from wacampaign_desktop.core.services.search import search_condition
from wacampaign_desktop.core.store.claims import other_owner
from wacampaign_desktop.core.store.models import Campaign, CampaignMessage, Contact, utcnow

if TYPE_CHECKING:
    from wacampaign_desktop.core.app_context import AppContext

# Status groups offered by the messages filter: key -> statuses (None = all; "replied" is special).
STATUS_GROUPS: dict[str, tuple[str, ...] | None] = {
    "all": None,
    "pending": ("pending", "accepted", "scheduled", "queued", "sending"),
    "sent": ("sent",),
    "delivered": ("delivered",),
    "read": ("read",),
    "failed": ("failed", "undelivered"),
    "skipped": ("skipped", "canceled"),
    "replied": (),
}

# Columns a messages page can be sorted by ("id" = insertion order).
SORT_KEYS = ("id", "phone", "name", "status", "error", "sent_at", "delivered_at", "read_at",
             "replied_at", "variant")

# What `export_rows` yields for each message, in this order.
EXPORT_COLUMNS = ("id", "phone", "name", "status", "twilio_sid", "error_code", "error_message",
                  "retry_count", "variant", "message", "claimed_at", "sent_at", "delivered_at",
                  "read_at", "failed_at", "replied_at")

_STATUS_RANK = peewee.Case(
    CampaignMessage.status,
    [(s, i) for i, s in enumerate((*rules.PROGRESS, "undelivered", "failed", "canceled", "skipped"))],
    99,
)
_SQLITE_MAX_PARAMS = 900


@dataclass
class MessageRow:
    """One campaign message as the table shows it (mutable: live updates change it in place)."""

    id: int
    phone: str
    name: str
    status: str
    error_code: int | None
    error_message: str | None
    sent_at: datetime | None
    delivered_at: datetime | None
    read_at: datetime | None
    replied_at: datetime | None
    sid: str | None
    body: str
    retry_count: int
    updated_at: datetime | None
    key: Any  # raw value of the sort key (the keyset page boundary)
    variant: str | None = None  # A/B version (G)
    attempts: int = 0  # sends Twilio took or refused, across every retry (G)


@dataclass(frozen=True)
class MessageFilter:
    """Which messages of a campaign, in which order."""

    campaign_id: int
    group: str = "all"  # a key of STATUS_GROUPS
    search: str = ""  # phone digits or a name part
    sort: str = "id"  # one of SORT_KEYS
    descending: bool = False

    def __post_init__(self) -> None:
        if self.group not in STATUS_GROUPS:
            raise ValueError(f"unknown status group {self.group!r}")
        if self.sort not in SORT_KEYS:
            raise ValueError(f"unknown sort key {self.sort!r}")


@dataclass
class CampaignSummary:
    """A row of the campaign list."""

    id: int
    name: str
    state: str
    created_at: datetime
    counters: dict[str, int] = field(default_factory=dict)
    ab: bool = False  # the campaign has A/B versions (G)


@dataclass(frozen=True)
class CampaignDetails:
    """What the campaign view shows above the messages table."""

    id: int
    name: str
    state: str
    body: str
    content_sid: str | None
    counters: dict[str, int]
    sent_by: str | None = None  # "<hostname> · pid N" of ANOTHER process sending it now (H)

    @property
    def failed(self) -> int:
        return self.counters.get("failed", 0) + self.counters.get("undelivered", 0)

    @property
    def total(self) -> int:
        return self.counters.get("total", 0)


def campaign_actions(state: str) -> frozenset[str]:
    """What the user can do with a campaign in `state`: "start", "pause", "resume", "cancel",
    "retry" as the engine's lifecycle allows them (engine/lifecycle.ALLOWED_FROM), and "edit"
    for a draft (CampaignDraft.save refuses a campaign once scheduled or started)."""
    actions = {action for action in ("start", "pause", "resume", "cancel", "retry")
               if state in lifecycle.ALLOWED_FROM[action]}
    if state == lifecycle.DRAFT:
        actions.add("edit")
    return frozenset(actions)


class Queries:
    """Campaign and message reads for the views (cheap: one indexed query each)."""

    def __init__(self, context: AppContext | None = None) -> None:
        self._context = context

    # -- messages --------------------------------------------------------------------------
    def message_page(self, where: MessageFilter, after: MessageRow | None,
                     limit: int) -> list[MessageRow]:
        """The next `limit` messages after `after` (None: the first page), in the filter's order."""
        key = _sort_key(where.sort)
        query = _message_select(key).where(CampaignMessage.campaign == where.campaign_id)
        statuses = STATUS_GROUPS[where.group]
        if where.group == "replied":
            query = query.where(CampaignMessage.replied_at.is_null(False))
        elif statuses:
            query = query.where(CampaignMessage.status.in_(statuses))
        condition = search_condition(where.search, CampaignMessage.phone, Contact.name)
        if condition is not None:
            query = query.where(condition)
        if after is not None:
            pair = peewee.Tuple(key, CampaignMessage.id)
            bound = peewee.Tuple(after.key, after.id)
            query = query.where(pair < bound if where.descending else pair > bound)
        if where.descending:
            query = query.order_by(key.desc(), CampaignMessage.id.desc())
        else:
            query = query.order_by(key, CampaignMessage.id)
        return [MessageRow(*raw) for raw in query.limit(limit).tuples()]

    def messages_by_id(self, campaign_id: int, ids: Sequence[int]) -> list[MessageRow]:
        """The stored rows of these messages (the detail pane re-reads the selected one)."""
        rows: list[MessageRow] = []
        key = _sort_key("id")
        for start in range(0, len(ids), _SQLITE_MAX_PARAMS):
            chunk = list(ids[start:start + _SQLITE_MAX_PARAMS])
            query = _message_select(key).where((CampaignMessage.campaign == campaign_id)
                                               & CampaignMessage.id.in_(chunk))
            rows.extend(MessageRow(*raw) for raw in query.tuples())
        return rows

    # -- campaigns ------------------------------------------------------------------------------
    def campaigns(self, newest_first: bool = True) -> list[CampaignSummary]:
        """Every campaign with its counters: newest first (the window's list), or in creation
        order (`campaign list`)."""
        order = ((Campaign.created_at.desc(), Campaign.id.desc()) if newest_first
                 else (Campaign.id,))
        query = Campaign.select().order_by(*order)
        return [CampaignSummary(c.id, c.name, c.state, c.created_at, c.counters(),
                                ab=bool(c.variants)) for c in query]

    def campaign(self, campaign_id: int | None) -> CampaignDetails | None:
        campaign = Campaign.get_or_none(Campaign.id == campaign_id) if campaign_id else None
        if campaign is None:
            return None
        now = self._context.clock.now() if self._context is not None else utcnow()
        return CampaignDetails(campaign.id, campaign.name, campaign.state, campaign.body or "",
                               campaign.content_sid, campaign.counters(),
                               other_owner(campaign.sending_owner, campaign.owner_seen_at, now))

    def campaign_has_variants(self, campaign_id: int | None) -> bool:
        """Whether the campaign is an A/B test (its messages table shows each one's version)."""
        if campaign_id is None:
            return False
        row = Campaign.select(Campaign.variants).where(Campaign.id == campaign_id).tuples().first()
        return bool(row and row[0])

    def campaign_name(self, campaign_id: int) -> str | None:
        row = Campaign.select(Campaign.name).where(Campaign.id == campaign_id).tuples().first()
        return row[0] if row else None

    # -- export ---------------------------------------------------------------------------------
    def export_rows(self, campaign_id: int, status: str | None = None,
                    batch: int = 2000) -> Iterator[tuple[Any, ...]]:
        """Every message of the campaign (only those with `status` if given) as a tuple in
        EXPORT_COLUMNS order, by id, read in keyset batches (memory stays flat on 100,000
        messages). The one query behind every export and `campaign messages`."""
        query = (
            CampaignMessage.select(*_EXPORT_FIELDS)
            .join(Contact, peewee.JOIN.LEFT_OUTER, on=(CampaignMessage.contact == Contact.id))
            .where(CampaignMessage.campaign == campaign_id)
            .order_by(CampaignMessage.id)
        )
        if status:
            query = query.where(CampaignMessage.status == status.lower())
        last_id = 0
        while True:
            rows = list(query.where(CampaignMessage.id > last_id).limit(batch).tuples())
            if not rows:
                return
            yield from rows
            last_id = rows[-1][0]


_EXPORT_FIELDS = tuple(peewee.fn.COALESCE(Contact.name, "") if column == "name"
                       else getattr(CampaignMessage, column) for column in EXPORT_COLUMNS)


def _sort_key(column: str) -> peewee.Node:
    keys: dict[str, peewee.Node] = {
        "id": CampaignMessage.id,
        "phone": CampaignMessage.phone,
        "name": peewee.fn.COALESCE(Contact.name, "").coerce(False),
        "status": _STATUS_RANK,
        "error": peewee.fn.COALESCE(CampaignMessage.error_code, 0).coerce(False),
    }
    if column in keys:
        return keys[column]
    return peewee.fn.COALESCE(getattr(CampaignMessage, column), "").coerce(False)


def _message_select(key: peewee.Node) -> peewee.ModelSelect:
    return (
        CampaignMessage.select(
            CampaignMessage.id, CampaignMessage.phone, peewee.fn.COALESCE(Contact.name, ""),
            CampaignMessage.status, CampaignMessage.error_code, CampaignMessage.error_message,
            CampaignMessage.sent_at, CampaignMessage.delivered_at, CampaignMessage.read_at,
            CampaignMessage.replied_at, CampaignMessage.twilio_sid, CampaignMessage.message,
            CampaignMessage.retry_count, CampaignMessage.updated_at, key.alias("sort_key"),
            CampaignMessage.variant, CampaignMessage.attempts,
        )
        .join(Contact, peewee.JOIN.LEFT_OUTER, on=(CampaignMessage.contact == Contact.id))
    )
