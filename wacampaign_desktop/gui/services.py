"""What every GUI view receives: the opened profile, the core→Qt bridge, the runtime (when it
is up) and a task runner for blocking work.

Views are `QWidget` subclasses constructed as `View(services, parent=None)`; dialogs take
`(services, …, parent=None)`. Blocking calls (gateway checks, CSV parsing, big queries, runtime
start) go through `services.tasks.run(fn, on_done, on_error)`, never on the GUI thread.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from wacampaign_desktop.core.app_context import AppContext

if TYPE_CHECKING:
    from wacampaign_desktop.core.runtime import Runtime
    from wacampaign_desktop.gui.core_bridge import CoreBridge

log = logging.getLogger(__name__)


class _Relay(QObject):
    """Lives on the GUI thread; worker threads emit on it, the slots run on the GUI thread."""

    done = Signal(object, object)  # (callback, result)
    failed = Signal(object, object)  # (callback, exception)

    def __init__(self) -> None:
        super().__init__()
        self.done.connect(self._call)
        self.failed.connect(self._call)

    @Slot(object, object)
    def _call(self, callback: Callable[[Any], None] | None, value: Any) -> None:
        if callback is None:
            return
        try:
            callback(value)
        except Exception:
            log.exception("Task callback %r failed", callback)


class _Job(QRunnable):
    def __init__(self, relay: _Relay, fn: Callable[[], Any], on_done: Callable[[Any], None] | None,
                 on_error: Callable[[BaseException], None] | None) -> None:
        super().__init__()
        self._relay, self._fn, self._on_done, self._on_error = relay, fn, on_done, on_error

    def run(self) -> None:
        try:
            result = self._fn()
        except BaseException as exc:  # reported to on_error (or logged), never lost
            if self._on_error is None:
                log.error("Background task failed: %s", "".join(
                    traceback.format_exception(type(exc), exc, exc.__traceback__)))
            self._relay.failed.emit(self._on_error, exc)
            return
        self._relay.done.emit(self._on_done, result)


class TaskRunner:
    """Runs functions on a QThreadPool and calls back on the GUI thread (the one that created it)."""

    def __init__(self, pool: QThreadPool | None = None, max_threads: int = 4) -> None:
        self._relay = _Relay()
        self._pool = pool or QThreadPool()
        self._pool.setMaxThreadCount(max_threads)

    @property
    def pool(self) -> QThreadPool:
        return self._pool

    def run(self, fn: Callable[[], Any], on_done: Callable[[Any], None] | None = None,
            on_error: Callable[[BaseException], None] | None = None) -> None:
        """Call `fn()` on a worker thread, then `on_done(result)` or `on_error(exc)` on the GUI thread."""
        self._pool.start(_Job(self._relay, fn, on_done, on_error))

    def wait(self, msecs: int = 30_000) -> bool:
        """Wait for running tasks (shutdown, tests). Callbacks still need the event loop."""
        return self._pool.waitForDone(msecs)


@dataclass
class GuiServices:
    context: AppContext
    bridge: CoreBridge
    runtime: Runtime | None = None
    tasks: TaskRunner = field(default_factory=TaskRunner)
    runtime_error: str = ""  # why the runtime could not start ("" while starting or up)

    @classmethod
    def create(cls, context: AppContext, runtime: Runtime | None = None) -> GuiServices:
        from wacampaign_desktop.gui.core_bridge import CoreBridge

        return cls(context=context, bridge=CoreBridge(context.bus), runtime=runtime,
                   tasks=TaskRunner())

    def close(self) -> None:
        self.bridge.close()
        self.tasks.wait(10_000)
