"""WebhookServer: the Flask app on Waitress in a background thread, a client of the store writer
(its own, or the process's shared one), and the periodic report of callbacks still waiting for
their sid."""

from __future__ import annotations

import contextlib
import errno
import logging
import threading
from collections.abc import Callable
from datetime import timedelta

import peewee
from waitress import create_server, wasyncore

from wacampaign_desktop.core.clock import SYSTEM_CLOCK, Clock
from wacampaign_desktop.core.events import EventBus, ServerStateChanged
from wacampaign_desktop.core.store.writer import StoreWriter, bound_database
from wacampaign_desktop.core.webhooks.app import INCOMING_PATH, STATUS_PATH, create_app
from wacampaign_desktop.core.webhooks.handling import AppOptions
from wacampaign_desktop.core.webhooks.pending import DEFAULT_PENDING_TIMEOUT, SweepWork

log = logging.getLogger(__name__)


class WebhookServerError(RuntimeError):
    """The server could not start; the message says why in words a user can act on."""


class WebhookServer:
    """Receives Twilio webhooks on host:port until `stop()`. Safe to start/stop from any thread."""

    def __init__(
        self,
        bus: EventBus,
        auth_token: Callable[[], str | None],
        public_base_url: Callable[[], str] | None = None,
        host: str = "127.0.0.1",
        port: int = 8765,
        *,
        threads: int = 16,  # handlers mostly wait for the group commit: more threads, bigger batches
        options: AppOptions | None = None,
        shared_key: Callable[[], str | None] | None = None,
        pending_timeout: timedelta = DEFAULT_PENDING_TIMEOUT,
        sweep_every_s: float = 60.0,
        db: peewee.Database | None = None,
        writer: StoreWriter | None = None,
        clock: Clock = SYSTEM_CLOCK,
    ) -> None:
        """`db`: the database (default: the one the models are bound to). `writer`: a store
        writer shared with the engine (started and stopped by its owner); without one the
        server runs its own on `db` and `clock`."""
        self._bus = bus
        self._auth_token = auth_token
        self._public_base_url = public_base_url
        self.host = host
        self._requested_port = port
        self._threads = threads
        self._options = options or AppOptions()
        self._shared_key = shared_key
        self.pending_timeout = pending_timeout
        self._sweep_every_s = sweep_every_s
        self._db = db
        self._shared_writer = writer
        self._clock = writer.clock if writer is not None else clock
        self._server = None
        self._thread: threading.Thread | None = None
        self._stop_sweep = threading.Event()
        self._stopping = threading.Event()
        self._sweeper: threading.Thread | None = None
        self.writer: StoreWriter | None = None
        self.port = port

    # -- URLs ----------------------------------------------------------------------------
    @property
    def local_base_url(self) -> str:
        host = "127.0.0.1" if self.host in ("0.0.0.0", "", "::") else self.host
        if ":" in host:
            host = f"[{host}]"
        return f"http://{host}:{self.port}"

    @property
    def public_base_url(self) -> str:
        url = self._public_base_url() if self._public_base_url else ""
        return (url or self.local_base_url).rstrip("/")

    @property
    def status_callback_url(self) -> str:
        return self.public_base_url + STATUS_PATH

    @property
    def incoming_url(self) -> str:
        return self.public_base_url + INCOMING_PATH

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    # -- lifecycle -----------------------------------------------------------------------
    def start(self) -> None:
        if self.running:
            return
        writer = self._shared_writer
        if writer is None:
            db = self._db or bound_database()
            if db is None:
                raise WebhookServerError(
                    "The database is not open; open the profile before the server.")
            writer = StoreWriter(db, self._bus, clock=self._clock, name="webhook-writer")
        app = create_app(
            writer, self._auth_token, lambda: self.public_base_url, lambda: self.local_base_url,
            self._options, self._shared_key,
        )
        try:
            server = create_server(
                app, host=self.host, port=self._requested_port, threads=self._threads,
                ident="wacampaign", clear_untrusted_proxy_headers=True,
                max_request_body_size=self._options.max_body_bytes * 4, channel_timeout=60,
                connection_limit=500,
            )
        except OSError as exc:
            message = self._bind_error(exc)
            log.error("%s", message)
            self._bus.publish(ServerStateChanged(False, self.host, self._requested_port, message))
            raise WebhookServerError(message) from exc
        self.port = int(server.effective_port)
        queue_log = logging.getLogger("waitress.queue")
        if queue_log.level == logging.NOTSET:  # "Task queue depth is N" is normal in a burst
            queue_log.setLevel(logging.ERROR)
        if writer is not self._shared_writer:
            writer.start()
        self.writer = writer
        self._server = server
        self._stopping.clear()
        self._thread = threading.Thread(target=self._serve, name="webhook-server", daemon=True)
        self._thread.start()
        self._stop_sweep.clear()
        self._sweeper = threading.Thread(target=self._sweep_loop, name="webhook-sweep", daemon=True)
        self._sweeper.start()
        log.info("Webhook server listening on %s (status callbacks: %s)", self.local_base_url,
                 self.status_callback_url)
        self._bus.publish(ServerStateChanged(True, self.host, self.port))

    def _bind_error(self, exc: OSError) -> str:
        where = f"{self.host}:{self._requested_port}"
        if exc.errno in (errno.EADDRINUSE, getattr(errno, "WSAEADDRINUSE", -1)):
            return (f"Port {self._requested_port} is already in use on {self.host} (another copy of "
                    "the app or another program holds it). Choose another webhook port in Settings.")
        if exc.errno in (errno.EACCES, getattr(errno, "WSAEACCES", -1)):
            return f"Not allowed to listen on {where}; choose a port above 1024 in Settings."
        if exc.errno == errno.EADDRNOTAVAIL:
            return f"The address {self.host} does not belong to this computer; use 127.0.0.1."
        return f"The webhook server could not listen on {where}: {exc.strerror or exc}"

    def _serve(self) -> None:
        server = self._server
        try:
            while not self._stopping.is_set():
                wasyncore.loop(timeout=0.5, map=server._map, use_poll=True, count=1)
        except Exception:  # pragma: no cover - keep the reason in the log
            log.exception("Webhook server stopped unexpectedly")
        finally:  # sockets are closed by the loop's own thread
            wasyncore.close_all(server._map, ignore_all=True)

    def _sweep_loop(self) -> None:
        while not self._stop_sweep.wait(self._sweep_every_s):
            self.sweep_pending()

    def sweep_pending(self) -> int:
        """Report callbacks that waited longer than `pending_timeout` for their sid."""
        writer = self.writer
        if writer is None or not writer.running:
            return 0
        try:
            return int(writer.call(SweepWork(self.pending_timeout)))
        except Exception as exc:
            log.warning("Could not check for orphaned callbacks: %s", exc)
            return 0

    def stop(self) -> None:
        server, thread = self._server, self._thread
        self._stop_sweep.set()
        if server is not None:
            self._stopping.set()
            with contextlib.suppress(OSError):  # wake the loop; OSError: it already ended
                server.pull_trigger()
            if thread is not None:
                thread.join(10)
            server.task_dispatcher.shutdown(timeout=5)
        if self._sweeper is not None:
            self._sweeper.join(5)
        if self.writer is not None and self.writer is not self._shared_writer:
            self.writer.stop()
        was_running = server is not None
        self._server = self._thread = self._sweeper = None
        self.writer = None
        if was_running:
            log.info("Webhook server stopped")
            self._bus.publish(ServerStateChanged(False, self.host, self.port))
