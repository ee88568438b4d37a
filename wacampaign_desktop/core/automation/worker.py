"""AutomationWorker: runs the reply rules on each incoming message AFTER the writer committed
it (it listens to InboundReceived on the event bus), on its own thread, so the webhook answers
Twilio without waiting for a rule, a send or a template. One message at a time, in order."""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable

from wacampaign_desktop.core.automation.actions import Automation, Result
from wacampaign_desktop.core.events import EventBus, InboundReceived

log = logging.getLogger(__name__)

_STOP = object()


class AutomationWorker:
    def __init__(self, bus: EventBus, automation: Automation) -> None:
        self.bus = bus
        self.automation = automation
        self.results: list[Result] = []  # the last few (tests, diagnostics)
        self._queue: queue.Queue[object] = queue.Queue()
        self._thread: threading.Thread | None = None
        self._unsubscribe: Callable[[], None] | None = None
        self._busy = 0
        self._idle = threading.Condition()

    def start(self) -> AutomationWorker:
        if self._thread is not None:
            return self
        self._unsubscribe = self.bus.subscribe(self._on_inbound, InboundReceived)
        self._thread = threading.Thread(target=self._run, name="reply-automation", daemon=True)
        self._thread.start()
        return self

    def _on_inbound(self, event: InboundReceived) -> None:  # publisher thread: enqueue only
        with self._idle:
            self._busy += 1
        self._queue.put(event.inbound_id)

    def _run(self) -> None:
        while True:
            item = self._queue.get()
            if item is _STOP:
                return
            try:
                result = self.automation.handle(int(item))  # type: ignore[call-overload]
                if result is not None:
                    self.results = [*self.results[-99:], result]
            except Exception:
                log.exception("Reply automation failed on incoming message %s", item)
            finally:
                with self._idle:
                    self._busy -= 1
                    self._idle.notify_all()

    def wait_idle(self, timeout: float = 10.0) -> bool:
        """Wait until every message queued so far was handled (tests, shutdown)."""
        with self._idle:
            return self._idle.wait_for(lambda: self._busy == 0, timeout)

    def stop(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        if self._thread is not None:
            self._queue.put(_STOP)
            self._thread.join(10)
            self._thread = None
