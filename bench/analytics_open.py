"""Time to open the Analytics of a 100,000-message campaign, beside floors on the same data.

Builds a throw-away profile with one campaign of N messages in every status (two A/B variants,
error codes, replies, sent over ~5 hours so the timeline is per minute), then prints:
- the floor: one `SELECT COUNT(*)` of the campaign's messages (the cheapest look at them);
- `AnalyticsService.report()` (every figure, counted by the database), cold then warm;
- the Analytics view in the real window: from choosing the campaign to the figures on screen;
- the existing campaign view opening the same campaign (the app's other "open" figure);
each as milliseconds and as a ratio to the floor. Goal: the view opens in under a second.

    python bench/analytics_open.py [--messages 100000] [--repeat 5]

Figures are noisy on a shared machine: run it twice.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("WACAMPAIGN_SECRET_BACKEND", "file")

from wacampaign_desktop.core.app_context import AppContext  # noqa: E402
from wacampaign_desktop.core.store import message_updates as mu  # noqa: E402
from wacampaign_desktop.core.store.models import Campaign, Contact, utcnow  # noqa: E402

FATES = ("read",) * 5 + ("delivered",) * 2 + ("sent", "undelivered", "failed")
CODES = (63016, 30008, 30003, 21211, 63024)
STAMPS = ("sent_at", "delivered_at", "read_at", "failed_at", "replied_at", "error_code")


def build_profile(folder: str, messages: int) -> tuple[AppContext, int]:
    context = AppContext.open(folder, log_to_file=False)
    started = time.perf_counter()
    rng = random.Random(1)
    now = utcnow()
    first = now - timedelta(hours=5)
    with context.db.atomic():
        for start in range(0, messages, 5000):
            Contact.insert_many([
                {"phone": f"+3360{i:07d}", "name": f"Client {i}", "fields": {}, "tags": [],
                 "created_at": now, "updated_at": now}
                for i in range(start, min(messages, start + 5000))]).execute()
    ids = dict(Contact.select(Contact.phone, Contact.id).tuples())
    campaign = Campaign.create(name="Big campaign (100k)", body="Hello {{name}}", state="completed",
                               variants=[{"name": "B", "body": "Hi {{name}}"}])
    step = timedelta(hours=5) / messages

    def rows():
        for i in range(messages):
            fate = rng.choice(FATES)
            left = first + step * i
            row = {"phone": f"+3360{i:07d}", "contact": ids[f"+3360{i:07d}"],
                   "message": f"Hello Client {i}", "status": fate, "variant": "AB"[i % 2],
                   "twilio_sid": f"SM{i:032x}", **dict.fromkeys(STAMPS)}
            if fate != "failed":
                row["sent_at"] = left
            if fate in ("delivered", "read"):
                row["delivered_at"] = left + timedelta(seconds=rng.uniform(0.5, 20))
            if fate == "read":
                row["read_at"] = row["delivered_at"] + timedelta(seconds=rng.expovariate(1 / 300))
                if rng.random() < 0.1:
                    row["replied_at"] = row["read_at"] + timedelta(minutes=2)
            if fate in ("failed", "undelivered"):
                row["failed_at"] = left + timedelta(seconds=2)
                row["error_code"] = rng.choice(CODES)
            yield row

    mu.insert_messages(campaign.id, rows(), batch=2000)
    counters = mu.recount(campaign.id)  # replies inserted directly: the counter follows
    Campaign.update(replied_count=counters["replied"]).where(Campaign.id == campaign.id).execute()
    print(f"setup: {messages:,} messages in {time.perf_counter() - started:.1f} s")
    return context, campaign.id


def timed(fn, repeat: int) -> tuple[float, float]:
    """(first run, median of the next `repeat`) in milliseconds."""
    began = time.perf_counter()
    fn()
    cold = (time.perf_counter() - began) * 1000
    runs = []
    for _ in range(repeat):
        began = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - began) * 1000)
    return cold, statistics.median(runs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--profile", metavar="DIR",
                        help="keep the built profile in DIR and reuse it on the next run")
    args = parser.parse_args()

    from wacampaign_desktop.core.services.analytics import AnalyticsService, Period

    folder = args.profile or tempfile.mkdtemp(prefix="wac-bench-analytics-")
    if args.profile and Path(folder, "wacampaign.sqlite3").exists():
        context = AppContext.open(folder, log_to_file=False)
        campaign_id = Campaign.select(Campaign.id).order_by(Campaign.id.desc()).scalar()
    else:
        context, campaign_id = build_profile(folder, args.messages)
    service = AnalyticsService(context)

    def count() -> None:
        context.db.execute_sql("SELECT COUNT(*) FROM campaign_message WHERE campaign_id = ?",
                               [campaign_id]).fetchone()

    _, floor = timed(count, args.repeat)
    cold, warm = timed(lambda: service.report(campaign_id), args.repeat)
    _, everything = timed(lambda: service.report(None, Period.named("30d", service.now())),
                          args.repeat)
    report = service.report(campaign_id)

    from PySide6.QtCore import QEventLoop, QTimer

    from wacampaign_desktop.gui.app import make_application
    from wacampaign_desktop.gui.main_window import MainWindow
    from wacampaign_desktop.gui.services import GuiServices

    app = make_application([sys.argv[0]])
    services = GuiServices.create(context)
    window = MainWindow(services)
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    view = window.show_view("analytics")
    loop = QEventLoop()
    view.reportShown.connect(loop.quit)
    loop.exec()  # the first load, "All campaigns"
    gui_ms = []
    first_ms: list[float] = []
    began = time.perf_counter()
    view.firstShown.connect(lambda: first_ms.append((time.perf_counter() - began) * 1000))
    guard = QTimer()  # a load that never ends must not hang the bench
    guard.setSingleShot(True)
    guard.timeout.connect(loop.quit)
    for _ in range(args.repeat):
        for target in (None, campaign_id):
            began = time.perf_counter()  # noqa: F841 (read by the firstShown slot)
            guard.start(300_000)
            view.select_campaign(target)
            loop.exec()
            guard.stop()
            view.repaint()
            app.processEvents()
            if target is not None:
                gui_ms.append((time.perf_counter() - began) * 1000)
            else:
                first_ms.pop()  # keep the campaign's only
    assert view.report.campaign_id == campaign_id and view.funnel.values[0] == report.funnel.sent

    campaigns = window.show_view("campaigns")
    campaigns.campaign_view.set_campaign(None)
    app.processEvents()
    began = time.perf_counter()
    campaigns.select_campaign(campaign_id)
    campaigns.campaign_view.table.viewport().repaint()
    app.processEvents()
    campaign_view_ms = (time.perf_counter() - began) * 1000

    gui = statistics.median(gui_ms)
    print(f"floor: SELECT COUNT(*) of the campaign's {args.messages:,} messages: {floor:.1f} ms")
    print(f"AnalyticsService.report(campaign): cold {cold:.0f} ms, warm {warm:.0f} ms "
          f"= {warm / floor:.0f}x the floor")
    print(f"AnalyticsService.report(all campaigns, 30 days): {everything:.0f} ms "
          f"= {everything / floor:.0f}x the floor")
    first = statistics.median(first_ms)
    print(f"Analytics view, choose the campaign → funnel and failures on screen: median "
          f"{first:.0f} ms = {first / floor:.0f}x the floor")
    print(f"Analytics view, choose the campaign → every figure on screen: median {gui:.0f} ms, "
          f"worst {max(gui_ms):.0f} ms = {gui / floor:.0f}x the floor (goal < 1000 ms)")
    print(f"campaign view opening the same campaign (first page of messages): "
          f"{campaign_view_ms:.0f} ms; Analytics/campaign view = {gui / campaign_view_ms:.1f}")
    print(f"figures: sent {report.funnel.sent:,}, delivered {report.funnel.delivered:,}, "
          f"read {report.funnel.read:,}, replied {report.funnel.replied:,}, timeline "
          f"{len(report.timeline.points)} {report.timeline.unit}s, "
          f"{len(report.failures)} error codes, variants {[v.name for v in report.variants]}")
    window.close()
    services.close()
    context.close()
    sys.stdout.flush()
    os._exit(0)  # skip interpreter teardown of Qt objects (PySide6 may crash while finalizing)


if __name__ == "__main__":
    raise SystemExit(main())
