"""`wacampaign-desktop campaign stats ID [--period …] [--json]`: the Analytics figures headless —
funnel with rates, failures by code explained, time to deliver and to read, per-variant rows and
the A/B verdict in a sentence. Registered under `campaign` by cli/campaign_cmd.py."""

from __future__ import annotations

import argparse
from datetime import datetime

from wacampaign_desktop.cli import CliError
from wacampaign_desktop.cli.output import add_json, emit, open_context, table

PERIODS = ("all", "today", "7d", "30d")


def add_stats_action(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add `stats` to the `campaign` actions."""
    p = sub.add_parser("stats", parents=[common],
                       help="funnel, rates, failures by code, delivery/read times and A/B "
                            "results of a campaign (ID 0: all campaigns)")
    p.add_argument("id", type=int, metavar="ID")
    p.add_argument("--period", choices=PERIODS, default="all",
                   help="only messages sent today, in the last 7 or 30 days (default: all)")
    p.add_argument("--from", dest="start", metavar="ISO-TIME",
                   help="only messages sent from this UTC time (e.g. 2026-05-01T09:00)")
    p.add_argument("--to", dest="end", metavar="ISO-TIME", help="… and before this UTC time")
    add_json(p)
    p.set_defaults(func=run_stats)


def _when(value: str | None, option: str) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value).replace(tzinfo=None)
    except ValueError as exc:
        raise CliError(f"{option} {value!r} is not an ISO time such as 2026-05-01T09:00") from exc


def duration_words(seconds: float | None) -> str:
    """"45 s", "3.5 min", "2.1 h" ("—" when unknown)."""
    if seconds is None:
        return "—"
    if seconds < 90:
        return f"{seconds:.0f} s" if seconds >= 10 else f"{seconds:.1f} s"
    if seconds < 90 * 60:
        return f"{seconds / 60:.1f} min"
    return f"{seconds / 3600:.1f} h"


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.1%}"


def run_stats(args: argparse.Namespace) -> int:
    from wacampaign_desktop.core.services.analytics import AnalyticsService, Period

    start, end = _when(args.start, "--from"), _when(args.end, "--to")
    ctx = open_context(args)
    try:
        service = AnalyticsService(ctx)
        if start or end:
            period = Period(start, end, "custom")
        else:
            period = Period.named(args.period, service.now())
        try:
            report = service.report(args.id or None, period)
        except LookupError as exc:
            raise CliError(str(exc)) from exc
    finally:
        ctx.close()
    emit(args, report.as_dict(), lambda: human(report))
    return 0


def human(report) -> str:  # report: analytics.Report
    from wacampaign_desktop.core.ab_stats import sentence
    from wacampaign_desktop.core.twilio_gateway.errors import explain_error

    f = report.funnel
    title = (f"Campaign {report.campaign_id} \"{report.name}\"" if report.campaign_id
             else "All campaigns")
    when = {"all": "all time", "today": "today", "7d": "last 7 days", "30d": "last 30 days"}.get(
        report.period.label, f"{report.period.start or '…'} to {report.period.end or 'now'} (UTC)")
    lines = [f"{title}: {when}",
             f"  sent {f.sent}   delivered {f.delivered} ({_pct(f.rate('delivered'))} of sent)   "
             f"read {f.read} ({_pct(f.rate('read'))})   replied {f.replied} "
             f"({_pct(f.rate('replied'))})   failed {f.failed} ({_pct(f.rate('failed'))})",
             f"  not sent yet {f.waiting}, skipped or cancelled {f.skipped}, total {f.total}"]
    for label, times in (("deliver", report.deliver_time), ("read", report.read_time)):
        lines.append(f"  time to {label}: median {duration_words(times.median)}, 90 % within "
                     f"{duration_words(times.p90)} ({times.count} messages)")
    if report.failures:
        lines.append("  failures by error code:")
        lines += ["    " + line for line in table(
            [[row.code if row.code is not None else "—", row.count, _pct(row.share),
              explain_error(row.code).title if row.code is not None else "no code given"]
             for row in report.failures], ["CODE", "COUNT", "SHARE", "WHAT IT MEANS"]).splitlines()]
    if report.variants:
        lines.append("  variants (rates of sent):")
        lines += ["    " + line for line in table(
            [[v.name, v.funnel.sent, v.funnel.delivered, v.funnel.read, v.funnel.replied,
              _pct(v.funnel.rate("delivered")), _pct(v.funnel.rate("read")),
              _pct(v.funnel.rate("replied"))] for v in report.variants],
            ["VARIANT", "SENT", "DELIVERED", "READ", "REPLIED", "DELIVERY", "READ", "REPLY"]
        ).splitlines()]
        lines += [f"  {sentence(verdict)}" for verdict in report.comparisons]
    return "\n".join(lines)
