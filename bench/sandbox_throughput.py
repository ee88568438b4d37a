"""Measure what the sandbox sustains: sends/s with callbacks off, then callbacks/s.

The sandbox runs as `wacampaign-desktop sandbox` in its own process (as the engine's benchmark
would see it); senders are threads here. Prints figures; bounded in time; loopback only.

    python bench/sandbox_throughput.py [--seconds 5] [--threads 8] [--via raw|gateway]
"""

from __future__ import annotations

import argparse
import base64
import http.client
import json
import logging
import os
import signal
import subprocess
import sys
import threading
import time
from urllib.parse import urlencode, urlsplit

from waitress import wasyncore
from waitress.server import create_server

from wacampaign_desktop.core.twilio_gateway import SendRequest, TwilioCredentials, TwilioGateway

SENDER = "whatsapp:+14155238886"


def start_sandbox(*extra: str) -> tuple[subprocess.Popen, dict]:
    proc = subprocess.Popen([sys.executable, "-m", "wacampaign_desktop", "sandbox", "--seed", "1",
                             *extra], stdout=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    assert proc.stdout is not None
    return proc, json.loads(proc.stdout.readline())


def stop_sandbox(proc: subprocess.Popen) -> None:
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()


def hammer(info: dict, seconds: float, threads: int, via: str, callback: str | None) -> tuple[int, int, float]:
    """Send from `threads` threads for `seconds`; returns (ok, failed, elapsed)."""
    ok = failed = 0
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds
    path = f"/2010-04-01/Accounts/{info['account_sid']}/Messages.json"
    gateway = TwilioGateway(TwilioCredentials(info["account_sid"], info["auth_token"],
                                              info["base_url"])) if via == "gateway" else None

    def worker(n: int) -> None:
        nonlocal ok, failed
        host = urlsplit(info["base_url"])
        conn = http.client.HTTPConnection(host.hostname, host.port, timeout=15)
        auth = "Basic " + base64.b64encode(
            f"{info['account_sid']}:{info['auth_token']}".encode()).decode()
        headers = {"Authorization": auth, "Content-Type": "application/x-www-form-urlencoded"}
        good = bad = i = 0
        while time.monotonic() < stop_at:
            to = f"+1555{n:03d}{i % 10000:04d}"
            i += 1
            if gateway is not None:
                success = gateway.send(SendRequest(to=to, sender=SENDER, body="Hello",
                                                   status_callback=callback)).success
            else:  # a lean keep-alive client, so that the sandbox is what gets measured
                data = {"To": f"whatsapp:{to}", "From": SENDER, "Body": "Hello"}
                if callback:
                    data["StatusCallback"] = callback
                conn.request("POST", path, urlencode(data), headers)
                response = conn.getresponse()
                response.read()
                success = response.status == 201
            if success:
                good += 1
            else:
                bad += 1
        conn.close()
        with lock:
            ok += good
            failed += bad

    started = time.monotonic()
    workers = [threading.Thread(target=worker, args=(n,)) for n in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(timeout=seconds + 60)
    return ok, failed, time.monotonic() - started


class CountingReceiver:
    def __init__(self) -> None:
        self.count = 0
        self.lock = threading.Lock()
        self.server = create_server(self.app, host="127.0.0.1", port=0, threads=4)
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self.serve, daemon=True)
        self.thread.start()

    def app(self, environ: dict, start_response) -> list[bytes]:
        environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
        with self.lock:
            self.count += 1
        start_response("200 OK", [("Content-Length", "0")])  # waitress closes after a 204
        return [b""]

    def serve(self) -> None:
        while not self.stopping.is_set():
            wasyncore.loop(timeout=0.2, map=self.server._map, use_poll=True, count=1)
        self.server.task_dispatcher.shutdown()
        wasyncore.close_all(self.server._map)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.effective_port}/status"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--via", choices=("raw", "gateway"), default="raw",
                        help="raw keep-alive form POSTs (measures the sandbox), or "
                        "TwilioGateway.send (twilio-python, as the engine sends)")
    args = parser.parse_args()
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)  # queue-depth notes are noise
    print(f"machine: {os.cpu_count()} CPUs (shared machine: figures are noisy)")

    proc, info = start_sandbox("--no-callbacks")
    try:
        ok, failed, elapsed = hammer(info, args.seconds, args.threads, args.via, None)
    finally:
        stop_sandbox(proc)
    print(f"sends, callbacks off, via {args.via}, {args.threads} threads: "
          f"{ok / elapsed:,.0f} sends/s ({ok} ok, {failed} failed in {elapsed:.1f} s)")

    receiver = CountingReceiver()
    proc, info = start_sandbox("--step-latency", "0")
    try:
        ok, failed, elapsed = hammer(info, args.seconds, args.threads, args.via, receiver.url)
        expected = ok * 4  # sending, sent, delivered, read
        deadline = time.monotonic() + 120
        while receiver.count < expected and time.monotonic() < deadline:
            time.sleep(0.1)
        total = time.monotonic() - (deadline - 120) + elapsed
    finally:
        stop_sandbox(proc)
        receiver.stopping.set()
    print(f"with callbacks: {ok / elapsed:,.0f} sends/s while sending; "
          f"{receiver.count:,} of {expected:,} callbacks in {total:.1f} s = "
          f"{receiver.count / total:,.0f} callbacks/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
