"""Callback scheduling: one scheduler thread keeps a heap of due callbacks and hands them to a
small pool of posting threads (each with its own keep-alive session)."""

from __future__ import annotations

import heapq
import itertools
import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

log = logging.getLogger(__name__)


class CallbackScheduler:
    """Runs `job()` on a posting thread at (or just after) its due time on the monotonic clock."""

    def __init__(self, workers: int = 4) -> None:
        self._heap: list[tuple[float, int, Callable[[], None]]] = []
        self._counter = itertools.count()
        self._cond = threading.Condition()
        self._stopping = False
        self._workers = workers
        self._pool: ThreadPoolExecutor | None = None
        self._thread: threading.Thread | None = None
        self._inflight = 0

    def start(self) -> None:
        self._stopping = False
        self._pool = ThreadPoolExecutor(self._workers, thread_name_prefix="sandbox-callback")
        self._thread = threading.Thread(target=self._run, name="sandbox-scheduler", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        with self._cond:
            self._stopping = True
            self._heap.clear()
            self._cond.notify_all()
        if self._thread is not None:
            self._thread.join(timeout=5)
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
        self._thread = None
        self._pool = None

    def schedule(self, delay: float, job: Callable[[], None]) -> None:
        due = time.monotonic() + max(0.0, delay)
        with self._cond:
            if self._stopping:
                return
            heapq.heappush(self._heap, (due, next(self._counter), job))
            if self._heap[0][2] is job:
                self._cond.notify()

    def hurry(self) -> None:
        """Every scheduled job is due now (time passed at once); order is kept."""
        now = time.monotonic()
        with self._cond:
            self._heap = [(min(due, now), n, job) for due, n, job in self._heap]
            heapq.heapify(self._heap)
            self._cond.notify()

    def pending(self) -> int:
        """Callbacks scheduled or being posted."""
        with self._cond:
            return len(self._heap) + self._inflight

    def _run(self) -> None:
        while True:
            with self._cond:
                while not self._stopping:
                    if not self._heap:
                        self._cond.wait()
                        continue
                    wait = self._heap[0][0] - time.monotonic()
                    if wait <= 0:
                        break
                    self._cond.wait(wait)
                if self._stopping:
                    return
                now = time.monotonic()
                due: list[Callable[[], None]] = []
                while self._heap and self._heap[0][0] <= now:
                    due.append(heapq.heappop(self._heap)[2])
                self._inflight += len(due)
            for job in due:
                assert self._pool is not None
                try:
                    self._pool.submit(self._guarded, job)
                except RuntimeError:  # pool shut down while stopping
                    return

    def _guarded(self, job: Callable[[], None]) -> None:
        try:
            job()
        except Exception:
            log.exception("sandbox callback job failed")
        finally:
            with self._cond:
                self._inflight -= 1
