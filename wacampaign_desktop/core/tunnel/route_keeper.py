"""RouteKeeper: when the public URL changes (a free ngrok URL changes on every agent restart),
set Twilio's webhooks to the new URL again, and say so.

It acts only for a sender whose webhooks were applied once through "Apply to Twilio" on this
computer (the app never changes a Twilio setting the user did not ask it to manage, and a
desktop sharing the team's database never takes the webhooks away from the team's server). It listens for
`TunnelStateChanged(state="up")` on the bus, re-applies on its own worker thread, records an
Activity entry (through the service), and publishes `WebhookRoutesApplied` plus an `Alert`
(code "webhook_routes_applied", info; or "webhook_routes_failed", warning, with what to set in
the Twilio Console) for the window's banner.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable

from wacampaign_desktop.core.events import (
    Alert,
    Event,
    EventBus,
    TunnelStateChanged,
    WebhookRoutesApplied,
)
from wacampaign_desktop.core.services.webhook_routes import (
    RouteReport,
    WebhookRoutes,
    last_applied_url,
)

log = logging.getLogger(__name__)


class RouteKeeper:
    def __init__(self, bus: EventBus, routes: Callable[[], WebhookRoutes | None]) -> None:
        """`routes()`: the WebhookRoutes of the running account and sender (None: none now)."""
        self._bus = bus
        self._routes = routes
        self._queue: queue.Queue[str | None] = queue.Queue()
        self._thread: threading.Thread | None = None
        self._unsubscribe: Callable[[], None] | None = None
        self.reports: list[RouteReport] = []  # automatic re-applies, newest last

    def start(self) -> RouteKeeper:
        self._thread = threading.Thread(target=self._run, name="route-keeper", daemon=True)
        self._thread.start()
        self._unsubscribe = self._bus.subscribe(self._on_event, TunnelStateChanged)
        return self

    def stop(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join(30)
            self._thread = None

    def _on_event(self, event: Event) -> None:
        if isinstance(event, TunnelStateChanged) and event.state == "up" and event.public_url:
            self._queue.put(event.public_url.rstrip("/"))

    def _run(self) -> None:
        while True:
            url = self._queue.get()
            if url is None:
                return
            try:
                self.reapply_if_changed(url)
            except Exception:
                log.exception("Re-applying the webhooks to Twilio failed")

    def reapply_if_changed(self, public_url: str) -> RouteReport | None:
        """Apply `public_url` when the webhooks were applied before to another URL."""
        previous = last_applied_url(this_host=True)
        if previous is None or previous.rstrip("/") == public_url:
            return None
        routes = self._routes()
        if routes is None or not routes.sender:
            return None
        log.warning("The public URL changed from %s to %s: setting Twilio's webhooks again",
                    previous, public_url)
        report = routes.apply(public_url, automatic=True)
        self.reports.append(report)
        self._bus.publish(WebhookRoutesApplied(public_url, report.matches, True, report.message,
                                               report.kind, report.sid))
        if report.matches:
            self._bus.publish(Alert(
                code="webhook_routes_applied", level="info",
                message=(f"The public address changed to {public_url}; the app set Twilio's "
                         "webhooks to it again, so replies and statuses keep arriving."),
                details={"old_url": previous, "new_url": public_url, "kind": report.kind,
                         "sid": report.sid},
            ))
        else:
            self._bus.publish(Alert(
                code="webhook_routes_failed", level="warning",
                message=(f"The public address changed to {public_url}, and the app could not set "
                         f"Twilio's webhooks to it: {report.message}"),
                details={"old_url": previous, "new_url": public_url, "problem": report.problem},
            ))
        return report
