"""DirectMessageRelay: status changes of messages sent outside campaigns (Inbox replies,
automatic replies, opt-out confirmations) brought to the GUI thread as a Qt signal (queued),
at most every `interval_ms`, with the phones that changed. Core threads only append under a
lock and emit a queued wake-up; nothing here touches a widget off the GUI thread."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot

from wacampaign_desktop.core.events import DirectMessageChanged, EventBus


class DirectMessageRelay(QObject):
    changed = Signal(object)  # set[str]: the phones whose direct messages changed
    _wake = Signal()

    def __init__(self, bus: EventBus, parent: QObject | None = None,
                 interval_ms: int = 200) -> None:
        super().__init__(parent)
        self._lock = threading.Lock()
        self._phones: set[str] = set()
        self._timer = QTimer(self, singleShot=True, interval=interval_ms)
        self._timer.timeout.connect(self._drain)
        self._wake.connect(self._on_wake, Qt.ConnectionType.QueuedConnection)
        self._unsubscribe: Callable[[], None] | None = bus.subscribe(self._on_event,
                                                                      DirectMessageChanged)

    def _on_event(self, event: DirectMessageChanged) -> None:  # any thread
        with self._lock:
            first = not self._phones
            self._phones.add(event.phone)
        if first:
            try:
                self._wake.emit()
            except RuntimeError:  # the view is gone (its C++ side deleted): stop listening
                self.close_subscription()

    @Slot()
    def _on_wake(self) -> None:
        if not self._timer.isActive():
            self._timer.start()

    @Slot()
    def _drain(self) -> None:
        with self._lock:
            phones, self._phones = self._phones, set()
        if phones:
            self.changed.emit(phones)

    def close_subscription(self) -> None:
        unsubscribe, self._unsubscribe = self._unsubscribe, None
        if unsubscribe is not None:
            unsubscribe()

    def close(self) -> None:
        self.close_subscription()
        with contextlib.suppress(RuntimeError):  # already deleted with the view
            self._timer.stop()
