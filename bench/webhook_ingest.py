"""Benchmark: webhook ingest side by side with its peers, on the same load in the same run.

    .venv/bin/python bench/webhook_ingest.py            # 10,000 messages, c=8 and 32, 3 rounds
    .venv/bin/python bench/webhook_ingest.py --quick    # 1,000 messages, 1 round (smoke run)

Receivers, each a separate process on a fresh database per run (see `bench/ingest_receivers.py`):
`ours` = `wacampaign-desktop serve` on a real profile (the product path), `peer` = the
seed-style Flask/Peewee receiver with BEGIN IMMEDIATE, `empty` = an empty Flask endpoint;
`--receivers` may add `inproc` (WebhookServer alone, no CLI) to locate a gap. The peers come from
`../shared/peers` beside the repository (or `--peers DIR`).

One generator (`bench/ingest_load.py`): messages × sent/delivered/read, 5 % sent twice, shuffled,
the same list for every receiver, each signed for that receiver's own URL. Runs are interleaved
(ours, peer, empty, ours, …) for every concurrency and round. Prints per receiver and concurrency
the median callbacks/s (min–max), p50/p99 latency, lost (non-2xx or no answer), regressed
(final status not what the status rules give), counters == recount, the receiver's CPU per
callback, then ours/peer and ours/empty. Exit 1 if ours lost, regressed or miscounted anything.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parent.parent))

from ingest_load import build_jobs, post_all, sid_of, sign_jobs  # noqa: E402
from ingest_receivers import (  # noqa: E402
    TOKEN,
    EmptyFlask,
    InProcess,
    OurServe,
    Receiver,
    SeedPeer,
    find_peers,
    make_profile,
)


@dataclass
class Run:
    receiver: str
    concurrency: int
    per_second: float
    p50_ms: float
    p99_ms: float
    lost: int
    regressed: int | None
    counters_ok: bool | None
    cpu_ms_per_cb: float
    threads: int


def _parse_env(pairs: list[str]) -> dict[str, str]:
    env = {}
    for pair in pairs:
        key, _, value = pair.partition("=")
        env[key] = value
    return env


def one_run(receiver: Receiver, signed: list[tuple[bytes, str]], concurrency: int,
            expected: dict[str, str]) -> Run:
    url = receiver.start()
    try:
        cpu_before = receiver.cpu_s()
        result = post_all(url, signed, concurrency)
        cpu = receiver.cpu_s() - cpu_before
        threads = receiver.threads()
    finally:
        receiver.stop()
    regressed, counters_ok = receiver.check(expected)
    return Run(receiver.name, concurrency, result.per_second, result.percentile_ms(0.50),
               result.percentile_ms(0.99), result.failed, regressed, counters_ok,
               cpu / result.sent * 1000, threads)


def _fmt_bool(value: bool | None) -> str:
    return "-" if value is None else ("yes" if value else "NO")


def table(runs: list[Run], names: list[str], concurrencies: list[int]) -> str:
    lines = [f"{'c':>3}  {'receiver':<8} {'runs':>4}  {'callbacks/s (min-max)':<24} {'p50 ms':>7} "
             f"{'p99 ms':>7} {'lost':>5} {'regressed':>9} {'counters=recount':>16} {'CPU ms/cb':>9}"]
    medians: dict[tuple[str, int], float] = {}
    for c in concurrencies:
        for name in names:
            mine = [r for r in runs if r.receiver == name and r.concurrency == c]
            if not mine:
                continue
            rates = [r.per_second for r in mine]
            medians[(name, c)] = statistics.median(rates)
            regressed = [r.regressed for r in mine if r.regressed is not None]
            counters = [r.counters_ok for r in mine if r.counters_ok is not None]
            spread = f"{medians[(name, c)]:,.0f} ({min(rates):,.0f}-{max(rates):,.0f})"
            lines.append(
                f"{c:>3}  {name:<8} {len(mine):>4}  {spread:<24} "
                f"{statistics.median(r.p50_ms for r in mine):>7.1f} "
                f"{statistics.median(r.p99_ms for r in mine):>7.1f} "
                f"{sum(r.lost for r in mine):>5} "
                f"{(str(sum(regressed)) if regressed else '-'):>9} "
                f"{_fmt_bool(all(counters) if counters else None):>16} "
                f"{statistics.median(r.cpu_ms_per_cb for r in mine):>9.2f}")
    lines.append("")
    for c in concurrencies:
        ours = medians.get(("ours", c))
        parts = []
        for other, label in (("peer", "ours/peer"), ("empty", "ours/empty"), ("inproc", "ours/inproc")):
            if ours and medians.get((other, c)):
                ratio = ours / medians[(other, c)]
                parts.append(f"{label} {ratio:.2f}x" if other == "peer" else f"{label} {ratio:.0%}")
        # Ratios within each round too (same minute of machine load), as median of rounds.
        rounds = []
        for other in ("peer", "empty"):
            pairs = [(a.per_second, b.per_second) for a, b in _same_round(runs, "ours", other, c)]
            if pairs:
                ratio = statistics.median(x / y for x, y in pairs)
                rounds.append(f"{other} {ratio:.2f}x" if other == "peer" else f"{other} {ratio:.0%}")
        if parts:
            lines.append(f"c={c}: " + ", ".join(parts)
                         + (f"   (per-round median: ours/{', ours/'.join(rounds)})" if rounds else ""))
    return "\n".join(lines)


def _same_round(runs: list[Run], a: str, b: str, c: int) -> list[tuple[Run, Run]]:
    first = [r for r in runs if r.receiver == a and r.concurrency == c]
    second = [r for r in runs if r.receiver == b and r.concurrency == c]
    return list(zip(first, second, strict=False))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--concurrency", default="8,32", help="comma-separated, e.g. 8,32")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved repeats")
    parser.add_argument("--duplicates", type=float, default=0.05)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--receivers", default="ours,peer,empty",
                        help="comma-separated from ours,peer,empty,inproc")
    parser.add_argument("--peers", default=None, help="folder with the peer scripts")
    parser.add_argument("--serve-env", action="append", default=[], metavar="KEY=VALUE",
                        help="extra environment for `serve` (experiments)")
    parser.add_argument("--variant", action="append", default=[], metavar="NAME:KEY=VALUE,...",
                        help="also drive `serve` with this environment, as receiver NAME")
    parser.add_argument("--quick", action="store_true", help="1,000 messages, one round")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    args = parser.parse_args()
    if args.quick:
        args.messages, args.rounds = min(args.messages, 1_000), 1
    concurrencies = [int(c) for c in args.concurrency.split(",") if c.strip()]
    names = list(dict.fromkeys(n.strip() for n in args.receivers.split(",") if n.strip()))
    variants = {}
    for spec in args.variant:
        vname, _, pairs = spec.partition(":")
        variants[vname] = _parse_env([p for p in pairs.split(",") if p])
        if vname not in names:
            names.append(vname)
    unknown = set(names) - {"ours", "peer", "empty", "inproc", *variants}
    if unknown:
        parser.error(f"unknown receivers: {', '.join(sorted(unknown))}")

    peers = find_peers(args.peers)
    if peers is None and ({"peer", "empty"} & set(names)):
        print("The peer receivers are missing: expected seed_style_receiver.py and empty_endpoint.py "
              f"in {args.peers or Path(__file__).resolve().parents[2] / 'shared' / 'peers'} "
              "(or pass --peers DIR). Measuring without them.", file=sys.stderr)
        names = [n for n in names if n not in ("peer", "empty")]

    work = Path(tempfile.mkdtemp(prefix="wa-ingest-bench-"))
    try:
        template = work / "template-profile"
        started = time.perf_counter()
        campaign_id = make_profile(template, args.messages)
        print(f"profile: {args.messages:,} queued messages with sids made in "
              f"{time.perf_counter() - started:.1f} s", file=sys.stderr)
        receivers: list[Receiver] = []
        for name in names:
            if name == "ours":
                receivers.append(OurServe(work, template, campaign_id, _parse_env(args.serve_env)))
            elif name in variants:
                receivers.append(OurServe(work, template, campaign_id,
                                          {**_parse_env(args.serve_env), **variants[name]}, name))
            elif name == "inproc":
                receivers.append(InProcess(work, template, campaign_id))
            elif name == "peer":
                receivers.append(SeedPeer(work, peers, args.messages))
            else:
                receivers.append(EmptyFlask(work, peers))
        jobs = build_jobs(args.messages, args.duplicates, args.seed)
        expected = {sid_of(i): "read" for i in range(args.messages)}  # every message gets all three
        signed = {r.name: sign_jobs(jobs, r.url, TOKEN) for r in receivers}
        print(f"callbacks: {len(jobs):,} ({args.messages:,} messages x sent/delivered/read, "
              f"{args.duplicates:.0%} duplicates, shuffled); cpus {os.cpu_count()}", file=sys.stderr)
        runs: list[Run] = []
        for round_no in range(1, args.rounds + 1):
            for c in concurrencies:
                for receiver in receivers:
                    run = one_run(receiver, signed[receiver.name], c, expected)
                    runs.append(run)
                    print(f"round {round_no} c={c:<3} {run.receiver:<7} {run.per_second:7,.0f}/s "
                          f"p50 {run.p50_ms:5.1f} p99 {run.p99_ms:6.1f} ms lost {run.lost} "
                          f"regressed {run.regressed} counters {_fmt_bool(run.counters_ok)} "
                          f"cpu {run.cpu_ms_per_cb:.2f} ms/cb threads {run.threads} "
                          f"load {os.getloadavg()[0]:.1f}", file=sys.stderr, flush=True)
        print(f"\n{len(jobs):,} callbacks per run ({args.messages:,} messages x 3 statuses, "
              f"{args.duplicates:.0%} duplicates, shuffled), one generator process, "
              f"{args.rounds} interleaved round(s), cpus {os.cpu_count()}")
        print(table(runs, names, concurrencies))
        ours = [r for r in runs if r.receiver in ("ours", "inproc")]
        bad = [r for r in ours if r.lost or r.regressed or r.counters_ok is False]
        return 1 if bad else 0
    finally:
        if args.keep:
            print(f"work folder kept: {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
