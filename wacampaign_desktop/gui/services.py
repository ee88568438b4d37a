"""What every GUI view receives (`GuiServices`): the opened profile, the core→Qt bridge, a task
runner for blocking work, the runtime's owner (`runtime_controller`, gui/runtime_controller.py)
and the application services of core/services (queries, activity, inbox, …).

Views are `QWidget` subclasses constructed as `View(services, parent=None)`; dialogs take
`(services, …, parent=None)`. Blocking calls (gateway checks, CSV parsing, big queries, runtime
start) go through `services.tasks.run(fn, on_done, on_error)`, never on the GUI thread.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from wacampaign_desktop.core.app_context import AppContext
from wacampaign_desktop.core.services.activity import ActivityQueries
from wacampaign_desktop.core.services.campaigns import CampaignsService
from wacampaign_desktop.core.services.contacts import ContactsService
from wacampaign_desktop.core.services.inbox import InboxService
from wacampaign_desktop.core.services.queries import Queries
from wacampaign_desktop.core.services.templates import TemplatesService

if TYPE_CHECKING:
    from wacampaign_desktop.core.runtime import Runtime
    from wacampaign_desktop.gui.core_bridge import CoreBridge
    from wacampaign_desktop.gui.runtime_controller import RuntimeFactory

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


class GuiServices:
    """The opened profile, the core→Qt bridge, the task runner, the runtime's owner and the
    application services (core/services) the views call; views never import core.store."""

    def __init__(self, context: AppContext, bridge: CoreBridge, tasks: TaskRunner | None = None,
                 make_runtime: RuntimeFactory | None = None) -> None:
        from wacampaign_desktop.gui.runtime_controller import RuntimeController

        self.context = context
        self.bridge = bridge
        self.tasks = tasks or TaskRunner()
        self.runtime_controller = RuntimeController(context, bridge, self.tasks, make_runtime)
        self.queries = Queries(context)
        self.activity = ActivityQueries(context)
        self.inbox = InboxService(context)
        self.campaigns = CampaignsService(context)
        self.contacts = ContactsService(context)
        self.templates = TemplatesService(context)

    @classmethod
    def create(cls, context: AppContext, runtime: Runtime | None = None,
               make_runtime: RuntimeFactory | None = None) -> GuiServices:
        from wacampaign_desktop.core.services import external_changes
        from wacampaign_desktop.gui.core_bridge import CoreBridge

        # H: changes made by other processes reach this window like its own (ExternalChange)
        bridge = CoreBridge(context.bus, external=external_changes.ExternalChanges(context))
        services = cls(context, bridge, TaskRunner(), make_runtime)
        services.change_feed = external_changes.watch(context)
        if runtime is not None:
            services.runtime_controller.set_runtime(runtime)
        return services

    @property
    def runtime(self) -> Runtime | None:
        """The running runtime; None while starting, after a failure, or in tests without one."""
        return self.runtime_controller.runtime

    @runtime.setter
    def runtime(self, runtime: Runtime | None) -> None:
        self.runtime_controller.set_runtime(runtime)

    @property
    def runtime_error(self) -> str:
        """Why the runtime could not start ("" while starting or up)."""
        return self.runtime_controller.error

    def close(self) -> None:
        feed = getattr(self, "change_feed", None)
        if feed is not None:
            feed.stop()
        self.bridge.close()
        self.tasks.wait(10_000)
