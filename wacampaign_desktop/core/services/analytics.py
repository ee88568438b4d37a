"""Analytics for the GUI and the CLI: `AnalyticsService(context).report(campaign_id, period)`
returns the figures of one campaign (or of all campaigns) over a period, every one counted by
the database (core/store/analytics_queries.py).

Definitions (the same in the view, `campaign stats` and the CSV):
- sent = messages that left for Twilio and got an answer: status sent, delivered, read, failed
  or undelivered (the counters' sent + failed + undelivered);
- delivered = status delivered or read; read = status read; replied = a reply was linked to it;
- every rate is of sent: delivered rate = delivered / sent, read rate = read / sent, reply rate =
  replied / sent, failure rate = failed / sent. `step` rates divide by the stage before
  (read of delivered…);
- the timeline counts, per minute (per hour past 6 hours), the messages that reached each
  status then; a period keeps the messages that left within it (the cohort) and the timeline of
  those messages;
- time to deliver = delivered_at - sent_at, time to read = read_at - sent_at, median and 90th
  percentile (linear between closest ranks) over the messages that have both stamps.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from wacampaign_desktop.core import ab_stats
from wacampaign_desktop.core.store import analytics_queries as q

if TYPE_CHECKING:
    from wacampaign_desktop.core.app_context import AppContext

HOURLY_PAST = timedelta(hours=6)  # longer timelines count per hour
SERIES = tuple(q.SERIES)  # sent, delivered, read, failed, replied
METRICS = ("delivered", "read", "replied")
_SENT = ("sent", "delivered", "read", "failed", "undelivered")


@dataclass(frozen=True)
class Period:
    """[start, end) in naive UTC; None = open. `label`: "all", "today", "7d", "30d", "custom"."""

    start: datetime | None = None
    end: datetime | None = None
    label: str = "all"

    @classmethod
    def named(cls, label: str, now: datetime, day_start: datetime | None = None) -> Period:
        """"today" (from `day_start`, the local midnight in UTC, default UTC midnight), "7d",
        "30d" (rolling), "all"."""
        if label == "today":
            start = day_start or now.replace(hour=0, minute=0, second=0, microsecond=0)
            return cls(start, None, label)
        if label in ("7d", "30d"):
            return cls(now - timedelta(days=int(label[:-1])), None, label)
        return cls(None, None, "all")


@dataclass(frozen=True)
class Funnel:
    sent: int = 0
    delivered: int = 0
    read: int = 0
    replied: int = 0
    failed: int = 0  # failed + undelivered
    waiting: int = 0  # not answered yet (pending, queued, sending…)
    skipped: int = 0  # skipped + cancelled
    total: int = 0

    def rate(self, name: str) -> float | None:
        """`name` of sent (None when nothing was sent)."""
        return getattr(self, name) / self.sent if self.sent else None

    def step(self, name: str) -> float | None:
        """`name` of the stage before it (delivered of sent, read of delivered, replied of read)."""
        before = {"delivered": self.sent, "read": self.delivered, "replied": self.read}[name]
        return getattr(self, name) / before if before else None

    @classmethod
    def from_counts(cls, rows: list[tuple[str, int, int]]) -> Funnel:
        """From (status, messages, replied) groups."""
        by: dict[str, int] = {}
        replied = total = 0
        for status, number, with_reply in rows:
            by[status] = by.get(status, 0) + number
            replied += with_reply
            total += number
        failed = by.get("failed", 0) + by.get("undelivered", 0)
        skipped = by.get("skipped", 0) + by.get("canceled", 0)
        sent = sum(by.get(s, 0) for s in _SENT)
        return cls(sent=sent, delivered=by.get("delivered", 0) + by.get("read", 0),
                   read=by.get("read", 0), replied=replied, failed=failed,
                   waiting=total - sent - skipped, skipped=skipped, total=total)

    @classmethod
    def from_counters(cls, c: dict[str, int]) -> Funnel:
        """From a campaign's stored counters (equal to a recount, one row to read)."""
        sent = c["sent"] + c["failed"] + c["undelivered"]
        skipped = c["skipped"] + c["canceled"]
        return cls(sent=sent, delivered=c["delivered"], read=c["read"], replied=c["replied"],
                   failed=c["failed"] + c["undelivered"], waiting=c["total"] - sent - skipped,
                   skipped=skipped, total=c["total"])

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {name: getattr(self, name) for name in
                               ("total", "sent", "delivered", "read", "replied", "failed",
                                "waiting", "skipped")}
        out["rates"] = {name: self.rate(name) for name in ("delivered", "read", "replied", "failed")}
        return out


@dataclass(frozen=True)
class FailureRow:
    code: int | None
    count: int
    share: float  # of every failed message


