"""`campaign alerts ID [--failure-rate PCT] [--window N] [--undelivered-rate PCT]
[--silence MIN] [--clear]`: a campaign's own alert thresholds over the global settings
(File → Alerts and retries… in the window). A running app reads them when the campaign
(re)starts sending."""

from __future__ import annotations

import argparse

from wacampaign_desktop.cli import CliError
from wacampaign_desktop.cli.output import add_json, emit, open_context


def add_alerts_action(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("alerts", parents=[common],
                       help="a campaign's own alert thresholds (default: the settings')")
    p.add_argument("id", type=int, metavar="ID")
    p.add_argument("--failure-rate", type=float, metavar="PCT",
                   help="alert when more than PCT %% of the last messages failed (0: off)")
    p.add_argument("--window", type=int, metavar="N", help="… among the last N outcomes")
    p.add_argument("--undelivered-rate", type=float, metavar="PCT",
                   help="alert when more than PCT %% were not delivered (0: off)")
    p.add_argument("--silence", type=float, metavar="MIN",
                   help="alert after MIN minutes without a status callback while sending (0: off)")
    p.add_argument("--clear", action="store_true", help="use the settings' thresholds again")
    add_json(p)
    p.set_defaults(func=run_alerts)


def run_alerts(args: argparse.Namespace) -> int:
    from wacampaign_desktop.core.alerts_monitor import Thresholds
    from wacampaign_desktop.core.services.ab_test import alert_thresholds, set_alert_thresholds

    values: dict[str, float] = {}
    for option, name, scale in (("failure_rate", "failure_rate", 100), ("window", "window", 1),
                                ("undelivered_rate", "undelivered_rate", 100),
                                ("silence", "silence_minutes", 1)):
        value = getattr(args, option)
        if value is not None:
            values[name] = value / scale
    ctx = open_context(args)
    try:
        if args.clear:
            stored = set_alert_thresholds(args.id, None)
        elif values:
            stored = set_alert_thresholds(args.id, values)
        else:
            stored = alert_thresholds(args.id)
        effective = Thresholds.from_settings(ctx.settings).overridden(stored)
    except ValueError as exc:
        raise CliError(str(exc)) from exc
    finally:
        ctx.close()
    data = {"id": args.id, "own": stored, "failure_rate": effective.failure_rate,
            "window": effective.window, "undelivered_rate": effective.undelivered_rate,
            "silence_minutes": effective.silence_minutes}

    def pct(rate: float) -> str:
        return f"{rate:.0%}" if rate else "off"

    emit(args, data, f"campaign {args.id}: alert when more than {pct(effective.failure_rate)} "
         f"of the last {effective.window} failed, more than {pct(effective.undelivered_rate)} "
         f"not delivered, or no callback for "
         f"{f'{effective.silence_minutes:g} min' if effective.silence_minutes else 'ever (off)'}"
         f"{'' if stored else ' (the settings)'}")
    return 0
