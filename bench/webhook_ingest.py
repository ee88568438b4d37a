"""Benchmark: signed Twilio status callbacks into the real webhook server (Waitress + Flask +
group-commit writer + SQLite), from concurrent keep-alive clients in separate processes.

    /work/venv/bin/python bench/webhook_ingest.py [--messages 10000] [--clients 16] [--procs 2]

Each message gets sent, delivered and read callbacks (3 per message), 5 % of callbacks are sent
twice, and the whole list is shuffled (so `read` often arrives before `delivered`). Prints
callbacks/s, p50/p99 latency, lost (non-2xx or no answer) and regressed (a message whose final
status is not what the status rules say) counts, and whether counters equal `recount()`.
"""

from __future__ import annotations

import argparse
import http.client
import multiprocessing as mp
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from twilio.request_validator import RequestValidator  # noqa: E402

TOKEN = "bench-auth-token-0123456789abcdef"
STATUSES = ("sent", "delivered", "read")


def _client_proc(port: int, path: str, jobs: list[tuple[str, str]], threads: int, out) -> None:
    validator = RequestValidator(TOKEN)
    url = f"http://127.0.0.1:{port}{path}"
    bodies = []
    for sid, status in jobs:
        params = {"MessageSid": sid, "SmsSid": sid, "MessageStatus": status, "SmsStatus": status,
                  "AccountSid": "AC" + "0" * 32, "From": "whatsapp:+14155238886",
                  "To": "whatsapp:+33600000000", "ApiVersion": "2010-04-01",
                  "ChannelPrefix": "whatsapp"}
        bodies.append((urlencode(params).encode(), validator.compute_signature(url, params)))
    lock = threading.Lock()
    index = [0]
    latencies: list[float] = []
    failures = [0]

    def worker() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine: list[float] = []
        bad = 0
        while True:
            with lock:
                i = index[0]
                index[0] += 1
            if i >= len(bodies):
                break
            body, sig = bodies[i]
            headers = {"Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": sig}
            start = time.perf_counter()
            try:
                conn.request("POST", path, body, headers)
                response = conn.getresponse()
                response.read()
                ok = 200 <= response.status < 300
            except (OSError, http.client.HTTPException):
                conn.close()
                ok = False
            mine.append(time.perf_counter() - start)
            bad += 0 if ok else 1
        conn.close()
        with lock:
            latencies.extend(mine)
            failures[0] += bad

    pool = [threading.Thread(target=worker) for _ in range(threads)]
    out.put(("ready", None))
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    out.put(("done", (latencies, failures[0])))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=16, help="concurrent keep-alive connections")
    parser.add_argument("--procs", type=int, default=2, help="client processes")
    parser.add_argument("--duplicates", type=float, default=0.05)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--server-threads", type=int, default=16, help="Waitress threads")
    parser.add_argument("--switch-ms", type=float, default=None, help="sys.setswitchinterval (ms)")
    args = parser.parse_args()

    os.environ.setdefault("WACAMPAIGN_SECRET_BACKEND", "file")
    from wacampaign_desktop.core import status_rules as rules
    from wacampaign_desktop.core.events import EventBus
    from wacampaign_desktop.core.store import message_updates as mu
    from wacampaign_desktop.core.store.database import bind_database, make_database
    from wacampaign_desktop.core.store.migrations import migrate_database
    from wacampaign_desktop.core.store.models import Campaign, CampaignMessage
    from wacampaign_desktop.core.webhooks import STATUS_PATH, WebhookServer

    rng = random.Random(args.seed)
    folder = tempfile.mkdtemp(prefix="wa-bench-")
    db = make_database(Path(folder) / "bench.sqlite3")
    bind_database(db)
    db.connect()
    migrate_database(db)
    campaign = Campaign.create(name="bench", state="sending")
    mu.insert_messages(campaign.id, ({"phone": f"+336{i:08d}"} for i in range(args.messages)))
    sids = [f"SM{i:032d}" for i in range(args.messages)]
    with db.atomic():
        for message, sid in zip(CampaignMessage.select().order_by(CampaignMessage.id), sids, strict=True):
            mu.record_sid(message, sid, "queued")
    jobs = [(sid, status) for sid in sids for status in STATUSES]
    jobs += rng.sample(jobs, int(len(jobs) * args.duplicates))
    rng.shuffle(jobs)
    expected = {sid: [] for sid in sids}
    for sid, status in jobs:
        expected[sid].append(status)

    bus = EventBus()
    if args.switch_ms:
        sys.setswitchinterval(args.switch_ms / 1000)
    server = WebhookServer(bus, lambda: TOKEN, host="127.0.0.1", port=0, threads=args.server_threads)
    server.start()
    ctx = mp.get_context("spawn")
    out = ctx.Queue()
    share = [jobs[i::args.procs] for i in range(args.procs)]
    per_proc = max(1, args.clients // args.procs)
    procs = [ctx.Process(target=_client_proc, args=(server.port, STATUS_PATH, part, per_proc, out))
             for part in share]
    for proc in procs:
        proc.start()
    for _ in procs:
        out.get(timeout=120)  # signed bodies prepared
    start = time.perf_counter()
    cpu_start = time.process_time()
    latencies: list[float] = []
    lost = 0
    for _ in procs:
        _, (lat, bad) = out.get(timeout=600)
        latencies.extend(lat)
        lost += bad
    elapsed = time.perf_counter() - start
    server_cpu = time.process_time() - cpu_start
    for proc in procs:
        proc.join(30)
    batches, items = server.writer.batches, server.writer.items
    writer_cpu = server.writer.cpu_s
    server.stop()

    status_of = dict(CampaignMessage.select(CampaignMessage.twilio_sid, CampaignMessage.status).tuples())
    regressed = sum(1 for sid in sids if status_of[sid] != rules.final_of(expected[sid]))
    counters_ok = mu.recount(campaign.id) == mu.campaign_counters(campaign.id)
    latencies.sort()
    p50 = statistics.median(latencies) * 1000
    p99 = latencies[int(len(latencies) * 0.99) - 1] * 1000
    print(f"callbacks       {len(jobs)} ({args.messages} messages x 3 statuses, "
          f"{args.duplicates:.0%} duplicates, shuffled)")
    print(f"clients         {args.clients} keep-alive connections in {args.procs} processes; "
          f"cpus {os.cpu_count()}")
    print(f"elapsed         {elapsed:.2f} s")
    print(f"callbacks/s     {len(jobs) / elapsed:.0f}")
    print(f"latency p50     {p50:.1f} ms")
    print(f"latency p99     {p99:.1f} ms")
    print(f"lost            {lost}")
    print(f"regressed       {regressed}")
    print(f"counters=recount {counters_ok}")
    print(f"server CPU      {server_cpu:.1f} s ({server_cpu / elapsed:.0%} of one core; "
          f"{server_cpu / len(jobs) * 1000:.2f} ms per callback); load avg {os.getloadavg()[0]:.1f}")
    print(f"writer CPU      {writer_cpu:.1f} s ({writer_cpu / len(jobs) * 1000:.2f} ms per callback)")
    print(f"commits         {batches} (avg {items / max(batches, 1):.0f} callbacks per commit)")
    db.close()
    return 0 if lost == 0 and regressed == 0 and counters_ok else 1


if __name__ == "__main__":
    sys.exit(main())
