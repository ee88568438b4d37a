"""The one writer: every write of the webhook server and the engine goes through one thread.

Clients `submit(work)` and get a Future. The writer takes every queued item, runs them in one
`BEGIN IMMEDIATE` transaction (each item in its own savepoint, so one bad item cannot spoil the
batch), commits, and only then resolves the futures and publishes the events the items
produced (one `CountersChanged` per campaign per commit). A resolved future thus always means
"on disk", while thousands of writes per second share a few commits.

Retry policy (the one for the whole app): when the database is busy or locked beyond its busy
timeout (`OperationalError`), the whole batch is rolled back and run again, up to `attempts`
times with a growing pause; if it still fails, EVERY waiting caller gets the exception and
nothing of the batch is committed. No result is ever dropped silently. A batch that failed for
lack of space (`storage_health.is_storage_full`) is not retried; `health`, when given, is told
(it alerts once) and told again on the next commit (all clear).

A work item is `work(batch) -> Outcome`. Items may carry a `group` attribute: a function
`group(batch, works) -> list[Outcome]` that runs all of a batch's items of that group in one call
(if it raises, those items run one by one). Items may register batch-level hooks with
`batch.on_finish(key, hook)`: `hook(batch, outcomes) -> list[Event]` runs once, after every item,
inside the transaction (e.g. one INSERT for all of a batch's webhook-log rows).
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

from wacampaign_desktop.core.clock import SYSTEM_CLOCK, Clock
from wacampaign_desktop.core.events import Event, EventBus
from wacampaign_desktop.core.store.database import database_proxy
from wacampaign_desktop.core.store.status_pipeline import merge_counter_events
from wacampaign_desktop.core.store.storage_health import StorageHealth, is_storage_full

log = logging.getLogger(__name__)


_RUNNING: list[StoreWriter] = []  # H3: this process's started writers (running_writer)
_RUNNING_LOCK = threading.Lock()


def running_writer(db: peewee.Database) -> StoreWriter | None:
    """H3: this process's running store writer on `db`, if any (the change feed reads SQLite's
    data_version on its connection, so that its commits are not taken for another process's)."""
    with _RUNNING_LOCK:
        return next((w for w in _RUNNING if w.db is db and w.running), None)


class WriterStopped(RuntimeError):
    """The writer is not running; the work was not done."""


@dataclass
class Outcome:
    """What a work item returns: a value for the caller, events to publish after commit, and
    rows for the batch's finish hooks (e.g. webhook-log rows inserted together)."""

    value: Any = None
    events: list[Event] = field(default_factory=list)
    rows: list[dict[str, Any]] = field(default_factory=list)


FinishHook = Callable[["Batch", list[Outcome]], list[Event]]


@dataclass
class Batch:
    """Shared state of one batch transaction: a cache for the items, the finish hooks."""

    works: list[Any]
    clock: Clock = SYSTEM_CLOCK
    cache: dict[str, Any] = field(default_factory=dict)
    hooks: dict[str, FinishHook] = field(default_factory=dict)

    def on_finish(self, key: str, hook: FinishHook) -> None:
        """Run `hook` once after every item of this batch (same key: once)."""
        self.hooks.setdefault(key, hook)


Work = Callable[[Batch], Outcome]
GroupRunner = Callable[[Batch, list[Any]], list[Outcome]]


def bound_database() -> peewee.Database | None:
    """The database the models are bound to (for callers that were not handed one)."""
    return database_proxy.obj


@dataclass
class _Item:
    work: Work
    future: Future[Any]
    outside: bool = False  # H3: run_on_thread: a plain call, outside any transaction


