"""Group commit: handler threads hand work to ONE writer thread and wait for its result.

The writer takes every queued item, runs them in a single `BEGIN IMMEDIATE` transaction (each
item in its own savepoint, so one bad item cannot spoil the batch), commits, and only then
resolves the waiting futures and publishes the events the items produced. A 2xx answer thus
always means "on disk", while thousands of callbacks per second share a few commits.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any

import peewee

from wacampaign_desktop.core.events import Event, EventBus

log = logging.getLogger(__name__)


class WriterStopped(RuntimeError):
    """The writer is not running; the work was not done."""


@dataclass
class Outcome:
    """What a work item returns: a value for the caller, events to publish after commit, audit
    rows for the batch's `finish` hook to insert together, campaigns whose counters changed."""

    value: Any = None
    events: list[Event] = field(default_factory=list)
    campaigns: set[int] = field(default_factory=set)
    audit: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Batch:
    """Shared state of one batch transaction (e.g. statuses read once for all its callbacks)."""

    works: list[Any]
    cache: dict[str, Any] = field(default_factory=dict)


Work = Callable[[Batch], Outcome]
Prepare = Callable[[Batch], None]
Finish = Callable[[list[Outcome]], list[Event]]
# Works that share a `group` attribute may be run together by a group runner (one call for
# many items); if it raises, they fall back to one savepoint each.
GroupRunner = Callable[[Batch, list[Any]], list[Outcome]]


@dataclass
class _Item:
    work: Work
    future: Future[Any]


class GroupCommitWriter:
    """One thread that owns every webhook write. `submit(fn)` returns a Future resolved after commit."""

    def __init__(
        self,
        db: peewee.Database,
        bus: EventBus,
        *,
        max_batch: int = 500,
        linger_s: float = 0.002,
        prepare: Prepare | None = None,
        finish: Finish | None = None,
        groups: dict[str, GroupRunner] | None = None,
        name: str = "webhook-writer",
    ) -> None:
        self._db = db
        self._bus = bus
        self._max_batch = max_batch
        self._linger_s = linger_s
        self._prepare = prepare
        self._finish = finish
        self._groups = groups or {}
        self._queue: queue.SimpleQueue[_Item | None] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._running = False
        self._name = name
        self.batches = 0
        self.items = 0
        self.cpu_s = 0.0  # CPU time the writer thread spent on batches (for the benchmark)

    def start(self) -> None:
        if self._thread is not None:
            return
        self._running = True
        self._thread = threading.Thread(target=self._run, name=self._name, daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        """Finish what is queued, then end the thread."""
        if self._thread is None:
            return
        self._running = False
        self._queue.put(None)
        self._thread.join(timeout)
        self._thread = None

    @property
    def running(self) -> bool:
        return self._running

    def submit(self, work: Work) -> Future[Any]:
        future: Future[Any] = Future()
        if not self._running:
            future.set_exception(WriterStopped("the webhook writer is not running"))
            return future
        self._queue.put(_Item(work, future))
        return future

    def call(self, work: Work, timeout: float = 30.0) -> Any:
        """Submit and wait (for callers that are not latency-sensitive, e.g. the orphan sweep)."""
        return self.submit(work).result(timeout)

    # -- writer thread -------------------------------------------------------------------
    def _take_batch(self) -> list[_Item] | None:
        """The next batch: whatever is queued; under load (more than one waiting), linger a
        moment for more, so that many callbacks share one commit."""
        first = self._queue.get()
        if first is None:
            return None
        batch = [first]
        deadline: float | None = None
        while len(batch) < self._max_batch:
            try:
                if deadline is None:
                    item = self._queue.get_nowait()
                else:
                    remaining = deadline - time.monotonic()
                    if remaining <= 0:
                        break
                    item = self._queue.get(timeout=remaining)
            except queue.Empty:
                if deadline is None and len(batch) > 1 and self._linger_s > 0:
                    deadline = time.monotonic() + self._linger_s
                    continue
                break
            if item is None:
                self._queue.put(None)  # seen again after this batch
                break
            batch.append(item)
        return batch

    def _run(self) -> None:
        self._db.connect(reuse_if_open=True)
        try:
            while True:
                batch = self._take_batch()
                if batch is None:
                    break
                started = time.thread_time()
                self._run_batch(batch)
                self.cpu_s += time.thread_time() - started
        finally:
            # Anything left (put after the stop marker) is refused, never silently lost.
            while True:
                try:
                    item = self._queue.get_nowait()
                except queue.Empty:
                    break
                if item is not None and not item.future.done():
                    item.future.set_exception(WriterStopped("the webhook writer stopped"))
            if not self._db.is_closed():
                self._db.close()

    def _run_batch(self, batch: list[_Item]) -> None:
        for attempt in range(3):
            try:
                results, extra = self._execute(batch)
            except peewee.OperationalError as exc:  # locked beyond the busy timeout, disk I/O…
                log.warning("Webhook batch of %d failed (%s), attempt %d", len(batch), exc, attempt + 1)
                time.sleep(0.2 * (attempt + 1))
                continue
            except Exception as exc:  # pragma: no cover - defensive: never leave callers hanging
                log.exception("Webhook batch of %d failed", len(batch))
                for item in batch:
                    if not item.future.done():
                        item.future.set_exception(exc)
                return
            self.batches += 1
            self.items += len(batch)
            events: list[Event] = []
            for item, result in zip(batch, results, strict=True):
                if isinstance(result, BaseException):
                    item.future.set_exception(result)
                else:
                    item.future.set_result(result.value)
                    events.extend(result.events)
            events.extend(extra)
            for event in events:
                self._bus.publish(event)
            return
        error = WriterStopped("the database stayed busy; the webhook was not stored")
        log.error("Giving up on a webhook batch of %d: database busy", len(batch))
        for item in batch:
            item.future.set_exception(error)

    def _run_groups(self, state: Batch, batch: list[_Item]) -> dict[int, Outcome]:
        """Run each group's items with one call, in a savepoint; {} for a group that failed."""
        done: dict[int, Outcome] = {}
        for name, runner in self._groups.items():
            indexes = [i for i, item in enumerate(batch) if getattr(item.work, "group", None) == name]
            if not indexes:
                continue
            try:
                with self._db.atomic():
                    outcomes = runner(state, [batch[i].work for i in indexes])
            except peewee.OperationalError:
                raise
            except Exception:
                log.exception("Grouped webhook work failed; storing those webhooks one by one")
                state.cache.clear()  # the group's view of the batch was rolled back with it
                continue
            done.update(zip(indexes, outcomes, strict=True))
        return done

    def _execute(self, batch: list[_Item]) -> tuple[list[Outcome | BaseException], list[Event]]:
        results: list[Outcome | BaseException] = []
        extra: list[Event] = []
        state = Batch([item.work for item in batch])
        with self._db.atomic():  # top level: BEGIN IMMEDIATE (set on the database)
            if self._prepare is not None:
                self._prepare(state)
            grouped = self._run_groups(state, batch)
            for index, item in enumerate(batch):
                if index in grouped:
                    results.append(grouped[index])
                    continue
                try:
                    with self._db.atomic():  # savepoint: a failing item leaves no trace
                        outcome = item.work(state)
                except peewee.OperationalError:
                    raise  # the whole transaction is in trouble: retry the batch
                except Exception as exc:
                    log.exception("A webhook could not be stored")
                    results.append(exc)
                    continue
                results.append(outcome)
            if self._finish is not None:
                extra = self._finish([r for r in results if isinstance(r, Outcome)])
        return results, extra
