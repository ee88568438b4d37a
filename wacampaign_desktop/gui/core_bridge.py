"""THE one adapter from the core to Qt: subscribes to the EventBus and re-emits core events as
Qt signals on the GUI thread, coalesced so that views repaint at most ~10 times a second.

Publisher threads (webhook writer, engine, tunnel) only append to a buffer under a lock and, for
the first event of a batch, post one queued wake-up; a single-shot timer on the GUI thread then
drains the buffer at most every `interval_ms`. No core thread ever touches a widget, and nothing
here polls the database.

Signals (all emitted on the GUI thread):
- messageStatusChanged(list[MessageStatusChanged])  latest event per message id, one list per drain
- countersChanged(int campaign_id, dict counters)    latest counters per campaign
- campaignProgress(CampaignProgress)                 latest per campaign
- campaignStateChanged(CampaignStateChanged)         every one, in order
- inboundReceived(InboundReceived)                   every one, in order
- contactsChanged()                                  at most once per drain (opt-in/out, imports)
- webhookLogged(list[WebhookLogged])                 the drain's events, in order
- alert(Alert)                                       every one (SignatureRejected becomes an Alert)
- serverStateChanged(ServerStateChanged)             latest
- tunnelStateChanged(TunnelStateChanged)             latest
- runtimeChanged(Runtime | None)                     forwarded from gui/runtime_controller.py (up / down)
- externalChange(Resolved)                           another process changed the database: what
                                                     to reload (core/services/external_changes.py)

Changes made by other processes (ExternalChange from core/store/change_feed.py) come out as the
same signals as this process's own (counters, states, incoming messages, contacts), resolved by
`external` (ExternalChanges) on the thread that published the change (the change feed's), never
on the GUI thread: drain only emits the already-resolved events, plus externalChange for lists
to reload.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot

from wacampaign_desktop.core import events as ev
from wacampaign_desktop.core.services.external_changes import ExternalChanges, Resolved

log = logging.getLogger(__name__)

DEFAULT_INTERVAL_MS = 100  # ≤ 10 drains (and so repaints) per second


class CoreBridge(QObject):
    messageStatusChanged = Signal(object)
    countersChanged = Signal(int, dict)
    campaignProgress = Signal(object)
    campaignStateChanged = Signal(object)
    inboundReceived = Signal(object)
    contactsChanged = Signal()
    webhookLogged = Signal(object)
    alert = Signal(object)
    serverStateChanged = Signal(object)
    tunnelStateChanged = Signal(object)
    runtimeChanged = Signal(object)
    externalChange = Signal(object)

    _wake = Signal()

    def __init__(self, bus: ev.EventBus, interval_ms: int = DEFAULT_INTERVAL_MS,
                 parent: QObject | None = None, external: ExternalChanges | None = None) -> None:
        super().__init__(parent)
        self._bus = bus
        self._external = external
        self._interval_ms = interval_ms
        self._lock = threading.Lock()
        self._buffer: list[ev.Event] = []
        self._wake_pending = False
        self._last_drain = 0.0
        self.drain_count = 0
        self.events_seen = 0
        self.last_server_state: ev.ServerStateChanged | None = None
        self.last_tunnel_state: ev.TunnelStateChanged | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.drain)
        self._wake.connect(self._on_wake, Qt.ConnectionType.QueuedConnection)
        self._unsubscribe: Callable[[], None] | None = bus.subscribe(self._on_event)

    # -- publisher threads -------------------------------------------------------------------
    def _on_event(self, event: ev.Event) -> None:
        if self._external is not None:
            if isinstance(event, ev.ExternalChange):
                self._buffer_events(self._resolve_here(event))
                return
            self._external.note(event)
        self._buffer_events([event])

    def _resolve_here(self, change: ev.ExternalChange) -> list[ev.Event]:
        """(publisher thread) what another process changed, as this process's own events,
        followed by the `_Resolved` carrying what to reload."""
        assert self._external is not None
        try:
            resolved = self._external.resolve(change.tables)
        except Exception:  # the database is away for a moment: the next change tells again
            log.exception("Could not read what another process changed")
            return []
        return [*resolved.events, _Resolved(resolved)]

    def _buffer_events(self, events: list[ev.Event]) -> None:
        if not events:
            return
        with self._lock:
            self._buffer.extend(events)
            if self._wake_pending:
                return
            self._wake_pending = True
        self._wake.emit()

    # -- GUI thread ----------------------------------------------------------------------------
    @Slot()
    def _on_wake(self) -> None:
        if self._timer.isActive():
            return
        elapsed_ms = (time.monotonic() - self._last_drain) * 1000
        self._timer.start(max(0, int(self._interval_ms - elapsed_ms)))

    @Slot()
    def drain(self) -> None:
        """Deliver everything buffered so far (tests may call it directly)."""
        with self._lock:
            batch, self._buffer = self._buffer, []
            self._wake_pending = False
        self._last_drain = time.monotonic()
        if not batch:
            return
        self.drain_count += 1
        self.events_seen += len(batch)
        batch, resolved = self._resolve_external(batch)
        statuses: dict[int, ev.MessageStatusChanged] = {}
        counters: dict[int, dict[str, int]] = {}
        progress: dict[int, ev.CampaignProgress] = {}
        ordered: list[ev.Event] = []
        webhooks: list[ev.WebhookLogged] = []
        contacts = False
        server: ev.ServerStateChanged | None = None
        tunnel: ev.TunnelStateChanged | None = None
        for event in batch:
            if isinstance(event, ev.MessageStatusChanged):
                statuses.pop(event.message_id, None)
                statuses[event.message_id] = event
            elif isinstance(event, ev.CountersChanged):
                counters[event.campaign_id] = event.counters
            elif isinstance(event, ev.CampaignProgress):
                progress[event.campaign_id] = event
            elif isinstance(event, ev.WebhookLogged):
                webhooks.append(event)
            elif isinstance(event, ev.ContactOptChanged):
                contacts = True
            elif isinstance(event, ev.ServerStateChanged):
                server = event
            elif isinstance(event, ev.TunnelStateChanged):
                tunnel = event
            else:
                ordered.append(event)
        if server is not None:
            self.last_server_state = server
            self._emit(self.serverStateChanged, server)
        if tunnel is not None:
            self.last_tunnel_state = tunnel
            self._emit(self.tunnelStateChanged, tunnel)
        if statuses:
            self._emit(self.messageStatusChanged, list(statuses.values()))
        for campaign_id, values in counters.items():
            self._emit(self.countersChanged, campaign_id, dict(values))
        for item in progress.values():
            self._emit(self.campaignProgress, item)
        for event in ordered:
            if isinstance(event, ev.CampaignStateChanged):
                self._emit(self.campaignStateChanged, event)
            elif isinstance(event, ev.InboundReceived):
                self._emit(self.inboundReceived, event)
            elif isinstance(event, ev.Alert):
                self._emit(self.alert, event)
            elif isinstance(event, ev.SignatureRejected):
                self._emit(self.alert, ev.Alert(
                    code="signature_rejected", level="error",
                    message=f"A request to {event.path} from {event.remote_addr} had a bad "
                            "Twilio signature and was rejected.",
                    details={"path": event.path, "remote_addr": event.remote_addr}))
        if contacts or (resolved is not None and resolved.contacts_changed):
            self._emit(self.contactsChanged)
        if webhooks:
            self._emit(self.webhookLogged, webhooks)
        if resolved is not None:
            self._emit(self.externalChange, resolved)

    def _resolve_external(self, batch: list[ev.Event]) -> tuple[list[ev.Event], Resolved | None]:
        """The batch without its resolved markers, and what to reload (merged), if anything."""
        markers = [e for e in batch if isinstance(e, (_Resolved, ev.ExternalChange))]
        if not markers:
            return batch, None
        local = [e for e in batch if not isinstance(e, (_Resolved, ev.ExternalChange))]
        merged = Resolved()
        for marker in markers:
            if isinstance(marker, ev.ExternalChange):  # no resolver: reload everything
                merged.campaign_list_changed = merged.contacts_changed = True
                continue
            merged.campaigns_changed |= marker.resolved.campaigns_changed
            merged.campaign_list_changed |= marker.resolved.campaign_list_changed
            merged.contacts_changed |= marker.resolved.contacts_changed
        return local, merged

    def _emit(self, signal: Signal, *args: object) -> None:  # type: ignore[valid-type]
        try:
            signal.emit(*args)
        except Exception:  # a broken slot must not stop the other signals
            log.exception("Slot failed on %s", signal)

    def notify_contacts_changed(self) -> None:
        """For GUI code that changed contacts itself (import, edit): emits contactsChanged now."""
        self.contactsChanged.emit()

    def close(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        self._timer.stop()


@dataclass(frozen=True)
class _Resolved(ev.Event):
    """(internal) an external change already resolved on the feed's thread."""

    resolved: Resolved
