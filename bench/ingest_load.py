"""The callback generator of `bench/webhook_ingest.py`: one list of Twilio WhatsApp status
callbacks (messages × sent/delivered/read, a share sent twice, shuffled), signed for one
receiver's URL, posted by N threads each holding one keep-alive connection (one process, like
`../shared/peers/callback_load.py`). Every receiver in a run gets the same callbacks in the same
order; only the signature differs, since each one checks it against its own URL.
"""

from __future__ import annotations

import http.client
import random
import threading
import time
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

from twilio.request_validator import RequestValidator

STATUSES = ("sent", "delivered", "read")
EVENT_TYPE = {"delivered": "DELIVERED", "read": "READ"}


def sid_of(i: int) -> str:
    """The sid of message i, as the seed-style peer's `--seed N` creates them."""
    return f"SM{i:032x}"


def build_jobs(messages: int, duplicates: float, seed: int) -> list[tuple[int, str]]:
    """(message index, status) for every callback, duplicates included, shuffled."""
    rng = random.Random(seed)
    jobs = [(i, status) for status in STATUSES for i in range(messages)]
    jobs += rng.sample(jobs, round(duplicates * len(jobs)))
    rng.shuffle(jobs)
    return jobs


def _params(i: int, status: str) -> dict[str, str]:
    """The form Twilio posts for a WhatsApp message status change."""
    sid = sid_of(i)
    params = {
        "ChannelPrefix": "whatsapp", "ApiVersion": "2010-04-01", "MessageStatus": status,
        "SmsSid": sid, "SmsStatus": status, "ChannelInstallSid": "XE" + "5" * 32,
        "To": f"whatsapp:+3361234{i % 10000:04d}", "From": "whatsapp:+14155238886",
        "MessageSid": sid, "StructuredMessage": "false", "AccountSid": "AC" + "7" * 32,
        "ChannelToAddress": "+3361234XXXX",
    }
    if status in EVENT_TYPE:
        params["EventType"] = EVENT_TYPE[status]
    return params


def sign_jobs(jobs: list[tuple[int, str]], url: str, token: str) -> list[tuple[bytes, str]]:
    """(form body, X-Twilio-Signature over `url`) for each job, in order."""
    validator = RequestValidator(token)
    out = []
    for i, status in jobs:
        params = _params(i, status)
        out.append((urlencode(params).encode(), validator.compute_signature(url, params)))
    return out


@dataclass
class LoadResult:
    sent: int
    ok: int
    failed: int  # non-2xx answers and requests that got no answer
    seconds: float
    latencies: list[float]  # seconds, sorted

    @property
    def per_second(self) -> float:
        return self.sent / self.seconds if self.seconds else 0.0

    def percentile_ms(self, q: float) -> float:
        if not self.latencies:
            return float("nan")
        return self.latencies[min(len(self.latencies) - 1, int(q * len(self.latencies)))] * 1000


def post_all(url: str, signed: list[tuple[bytes, str]], concurrency: int,
             timeout: float = 30.0) -> LoadResult:
    """Post every signed callback once, from `concurrency` keep-alive connections."""
    parts = urlsplit(url)
    host, port, path = parts.hostname or "127.0.0.1", parts.port or 80, parts.path
    lock = threading.Lock()
    position = [0]
    latencies: list[float] = []
    counts = {"ok": 0, "failed": 0}

    def worker() -> None:
        conn = http.client.HTTPConnection(host, port, timeout=timeout)
        mine: list[float] = []
        ok = failed = 0
        while True:
            with lock:
                index = position[0]
                position[0] += 1
            if index >= len(signed):
                break
            body, signature = signed[index]
            headers = {"Content-Type": "application/x-www-form-urlencoded",
                       "X-Twilio-Signature": signature, "User-Agent": "TwilioProxy/1.1"}
            started = time.perf_counter()
            try:
                conn.request("POST", path, body, headers)
                response = conn.getresponse()
                response.read()
                mine.append(time.perf_counter() - started)
                if 200 <= response.status < 300:
                    ok += 1
                else:
                    failed += 1
                if response.will_close:
                    conn.close()
            except (OSError, http.client.HTTPException):
                failed += 1
                conn.close()  # reconnects on the next request; the callback is not retried
        conn.close()
        with lock:
            latencies.extend(mine)
            counts["ok"] += ok
            counts["failed"] += failed

    threads = [threading.Thread(target=worker, name=f"load-{n}") for n in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - started
    latencies.sort()
    return LoadResult(len(signed), counts["ok"], counts["failed"], seconds, latencies)