class StoreWriter:
    """One thread that owns the process's writes. `submit(work)` returns a Future resolved after
    commit (or failed with the exception that stopped the batch)."""

    def __init__(
        self,
        db: peewee.Database,
        bus: EventBus,
        *,
        clock: Clock = SYSTEM_CLOCK,
        max_batch: int = 500,
        linger_s: float = 0.002,
        attempts: int = 3,
        retry_pause_s: float = 0.2,
        name: str = "store-writer",
        health: StorageHealth | None = None,
    ) -> None:
        self.db = db
        self.health = health  # told of full-storage failures and of the next success
        self.clock = clock
        self._bus = bus
        self._max_batch = max_batch
        self._linger_s = linger_s
        self._attempts = max(1, attempts)
        self._retry_pause_s = retry_pause_s
        self._queue: queue.SimpleQueue[_Item | None] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._running = False
        self._name = name
        self._lock = threading.Lock()
        self.batches = 0
        self.items = 0
        self.retries = 0
        self.cpu_s = 0.0  # CPU time the writer thread spent on batches (for the benchmark)

    def start(self) -> None:
        with self._lock:
            if self._thread is not None:
                return
            self._running = True
            self._thread = threading.Thread(target=self._run, name=self._name, daemon=True)
            self._thread.start()
        with _RUNNING_LOCK:
            _RUNNING.append(self)

    def stop(self, timeout: float = 10.0) -> None:
        """Finish what is queued, then end the thread."""
        with self._lock:
            thread, self._thread = self._thread, None
            if thread is None:
                return
            self._running = False
            self._queue.put(None)
        with _RUNNING_LOCK:
            if self in _RUNNING:
                _RUNNING.remove(self)
        thread.join(timeout)

    @property
    def running(self) -> bool:
        return self._running

    def submit(self, work: Work) -> Future[Any]:
        future: Future[Any] = Future()
        if not self._running:
            future.set_exception(WriterStopped("the store writer is not running"))
            return future
        self._queue.put(_Item(work, future))
        return future

    def publish(self, events: list[Event]) -> None:
        """Publish events of a transaction a client committed itself (same merging)."""
        for event in merge_counter_events(events):
            self._bus.publish(event)

    def run_on_thread(self, fn: Callable[[], Any]) -> Future[Any]:
        """H3: run `fn()` on the writer's thread and connection, outside any transaction, before
        its next batch (e.g. `PRAGMA data_version`, which the writer's own commits never change)."""
        future: Future[Any] = Future()
        if not self._running:
            future.set_exception(WriterStopped("the store writer is not running"))
            return future
        self._queue.put(_Item(lambda _batch: fn(), future, outside=True))
        return future

    def call(self, work: Work, timeout: float = 30.0) -> Any:
        """Submit and wait for the committed result (raises what the work raised)."""
        return self.submit(work).result(timeout)

    # -- writer thread -------------------------------------------------------------------
    def _take_batch(self) -> list[_Item] | None:
        """The next batch: whatever is queued; under load (more than one waiting), linger a
        moment for more, so that many writes share one commit."""
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
        self.db.connect(reuse_if_open=True)
        try:
            while True:
                batch = self._take_batch()
                if batch is None:
                    break
                batch = self._run_outside(batch)
                if not batch:
                    continue
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
                    item.future.set_exception(WriterStopped("the store writer stopped"))
            if not self.db.is_closed():
                self.db.close()

    def _run_outside(self, batch: list[_Item]) -> list[_Item]:
        """H3: run the batch's run_on_thread calls now; the rest is the real batch."""
        rest = []
        for item in batch:
            if not item.outside:
                rest.append(item)
                continue
            try:
                item.future.set_result(item.work(None))  # type: ignore[arg-type]
            except BaseException as exc:  # noqa: BLE001 (handed to the caller)
                item.future.set_exception(exc)
        return rest

    def _run_batch(self, batch: list[_Item]) -> None:
        error: BaseException | None = None
        for attempt in range(1, self._attempts + 1):
            try:
                results, extra = self._execute(batch)
            except peewee.OperationalError as exc:  # busy/locked beyond the timeout, disk I/O…
                error = exc
                if is_storage_full(exc):  # no room: retrying now would only delay the 503
                    break
                log.warning("Write batch of %d failed (%s), attempt %d of %d", len(batch), exc,
                            attempt, self._attempts)
                if attempt < self._attempts:
                    self.retries += 1
                    self.clock.sleep(self._retry_pause_s * attempt)
                continue
            except Exception as exc:  # a finish hook failed: the batch was rolled back
                log.exception("Write batch of %d failed", len(batch))
                error = exc
                break
            self._resolve(batch, results, extra)
            if self.health is not None:
                self.health.write_succeeded()
            return
        log.error("Giving up on a write batch of %d: %s", len(batch), error)
        if self.health is not None and error is not None:
            self.health.write_failed(error)
        for item in batch:
            if not item.future.done():
                item.future.set_exception(error or WriterStopped("the write failed"))

    def _resolve(self, batch: list[_Item], results: list[Outcome | BaseException],
                 extra: list[Event]) -> None:
        self.batches += 1
        self.items += len(batch)
        events: list[Event] = []
        for result in results:
            if isinstance(result, Outcome):
                events.extend(result.events)
        events.extend(extra)
        self.publish(events)
        for item, result in zip(batch, results, strict=True):
            if isinstance(result, BaseException):
                item.future.set_exception(result)
            else:
                item.future.set_result(result.value)

    def _run_groups(self, state: Batch, batch: list[_Item]) -> dict[int, Outcome]:
        """Run each group's items with one call, in a savepoint; {} for a group that failed."""
        done: dict[int, Outcome] = {}
        groups: dict[Any, list[int]] = {}
        for index, item in enumerate(batch):
            runner = getattr(item.work, "group", None)
            if runner is not None:
                groups.setdefault(runner, []).append(index)
        for runner, indexes in groups.items():
            try:
                with self.db.atomic():
                    outcomes = runner(state, [batch[i].work for i in indexes])
            except peewee.OperationalError:
                raise
            except Exception:
                log.exception("Grouped work failed; running those items one by one")
                state.cache.clear()  # the group's view of the batch was rolled back with it
                continue
            done.update(zip(indexes, outcomes, strict=True))
        return done

    def _execute(self, batch: list[_Item]) -> tuple[list[Outcome | BaseException], list[Event]]:
        results: list[Outcome | BaseException] = []
        extra: list[Event] = []
        state = Batch([item.work for item in batch], self.clock)
        with self.db.atomic():  # top level: BEGIN IMMEDIATE (set on the database)
            grouped = self._run_groups(state, batch)
            for index, item in enumerate(batch):
                if index in grouped:
                    results.append(grouped[index])
                    continue
                try:
                    with self.db.atomic():  # savepoint: a failing item leaves no trace
                        outcome = item.work(state)
                except peewee.OperationalError:
                    raise  # the whole transaction is in trouble: retry the batch
                except Exception as exc:
                    log.exception("A write could not be done")
                    results.append(exc)
                    continue
                results.append(outcome)
            outcomes = [r for r in results if isinstance(r, Outcome)]
            for hook in list(state.hooks.values()):
                extra.extend(hook(state, outcomes))
        return results, extra
