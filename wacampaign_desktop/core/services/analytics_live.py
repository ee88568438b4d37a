"""Live growth of an Analytics report between two loads, from the campaigns' counters as the
status pipeline publishes them (CountersChanged totals; the GUI bridge delivers the latest per
campaign at most ~10 times a second): nothing is re-read from the database.

Each campaign's counters give five monotone figures — sent (sent + failed + undelivered),
delivered, read, failed (failed + undelivered), replied. What rose since the last totals seen
(the report's own snapshot first) is added to the funnel and to the timeline bucket of `at`;
totals older than those already seen add nothing, so a late or repeated delivery never counts
twice. Per-variant rows and percentiles wait for the next load (the events do not carry them).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from wacampaign_desktop.core.services.analytics import Funnel, Report


def live_figures(counters: dict[str, int]) -> dict[str, int]:
    """The five funnel figures of a campaign's counters."""
    failed = counters.get("failed", 0) + counters.get("undelivered", 0)
    return {"sent": counters.get("sent", 0) + failed, "delivered": counters.get("delivered", 0),
            "read": counters.get("read", 0), "failed": failed,
            "replied": counters.get("replied", 0)}


class LiveReport:
    """A report that grows with each campaign's new counters (`apply`)."""

    def __init__(self, report: Report) -> None:
        self.report = report
        self._seen = {cid: live_figures(c) for cid, c in report.baseline.items()}
        self._latest = dict(report.baseline)
        period = report.period
        self.live = period.end is None  # a period that ended stays as loaded
        # all time: the funnel IS the counters (exact, waiting and total included); within a
        # period it grows by what rose (a message that left before the period and is read now
        # counts until the next load)
        self.exact = period.start is None

    def follows(self, campaign_id: int) -> bool:
        return self.live and self.report.campaign_id in (None, campaign_id)

    def apply(self, campaign_id: int, counters: dict[str, int], at: datetime) -> bool:
        """Add what rose since the totals last seen for `campaign_id`; True if a figure moved."""
        if not self.follows(campaign_id):
            return False
        now = live_figures(counters)
        before = self._seen.get(campaign_id, dict.fromkeys(now, 0))
        self._seen[campaign_id] = {name: max(now[name], before.get(name, 0)) for name in now}
        rise = {name: now[name] - before.get(name, 0) for name in now}
        rise = {name: amount for name, amount in rise.items() if amount > 0}
        self._latest[campaign_id] = counters
        funnel = self.report.funnel
        if self.exact:
            shown = ([counters] if self.report.campaign_id is not None
                     else list(self._latest.values()))
            self.report.funnel = _sum(Funnel.from_counters(c) for c in shown)
        elif rise:
            self.report.funnel = replace(funnel, **{name: getattr(funnel, name) + amount
                                                   for name, amount in rise.items()})
        for name, amount in rise.items():
            self.report.timeline.add(at, name, amount)
        return bool(rise) or self.report.funnel != funnel


def _sum(funnels) -> Funnel:
    total = Funnel()
    for f in funnels:
        total = Funnel(**{name: getattr(total, name) + getattr(f, name)
                          for name in Funnel.__dataclass_fields__})
    return total