@dataclass(frozen=True)
class Percentiles:
    """Seconds; None when no message has both stamps."""

    count: int = 0
    median: float | None = None
    p90: float | None = None


@dataclass
class Timeline:
    """Per bucket start (naive UTC), the messages that reached each series' status then."""

    unit: str = "minute"  # or "hour"
    points: dict[datetime, dict[str, int]] = field(default_factory=dict)

    def bucket_of(self, at: datetime) -> datetime:
        at = at.replace(second=0, microsecond=0)
        return at.replace(minute=0) if self.unit == "hour" else at

    def add(self, at: datetime, series: str, amount: int) -> datetime:
        """Count `amount` more in the bucket of `at` (the live view's growth); the bucket."""
        bucket = self.bucket_of(at)
        counts = self.points.setdefault(bucket, dict.fromkeys(SERIES, 0))
        counts[series] = counts.get(series, 0) + amount
        return bucket

    def totals(self) -> dict[str, int]:
        return {s: sum(p.get(s, 0) for p in self.points.values()) for s in SERIES}

    def rows(self) -> list[tuple[datetime, dict[str, int]]]:
        return sorted(self.points.items())


@dataclass(frozen=True)
class VariantRow:
    name: str
    funnel: Funnel


@dataclass
class Report:
    campaign_id: int | None
    name: str  # the campaign's name, "" for all campaigns
    period: Period
    funnel: Funnel
    failures: list[FailureRow]
    timeline: Timeline
    deliver_time: Percentiles
    read_time: Percentiles
    variants: list[VariantRow] = field(default_factory=list)
    comparisons: list[ab_stats.Comparison] = field(default_factory=list)
    metric: str = "read"  # the A/B plan's deciding metric (the headline comparison)
    generated_at: datetime | None = None
    # every campaign's stored counters in the same snapshot: where live updates start from
    baseline: dict[int, dict[str, int]] = field(default_factory=dict)
    complete: bool = True  # False: the first figures only (funnel, failures)

    def as_dict(self) -> dict[str, Any]:
        """Plain JSON data (`campaign stats --json`)."""
        def seconds(p: Percentiles) -> dict[str, Any]:
            return {"count": p.count, "median_s": p.median, "p90_s": p.p90}

        return {
            "campaign_id": self.campaign_id, "name": self.name,
            "period": {"label": self.period.label, "start": self.period.start,
                       "end": self.period.end},
            "funnel": self.funnel.as_dict(),
            "failures": [{"code": f.code, "count": f.count, "share": round(f.share, 4)}
                         for f in self.failures],
            "time_to_deliver": seconds(self.deliver_time),
            "time_to_read": seconds(self.read_time),
            "variants": [{"name": v.name, **v.funnel.as_dict()} for v in self.variants],
            "comparisons": [c.as_dict() for c in self.comparisons],
            "metric": self.metric,
            "timeline": {"unit": self.timeline.unit,
                         "points": [{"at": at, **counts} for at, counts in self.timeline.rows()]},
        }


