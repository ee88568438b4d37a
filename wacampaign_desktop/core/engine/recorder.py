"""Group commit of the dispatcher's results: sender threads hand "record this sid / requeue /
fail" work to one recorder thread, which runs every queued item in a single transaction (each
in a savepoint), commits, then publishes the events and runs the items' `after` callbacks.

Many sender threads each opening `BEGIN IMMEDIATE` would queue on SQLite's busy handler (which
sleeps up to 100 ms between tries); one writer with batches keeps the lock free for the webhook
server's writer and turns hundreds of commits per second into a few.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass

from wacampaign_desktop.core.engine.reconciliation import publish_updates
from wacampaign_desktop.core.events import Event, EventBus
from wacampaign_desktop.core.store import message_updates as mu
from wacampaign_desktop.core.store.database import database_proxy as db

log = logging.getLogger(__name__)

Work = Callable[[], "list[mu.StatusUpdate | Event]"]


@dataclass
class _Item:
    work: Work
    after: Callable[[], None] | None


class Recorder:
    def __init__(self, bus: EventBus, max_batch: int = 256) -> None:
        self._bus = bus
        self._queue: queue.Queue[_Item | None] = queue.Queue()
        self._max_batch = max_batch
        self._thread = threading.Thread(target=self._run, name="engine-recorder", daemon=True)
        self._started = False

    def start(self) -> None:
        if not self._started:
            self._started = True
            self._thread.start()

    def submit(self, work: Work, after: Callable[[], None] | None = None) -> None:
        self._queue.put(_Item(work, after))

    def stop(self, timeout: float = 10.0) -> None:
        """Finish what is queued, then stop."""
        if self._started:
            self._queue.put(None)
            self._thread.join(timeout)
            self._started = False

    def _run(self) -> None:
        while True:
            item = self._queue.get()
            if item is None:
                return
            batch = [item]
            stop = False
            while len(batch) < self._max_batch:
                try:
                    more = self._queue.get_nowait()
                except queue.Empty:
                    break
                if more is None:
                    stop = True
                    break
                batch.append(more)
            self._run_batch(batch)
            if stop:
                return

    def _run_batch(self, batch: list[_Item]) -> None:
        produced: list[mu.StatusUpdate | Event] = []
        try:
            with db.atomic():
                for item in batch:
                    try:
                        with db.atomic():
                            produced.extend(item.work())
                    except Exception:
                        log.exception("Recording a send result failed; the message stays claimed "
                                      "and is checked with Twilio before any resend")
        except Exception:
            log.exception("The recorder's transaction failed")
            produced = []
        publish_updates(self._bus, [p for p in produced if isinstance(p, mu.StatusUpdate)])
        for event in produced:
            if isinstance(event, Event):
                self._bus.publish(event)
        for item in batch:
            if item.after is not None:
                try:
                    item.after()
                except Exception:
                    log.exception("Recorder callback failed")
