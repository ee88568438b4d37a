"""One window per profile. The first window listens on a local socket named after its profile's
data folder (QLocalServer: a Unix socket or a Windows named pipe, this user only); a second
launch on the same profile connects, says "activate" and exits, and the first window comes
forward. Another profile gets another name, and the command line never checks (CLI commands keep
working while the window is open)."""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QWidget

from wacampaign_desktop import APP_ID
from wacampaign_desktop.core.paths import AppPaths

log = logging.getLogger(__name__)

ACTIVATE = b"activate\n"
ACKNOWLEDGED = b"ok\n"


def server_name(data_dir: str | Path | None) -> str:
    """The profile's socket name: a hash of its resolved data folder (short enough for a Unix
    socket path, the same for every spelling of the folder)."""
    folder = str(AppPaths.for_data_dir(data_dir).data_dir)
    return f"{APP_ID}-{hashlib.sha256(folder.encode('utf-8')).hexdigest()[:20]}"


def activate_running_window(name: str, timeout_ms: int = 2000) -> bool:
    """True when a window of this profile is running: it was asked to come forward."""
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(timeout_ms):
        return False
    socket.write(ACTIVATE)
    socket.waitForBytesWritten(timeout_ms)
    if socket.waitForReadyRead(timeout_ms) and bytes(socket.readAll().data()) == ACKNOWLEDGED:
        log.info("This profile's window is already open: brought it forward")
    else:  # a window that does not answer still owns the profile
        log.warning("This profile's window is open but did not answer")
    socket.disconnectFromServer()
    return True


def bring_forward(window: QWidget) -> None:
    """Show `window` restored and on top, with the keyboard focus."""
    if window.isMinimized():
        window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
    window.show()
    window.raise_()
    window.activateWindow()


class InstanceServer(QObject):
    """The first window's end of the socket; emits activateRequested for each second launch."""

    activateRequested = Signal()

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._accept)
        self._pending: dict[QLocalSocket, bytes] = {}

    def listen(self) -> bool:
        """Start listening (call after activate_running_window found no window). A socket file
        left by a window that crashed is removed first."""
        if self._server.listen(self.name):
            return True
        QLocalServer.removeServer(self.name)
        if self._server.listen(self.name):
            return True
        log.warning("Cannot listen on %s (%s): a second launch will open a second window",
                    self.name, self._server.errorString())
        return False

    def close(self) -> None:
        self._server.close()

    @Slot()
    def _accept(self) -> None:
        while (socket := self._server.nextPendingConnection()) is not None:
            self._pending[socket] = b""
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(lambda s=socket: self._forget(s))
            if socket.bytesAvailable():
                self._read(socket)

    def _read(self, socket: QLocalSocket) -> None:
        data = self._pending.get(socket, b"") + bytes(socket.readAll().data())
        self._pending[socket] = data
        if ACTIVATE in data:
            self._pending[socket] = b""
            socket.write(ACKNOWLEDGED)
            socket.flush()
            self.activateRequested.emit()

    def _forget(self, socket: QLocalSocket) -> None:
        self._pending.pop(socket, None)
        socket.deleteLater()
