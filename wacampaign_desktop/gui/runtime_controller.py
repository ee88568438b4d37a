"""The one owner of the runtime (sandbox, webhooks, tunnel, engine) in the GUI: starts it,
restarts it after new settings and stops it, always off the GUI thread, and says so with
`runtimeChanged(Runtime | None)`. Views read `engine`/`gateway`/`sender` from here instead of
probing the runtime object."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Signal

from wacampaign_desktop.core.app_context import AppContext
from wacampaign_desktop.core.events import Alert

if TYPE_CHECKING:
    from wacampaign_desktop.core.engine import CampaignEngine
    from wacampaign_desktop.core.runtime import Runtime
    from wacampaign_desktop.core.runtime_config import RuntimeConfig
    from wacampaign_desktop.core.twilio_gateway import TwilioGateway
    from wacampaign_desktop.gui.core_bridge import CoreBridge
    from wacampaign_desktop.gui.services import TaskRunner

log = logging.getLogger(__name__)

RuntimeFactory = Callable[[AppContext], "Runtime"]


def runtime_factory(config: RuntimeConfig | None = None) -> RuntimeFactory:
    """Builds `Runtime(context, config)`: the app passes the --api-url it was started with."""

    def make(context: AppContext) -> Runtime:
        from wacampaign_desktop.core.runtime import Runtime
        from wacampaign_desktop.core.runtime_config import RuntimeConfig

        return Runtime(context, config or RuntimeConfig())

    return make


class RuntimeController(QObject):
    """States: starting (runtime None, error ""), up (runtime set), failed (runtime None, error
    set). `runtimeChanged` is emitted on the GUI thread at every change (also re-emitted by the
    bridge's `runtimeChanged` for views connected there)."""

    runtimeChanged = Signal(object)  # Runtime | None

    def __init__(self, context: AppContext, bridge: CoreBridge, tasks: TaskRunner,
                 make_runtime: RuntimeFactory | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._bridge = bridge
        self._tasks = tasks
        self._make_runtime = make_runtime or runtime_factory()
        self._runtime: Runtime | None = None
        self._generation = 0  # a start superseded by a restart/stop is stopped when it lands
        self.error = ""  # why the runtime could not start ("" while starting or up)
        self.runtimeChanged.connect(bridge.runtimeChanged)

    # -- what views read --------------------------------------------------------------------
    @property
    def runtime(self) -> Runtime | None:
        return self._runtime

    @property
    def engine(self) -> CampaignEngine | None:
        return self._runtime.engine if self._runtime is not None else None

    @property
    def gateway(self) -> TwilioGateway | None:
        return self._runtime.gateway if self._runtime is not None else None

    @property
    def sender(self) -> str:
        """Who replies come from: the runtime's sender (the sandbox's in sandbox mode)."""
        runtime_sender = self._runtime.sender if self._runtime is not None else ""
        return runtime_sender or self._context.settings.sender

    @property
    def running(self) -> bool:
        return self._runtime is not None

    def set_runtime(self, runtime: Runtime | None) -> None:
        """Adopt a runtime started elsewhere (tests, tools) and tell the views."""
        self._generation += 1
        self._runtime = runtime
        self.error = ""
        self.runtimeChanged.emit(runtime)

    # -- lifecycle --------------------------------------------------------------------------
    def start(self, make_runtime: RuntimeFactory | None = None) -> None:
        """Start a runtime on a worker thread; runtimeChanged(runtime) when it is up, or
        runtimeChanged(None) with `error` set and a server_error alert when it fails."""
        if make_runtime is not None:
            self._make_runtime = make_runtime
        factory, context = self._make_runtime, self._context
        self._generation += 1
        generation = self._generation
        self.error = ""

        def bring_up() -> Runtime:
            runtime = factory(context)
            runtime.start()
            return runtime

        self._tasks.run(bring_up, lambda rt: self._up(generation, rt),
                        lambda exc: self._failed(generation, exc))

    def restart(self, make_runtime: RuntimeFactory | None = None) -> None:
        """Apply new settings (e.g. after Connect Twilio): stop the runtime and start a new one,
        both off the GUI thread. Views see runtimeChanged(None) then runtimeChanged(new)."""
        old, self._runtime = self._runtime, None
        self._generation += 1
        self.error = ""
        self.runtimeChanged.emit(None)

        def stop_old() -> None:
            if old is not None:
                old.stop()

        def stopped(_result: object) -> None:
            self.start(make_runtime)

        self._tasks.run(stop_old, stopped, lambda exc: stopped(None))

    def stop(self) -> None:
        """Stop the runtime now (app shutdown; blocks until it is down)."""
        runtime, self._runtime = self._runtime, None
        self._generation += 1
        if runtime is None:
            return
        try:
            runtime.stop()
        except Exception:
            log.exception("Stopping the runtime failed")

    # -- GUI-thread callbacks ------------------------------------------------------------------
    def _up(self, generation: int, runtime: Runtime) -> None:
        if generation != self._generation:  # stopped or restarted meanwhile: not wanted any more
            self._tasks.run(runtime.stop)
            return
        self._runtime = runtime
        self.runtimeChanged.emit(runtime)

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        log.error("The sending service could not start: %s", exc)
        self.error = str(exc)
        self.runtimeChanged.emit(None)
        self._bridge.alert.emit(Alert(
            code="server_error", level="error",
            message=QCoreApplication.translate(
                "App", "Sending and status updates are unavailable: %1").replace("%1", str(exc))))