class AnalyticsService:
    """Figures of the opened profile, counted by the database."""

    def __init__(self, context: AppContext) -> None:
        self.context = context

    @property
    def _db(self):
        return self.context.db

    def now(self) -> datetime:
        return self.context.clock.now()

    def campaigns(self) -> list[tuple[int, str, str]]:
        """(id, name, state) for the chooser, newest first."""
        return q.campaign_names(self._db)

    def report(self, campaign_id: int | None = None, period: Period | None = None) -> Report:
        """Every figure of one campaign (None: all campaigns) over `period` (default: all)."""
        period = period or Period()
        name, metric, has_variants = "", "read", False
        if campaign_id is not None:
            plan = q.campaign_plan(self._db, campaign_id)
            if plan is None:
                raise LookupError(f"there is no campaign {campaign_id}")
            name, has_variants = plan[0], bool(plan[1])
            if isinstance(plan[2], dict) and plan[2].get("metric") in METRICS:
                metric = plan[2]["metric"]
        scope = q.Scope(campaign_id, period.start, period.end)
        whole_campaign = campaign_id is not None and period.start is None and period.end is None
        with self._db.atomic(lock_type="DEFERRED"):  # one snapshot while callbacks land
            counters = q.stored_counters(self._db, campaign_id) if whole_campaign else None
            baseline = q.all_counters(self._db)
            everything = sum(c["total"] for c in baseline.values()) or 1
            mine = baseline.get(campaign_id, {}) if campaign_id is not None else None
            share = mine.get("total", 0) / everything if mine is not None else 1.0
            stamped = 0  # a period's messages are unknown yet: durations() samples itself
            if period.start is None and period.end is None:
                stamped = (mine or {}).get("delivered", 0) if mine is not None else sum(
                    c["delivered"] for c in baseline.values())
            with q.narrowed(self._db, scope, share, stamped) as narrow:
                failures = q.failures_by_code(self._db, narrow)
                # the stored counters make the funnel of a whole campaign without variants
                need_rows = counters is None or has_variants
                timeline, rows = self._timeline(narrow, period, need_rows,
                                                by_variant=campaign_id is not None)
                totals = timeline.totals()  # its delivered / read: the messages with a time
                deliver = q.durations(self._db, narrow, "deliver", (0.5, 0.9),
                                      stamped=totals["delivered"])
                read = q.durations(self._db, narrow, "read", (0.5, 0.9), stamped=totals["read"])
        funnel = (Funnel.from_counters(counters) if counters is not None
                  else Funnel.from_counts([(s, n, r) for _v, s, n, r in rows]))
        variants = self._variants(rows)
        failed_total = sum(n for _c, n in failures)
        report = Report(
            campaign_id, name, period, funnel,
            [FailureRow(code, n, n / failed_total) for code, n in failures],
            timeline, _percentiles(deliver), _percentiles(read), variants,
            metric=metric, generated_at=self.now(), baseline=baseline)
        report.comparisons = comparisons(variants, metric)
        return report

    def first_figures(self, campaign_id: int | None = None,
                      period: Period | None = None) -> Report:
        """The funnel and the failures only (cheap: the stored counters of a whole campaign,
        else one grouped count; the failures through the status index), for a view to show
        at once while `report()` counts the rest. `complete` is False."""
        period = period or Period()
        name = ""
        if campaign_id is not None:
            plan = q.campaign_plan(self._db, campaign_id)
            if plan is None:
                raise LookupError(f"there is no campaign {campaign_id}")
            name = plan[0]
        scope = q.Scope(campaign_id, period.start, period.end)
        whole_campaign = campaign_id is not None and period.start is None and period.end is None
        with self._db.atomic(lock_type="DEFERRED"):
            counters = q.stored_counters(self._db, campaign_id) if whole_campaign else None
            baseline = q.all_counters(self._db)
            groups, failures = q.quick_counts(self._db, scope, with_groups=counters is None)
        funnel = (Funnel.from_counters(counters) if counters is not None
                  else Funnel.from_counts([(s, n, r) for _v, s, n, r in groups]))
        failed_total = sum(n for _c, n in failures)
        return Report(campaign_id, name, period, funnel,
                      [FailureRow(code, n, n / failed_total) for code, n in failures],
                      Timeline(), Percentiles(), Percentiles(), generated_at=self.now(),
                      baseline=baseline, complete=False)

    def _timeline(self, scope: q.Narrow, period: Period, with_rows: bool = False,
                  by_variant: bool = False) -> tuple[Timeline, list[tuple[str | None, str, int, int]]]:
        """The timeline and, `with_rows`, the (variant, status) counts (same pass)."""
        first, last = q.time_span(self._db, scope)
        start = period.start or first
        end = period.end or (self.now() if period.start is not None else last)
        unit = "hour" if start and end and end - start > HOURLY_PAST else "minute"
        timeline = Timeline(unit)
        rows: list[tuple[str | None, str, int, int]] = []
        if with_rows:
            points, rows = q.timeline_and_counts(self._db, scope, unit, by_variant)
        else:
            points = q.timeline(self._db, scope, unit)
        for series, bucket, number in points:
            timeline.add(bucket, series, number)
        return timeline, rows

    @staticmethod
    def _variants(rows: list[tuple[str | None, str, int, int]]) -> list[VariantRow]:
        names = sorted({v for v, _s, _n, _r in rows if v})
        if len(names) < 2:
            return []
        return [VariantRow(name, Funnel.from_counts([(s, n, r) for v, s, n, r in rows if v == name]))
                for name in names]

    def write_csv(self, report: Report, path: str, language: str = "en") -> int:
        """The report's figures as a CSV file (see analytics_export); rows written. Error
        explanations in `language` ("en" or "fr")."""
        from wacampaign_desktop.core.services.analytics_export import write_report_csv

        return write_report_csv(report, path, language)


def comparisons(variants: list[VariantRow], metric: str = "read") -> list[ab_stats.Comparison]:
    """One verdict per metric (the deciding `metric` first) between the best two variants."""
    if len(variants) < 2:
        return []
    ordered = [metric, *(m for m in METRICS if m != metric)]
    out = []
    for name in ordered:
        arms = [ab_stats.Arm(v.name, getattr(v.funnel, name), v.funnel.sent) for v in variants]
        verdict = ab_stats.compare(name, arms)
        if verdict is not None:
            out.append(verdict)
    return out


def _percentiles(result: tuple[int, dict[float, float]]) -> Percentiles:
    count, values = result
    return Percentiles(count, values.get(0.5), values.get(0.9))
