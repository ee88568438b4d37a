"""Campaign send benchmark: 10,000 recipients on the sandbox at several rates.

The sandbox runs as its own process (`wacampaign-desktop sandbox`, playing remote Twilio), the
app side in another (live mode through RuntimeConfig.api_url): the engine, the webhook
server receiving the callbacks and SQLite, as in the desktop app. Each rate runs in a fresh
child process so its peak RSS is its own. Prints, per run: achieved msg/s (messages handed to
Twilio / time from start until the last was), share of the set rate, time until every message
was final, peak RSS of the app process.

    python bench/campaign_send.py                      # 10,000 at 50, 200, 400 (+400 no callbacks)
    python bench/campaign_send.py --count 2000 --rates 400
Figures are noisy on a shared machine.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time

RUNS = [(50.0, True), (200.0, True), (400.0, True), (400.0, False)]


def child(args: argparse.Namespace) -> dict:
    os.environ.setdefault("WACAMPAIGN_SECRET_BACKEND", "file")
    from wacampaign_desktop.core import status_rules as rules
    from wacampaign_desktop.core.app_context import AppContext
    from wacampaign_desktop.core.engine import lifecycle
    from wacampaign_desktop.core.runtime import Runtime, RuntimeConfig
    from wacampaign_desktop.core.secrets import TWILIO_AUTH_TOKEN
    from wacampaign_desktop.core.store.models import Campaign, CampaignMessage, Contact

    command = [sys.executable, "-m", "wacampaign_desktop", "sandbox", "--seed", "1",
               "--step-latency", str(args.step_latency)]
    if not args.callbacks:
        command.append("--no-callbacks")
    sandbox = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        info = json.loads(sandbox.stdout.readline())
        ctx = AppContext.open(tempfile.mkdtemp(prefix="wac-bench-"), log_to_file=True)
        s = ctx.settings
        s.use_sandbox, s.twilio_account_sid, s.sender = False, info["account_sid"], "whatsapp:+14155238886"
        s.webhook_port, s.worker_threads = 0, args.threads
        s.window_guard = False  # its contacts never wrote: measure sending, not the 24-hour window
        ctx.secrets.set(TWILIO_AUTH_TOKEN, info["auth_token"])
        rows = [{"phone": f"+3361{i:07d}", "name": f"Client {i}"} for i in range(args.count)]
        for i in range(0, len(rows), 500):
            Contact.insert_many(rows[i:i + 500]).execute()
        campaign = Campaign.create(name="bench", body="Hello {{name}}", send_rate=args.rate)
        runtime = Runtime(ctx, RuntimeConfig(api_url=info["base_url"])).start()
        try:
            start = time.monotonic()
            runtime.engine.start_campaign(campaign.id)
            handed = final = None
            deadline = start + args.count / args.rate * 4 + 120
            while time.monotonic() < deadline:
                pending, claimed = lifecycle.left_to_send(campaign.id)
                if handed is None and pending == 0 and claimed == 0:
                    handed = time.monotonic() - start
                    if not args.callbacks:
                        break
                if handed is not None and CampaignMessage.select().where(
                        CampaignMessage.status.not_in(sorted(rules.FINAL))).count() == 0:
                    final = time.monotonic() - start
                    break
                time.sleep(0.2)
        finally:
            runtime.stop()
        counters = Campaign.get_by_id(campaign.id).counters()
    finally:
        sandbox.terminate()
        sandbox.wait(10)
    return {"rate": args.rate, "callbacks": args.callbacks, "count": args.count,
            "achieved": args.count / handed if handed else None, "handed_s": handed,
            "final_s": final, "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "counters": counters}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--rates", type=float, nargs="*", help="only these rates (callbacks on)")
    parser.add_argument("--threads", type=int, default=16, help="sender threads (worker_threads)")
    parser.add_argument("--step-latency", type=float, default=0.2)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--rate", type=float, default=400.0, help=argparse.SUPPRESS)
    parser.add_argument("--no-callbacks", dest="callbacks", action="store_false",
                        help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args)), flush=True)
        return 0
    runs = [(r, True) for r in args.rates] if args.rates else RUNS
    print(f"{args.count} recipients, {args.threads} sender threads, sandbox step latency "
          f"{args.step_latency}s (noisy shared machine)")
    print(f"{'set msg/s':>9} {'callbacks':>9} {'achieved':>9} {'of set':>7} {'handed s':>9} "
          f"{'all final s':>11} {'peak RSS MB':>11}")
    for rate, callbacks in runs:
        command = [sys.executable, __file__, "--child", "--rate", str(rate), "--count",
                   str(args.count), "--threads", str(args.threads), "--step-latency",
                   str(args.step_latency)] + ([] if callbacks else ["--no-callbacks"])
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode != 0:
            print(f"{rate:>9g} run failed: {done.stderr.strip().splitlines()[-1:]}")
            continue
        r = json.loads(done.stdout.strip().splitlines()[-1])
        achieved = f"{r['achieved']:.1f}" if r["achieved"] else "—"
        share = f"{r['achieved'] / rate:.0%}" if r["achieved"] else "—"
        handed = f"{r['handed_s']:.1f}" if r["handed_s"] else "—"
        final = f"{r['final_s']:.1f}" if r["final_s"] else "—"
        print(f"{rate:>9g} {'on' if callbacks else 'off':>9} {achieved:>9} {share:>7} {handed:>9} "
              f"{final:>11} {r['peak_rss_mb']:>11.0f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
