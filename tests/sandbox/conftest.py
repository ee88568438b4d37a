"""A tiny real webhook receiver (Waitress) that records every signed POST the sandbox makes."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from urllib.parse import parse_qsl

import pytest
from waitress import wasyncore
from waitress.server import create_server

from wacampaign_desktop.core.twilio_gateway import TwilioGateway


@dataclass
class Received:
    url: str
    params: dict[str, str]
    headers: dict[str, str]
    at: float


class Receiver:
    def __init__(self, status: str = "200 OK") -> None:
        self.received: list[Received] = []
        self.lock = threading.Lock()
        self.status = status
        self.server = create_server(self.app, host="127.0.0.1", port=0, threads=4)
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)

    def _serve(self) -> None:
        while not self.stopping.is_set():
            wasyncore.loop(timeout=0.2, map=self.server._map, use_poll=True, count=1)
        self.server.task_dispatcher.shutdown()
        wasyncore.close_all(self.server._map)

    def close(self) -> None:
        self.stopping.set()
        self.thread.join(timeout=5)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.effective_port}"

    def app(self, environ: dict, start_response: Callable) -> list[bytes]:
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(length).decode()
        query = environ.get("QUERY_STRING", "")
        url = self.base_url + environ["PATH_INFO"] + (f"?{query}" if query else "")
        headers = {k[5:].replace("_", "-").title(): v for k, v in environ.items()
                   if k.startswith("HTTP_")}
        with self.lock:
            self.received.append(Received(url, dict(parse_qsl(body, keep_blank_values=True)),
                                          headers, time.time()))
        start_response(self.status, [("Content-Length", "0")])
        return [b""]

    def snapshot(self) -> list[Received]:
        with self.lock:
            return list(self.received)

    def wait_for(self, predicate: Callable[[list[Received]], bool], timeout: float = 20.0
                 ) -> list[Received]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            got = self.snapshot()
            if predicate(got):
                return got
            time.sleep(0.02)
        raise AssertionError(f"condition not met in {timeout}s; received {len(self.snapshot())}")


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    rec = Receiver()
    rec.thread.start()
    yield rec
    rec.close()


@pytest.fixture
def client(sandbox):
    """The real twilio client as the app's gateway points it at the module's `sandbox` (REST,
    Content and Messaging domains alike)."""
    gateway = TwilioGateway(sandbox.credentials)
    yield gateway.client
    gateway.close()
