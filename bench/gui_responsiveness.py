"""GUI responsiveness under a callback storm, and the time to open a big campaign.

Builds a throw-away profile with a 100,000-message campaign, opens the real main window on it,
then feeds status callbacks at 1,600/s for 10 s through the real path after the HTTP layer
(once with the campaign view shown, once more with the Analytics view of the same campaign,
whose funnel and timeline grow live from the same events):
a writer thread applies them with core.store.message_updates in group-commit transactions
(the one store writer's group commit) and publishes MessageStatusChanged / CountersChanged /
WebhookLogged on the real EventBus; the real CoreBridge coalesces them into the campaign view.
A 5 ms QTimer heartbeat on the GUI thread measures the worst event-loop stall.

    python bench/gui_responsiveness.py [--messages 100000] [--rate 1600] [--seconds 10]
        [--views campaigns,analytics]

Goals: worst stall < 50 ms; opening the 100,000-message campaign < 1 s. Figures are noisy on a
shared machine: run it twice.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("WACAMPAIGN_SECRET_BACKEND", "file")

from PySide6.QtCore import QEventLoop, Qt, QTimer  # noqa: E402

from wacampaign_desktop.core.app_context import AppContext  # noqa: E402
from wacampaign_desktop.core.store import message_updates as mu  # noqa: E402
from wacampaign_desktop.core.store.models import Campaign, Contact, utcnow  # noqa: E402
from wacampaign_desktop.core.store.writer import StoreWriter  # noqa: E402
from wacampaign_desktop.core.webhooks import ingest  # noqa: E402


def build_profile(folder: str, messages: int) -> tuple[AppContext, int]:
    context = AppContext.open(folder, log_to_file=False)
    context.settings.use_sandbox = True
    started = time.perf_counter()
    now = utcnow()
    with context.db.atomic():
        for start in range(0, messages, 5000):
            Contact.insert_many([
                {"phone": f"+3360{i:07d}", "name": f"Client {i}", "fields": {}, "tags": [],
                 "created_at": now, "updated_at": now}
                for i in range(start, min(messages, start + 5000))]).execute()
    ids = dict(Contact.select(Contact.phone, Contact.id).tuples())
    campaign = Campaign.create(name="Big campaign (100k)", body="Hello {{name}}", state="sending")
    mu.insert_messages(campaign.id, (
        {"phone": f"+3360{i:07d}", "contact": ids[f"+3360{i:07d}"], "message": f"Hello Client {i}",
         "status": "queued", "twilio_sid": f"SM{i:032x}", "sent_at": now}
        for i in range(messages)), batch=2000)
    print(f"setup: {messages:,} contacts and messages in {time.perf_counter() - started:.1f} s")
    return context, campaign.id


def make_writer(context: AppContext) -> StoreWriter:
    """The one store writer, as the Runtime builds it for the webhook server and the engine."""
    return StoreWriter(context.db, context.bus, clock=context.clock, name="bench-writer")


class Feeder(threading.Thread):
    """Submits status callbacks at `rate`/s to the real group-commit writer (the webhook
    server's own writer, prefetch and audit), which publishes the events after each commit."""

    def __init__(self, context: AppContext, rate: int, seconds: float, first: int = 0) -> None:
        super().__init__(name="bench-feeder", daemon=True)
        self.context, self.rate, self.seconds, self.first = context, rate, seconds, first
        self.submitted = 0
        self.elapsed = 0.0
        self.writer = make_writer(context)

    def _callbacks(self, block: int = 16):
        """Message i is sent, one block later delivered, two blocks later read (from message
        `first` on: a second storm takes fresh messages)."""
        i = 0
        while True:
            for offset, status in ((0, "sent"), (block, "delivered"), (2 * block, "read")):
                for k in range(block):
                    if i - offset + k >= 0:
                        yield f"SM{self.first + i - offset + k:032x}", status
            i += block

    def messages_touched(self) -> int:
        return self.submitted // 3 + 48

    def run(self) -> None:
        self.writer.start()
        source = self._callbacks()
        tick = 0.01
        per_tick = max(1, round(self.rate * tick))
        start = time.perf_counter()
        next_at = start
        last = None
        while time.perf_counter() - start < self.seconds:
            for _ in range(per_tick):
                sid, status = next(source)
                delivery = ingest.Delivery("status", {"MessageSid": sid, "MessageStatus": status})
                last = self.writer.submit(ingest.StatusWork(delivery))  # the writer keeps order
            self.submitted += per_tick
            next_at += tick
            delay = next_at - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
        if last is not None:
            last.result(120)
        self.elapsed = time.perf_counter() - start
        self.writer.stop()


# (name, start, end) of each traced GUI-thread handler run: what ran during the worst stall
SPANS: list[tuple[str, float, float]] = []


def _traced(name: str, fn):
    def wrapper(*args, **kwargs):
        began = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            SPANS.append((name, began, time.perf_counter()))
    return wrapper


def trace_gui_handlers() -> None:
    """Time the GUI-thread work of the Analytics view and the campaign view when counters
    arrive: the bridge's drain, the view's handlers, the chart updates and their paints."""
    from wacampaign_desktop.gui.analytics.charts import FunnelChart, TimelineChart
    from wacampaign_desktop.gui.analytics.view import AnalyticsView
    from wacampaign_desktop.gui.core_bridge import CoreBridge

    for cls, names in ((CoreBridge, ("drain",)),
                       (AnalyticsView, ("_on_counters", "_repaint_live", "_show", "_on_first",
                                        "_on_report", "_on_state", "refresh")),
                       (FunnelChart, ("set_funnel", "paintEvent")),
                       (TimelineChart, ("set_timeline", "paintEvent"))):
        for name in names:
            fn = getattr(cls, name)
            setattr(cls, name, _traced(f"{cls.__name__}.{name}", fn))

    original_emit = CoreBridge._emit

    def traced_emit(self, signal, *args):  # each signal's receivers, timed (inside drain)
        name = str(signal).split("(")[0].split()[-1]
        began = time.perf_counter()
        try:
            return original_emit(self, signal, *args)
        finally:
            SPANS.append((f"emit {name}", began, time.perf_counter()))

    CoreBridge._emit = traced_emit  # type: ignore[method-assign]


def worst_stall_trace(beats: list[float], cpu: dict[float, float]) -> str:
    """The worst gap between heartbeats, the GUI thread's CPU time within it (much less than
    the gap: it waited — for the GIL, or for a core on a loaded machine — rather than worked)
    and the traced handlers that overlapped it."""
    if len(beats) < 2:
        return "no beats"
    a, b = max(zip(beats, beats[1:], strict=False), key=lambda g: g[1] - g[0])
    worked = (cpu[b] - cpu[a]) * 1000 if a in cpu and b in cpu else float("nan")
    inside = [(n, (min(e, b) - max(s, a)) * 1000) for n, s, e in SPANS if s < b and e > a]
    traced = sum(ms for n, ms in inside if not n.startswith("emit "))  # emits: inside drain
    parts = ", ".join(f"{n} {ms:.1f} ms" for n, ms in sorted(inside, key=lambda x: -x[1])[:8])
    return (f"worst gap {(b - a) * 1000:.1f} ms, GUI thread CPU in it {worked:.1f} ms: traced handlers {traced:.1f} ms "
            f"({parts or 'none'}); untraced {(b - a) * 1000 - traced:.1f} ms")


def handler_summary(began: float) -> str:
    by: dict[str, list[float]] = {}
    for n, s, e in SPANS:
        if s >= began:
            by.setdefault(n, []).append((e - s) * 1000)
    return "; ".join(f"{n} x{len(v)} max {max(v):.1f} ms" for n, v in sorted(by.items()))


def storm(app, context: AppContext, bridge, rate: int, seconds: float, offset: int,
          drain_ms: list[float], gc_pauses: list) -> dict:
    """3 s of idle heartbeat (the machine's noise), then `seconds` of callbacks at `rate`/s
    starting at message `offset`; the 5 ms heartbeat's gaps and the feeder's figures."""
    beats: list[float] = []
    idle_beats: list[float] = []
    heartbeat = QTimer()
    heartbeat.setInterval(5)
    cpu: dict[float, float] = {}  # beat → the GUI thread's CPU time then

    def beat() -> None:
        now = time.perf_counter()
        beats.append(now)
        cpu[now] = time.thread_time()

    heartbeat.timeout.connect(beat)
    feeder = Feeder(context, rate, seconds, offset)
    heartbeat.start()
    events_before, drains_before = bridge.events_seen, bridge.drain_count

    def start_feeding() -> None:
        idle_beats.extend(beats)
        beats.clear()
        gc_pauses.clear()
        drain_ms.clear()
        feeder.start()

    QTimer.singleShot(3000, start_feeding)

    def finish() -> None:
        if feeder.is_alive() or feeder.elapsed == 0.0:
            QTimer.singleShot(100, finish)
            return
        QTimer.singleShot(500, loop.quit)  # let the last drain land

    # a local loop: QApplication.quit() would close the window (Qt 6) before the next storm
    loop = QEventLoop()
    QTimer.singleShot(3100, finish)
    loop.exec()
    heartbeat.stop()
    return {
        "trace": worst_stall_trace(beats, cpu), "handlers": handler_summary(beats[0] if beats else 0),
        "gaps": sorted((b - a) * 1000 for a, b in zip(beats, beats[1:], strict=False)),
        "idle": sorted((b - a) * 1000 for a, b in zip(idle_beats, idle_beats[1:], strict=False)),
        "submitted": feeder.submitted, "elapsed": feeder.elapsed,
        "commits": feeder.writer.batches, "messages": feeder.messages_touched(),
        "drain_ms": list(drain_ms), "gc": list(gc_pauses),
        "events": bridge.events_seen - events_before, "drains": bridge.drain_count - drains_before,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--rate", type=int, default=1600)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--views", default="campaigns,analytics",
                        help="the views shown, one storm each, in order (campaigns, analytics)")
    args = parser.parse_args()

    from wacampaign_desktop.gui.app import make_application, settle_heap
    from wacampaign_desktop.gui.core_bridge import CoreBridge
    from wacampaign_desktop.gui.main_window import MainWindow
    from wacampaign_desktop.gui.services import GuiServices

    drain_ms: list[float] = []
    original_drain = CoreBridge.drain

    def timed_drain(self: CoreBridge) -> None:  # how long each coalesced delivery blocks the GUI
        began = time.perf_counter()
        original_drain(self)
        drain_ms.append((time.perf_counter() - began) * 1000)

    CoreBridge.drain = timed_drain  # type: ignore[method-assign]
    trace_gui_handlers()

    import gc

    gc_pauses: list[tuple[int, float]] = []
    gc_started: list[float] = [0.0]

    def gc_watch(phase: str, info: dict) -> None:
        if phase == "start":
            gc_started[0] = time.perf_counter()
        else:
            gc_pauses.append((info["generation"], (time.perf_counter() - gc_started[0]) * 1000))

    gc.callbacks.append(gc_watch)

    folder = tempfile.mkdtemp(prefix="wac-bench-gui-")
    context, campaign_id = build_profile(folder, args.messages)
    app = make_application([sys.argv[0]])
    services = GuiServices.create(context)
    window = MainWindow(services)
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    campaigns = window.show_view("campaigns")
    campaigns.campaign_view.set_campaign(None)
    app.processEvents()

    opened = time.perf_counter()
    campaigns.select_campaign(campaign_id)
    view = campaigns.campaign_view
    view.table.viewport().repaint()
    app.processEvents()
    open_s = time.perf_counter() - opened
    assert view.campaign_id == campaign_id and view.model.rowCount() > 0
    scrolled = time.perf_counter()
    view.table.scrollToBottom()  # triggers the next lazy page
    app.processEvents()
    scroll_ms = (time.perf_counter() - scrolled) * 1000

    sort_ms = {}
    for name in ("status", "phone", "sent_at"):
        began = time.perf_counter()
        view.table.sortByColumn(view.model.COLUMNS.index(name), Qt.SortOrder.DescendingOrder)
        app.processEvents()
        sort_ms[name] = (time.perf_counter() - began) * 1000
    view.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
    view.model.sort(-1)
    app.processEvents()

    settle_heap()  # as the app does after start-up
    analytics = None
    phases: list[tuple[str, dict]] = []
    offset = 0
    shown: list[float] = []
    live: list[int] = []

    def on_shown() -> None:
        shown.append(time.perf_counter())

    def on_live() -> None:
        live.append(1)

    for name in args.views.split(","):
        analytics_open_ms = None
        if name == "analytics":  # the Analytics view of the same campaign, live during the storm
            analytics = window.show_view("analytics")
            analytics.reportShown.connect(on_shown)
            began = time.perf_counter()
            analytics.select_campaign(campaign_id)
            while not shown and time.perf_counter() - began < 120:
                app.processEvents()
            analytics_open_ms = (shown[0] - began) * 1000 if shown else float("nan")
            analytics.liveUpdated.connect(on_live)
        else:
            window.show_view("campaigns")
        app.processEvents()
        figures = storm(app, context, services.bridge, args.rate, args.seconds, offset, drain_ms,
                        gc_pauses)
        offset += figures["messages"]
        figures["open_ms"] = analytics_open_ms
        if name == "analytics":
            figures["live_repaints"] = len(live)
        phases.append((name, figures))

    rows_read = sum(1 for r in range(view.model.rowCount())
                    if view.model.row_at(r).status == "read")
    bridge = services.bridge
    for name, f in phases:
        gaps, idle = f["gaps"], f["idle"]
        worst = gaps[-1] if gaps else float("nan")
        p99 = gaps[int(len(gaps) * 0.99)] if gaps else float("nan")
        print(f"--- storm with the {name} view shown ---")
        if f["open_ms"] is not None:
            print(f"Analytics view of the {args.messages:,}-message campaign opened in "
                  f"{f['open_ms']:.0f} ms; live repaints during the storm: {f['live_repaints']}")
        print(f"callbacks fed: {f['submitted']:,} in {f['elapsed']:.1f} s "
              f"= {f['submitted'] / max(f['elapsed'], 1e-9):,.0f}/s ({f['commits']:,} commits)")
        print(f"bridge: {f['events']:,} events in {f['drains']} drains "
              f"= {f['drains'] / max(f['elapsed'], 1e-9):.1f} drains/s")
        worst_gc = max(f["gc"], key=lambda p: p[1], default=(0, 0.0))
        print(f"garbage collections: {len(f['gc'])}, longest {worst_gc[1]:.1f} ms "
              f"(generation {worst_gc[0]})")
        print(f"GUI work per drain: max {max(f['drain_ms'], default=0):.1f} ms, "
              f"median {statistics.median(f['drain_ms']) if f['drain_ms'] else 0:.1f} ms")
        print(f"event loop heartbeat (5 ms): worst stall {worst:.1f} ms, p99 {p99:.1f} ms, "
              f"median {statistics.median(gaps):.1f} ms over {len(gaps):,} beats (goal < 50 ms); "
              f"{sum(g > 50 for g in gaps)} beats over 50 ms")
        print(f"  {f['trace']}")
        print(f"  handlers: {f['handlers']}")
        print(f"same heartbeat idle for 3 s before (machine noise): worst {idle[-1]:.1f} ms, "
              f"p99 {idle[int(len(idle) * 0.99)]:.1f} ms")
    print(f"open a {args.messages:,}-message campaign: {open_s * 1000:.0f} ms (goal < 1000 ms); "
          f"next page on scroll: {scroll_ms:.0f} ms; sort (SQL ORDER BY, first page): "
          + ", ".join(f"{k} {v:.0f} ms" for k, v in sort_ms.items()))
    print(f"view: counters read={view.counters.counters.get('read', 0):,}, "
          f"loaded rows {view.model.rowCount():,} of which read {rows_read:,}; "
          f"bridge total {bridge.events_seen:,} events")
    if analytics is not None and analytics.report is not None:
        print(f"analytics: funnel {analytics.funnel.values} (sent, delivered, read, replied), "
              f"timeline {analytics.timeline.points} {analytics.timeline.unit}s")
    window.close()
    services.close()
    context.close()
    sys.stdout.flush()
    os._exit(0)  # skip interpreter teardown of Qt objects (PySide6 may crash while finalizing)


if __name__ == "__main__":
    raise SystemExit(main())
