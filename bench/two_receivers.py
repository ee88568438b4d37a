"""Benchmark: a callback storm shared by two `serve` processes on one PostgreSQL database, beside
one `serve` on the profile's SQLite file, in the same run.

    .venv/bin/python bench/two_receivers.py              # 10,000 messages: 31,500 callbacks
    .venv/bin/python bench/two_receivers.py --quick      # 1,000 messages (smoke run)

The storm (bench/ingest_load.py): every message × sent/delivered/read, 5 % of the callbacks sent
twice, shuffled. `sqlite`: one `wacampaign-desktop serve` on a SQLite profile gets them all.
`postgresql×2`: two `serve` processes, each with its own profile folder and
`--database-url` pointing at ONE database of a throw-away cluster (tests/postgres/cluster.py,
fsync on, synchronous_commit off — the durability of SQLite's WAL with synchronous=NORMAL),
share it like a round-robin load balancer would (callback k goes to receiver k mod 2, each
signed for its receiver's URL). Prints callbacks/s, p50/p99 latency, lost (non-2xx or no
answer), regressed (final status not the one the status rules give), counters == recount, and
PostgreSQL/SQLite. Exit 1 if anything was lost, regressed or miscounted.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parent.parent))

from ingest_load import STATUSES, LoadResult, build_jobs, post_all, sid_of, sign_jobs  # noqa: E402
from ingest_receivers import TOKEN, OurServe, check_outcome, make_profile  # noqa: E402

from tests.postgres.cluster import Cluster, find_bin_dir  # noqa: E402

RANK = {status: n for n, status in enumerate(STATUSES)}


@dataclass
class Result:
    name: str
    per_second: float
    p50_ms: float
    p99_ms: float
    lost: int
    regressed: int
    counters_ok: bool


class PgServe(OurServe):
    """`serve` on its own (empty) profile folder, on the shared PostgreSQL database."""

    def __init__(self, workdir: Path, url: str, campaign_id: int, name: str) -> None:
        super().__init__(workdir, workdir, campaign_id, name=name)
        self.database_url = url

    def prepare(self) -> None:
        shutil.rmtree(self.profile, ignore_errors=True)
        self.profile.mkdir(parents=True)

    def command(self) -> list[str]:
        return [*super().command(), "--database-url", self.database_url]


def expected_finals(jobs: list[tuple[int, str]]) -> dict[str, str]:
    final: dict[str, str] = {}
    for i, status in jobs:
        sid = sid_of(i)
        if sid not in final or RANK[status] > RANK[final[sid]]:
            final[sid] = status
    return final


def post_shared(receivers: list[OurServe], jobs: list[tuple[int, str]],
                concurrency: int) -> LoadResult:
    """Callback k to receiver k mod n, `concurrency` connections per receiver, all at once."""
    results: list[LoadResult] = []
    lock = threading.Lock()

    def drive(index: int, receiver: OurServe) -> None:
        share = jobs[index::len(receivers)]
        result = post_all(receiver.url, sign_jobs(share, receiver.url, TOKEN), concurrency)
        with lock:
            results.append(result)

    threads = [threading.Thread(target=drive, args=(n, r)) for n, r in enumerate(receivers)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - started
    latencies = sorted(x for r in results for x in r.latencies)
    return LoadResult(sum(r.sent for r in results), sum(r.ok for r in results),
                      sum(r.failed for r in results), seconds, latencies)


def run_sqlite(work: Path, messages: int, jobs, expected, concurrency: int) -> Result:
    template = work / "sqlite-template"
    campaign_id = make_profile(template, messages)
    receiver = OurServe(work, template, campaign_id, name="sqlite")
    receiver.start()
    try:
        load = post_shared([receiver], jobs, concurrency)
    finally:
        receiver.stop()
    regressed, counters_ok = check_outcome(receiver.profile / "wacampaign.sqlite3", campaign_id, expected)
    return Result("sqlite ×1", load.per_second, load.percentile_ms(0.5), load.percentile_ms(0.99),
                  load.failed, regressed, counters_ok)


def run_postgres(work: Path, cluster: Cluster, messages: int, jobs, expected, concurrency: int,
                 receivers: int, run: int) -> Result:
    name = f"bench{run}"
    cluster.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    cluster.execute(f"CREATE DATABASE {name}")
    url = cluster.url(name)
    os.environ["WACAMPAIGN_SECRET_BACKEND"] = "file"
    from wacampaign_desktop.core.app_context import AppContext
    from wacampaign_desktop.core.store import message_updates as mu
    from wacampaign_desktop.core.store.models import Campaign

    ctx = AppContext.open(work / f"pg-seed-{run}", log_to_file=False, database_url=url)
    try:
        campaign_id = Campaign.create(name="bench", body="Hello", state="sending").id
        mu.insert_messages(campaign_id, ({"phone": f"+336{i:08d}", "message": "Hello",
                                          "twilio_sid": sid_of(i), "status": "queued"}
                                         for i in range(messages)))
    finally:
        ctx.close()
    serves = [PgServe(work, url, campaign_id, name=f"pg{run}-{n}") for n in range(receivers)]
    try:
        for serve in serves:
            serve.start()
        load = post_shared(serves, jobs, concurrency)
    finally:
        for serve in serves:
            serve.stop()
    regressed, counters_ok = check_outcome(url, campaign_id, expected)
    return Result(f"postgresql ×{receivers}", load.per_second, load.percentile_ms(0.5),
                  load.percentile_ms(0.99), load.failed, regressed, counters_ok)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--quick", action="store_true", help="1,000 messages")
    parser.add_argument("--concurrency", type=int, default=8, help="connections per receiver")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--receivers", type=int, default=2,
                        help="serve processes on the PostgreSQL database (default 2)")
    args = parser.parse_args()
    messages = 1000 if args.quick else args.messages
    bin_dir = find_bin_dir()
    if bin_dir is None:
        print("PostgreSQL binaries not found (install the Debian 'postgresql' package)")
        return 2
    jobs = build_jobs(messages, 0.05, seed=7)
    expected = expected_finals(jobs)
    print(f"{len(jobs):,} callbacks for {messages:,} messages (5 % duplicates, shuffled); "
          f"{args.concurrency} connections per receiver; {args.rounds} round(s)", flush=True)
    cluster = Cluster(bin_dir, fast=False, settings=("synchronous_commit=off",))
    work = Path(tempfile.mkdtemp(prefix="wac-two-receivers-"))
    results: list[Result] = []
    try:
        for run in range(args.rounds):
            results.append(run_sqlite(work, messages, jobs, expected, args.concurrency))
            print(_line(results[-1]), flush=True)
            results.append(run_postgres(work, cluster, messages, jobs, expected,
                                        args.concurrency, args.receivers, run))
            print(_line(results[-1]), flush=True)
    finally:
        cluster.stop()
        shutil.rmtree(work, ignore_errors=True)
    sqlite = statistics.median(r.per_second for r in results if r.name.startswith("sqlite"))
    pg = statistics.median(r.per_second for r in results if r.name.startswith("postgresql"))
    print(f"median: sqlite ×1 {sqlite:,.0f} callbacks/s, postgresql ×{args.receivers} "
          f"{pg:,.0f} callbacks/s "
          f"→ PostgreSQL/SQLite = {pg / sqlite:.0%} (goal ≥ 70 %)")
    bad = [r for r in results if r.lost or r.regressed or not r.counters_ok]
    return 1 if bad else 0


def _line(r: Result) -> str:
    return (f"{r.name:<15} {r.per_second:8,.0f} callbacks/s  p50 {r.p50_ms:6.1f} ms  "
            f"p99 {r.p99_ms:7.1f} ms  lost {r.lost}  regressed {r.regressed}  "
            f"counters {'= recount' if r.counters_ok else 'WRONG'}")


if __name__ == "__main__":
    sys.exit(main())
