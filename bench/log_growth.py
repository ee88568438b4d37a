"""Benchmark: does the profile stop growing once webhook-log retention is on?

    .venv/bin/python bench/log_growth.py            # 300,000 callbacks, a line every 50,000
    .venv/bin/python bench/log_growth.py --quick    # 30,000 callbacks, a line every 5,000

Feeds signed status callbacks through `wacampaign-desktop serve` on a real profile (the product
path, same generator as bench/webhook_ingest.py: messages × sent/delivered/read, 5 % sent twice,
shuffled) while a `RetentionWorker` (the app's background pruner, here in the bench process on
its own connection, as a second writer next to `serve`) keeps full rows for `--full-s` seconds
and summaries for `--summary-s` seconds. Every `--every` callbacks it prints the profile size,
the database file (+WAL), the webhook-log rows (full / summaries) and the bytes per stored
callback (webhook-log table + index pages / rows, from dbstat); at the end, the longest prune
batch and whether the counters still equal a recount.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parent.parent))

from ingest_load import build_jobs, post_all, sign_jobs  # noqa: E402
from ingest_receivers import TOKEN, OurServe, make_profile  # noqa: E402

os.environ.setdefault("WACAMPAIGN_SECRET_BACKEND", "file")

from wacampaign_desktop.core.clock import SYSTEM_CLOCK  # noqa: E402
from wacampaign_desktop.core.store import retention as rt  # noqa: E402
from wacampaign_desktop.core.store.database import make_database  # noqa: E402
from wacampaign_desktop.core.store.usage import database_usage, folder_bytes  # noqa: E402


def _mb(count: float) -> str:
    return f"{count / 1_048_576:7.1f} MB"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="30,000 callbacks, a line every 5,000")
    parser.add_argument("--callbacks", type=int, help="callbacks in all (default 300,000)")
    parser.add_argument("--every", type=int, help="print a line every N callbacks (default 50,000)")
    parser.add_argument("--full-s", type=float, help="keep full rows this long (default 60 s; quick 10 s)")
    parser.add_argument("--summary-s", type=float, help="keep summaries this long (default 120 s; quick 20 s)")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--prune-every-s", type=float, default=5.0, help="pruner interval (default 5 s)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    args = parser.parse_args()
    total = args.callbacks or (30_000 if args.quick else 300_000)
    every = args.every or (5_000 if args.quick else 50_000)
    full_s = args.full_s or (10.0 if args.quick else 60.0)
    summary_s = args.summary_s or (20.0 if args.quick else 120.0)

    work = Path(tempfile.mkdtemp(prefix="log-growth-"))
    try:
        messages = -(-total // 3)
        template = work / "template-profile"
        print(f"Profile with {messages:,} messages…", flush=True)
        campaign_id = make_profile(template, messages)
        receiver = OurServe(work, template, campaign_id)
        jobs = build_jobs(messages, 0.05, seed=15)[:total]
        print(f"Signing {len(jobs):,} callbacks…", flush=True)
        signed = sign_jobs(jobs, receiver.url, TOKEN)
        url = receiver.start()
        db_path = receiver.profile / "wacampaign.sqlite3"
        db = make_database(db_path)
        db.connect()
        policy = rt.Retention(timedelta(seconds=full_s), timedelta(seconds=summary_s))
        results: list[rt.PruneResult] = []
        worker = rt.RetentionWorker(db, lambda: policy, SYSTEM_CLOCK.now,
                                    interval_s=args.prune_every_s, on_result=results.append).start()
        print(f"serve on {url}; retention: full {full_s:g} s, summary {summary_s:g} s; "
              f"concurrency {args.concurrency}\n", flush=True)
        print(f"{'callbacks':>10} {'elapsed':>8} {'profile':>10} {'db+wal':>10} {'log rows':>9} "
              f"{'summaries':>9} {'log MB':>8} {'B/row':>6} {'failed':>6}")
        started, failed = time.perf_counter(), 0
        try:
            for start in range(0, len(signed), every):
                result = post_all(url, signed[start:start + every], args.concurrency)
                failed += result.failed
                usage = database_usage(db, db_path)
                per_row = usage.log_bytes / usage.log_rows if usage.log_rows else 0.0
                print(f"{start + len(signed[start:start + every]):>10,} "
                      f"{time.perf_counter() - started:>7.0f}s {_mb(folder_bytes(receiver.profile)):>10} "
                      f"{_mb(usage.file_bytes):>10} {usage.log_rows:>9,} {usage.summarised_rows:>9,} "
                      f"{usage.log_bytes / 1_048_576:>8.1f} {per_row:>6.0f} {failed:>6}", flush=True)
        finally:
            worker.stop()
        fresh = _fresh_row_bytes(db)
        longest = max((r.longest_batch_ms for r in results), default=0.0)
        median = sorted(r.median_batch_ms for r in results)[len(results) // 2] if results else 0.0
        pruned = sum(r.deleted for r in results), sum(r.summarised for r in results)
        db.close()
        receiver.stop()
        _, counters_ok = receiver.check({})
        print(f"\nbytes per stored callback (a full row, table + index, dbstat): {fresh:.0f}")
        print(f"pruner: {pruned[1]:,} rows summarised, {pruned[0]:,} removed in {len(results)} runs; "
              f"write lock held per batch: median {median:.1f} ms, longest {longest:.1f} ms")
        print(f"failed callbacks: {failed}; counters == recount: {counters_ok}")
        return 0 if failed == 0 and counters_ok else 1
    finally:
        if args.keep:
            print(f"work folder kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


def _fresh_row_bytes(db) -> float:
    """Bytes per full (not yet summarised) row: measured on a copy holding only the full rows."""
    rows = db.execute_sql("SELECT COUNT(*) FROM webhook_event WHERE params != 'null'").fetchone()[0]
    if not rows:
        return 0.0
    db.execute_sql("ATTACH DATABASE ':memory:' AS probe")
    try:
        schema = db.execute_sql("SELECT sql FROM sqlite_master WHERE name = 'webhook_event'"
                                ).fetchone()[0]
        db.execute_sql(schema.replace('CREATE TABLE "webhook_event"', 'CREATE TABLE probe."webhook_event"'))
        db.execute_sql("INSERT INTO probe.webhook_event SELECT * FROM main.webhook_event "
                       "WHERE params != 'null'")
        db.execute_sql("CREATE INDEX probe.webhook_event_idempotency_token "
                       "ON webhook_event (idempotency_token)")
        used = db.execute_sql("SELECT SUM(pgsize) FROM dbstat('probe') "
                              "WHERE name LIKE 'webhook_event%'").fetchone()[0]
    finally:
        db.execute_sql("DETACH DATABASE probe")
    return used / rows


if __name__ == "__main__":
    sys.exit(main())
