"""The GUI's one owner of the runtime: starts it off the GUI thread (the window stays usable while
it comes up), tells views through runtimeChanged, and never leaves a runtime running that
finished starting after the app was closed or the settings changed."""

from __future__ import annotations

import threading


class _SlowRuntime:
    """Stands in for core.runtime.Runtime: start() blocks until the test releases it."""

    def __init__(self, release: threading.Event) -> None:
        self.release = release
        self.started = self.stopped = False
        self.engine = self.gateway = self.webhooks = self.tunnel = self.sandbox = None
        self.sender = "whatsapp:+14155238886"

    def start(self) -> _SlowRuntime:
        assert self.release.wait(30), "the test never released the start"
        self.started = True
        return self

    def stop(self) -> None:
        self.stopped = True


def test_start_reports_through_runtime_changed_without_blocking(services, wait_until):
    release = threading.Event()
    made: list[_SlowRuntime] = []
    seen: list[object] = []
    controller = services.runtime_controller
    controller.runtimeChanged.connect(seen.append)
    bridge_seen: list[object] = []
    services.bridge.runtimeChanged.connect(bridge_seen.append)

    controller.start(lambda _ctx: made.append(_SlowRuntime(release)) or made[-1])
    assert services.runtime is None and not controller.running  # returned while starting
    release.set()
    wait_until(lambda: services.runtime is not None, timeout=10)
    assert seen == [made[0]] and bridge_seen == [made[0]]
    assert controller.sender == "whatsapp:+14155238886" and controller.engine is None


def test_a_runtime_that_finishes_starting_after_stop_is_stopped_at_once(services, wait_until):
    release = threading.Event()
    made: list[_SlowRuntime] = []
    controller = services.runtime_controller
    controller.start(lambda _ctx: made.append(_SlowRuntime(release)) or made[-1])
    wait_until(lambda: bool(made), timeout=10)
    controller.stop()  # the window closed while the runtime was still coming up
    release.set()
    wait_until(lambda: made[0].started and made[0].stopped, timeout=10)
    assert services.runtime is None and controller.error == ""
