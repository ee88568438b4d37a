"""The Analytics figures as one CSV file (comma, UTF-8, UTC times, rates as fractions): one
row per figure, in sections — funnel, failures (code with its plain explanation), delivery and
read times, per-variant funnels, A/B verdicts, the timeline."""

from __future__ import annotations

import csv
from typing import TYPE_CHECKING

from wacampaign_desktop.core import ab_stats
from wacampaign_desktop.core.twilio_gateway.errors import explain_error

if TYPE_CHECKING:
    from wacampaign_desktop.core.services.analytics import Funnel, Report

COLUMNS = ("section", "item", "count", "rate", "seconds", "detail")
STAGES = ("sent", "delivered", "read", "replied", "failed")


def _rate(value: float | None) -> str:
    return "" if value is None else f"{value:.4f}"


def _funnel_rows(section: str, funnel: Funnel) -> list[list[object]]:
    return [[section, stage, getattr(funnel, stage), _rate(funnel.rate(stage)), "", ""]
            for stage in STAGES]


def report_rows(report: Report, language: str = "en") -> list[list[object]]:
    """The CSV's rows after the header."""
    rows = _funnel_rows("funnel", report.funnel)
    for failure in report.failures:
        title = explain_error(failure.code, language).title if failure.code is not None else ""
        rows.append(["failures", "" if failure.code is None else failure.code, failure.count,
                     _rate(failure.share), "", title])
    for label, times in (("time_to_deliver", report.deliver_time),
                         ("time_to_read", report.read_time)):
        for item, value in (("median", times.median), ("p90", times.p90)):
            rows.append([label, item, times.count, "",
                         "" if value is None else f"{value:.3f}", ""])
    for variant in report.variants:
        rows += _funnel_rows(f"variant {variant.name}", variant.funnel)
    for verdict in report.comparisons:
        rows.append(["ab_test", verdict.metric, "", f"{verdict.p_value:.6f}", "",
                     ab_stats.sentence(verdict)])
    for at, counts in report.timeline.rows():
        stamp = at.strftime("%Y-%m-%dT%H:%MZ")
        rows += [[f"timeline per {report.timeline.unit}", f"{stamp} {series}", number, "", "", ""]
                 for series, number in counts.items() if number]
    return rows


def write_report_csv(report: Report, path: str, language: str = "en") -> int:
    """Write the figures to `path`; the number of rows written (header excluded)."""
    rows = report_rows(report, language)
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        writer.writerows(rows)
    return len(rows)
