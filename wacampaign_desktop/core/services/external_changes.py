"""What another process changed, in the events a window already understands.

`ExternalChange` (core/store/change_feed.py) only names tables. `ExternalChanges.resolve()`
compares the campaigns (state, counters) and the newest incoming message with what this window
last saw — from its own events (`note`) or an earlier resolve — and returns the events the
window would have received had the change been its own: CampaignStateChanged, CountersChanged,
InboundReceived, plus what needs a reload (a campaign appeared or went, contacts changed).
Called on the thread that publishes ExternalChange (the change feed's), at most a few times a
second, never on the GUI thread; two small queries. `note` and `resolve` may run on different
threads (a lock keeps them apart); a late note at worst makes the next resolve repeat an event.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from wacampaign_desktop.core.events import (
    CampaignStateChanged,
    CountersChanged,
    Event,
    InboundReceived,
)
from wacampaign_desktop.core.store.change_feed import ChangeFeed
from wacampaign_desktop.core.store.models import Campaign, InboundMessage

if TYPE_CHECKING:
    from wacampaign_desktop.core.app_context import AppContext
    from wacampaign_desktop.core.store.writer import StoreWriter

REASON = "changed elsewhere"
_CAMPAIGN_TABLES = {"campaign", "campaign_message"}
_CONTACT_TABLES = {"contact"}
_INBOX_TABLES = {"inbound_message", "direct_message"}


@dataclass
class Resolved:
    """What an external change means for the windows."""

    events: list[Event] = field(default_factory=list)
    campaigns_changed: set[int] = field(default_factory=set)  # their messages may have moved
    campaign_list_changed: bool = False  # a campaign was created or deleted
    contacts_changed: bool = False


def watch(context: AppContext, writer: Callable[[], StoreWriter | None] | None = None
          ) -> ChangeFeed:
    """Start publishing ExternalChange on the context's bus (stop() it when closing).
    `writer`: this process's running store writer, if any (its commits are not another's)."""
    return ChangeFeed(context.db, context.bus, sqlite_path=context.paths.database_file,
                      writer=writer).start()


class ExternalChanges:
    def __init__(self, context: AppContext | None = None, *, prime: bool = True) -> None:
        self._context = context
        self._campaigns: dict[int, tuple[str, dict[str, int]]] = {}
        self._last_inbound = 0
        self._primed = False
        self._lock = threading.RLock()
        if prime:
            self._prime()

    def _prime(self) -> None:
        self._campaigns = self._read_campaigns()
        self._last_inbound = self._max_inbound()
        self._primed = True

    @staticmethod
    def _read_campaigns() -> dict[int, tuple[str, dict[str, int]]]:
        return {c.id: (c.state, c.counters()) for c in Campaign.select()}

    @staticmethod
    def _max_inbound() -> int:
        return InboundMessage.select(InboundMessage.id).order_by(InboundMessage.id.desc()).scalar() or 0

    def note(self, event: Event) -> None:
        """An event this window got from its own process: not to be announced again."""
        with self._lock:
            self._note(event)

    def _note(self, event: Event) -> None:
        if not self._primed:
            return
        if isinstance(event, CountersChanged):
            state = self._campaigns.get(event.campaign_id, ("", {}))[0]
            self._campaigns[event.campaign_id] = (state, dict(event.counters))
        elif isinstance(event, CampaignStateChanged):
            counters = self._campaigns.get(event.campaign_id, ("", {}))[1]
            self._campaigns[event.campaign_id] = (event.new_state, counters)
        elif isinstance(event, InboundReceived):
            self._last_inbound = max(self._last_inbound, event.inbound_id)

    def resolve(self, tables: frozenset[str]) -> Resolved:
        """The events and reloads for a change of `tables` (empty: any table). Reads first,
        then compares under the lock (notes from other threads never wait for the reads)."""
        result = Resolved()
        if not self._primed:
            with self._lock:
                self._prime()
            result.campaign_list_changed = result.contacts_changed = True
            return result
        every = not tables
        campaigns = self._read_campaigns() if every or tables & _CAMPAIGN_TABLES else None
        inbound = (list(InboundMessage.select().where(InboundMessage.id > self._last_inbound)
                        .order_by(InboundMessage.id).limit(200))
                   if every or tables & _INBOX_TABLES else [])
        with self._lock:
            if campaigns is not None:
                self._campaign_events(result, campaigns)
            self._inbound_events(result, inbound)
        result.contacts_changed = every or bool(tables & _CONTACT_TABLES)
        return result

    def _campaign_events(self, result: Resolved, now: dict[int, tuple[str, dict[str, int]]]
                         ) -> None:
        if now.keys() != self._campaigns.keys():
            result.campaign_list_changed = True
        for campaign_id, (state, counters) in now.items():
            before = self._campaigns.get(campaign_id)
            if before is None:  # new to this window (made elsewhere, or by it without an event)
                result.events.append(CountersChanged(campaign_id, counters))
                result.campaigns_changed.add(campaign_id)
                continue
            if before[0] != state:
                result.events.append(CampaignStateChanged(campaign_id, before[0], state, REASON))
            if before[1] != counters:
                delta = {k: v - before[1].get(k, 0) for k, v in counters.items()
                         if v != before[1].get(k, 0)}
                result.events.append(CountersChanged(campaign_id, counters, delta=delta))
                result.campaigns_changed.add(campaign_id)
            if before != (state, counters):
                result.campaigns_changed.add(campaign_id)
        self._campaigns = now

    def _inbound_events(self, result: Resolved, rows: list[InboundMessage]) -> None:
        for row in rows:
            if row.id <= self._last_inbound:  # noted meanwhile (this process's own)
                continue
            result.events.append(InboundReceived(
                row.id, row.contact_id, row.from_number, row.body or "",
                row.campaign_message_id, getattr(row, "source", "webhook") or "webhook"))
            self._last_inbound = row.id
